// The console under a helpline's history: 10,000 call records over the last 30 days (three questions a
// call, a third of them unanswered: a pessimistic mix; refusals, fallbacks, Hindi and English, speech and
// keypad) and the real schemes
// imported as the sysadmin imports them. Every page and every API route is asked for as a logged-in admin
// would ask, and the server's own time for it is read from the Server-Timing header the console sets on
// every answer (from the request's arrival to its answer being sent). Reported per route: the p95 of its
// requests and the slowest of all.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, projectRoot } from "../src/config.js";
import { Accounts, PAGES, startStandaloneConsole } from "../src/console/index.js";
import { createLogger } from "../src/ops/log.js";
import { openStoreBackend, type CallToStore } from "../src/store/index.js";
import { PgServer } from "../test/store/pg-server.js";
import { percentile, sharedDir } from "./questions.js";

const CALLS = 10_000;
const DAYS = 30;
const DAY_MS = 86_400_000;
/** Requests per route: the p95 of these is the route's figure. */
const REPEATS = 20;
const ADMIN = { name: "bench-admin", password: "mango-orchard-4711" };
/** Records written to PostgreSQL at once (its outbox takes them in batches). */
const WRITE_CHUNK = 500;

/** Questions a caller might ask, and what Sahayak did with them (a mix like the dev questions'). */
const QUESTIONS: { text: string; lang: string; reply: string; action: string; schemeIds?: string[] }[] = [
  { text: "what is pm kisan and how much money does it give", lang: "en", reply: "PM Kisan gives 6,000 rupees a year in three instalments to landholding farmer families.", action: "answer", schemeIds: ["pm-kisan"] },
  { text: "मुझे आयुष्मान भारत कार्ड कैसे मिलेगा", lang: "hi", reply: "आयुष्मान भारत में परिवार को हर साल पाँच लाख रुपये तक का इलाज मुफ़्त मिलता है।", action: "answer", schemeIds: ["ab-pmjay"] },
  { text: "which documents do I need for the atal pension yojana, my number is 9876543210", lang: "en", reply: "For Atal Pension Yojana you need a savings bank account and your Aadhaar.", action: "answer", schemeIds: ["apy"] },
  { text: "how do I get a ration card in bihar", lang: "en", reply: "I can only help with government schemes.", action: "out_of_scope" },
  { text: "pension yojana", lang: "hi", reply: "आप किस पेंशन योजना के बारे में पूछ रहे हैं?", action: "clarify", schemeIds: ["apy", "nsap-ignoaps"] },
  { text: "what is the interest rate on the sukanya scheme this quarter", lang: "en", reply: "I do not have that information.", action: "no_info" },
];
const OUTCOMES = ["goodbye", "goodbye", "goodbye", "caller_hangup", "caller_hangup", "transfer", "silence", "busy", "rate_limited", "error"];

function callRecord(i: number, startedAt: number): CallToStore {
  const outcome = OUTCOMES[i % OUTCOMES.length]!;
  if (outcome === "busy" || outcome === "rate_limited") return { callId: `bench-${i}`, startedAt: new Date(startedAt).toISOString(), durationMs: 300, mode: "speech", outcome, states: [], turns: [] };
  const keypad = i % 7 === 0;
  const turns: CallToStore["turns"] = [];
  let at = 4000;
  for (let q = 0; q < 3; q++) {
    const question = QUESTIONS[(i + q) % QUESTIONS.length]!;
    const endOfSpeechMs = at;
    turns.push({ role: "caller", atMs: at, text: question.text, lang: question.lang, action: "question", confidence: 0.82, timings: { endOfSpeechMs } });
    const replyMs = 450 + ((i * 37 + q * 101) % 600);
    const action = i % 23 === 0 && q === 1 ? "prompt:answerFailed" : question.action;
    turns.push({ role: "sahayak", atMs: at + replyMs, text: question.reply, lang: question.lang, action, schemeIds: question.schemeIds, timings: { endOfSpeechMs, asrFinalMs: endOfSpeechMs + 120, replyReadyMs: endOfSpeechMs + replyMs - 180, firstPacketMs: endOfSpeechMs + replyMs, voiceToVoiceMs: replyMs } });
    at += replyMs + 9000;
  }
  return { callId: `bench-${i}`, startedAt: new Date(startedAt).toISOString(), durationMs: at + 2000, lang: turns[0]!.lang, mode: keypad ? "keypad" : "speech", outcome, states: [{ state: "greeting", atMs: 0 }, { state: "listening", atMs: 3000 }, { state: "ended", atMs: at + 2000 }], turns };
}

function cookieFrom(response: Response, name: string): string {
  return (response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`)) ?? "").split(";")[0]!;
}

/** The server's own time (ms) from a Server-Timing header "app;dur=12.3". */
function serverMs(response: Response): number {
  const m = /app;dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "");
  if (!m) throw new Error(`no Server-Timing on ${response.url} (${response.status})`);
  return Number(m[1]);
}

/**
 * The console over one store backend: the node's SQLite file, or a PostgreSQL (a private server on loopback,
 * the store tests' harness) holding the records of two nodes.
 */
export async function benchConsole(backend: "sqlite" | "postgres" = "sqlite"): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), "sahayak-bench-console-"));
  const server = backend === "postgres" ? await PgServer.start() : undefined;
  const store = server ? { backend, postgres: { url: await server.newDatabase() } } : {};
  const config = loadConfig({ env: {}, overrides: { dataDir, console: { port: 0 }, store } });
  let close: (() => Promise<void>) | undefined;
  try {
    // the real schemes, imported by the CLI as the sysadmin imports them
    const imported = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "src", "cli", "main.ts"), "--data-dir", dataDir, "kb", "import", join(sharedDir, "data", "schemes.jsonl"), "--reason", "bench", "--actor", "bench"], { encoding: "utf8", env: { ...process.env, LANCEDB_LOG: "error" } });
    if (imported.status !== 0) throw new Error(`kb import failed: ${imported.stderr}`);

    const store = await openStoreBackend(dataDir, config.store);
    try {
      const now = Date.now();
      for (let from = 0; from < CALLS; from += WRITE_CHUNK) {
        const chunk = Array.from({ length: Math.min(WRITE_CHUNK, CALLS - from) }, (_, j) => from + j);
        await Promise.all(chunk.map((i) => store.calls.insert(callRecord(i, now - ((CALLS - i) / CALLS) * DAYS * DAY_MS), { callerHash: store.callers.hash(`98${String(i % 2000).padStart(8, "0")}`) })));
      }
      await new Accounts(store, config.console).add("bench", ADMIN.name, "admin", ADMIN.password);
    } finally {
      await store.close();
    }

    const running = await startStandaloneConsole(config, createLogger("silent"));
    close = () => running.close();
    const url = running.url;
    const loginPage = await fetch(`${url}/login`);
    const loginCookie = cookieFrom(loginPage, "sahayak_login");
    const login = await fetch(`${url}/api/v1/login`, { method: "POST", headers: { "content-type": "application/json", cookie: loginCookie, "x-csrf-token": loginCookie.split("=")[1]! }, body: JSON.stringify({ user: ADMIN.name, password: ADMIN.password }) });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = cookieFrom(login, "sahayak_session");
    const { csrf } = (await login.json()) as { csrf: string };

    const figures: Record<string, unknown> = { backend, callRecords: CALLS };
    const slowest = { page: 0, api: 0 };
    const covered = new Set<string>();
    const measure = async (label: string, kind: "page" | "api", request: () => Promise<Response>) => {
      const times: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const response = await request();
        if (!response.ok) throw new Error(`${label}: ${response.status} ${(await response.text()).slice(0, 300)}`);
        await response.arrayBuffer();
        times.push(serverMs(response));
      }
      const p95 = percentile(times, 95);
      const [method, target] = label.split(" ");
      const path = target!.split("?")[0]!;
      for (const r of running.routes) if (r.method === method && new RegExp(`^/api/v1${r.path.replace(/:\w+/g, "[^/]+")}$`).test(path)) covered.add(`${r.method} ${r.path}`);
      figures[`${label} p95Ms`] = p95;
      slowest[kind] = Math.max(slowest[kind], p95);
    };
    const get = (path: string) => () => fetch(`${url}${path}`, { headers: { cookie } });
    const change = (method: string, path: string, body: unknown) => () => fetch(`${url}/api/v1${path}`, { method, headers: { cookie, "content-type": "application/json", "x-csrf-token": csrf }, body: JSON.stringify(body) });

    // every page (the shell; its data comes from the API routes below)
    const pagePaths: Record<string, string> = { call: "/calls/bench-9990", scheme: "/kb/schemes/pm-kisan", "scheme-edit": "/kb/schemes/pm-kisan/edit" };
    for (const p of PAGES) {
      if (p.name === "login") continue;
      const path = pagePaths[p.name] ?? p.pattern.source.replace(/^\^|\$$/g, "").replace(/\\\//g, "/");
      await measure(`page ${path}`, "page", get(path));
    }
    // every route the pages read, as the pages ask for them
    const month = new Date(Date.now() - DAYS * DAY_MS).toISOString().slice(0, 10);
    const reads = [
      "/session",
      "/overview?range=24h",
      "/overview?range=7d",
      "/overview?range=30d",
      "/live",
      "/calls",
      `/calls?from=${month}&outcome=goodbye&lang=hi&mode=speech`,
      `/calls?page=${Math.floor(CALLS / 50)}`,
      "/calls/bench-9990",
      "/unanswered",
      "/kb",
      "/kb/search?q=pension%20for%20old%20age&lang=en",
      "/kb/schemes/pm-kisan",
      "/kb/schemes/pm-kisan/versions",
      "/kb/versions",
      "/health",
      "/audit",
      "/audit?action=calls.show",
      "/users",
      "/openapi.json",
    ];
    for (const path of reads) await measure(`GET /api/v1${path}`, "api", get(`/api/v1${path}`));
    // the changes an editor makes, each undone by the next so every request does the same work
    let edits = 0;
    await measure("PUT /api/v1/kb/schemes/:id", "api", () => change("PUT", "/kb/schemes/pm-kisan", { reason: "bench", set: [{ path: "tags", value: ["bench", String(edits++)] }] })());
    await measure("GET /api/v1/kb/schemes/:id/diff", "api", get("/api/v1/kb/schemes/pm-kisan/diff?from=1&to=2"));
    await measure("POST /api/v1/kb/rollback", "api", change("POST", "/kb/rollback", { to: 1, schemeId: "pm-kisan", reason: "bench" }));
    const importFile = readFileSync(join(sharedDir, "data", "schemes.jsonl"), "utf8").split("\n").slice(0, 20).join("\n");
    await measure("POST /api/v1/kb/import?dryRun=true (20 records)", "api", () => fetch(`${url}/api/v1/kb/import?dryRun=true`, { method: "POST", headers: { cookie, "content-type": "application/x-ndjson", "x-csrf-token": csrf }, body: importFile }));
    // try a question, then its audio (synthesised when first asked for)
    let audio = "";
    await measure("POST /api/v1/try", "api", async () => {
      const response = await change("POST", "/try", { question: "how much money does pm kisan give", lang: "en" })();
      audio = ((await response.clone().json()) as { audio: string }).audio;
      return response;
    });
    const audios: string[] = [];
    for (let i = 0; i < REPEATS; i++) audios.push(((await (await change("POST", "/try", { question: "what documents do I need for atal pension yojana", lang: "en" })()).json()) as { audio: string }).audio);
    await measure("GET /api/v1/try/audio/:id", "api", () => fetch(`${url}${audios.pop() ?? audio}`, { headers: { cookie } }));
    // an admin's: accounts (each add hashes a password with scrypt) and doctor
    let accounts = 0;
    await measure("POST /api/v1/users", "api", () => change("POST", "/users", { name: `bench-${accounts++}`, role: "viewer", password: "mango-grove-4711" })());
    let roles = 0;
    await measure("PUT /api/v1/users/:name", "api", () => change("PUT", "/users/bench-0", { role: roles++ % 2 ? "viewer" : "editor" })());
    await measure("POST /api/v1/login", "api", () => fetch(`${url}/api/v1/login`, { method: "POST", headers: { "content-type": "application/json", cookie: loginCookie, "x-csrf-token": loginCookie.split("=")[1]! }, body: JSON.stringify({ user: ADMIN.name, password: ADMIN.password }) }));
    await measure("POST /api/v1/health/doctor", "api", change("POST", "/health/doctor", {}));
    await measure("POST /api/v1/logout", "api", async () => {
      const fresh = await fetch(`${url}/api/v1/login`, { method: "POST", headers: { "content-type": "application/json", cookie: loginCookie, "x-csrf-token": loginCookie.split("=")[1]! }, body: JSON.stringify({ user: ADMIN.name, password: ADMIN.password }) });
      const session = cookieFrom(fresh, "sahayak_session");
      const token = ((await fresh.json()) as { csrf: string }).csrf;
      return fetch(`${url}/api/v1/logout`, { method: "POST", headers: { cookie: session, "x-csrf-token": token } });
    });
    const unmeasured = running.routes.map((r) => `${r.method} ${r.path}`).filter((r) => !covered.has(r));
    figures.unmeasuredRoutes = unmeasured.length ? unmeasured.join(", ") : "none";
    figures.unmeasuredRouteCount = unmeasured.length;
    figures.slowestPageP95Ms = slowest.page;
    figures.slowestApiP95Ms = slowest.api;
    return figures;
  } finally {
    await close?.();
    server?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
