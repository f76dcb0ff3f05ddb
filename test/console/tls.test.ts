// The console over TLS (console.tls): a self-signed certificate made at test time with Debian's openssl,
// the login page and the API served over HTTPS to a client that trusts it, the session cookie Secure and
// __Host- prefixed (bound to this host), HSTS sent, and no plain HTTP on the same port.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { Agent, request as httpsRequest } from "node:https";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PASSWORDS, startConsoleFixture, USERS, type ConsoleFixture } from "./fixture.js";
import { tempDir } from "../helpers.js";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request through `agent` (which trusts the test's certificate, or not). */
function get(url: string, agent: Agent, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { agent, method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const setCookies = (a: Answer): string[] => (a.headers["set-cookie"] as string[] | undefined) ?? [];
const cookieNamed = (a: Answer, name: string): string | undefined => setCookies(a).find((c) => c.startsWith(`${name}=`));

describe("console over TLS", () => {
  const certs = tempDir("sahayak-console-tls-");
  const certFile = join(certs.path, "console.crt");
  const keyFile = join(certs.path, "console.key");
  let f: ConsoleFixture;
  let trusting: Agent;

  before(async () => {
    // a certificate for the loopback address the console listens on, valid for a day
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", keyFile, "-out", certFile], { stdio: "pipe" });
    trusting = new Agent({ ca: readFileSync(certFile), keepAlive: false });
    f = await startConsoleFixture({ config: { console: { tls: { certFile, keyFile } } } });
  });
  after(async () => {
    await f?.cleanup();
    trusting?.destroy();
    certs.cleanup();
  });

  it("listens on https; a client that does not trust the certificate is refused by TLS", async () => {
    assert.match(f.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    await assert.rejects(get(`${f.url}/login`, new Agent({ keepAlive: false })), /self[- ]signed|unable to verify|certificate/i);
  });

  it("serves the login page over TLS with a Secure, __Host- login cookie and HSTS", async () => {
    const page = await get(`${f.url}/login`, trusting);
    assert.equal(page.status, 200);
    assert.match(String(page.headers["content-type"]), /text\/html/);
    assert.match(page.body, /<form|login/i);
    assert.match(String(page.headers["strict-transport-security"]), /max-age=\d+/);
    const login = cookieNamed(page, "__Host-sahayak_login");
    assert.ok(login, setCookies(page).join("\n"));
    assert.match(login, /; Secure/);
    assert.match(login, /; Path=\/(;|$)/);
    assert.doesNotMatch(login, /Domain=/i, "a __Host- cookie has no Domain");
  });

  it("logs in and calls the API over TLS: the session cookie is Secure, HttpOnly, SameSite=Strict and __Host- prefixed", async () => {
    const page = await get(`${f.url}/login`, trusting);
    const loginCookie = cookieNamed(page, "__Host-sahayak_login")!.split(";")[0]!;
    const token = decodeURIComponent(loginCookie.split("=")[1]!);
    const body = JSON.stringify({ user: USERS.viewer, password: PASSWORDS.viewer });
    const login = await get(`${f.url}/api/v1/login`, trusting, { method: "POST", headers: { "content-type": "application/json", cookie: loginCookie, "x-csrf-token": token, origin: f.url }, body });
    assert.equal(login.status, 200, login.body);
    const session = cookieNamed(login, "__Host-sahayak_session");
    assert.ok(session, setCookies(login).join("\n"));
    for (const attribute of ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"]) assert.ok(session.split("; ").includes(attribute), `${attribute} in ${session}`);
    assert.doesNotMatch(session, /Domain=/i);
    assert.ok(!setCookies(login).some((c) => c.startsWith("sahayak_session=")), "no unprefixed session cookie over TLS");

    const cookie = session.split(";")[0]!;
    const me = await get(`${f.url}/api/v1/session`, trusting, { headers: { cookie } });
    assert.equal(me.status, 200, me.body);
    assert.match(me.body, new RegExp(USERS.viewer));
    // the unprefixed name a plain-HTTP console would use is not a session here
    const renamed = await get(`${f.url}/api/v1/calls`, trusting, { headers: { cookie: cookie.replace("__Host-sahayak_session", "sahayak_session") } });
    assert.equal(renamed.status, 401);
    const calls = await get(`${f.url}/api/v1/calls`, trusting, { headers: { cookie } });
    assert.equal(calls.status, 200, calls.body);
  });

  it("plain HTTP on the TLS port gets no page", async () => {
    const port = Number(new URL(f.url).port);
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/login", agent: false }, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve(`status ${res.statusCode}: ${body.slice(0, 80)}`));
      });
      req.on("error", (err) => resolve(`error ${err.message}`));
      req.setTimeout(5000, () => req.destroy(new Error("timed out")));
      req.end();
    });
    assert.ok(!/^status 2\d\d/.test(outcome) && !outcome.includes("<form"), outcome);
  });
});

describe("console TLS misconfigured", () => {
  it("a certificate it cannot read stops the console with the paths named", async () => {
    const dir = tempDir("sahayak-console-tls-missing-");
    try {
      const certFile = join(dir.path, "missing.crt");
      await assert.rejects(startConsoleFixture({ config: { console: { tls: { certFile, keyFile: join(dir.path, "missing.key") } } } }), (err: Error) => err.message.includes("console.tls") && err.message.includes(certFile));
    } finally {
      dir.cleanup();
    }
  });
});
