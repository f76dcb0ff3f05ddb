// The console's HTTP server (fastify): the pages (one HTML shell each, drawn in the browser from the JSON
// API), the API under /api/v1 with its OpenAPI description, and the bundled assets. Every answer carries
// a strict Content-Security-Policy (nothing but this server's own scripts, styles and fonts) and a
// Server-Timing header with the time the server spent on it.
import { readFileSync } from "node:fs";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { z } from "zod";
import { KbError, KbValidationError, FilterError } from "../knowledge/index.js";
import { LockedError } from "../knowledge/lock.js";
import { AccountError } from "./accounts.js";
import type { AssetTable } from "./assets.js";
import type { ActiveSession } from "./auth.js";
import type { ConsoleContext } from "./context.js";
import { databaseUnavailable } from "../store/index.js";
import { pageFor, renderErrorPage, renderShell, type Boot } from "./pages.js";
import { allowed, API_PREFIX, ApiError, describeZodError, openApiDocument, type Route, type RouteResult } from "./routes.js";
import { parseCookies, serializeCookie } from "./cookies.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const LANG_COOKIE = "sahayak_lang";
const CHANGES = new Set(["POST", "PUT", "DELETE", "PATCH"]);
/** What a 503 asks the browser to wait before trying again: a database restart takes seconds. */
const RETRY_AFTER_S = 10;

declare module "fastify" {
  interface FastifyRequest {
    startedAt: number;
    consoleSession?: ActiveSession;
  }
}

export function buildServer(c: ConsoleContext, routes: readonly Route[], assets: AssetTable, https?: { cert: Buffer; key: Buffer }): FastifyInstance {
  const app = (https ? Fastify({ logger: false, https, bodyLimit: 1024 * 1024 }) : Fastify({ logger: false, bodyLimit: 1024 * 1024 })) as unknown as FastifyInstance;
  const cookieNames = c.cookieNames;

  app.addHook("onRequest", async (req) => {
    req.startedAt = performance.now();
  });
  app.addHook("onSend", async (req, reply, payload) => {
    reply.header("Content-Security-Policy", CSP);
    reply.header("X-Content-Type-Options", "nosniff");
    reply.header("Referrer-Policy", "no-referrer");
    reply.header("X-Frame-Options", "DENY");
    reply.header("Cross-Origin-Opener-Policy", "same-origin");
    reply.header("Cross-Origin-Resource-Policy", "same-origin");
    if (https) reply.header("Strict-Transport-Security", "max-age=31536000");
    if (!reply.hasHeader("Cache-Control")) reply.header("Cache-Control", "no-store");
    reply.header("Server-Timing", `app;dur=${(performance.now() - req.startedAt).toFixed(1)}`);
    return payload;
  });

  const sessionOf = async (req: FastifyRequest): Promise<ActiveSession | undefined> => {
    if (req.consoleSession) return req.consoleSession;
    const token = parseCookies(req.headers.cookie)[cookieNames.session];
    const session = await c.auth.session(token);
    req.consoleSession = session;
    return session;
  };

  /** A change must come from this console's own pages: same origin, and the session's CSRF token. */
  const checkChange = (req: FastifyRequest, expected: string | undefined) => {
    const origin = req.headers.origin;
    if (origin && origin !== `${https ? "https" : "http"}://${req.headers.host}`) throw new ApiError(403, "csrf", "the request came from another site");
    const token = req.headers["x-csrf-token"];
    if (!expected || typeof token !== "string" || !c.sameToken(token, expected)) throw new ApiError(403, "csrf", "the request lacks this page's CSRF token: reload the page and try again");
  };

  // the login form's token, before there is a session: a cookie the page's script cannot read, echoed in the page
  const loginToken = (req: FastifyRequest, reply: FastifyReply): string => {
    const existing = parseCookies(req.headers.cookie)[cookieNames.login];
    if (existing && /^[\w-]{43}$/.test(existing)) return existing;
    const token = c.newToken();
    reply.header("Set-Cookie", serializeCookie(cookieNames.login, token, { secure: !!https, maxAgeSeconds: 24 * 3600 }));
    return token;
  };

  app.addContentTypeParser(["application/x-ndjson", "application/jsonl", "application/octet-stream", "text/plain"], { parseAs: "buffer", bodyLimit: c.config.knowledge.maxFileBytes }, (_req, body, done) => done(null, body));

  for (const r of routes) {
    app.route({
      method: r.method,
      url: `${API_PREFIX}${r.path}`,
      bodyLimit: r.rawBody ? r.rawBody.maxBytes : undefined,
      handler: async (req, reply) => {
        const session = await sessionOf(req);
        if (r.access !== "public") {
          if (!session) throw new ApiError(401, "unauthenticated", "you are not logged in, or your session has expired: log in again");
          if (!allowed(session.role, r.access)) throw new ApiError(403, "forbidden", `this needs the ${r.access} role; you are ${session.role}`);
        }
        if (CHANGES.has(r.method)) checkChange(req, r.access === "public" ? parseCookies(req.headers.cookie)[cookieNames.login] : session?.csrf);
        const parse = <T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T => {
          if (!schema) return undefined as T;
          const parsed = schema.safeParse(value ?? {});
          if (!parsed.success) throw describeZodError(parsed.error, where);
          return parsed.data;
        };
        let body: unknown;
        if (r.rawBody) {
          if (!Buffer.isBuffer(req.body)) throw new ApiError(415, "unsupported_type", `send the file's bytes as ${r.rawBody.types.join(" or ")}`);
          body = req.body;
        } else body = parse(r.body, req.body, "request body");
        const result: RouteResult = await r.handler({
          params: parse(r.params, req.params, "path"),
          query: parse(r.query, req.query, "query"),
          body,
          session,
          address: req.ip,
          header: (name, value) => void reply.header(name, value),
        });
        if (result && typeof result === "object" && "raw" in result && Buffer.isBuffer((result as { raw: unknown }).raw)) {
          const raw = result as { raw: Buffer; type: string; status?: number };
          return reply.code(raw.status ?? 200).type(raw.type).send(raw.raw);
        }
        return reply.code(r.status ?? 200).send(result ?? { ok: true });
      },
    });
  }
  const openapi = openApiDocument(routes, { version: pkg.version });
  app.get(`${API_PREFIX}/openapi.json`, async () => openapi);

  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith(API_PREFIX)) return reply.code(404).send({ error: { code: "not_found", message: `no API route ${req.method} ${req.url.split("?")[0]}` } });
    return reply.code(404).type("text/plain; charset=utf-8").send("not found");
  });

  app.setErrorHandler(async (err, req, reply) => {
    const e = databaseUnavailable(err) ? unavailable(c.store.kind) : apiErrorOf(err);
    if (e.status >= 500) c.log.error({ err: (err as Error).message, url: req.url.split("?")[0] }, "console request failed");
    if (e.status === 503) reply.header("Retry-After", String(RETRY_AFTER_S));
    // a page asked for by the browser gets a page saying what is wrong, not the API's JSON
    if (!req.url.startsWith(API_PREFIX) && req.method === "GET") return reply.code(e.status).type("text/html; charset=utf-8").send(renderErrorPage(langOf(req), e.message, assets));
    return reply.code(e.status).send({ error: { code: e.code, message: e.message, ...e.details } });
  });

  // assets: hashed names, so they may be kept for good
  app.get("/assets/*", async (req, reply) => {
    const path = (req.params as { "*": string })["*"];
    const a = assets.files.get(path);
    if (!a) return reply.code(404).type("text/plain").send("not found");
    reply.header("Cache-Control", "public, max-age=31536000, immutable").header("ETag", a.etag).type(a.type);
    if (req.headers["if-none-match"] === a.etag) return reply.code(304).send();
    return reply.send(a.body);
  });

  // pages: the shell, or the way to the login page
  app.get("/", async (_req, reply) => reply.redirect("/overview", 303));
  app.get("/*", async (req, reply) => {
    const url = new URL(req.url, "http://console");
    if (url.pathname.startsWith(`${API_PREFIX}/`)) return reply.code(404).send({ error: { code: "not_found", message: `no API route ${req.method} ${url.pathname}` } });
    const page = pageFor(url.pathname);
    if (!page) return reply.code(404).type("text/plain; charset=utf-8").send("not found");
    const lang = langOf(req);
    const session = await sessionOf(req);
    const boot: Boot = { page: page.name, params: page.params, lang, version: pkg.version, liveRefreshMs: c.config.console.liveRefreshMs, pageSize: c.config.console.pageSize };
    if (page.name === "login") {
      if (session) return reply.redirect(safeNext(url.searchParams.get("next")), 303);
      boot.csrf = loginToken(req, reply);
      boot.noAccounts = (await c.store.users.list()).length === 0;
    } else {
      if (!session) return reply.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      boot.user = session.user;
      boot.role = session.role;
      boot.csrf = session.csrf;
      boot.inServe = !!c.liveCalls;
      if (!allowed(session.role, page.access)) {
        boot.page = "forbidden";
        reply.code(403);
      }
    }
    return reply.type("text/html; charset=utf-8").send(renderShell(boot, assets));
  });
  return app;
}

function langOf(req: FastifyRequest): "en" | "hi" {
  return parseCookies(req.headers.cookie)[LANG_COOKIE] === "hi" ? "hi" : "en";
}

/** The store's database cannot be used now: what to check, without its address or credentials (those are in the server's log). */
function unavailable(kind: "sqlite" | "postgres"): ApiError {
  const where = kind === "postgres" ? "the cluster's PostgreSQL database (store.postgres.url)" : "its SQLite database in the data directory";
  return new ApiError(503, "database_unavailable", `the console cannot use ${where} just now; calls go on being answered. Check that the database is running and reachable (the console's log says what failed), then reload this page.`);
}

/** Only a path on this console, never another site. */
function safeNext(next: string | null): string {
  return next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) && !next.startsWith("/login") ? next : "/overview";
}

function apiErrorOf(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof KbValidationError) return new ApiError(422, "invalid_record", err.message, { problems: err.problems });
  if (err instanceof KbError) return new ApiError(err.kind === "not_found" ? 404 : err.kind === "conflict" ? 409 : err.kind === "invalid" ? 400 : 500, err.kind, err.message);
  if (err instanceof LockedError) return new ApiError(409, "busy", err.message);
  if (err instanceof FilterError) return new ApiError(400, "invalid_filter", err.message);
  if (err instanceof AccountError) return new ApiError(err.kind === "not_found" ? 404 : err.kind === "conflict" ? 409 : 400, err.kind, err.message);
  const e = err as { statusCode?: number; code?: string; message?: string };
  // fastify's own: a body too large, bad JSON, a wrong content type
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new ApiError(e.statusCode, e.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? "too_large" : "bad_request", e.message ?? "bad request");
  return new ApiError(500, "internal", "the console failed to do this; the server's log says why");
}
