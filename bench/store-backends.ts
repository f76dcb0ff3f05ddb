// The store's operations on SQLite and on PostgreSQL side by side, through the interface the calls use: what a
// call's start waits for (rate limit + earlier conversation), what a call's record costs the call (SQLite:
// written at once; PostgreSQL: queued on local disk) and how long until it is in the database; and how many
// call records per second one PostgreSQL takes from 4 nodes writing at once. The PostgreSQL is a private
// server on loopback (the store tests' harness), so these figures have no network in them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { openStoreBackend, PostgresStore, type CallToStore, type StoreBackend } from "../src/store/index.js";
import { PgServer } from "../test/store/pg-server.js";
import { percentile } from "./questions.js";

const CALLS = 400;
const TURNS = 30;
const NODES = 4;
const CALLS_PER_NODE = 250;

const turns: CallToStore["turns"] = Array.from({ length: TURNS }, (_, i) =>
  i % 2
    ? { role: "sahayak", atMs: i * 4000, text: "PM Kisan gives ₹6,000 a year in three instalments to landholding farmer families.", lang: "en", action: "answer", schemeIds: ["pm-kisan"], timings: { voiceToVoiceMs: 600 } }
    : { role: "caller", atMs: i * 4000, text: "what documents do I need for PM Kisan, my account is 50100123456789", lang: "en", action: "question", confidence: 0.8, timings: { endOfSpeechMs: i * 4000 } },
);

const callRecord = (callId: string): CallToStore => ({ callId, startedAt: new Date().toISOString(), durationMs: 120_000, lang: "en", mode: "speech", outcome: "goodbye", states: [], turns });

function storeConfig(dataDir: string, backend: "sqlite" | "postgres", url = "") {
  return loadConfig({ env: {}, overrides: { dataDir, store: { backend, postgres: { url } } } }).store;
}

/** One call after another on one node: per-operation times. */
async function callsOn(store: StoreBackend): Promise<Record<string, number>> {
  const startMs: number[] = [];
  const recordCallMs: number[] = [];
  const recordStoredMs: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const hash = store.callers.hash(`98${String(i % 100).padStart(8, "0")}`)!;
    let t = performance.now();
    await store.rateLimits.admit(hash);
    await store.sessions.load(`caller:${hash}`);
    startMs.push(performance.now() - t);
    t = performance.now();
    const stored = store.calls.insert(callRecord(`bench-${i}`), { callerHash: hash });
    recordCallMs.push(performance.now() - t);
    await stored;
    recordStoredMs.push(performance.now() - t);
  }
  return { callStartP95Ms: percentile(startMs, 95), recordOnCallPathP95Ms: percentile(recordCallMs, 95), recordStoredP95Ms: percentile(recordStoredMs, 95) };
}

export async function benchStoreBackends(): Promise<Record<string, number>> {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), "sahayak-bench-backends-"));
    dirs.push(d);
    return d;
  };
  const server = await PgServer.start();
  try {
    const out: Record<string, number> = {};
    const sqliteDir = dir();
    const sqlite = await openStoreBackend(sqliteDir, storeConfig(sqliteDir, "sqlite"));
    try {
      for (const [k, v] of Object.entries(await callsOn(sqlite))) out[`sqlite_${k}`] = v;
    } finally {
      await sqlite.close();
    }
    const url = await server.newDatabase();
    const pgDir = dir();
    const pg = await PostgresStore.open(pgDir, storeConfig(pgDir, "postgres", url));
    try {
      for (const [k, v] of Object.entries(await callsOn(pg))) out[`postgres_${k}`] = v;
    } finally {
      await pg.close();
    }
    // 4 nodes writing at once into one database: records per second until the last is in
    const nodes = await Promise.all(
      Array.from({ length: NODES }, () => {
        const d = dir();
        return PostgresStore.open(d, storeConfig(d, "postgres", url));
      }),
    );
    try {
      const t = performance.now();
      await Promise.all(nodes.map((node, n) => Promise.all(Array.from({ length: CALLS_PER_NODE }, (_, i) => node.calls.insert(callRecord(`node${n}-${i}`), { callerHash: null })))));
      out.postgresRecordsPerSecondFrom4Nodes = (NODES * CALLS_PER_NODE) / ((performance.now() - t) / 1000);
    } finally {
      for (const node of nodes) await node.close();
    }
    return out;
  } finally {
    server.destroy();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
