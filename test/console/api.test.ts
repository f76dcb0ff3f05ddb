// The console's API without a browser: who may call what (every route, every role), CSRF, the session's
// cookie and lifetime, lock-out and throttling on the store's clock, the audit of logins and transcript
// views, the OpenAPI description, and the headers that keep the pages to their own origin.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ROLE_RANK, type Route } from "../../src/console/routes.js";
import type { Role } from "../../src/store/index.js";
import { apiLogin, PASSWORDS, startConsoleFixture, USERS, type ConsoleFixture } from "./fixture.js";

const MINUTE = 60_000;

describe("console API", () => {
  let f: ConsoleFixture;
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;

  before(async () => {
    f = await startConsoleFixture();
    for (const role of ["viewer", "editor", "admin"] as const) sessions[role] = await apiLogin(f.url, role);
    await f.store.calls.insert(
      {
        callId: "call-1",
        startedAt: new Date().toISOString(),
        durationMs: 9000,
        lang: "en",
        mode: "speech",
        outcome: "goodbye",
        states: [],
        turns: [
          { role: "caller", atMs: 2000, text: "my number is 9876543210, what is pm kisan", lang: "en", action: "question", confidence: 0.9, timings: { endOfSpeechMs: 2000, recogniserFinalMs: 2040 } },
          { role: "sahayak", atMs: 2600, text: "PM-KISAN gives farmers 6,000 rupees a year.", lang: "en", action: "answer", schemeIds: ["pm-kisan"], timings: { replyReadyMs: 2300, firstAudioMs: 2600, voiceToVoiceMs: 600 } },
        ],
      },
      { callerHash: "h" },
    );
  });
  after(() => f?.cleanup());

  const call = (method: string, path: string, options: { as?: Role; body?: unknown; csrf?: string | null; headers?: Record<string, string> } = {}) => {
    const session = options.as ? sessions[options.as] : undefined;
    const headers: Record<string, string> = { ...options.headers };
    if (session) headers.cookie = session.cookie;
    const csrf = options.csrf === undefined ? session?.csrf : options.csrf;
    if (csrf) headers["x-csrf-token"] = csrf;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    return fetch(`${f.url}/api/v1${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), redirect: "manual" });
  };

  /** A request each route accepts the shape of (or refuses by validation, never by role). */
  const sample = (r: Route): { path: string; body?: unknown } => {
    const path = r.path.replace(":id", r.path.startsWith("/calls") ? "call-1" : r.path.startsWith("/try") ? "AAAAAAAAAAAAAAAA" : "pm-kisan").replace(":name", USERS.viewer);
    return { path, body: r.method === "GET" ? undefined : {} };
  };

  it("every route answers 401 without a session (but login), 403 to a role below its own, and lets its role and those above through", async () => {
    const checked: string[] = [];
    for (const r of f.routes) {
      if (r.path === "/logout") continue;
      const { path, body } = sample(r);
      const anonymous = await call(r.method, path, { body, csrf: null });
      if (r.access === "public") assert.notEqual(anonymous.status, 401, `${r.method} ${r.path} is public`);
      else assert.equal(anonymous.status, 401, `${r.method} ${r.path} without a session`);
      if (r.access === "public") continue;
      for (const role of ["viewer", "editor", "admin"] as const) {
        const response = await call(r.method, path, { as: role, body });
        const answer = (await response.json().catch(() => ({}))) as { error?: { code: string } };
        if (ROLE_RANK[role] < ROLE_RANK[r.access]) assert.equal(response.status, 403, `${r.method} ${r.path} as ${role}: ${JSON.stringify(answer)}`);
        else assert.ok(response.status !== 401 && response.status !== 403, `${r.method} ${r.path} as ${role} answered ${response.status} ${JSON.stringify(answer)}`);
        if (response.status === 403) assert.equal(answer.error?.code, "forbidden");
      }
      checked.push(`${r.method} ${r.path}`);
    }
    // the matrix the issue asks for: viewers read, editors change the knowledge base, admins manage accounts
    const access = Object.fromEntries(f.routes.map((r) => [`${r.method} ${r.path}`, r.access]));
    assert.equal(access["GET /calls/:id"], "viewer");
    assert.equal(access["PUT /kb/schemes/:id"], "editor");
    assert.equal(access["POST /kb/rollback"], "editor");
    assert.equal(access["POST /kb/import"], "editor");
    assert.equal(access["POST /users"], "admin");
    assert.equal(access["PUT /users/:name"], "admin");
    assert.ok(checked.length >= 20, `${checked.length} routes checked`);
  });

  it("a change without the session's CSRF token, with another's, or from another origin is refused and changes nothing", async () => {
    const edit = { reason: "csrf test", set: [{ path: "tags", value: ["csrf"] }] };
    for (const [what, options] of [
      ["no token", { csrf: null }],
      ["a wrong token", { csrf: "x".repeat(43) }],
      ["another session's token", { csrf: sessions.admin.csrf }],
      ["another origin", { headers: { origin: "http://evil.example" } }],
    ] as const) {
      const response = await call("PUT", "/kb/schemes/pm-kisan", { as: "editor", body: edit, ...options });
      assert.equal(response.status, 403, what);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, "csrf", what);
    }
    const scheme = (await (await call("GET", "/kb/schemes/pm-kisan", { as: "viewer" })).json()) as { kbVersion: number; record: { tags: string[] } };
    assert.equal(scheme.kbVersion, 1);
    assert.ok(!scheme.record.tags.includes("csrf"));
    // the login form has its own token, bound to a cookie
    const login = await fetch(`${f.url}/api/v1/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user: USERS.viewer, password: PASSWORDS.viewer }) });
    assert.equal(login.status, 403);
  });

  it("the session cookie is HttpOnly, SameSite=Strict, for the whole site, with an expiry; an idle session ends, and so does one past its maximum age", async () => {
    const page = await fetch(`${f.url}/login`);
    const loginCookie = page.headers.getSetCookie()[0]!;
    const token = /sahayak_login=([^;]+)/.exec(loginCookie)![1]!;
    const response = await fetch(`${f.url}/api/v1/login`, { method: "POST", headers: { "content-type": "application/json", cookie: `sahayak_login=${token}`, "x-csrf-token": token }, body: JSON.stringify({ user: USERS.viewer, password: PASSWORDS.viewer }) });
    assert.equal(response.status, 200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("sahayak_session="))!;
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Strict/);
    assert.match(cookie, /; Path=\//);
    assert.match(cookie, new RegExp(`; Max-Age=${f.config.console.session.maxHours * 3600}`));
    const session = cookie.split(";")[0]!;
    const get = () => fetch(`${f.url}/api/v1/session`, { headers: { cookie: session } });
    assert.equal((await get()).status, 200);
    // used every 20 minutes it lives until its maximum age
    const start = f.clock.offsetMs;
    try {
      for (let t = 20; t < f.config.console.session.maxHours * 60; t += 20) {
        f.clock.offsetMs = start + t * MINUTE;
        assert.equal((await get()).status, 200, `${t} min after login`);
      }
      f.clock.offsetMs = start + f.config.console.session.maxHours * 60 * MINUTE + MINUTE;
      assert.equal((await get()).status, 401, "past the maximum age");
      // an idle one ends after idleMinutes; a page then goes to the login page
      f.clock.offsetMs = start;
      const idle = await apiLogin(f.url, "viewer");
      f.clock.offsetMs = start + (f.config.console.session.idleMinutes + 1) * MINUTE;
      assert.equal((await fetch(`${f.url}/api/v1/session`, { headers: { cookie: idle.cookie } })).status, 401);
      const pageAfter = await fetch(`${f.url}/calls`, { headers: { cookie: idle.cookie }, redirect: "manual" });
      assert.equal(pageAfter.status, 303);
      assert.equal(pageAfter.headers.get("location"), "/login?next=%2Fcalls");
    } finally {
      f.clock.offsetMs = start;
    }
  });

  it("wrong passwords lock the account (even the right one is refused until the lock-out passes); failures from one address are throttled; all audited", async () => {
    const start = f.clock.offsetMs;
    assert.equal(start, 0);
    const accounts = (await import("../../src/console/index.js")).Accounts;
    await new accounts(f.store, f.config.console).add("test", "lockme", "viewer", "secret-pass-4711");
    const tryLogin = async (user: string, password: string) => {
      const page = await fetch(`${f.url}/login`);
      const token = /sahayak_login=([^;]+)/.exec(page.headers.getSetCookie()[0]!)![1]!;
      const r = await fetch(`${f.url}/api/v1/login`, { method: "POST", headers: { "content-type": "application/json", cookie: `sahayak_login=${token}`, "x-csrf-token": token }, body: JSON.stringify({ user, password }) });
      return { status: r.status, body: (await r.json()) as { error?: { code: string; retryAfterSeconds?: number } } };
    };
    try {
      const max = f.config.console.login.maxFailures;
      for (let i = 1; i < max; i++) assert.equal((await tryLogin("lockme", "wrong")).body.error?.code, "bad_credentials", `failure ${i}`);
      const locked = await tryLogin("lockme", "wrong");
      assert.equal(locked.status, 423);
      assert.equal(locked.body.error?.retryAfterSeconds, f.config.console.login.lockMinutes * 60);
      assert.equal((await tryLogin("lockme", "secret-pass-4711")).status, 423, "the right password while locked");
      f.clock.offsetMs = start + (f.config.console.login.lockMinutes + 1) * MINUTE;
      assert.equal((await tryLogin("lockme", "secret-pass-4711")).status, 200, "after the lock-out");
      // an address that keeps failing waits, whichever name it tries
      const perAddress = f.config.console.login.maxFailuresPerAddress;
      for (let i = 0; i < perAddress; i++) await tryLogin(`nobody${i}`, "wrong");
      const throttled = await tryLogin(USERS.viewer, PASSWORDS.viewer);
      assert.equal(throttled.status, 429);
      assert.ok(throttled.body.error!.retryAfterSeconds! > 0);
      f.clock.offsetMs += (f.config.console.login.throttleWindowMinutes + 1) * MINUTE;
      assert.equal((await tryLogin(USERS.viewer, PASSWORDS.viewer)).status, 200, "after the window");
      const audit = (await f.store.audit.query({ limit: 500 })).entries;
      const of = (action: string, target: string) => audit.filter((e) => e.action === action && e.target === target);
      assert.equal(of("login.failed", "lockme").length, max + 1);
      assert.equal(of("login.locked", "lockme").length, 1);
      assert.equal(of("login", "lockme").length, 1);
      assert.ok(audit.some((e) => e.action === "login.throttled"));
      assert.ok(of("login.failed", "nobody0")[0]!.details && (of("login.failed", "nobody0")[0]!.details as { reason: string }).reason === "unknown user");
    } finally {
      // time only moves on: the sessions made before are idle past their limit now
      for (const role of ["viewer", "editor", "admin"] as const) sessions[role] = await apiLogin(f.url, role);
    }
  });

  it("a password hashed with earlier scrypt parameters still logs in, and is remade with the configured ones", async () => {
    const { hashPassword } = await import("../../src/console/accounts.js");
    const configured = f.config.console.password;
    const earlier = await hashPassword("older-pass-4711", { ...configured, scryptCost: configured.scryptCost * 2 });
    assert.ok(await f.store.users.insert("oldhash", "viewer", earlier));
    const wrong = await apiLogin(f.url, "viewer", { user: "oldhash", password: "not-it-4711" }).catch((err: Error) => err);
    assert.ok(wrong instanceof Error, "a wrong password is still wrong");
    assert.equal((await f.store.users.get("oldhash"))!.password_hash, earlier, "a failed login leaves the hash alone");
    await apiLogin(f.url, "viewer", { user: "oldhash", password: "older-pass-4711" });
    const remade = (await f.store.users.get("oldhash"))!.password_hash;
    assert.notEqual(remade, earlier);
    assert.deepEqual(remade.split("$").slice(0, 4), ["scrypt", String(configured.scryptCost), String(configured.scryptBlockSize), String(configured.scryptParallelism)]);
    await apiLogin(f.url, "viewer", { user: "oldhash", password: "older-pass-4711" });
    assert.equal((await f.store.users.get("oldhash"))!.password_hash, remade, "a current hash is kept");
  });

  it("a transcript view is audited with the viewer's name; the caller's number is redacted", async () => {
    const response = await call("GET", "/calls/call-1", { as: "viewer" });
    assert.equal(response.status, 200);
    const detail = (await response.json()) as { turnList: { text: string }[] };
    assert.equal(detail.turnList[0]!.text, "my number is [phone], what is pm kisan");
    const views = (await f.store.audit.query({ action: "calls.show", target: "call-1" })).entries;
    assert.equal(views[0]?.actor, USERS.viewer);
  });

  it("a disabled account's sessions end at once; logging out ends a session", async () => {
    const own = await apiLogin(f.url, "viewer");
    const admin = sessions.admin;
    const disable = await fetch(`${f.url}/api/v1/users/${USERS.viewer}`, { method: "PUT", headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf, "content-type": "application/json" }, body: JSON.stringify({ disabled: true }) });
    assert.equal(disable.status, 200);
    assert.equal((await fetch(`${f.url}/api/v1/session`, { headers: { cookie: own.cookie } })).status, 401);
    await fetch(`${f.url}/api/v1/users/${USERS.viewer}`, { method: "PUT", headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf, "content-type": "application/json" }, body: JSON.stringify({ disabled: false }) });
    const again = await apiLogin(f.url, "viewer");
    const out = await fetch(`${f.url}/api/v1/logout`, { method: "POST", headers: { cookie: again.cookie, "x-csrf-token": again.csrf, "content-type": "application/json" }, body: "{}" });
    assert.equal(out.status, 200);
    assert.equal((await fetch(`${f.url}/api/v1/session`, { headers: { cookie: again.cookie } })).status, 401);
    sessions.viewer = await apiLogin(f.url, "viewer");
  });

  it("the OpenAPI description lists every route with its method, role and parameters", async () => {
    const doc = (await (await fetch(`${f.url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { description: string; parameters: { name: string }[] }>> };
    assert.equal(doc.openapi, "3.1.0");
    for (const r of f.routes) {
      const op = doc.paths[`/api/v1${r.path.replace(/:(\w+)/g, "{$1}")}`]?.[r.method.toLowerCase()];
      assert.ok(op, `${r.method} ${r.path} is described`);
      if (r.access !== "public") assert.match(op.description, new RegExp(`Role: ${r.access}`));
    }
    assert.ok(doc.paths["/api/v1/calls"]!.get!.parameters.some((p) => p.name === "outcome"));
  });

  it("pages and answers carry a policy that allows only this console's own scripts, styles and fonts", async () => {
    const response = await fetch(`${f.url}/login`);
    const csp = response.headers.get("content-security-policy")!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /font-src 'self'(;|$)/);
    assert.equal(response.headers.get("x-frame-options"), "DENY");
    assert.match(response.headers.get("server-timing")!, /^app;dur=\d/);
    const html = await response.text();
    for (const ref of html.matchAll(/(?:src|href)="([^"]+)"/g)) assert.ok(/^(\/(?!\/)|#|data:)/.test(ref[1]!), `local reference: ${ref[1]}`);
    const css = await (await fetch(`${f.url}${/href="(\/assets\/[^"]+\.css)"/.exec(html)![1]}`)).text();
    for (const url of css.matchAll(/url\(([^)]+)\)/g)) assert.ok(!/^["']?(https?:)?\/\//.test(url[1]!), `local font: ${url[1]}`);
  });
});
