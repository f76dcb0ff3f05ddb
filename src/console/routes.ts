// How the console's JSON API is declared: each route names its method, path, the least role that may call
// it, and zod schemas for its path parameters, query and body. The same declarations check every request
// and make the OpenAPI description, so the two cannot drift apart.
import { z } from "zod";
import type { Role } from "../store/index.js";
import type { ActiveSession } from "./auth.js";

export const API_PREFIX = "/api/v1";

/** Who may call a route: anyone (login), or a role and every role above it. */
export type Access = "public" | Role;

export const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export function allowed(role: Role, access: Access): boolean {
  return access === "public" || ROLE_RANK[role] >= ROLE_RANK[access];
}

/** An error the API answers with: HTTP status, a stable code the pages translate, and a sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface RequestContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Absent only on public routes. */
  session: ActiveSession | undefined;
  address: string;
  /** Sets a response header (cookies, content type). */
  header(name: string, value: string | string[]): void;
}

/** What a route answers: JSON by default, or bytes with their type. */
export type RouteResult = unknown | { raw: Buffer; type: string; status?: number };

export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Under /api/v1, fastify style: /calls/:id */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** JSON body; `rawBody` takes the bytes of the file being uploaded instead. */
  body?: z.ZodType<B>;
  rawBody?: { maxBytes: number; types: string[] };
  /** What it answers (for the description). */
  response?: z.ZodType;
  /** Status of a successful answer. */
  status?: number;
  handler(ctx: RequestContext<P, Q, B>): Promise<RouteResult> | RouteResult;
}

/** Declares a route, keeping its schemas' types for the handler. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(r: Route<P, Q, B>): Route {
  return r as unknown as Route;
}

/** A zod problem list as one sentence per field. */
export function describeZodError(error: z.ZodError, where: string): ApiError {
  const problems = error.issues.map((i) => ({ path: i.path.join("."), reason: i.message }));
  return new ApiError(400, "invalid_request", `the ${where} is not valid: ${problems.map((p) => `${p.path || where}: ${p.reason}`).join("; ")}`, { problems });
}

// --- schemas shared by routes ---

/** A number in a query string. */
export const queryInt = (min = 0) => z.coerce.number().int().min(min);
export const queryBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** OpenAPI 3.1 description of the routes. */
export function openApiDocument(routes: readonly Route[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `${API_PREFIX}${r.path.replace(/:(\w+)/g, "{$1}")}`;
    const parameters: unknown[] = [];
    const addParameters = (schema: z.ZodType | undefined, place: "path" | "query") => {
      if (!schema) return;
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(json.properties ?? {})) parameters.push({ name, in: place, required: place === "path" || (json.required ?? []).includes(name), schema: s });
    };
    addParameters(r.params, "path");
    addParameters(r.query, "query");
    const operation: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      description: r.access === "public" ? "No session needed." : `Role: ${r.access} or above.${r.method === "GET" ? "" : " Needs the X-CSRF-Token header."}`,
      parameters,
      responses: {
        [String(r.status ?? 200)]: { description: "done", content: { "application/json": { schema: r.response ? z.toJSONSchema(r.response, { unrepresentable: "any" }) : {} } } },
        default: { description: "an error: {error: {code, message}}", content: { "application/json": { schema: errorSchemaJson } } },
      },
    };
    if (r.access !== "public") operation.security = [{ session: [] }];
    if (r.body) operation.requestBody = { required: true, content: { "application/json": { schema: z.toJSONSchema(r.body, { io: "input", unrepresentable: "any" }) } } };
    if (r.rawBody) operation.requestBody = { required: true, content: Object.fromEntries(r.rawBody.types.map((t) => [t, { schema: { type: "string", format: "binary" } }])) };
    (paths[path] ??= {})[r.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Sahayak console API", version: info.version, description: "The JSON API the console's pages use. A session cookie (from POST /api/v1/login) authenticates; every change needs the session's CSRF token in X-CSRF-Token." },
    components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "sahayak_session" } } },
    paths,
  };
}

const errorSchemaJson = {
  type: "object",
  properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } }, required: ["code", "message"] } },
  required: ["error"],
};
