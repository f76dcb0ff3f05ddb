// `serve` started on a damaged installation, as a process of its own: a knowledge-base commit file that
// is not one, a recogniser model cut short, a prompt cache with damaged files, ARI refusing our user. Each
// ends in a clear error or the documented fallback — never a native crash, an uncaught exception or a hang.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { writeWav } from "../../src/audio/index.js";
import { allFixedPrompts, FIXED_PROMPTS, type FixedPromptKey } from "../../src/call/prompts.js";
import type { AnswerLang } from "../../src/dialogue/index.js";
import { EXIT } from "../../src/cli/output.js";
import { projectRoot, type Config } from "../../src/config.js";
import { KnowledgeStore } from "../../src/knowledge/index.js";
import { ModelStore } from "../../src/ops/models.js";
import { EspeakEngine, promptCacheFor } from "../../src/speech/tts/index.js";
import { SahayakStore } from "../../src/store/index.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { cliCommand, freePort, runCli, sampleRecords, sleep, tempDir, testConfig } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

/** Start-up on a loaded machine (the engines load, the knowledge base opens) takes well under this. */
const START_WITHIN_MS = 120_000;
const SIM = { user: "sahayak", password: "simulator" };

interface ServeRun {
  log(): string;
  /** How serve ended, or "running" if it had not by `ms`. */
  endedWithin(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | "running">;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `sahayak serve` from source, in a process of its own, with everything it writes kept. */
function startServe(configFile: string): ServeRun {
  const child = spawn(process.execPath, [...cliCommand(), "--config", configFile, "serve"], {
    cwd: projectRoot,
    env: { ...process.env, SAHAYAK_CONFIG: "", LANCEDB_LOG: "error" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on("exit", (code, signal) => r({ code, signal })));
  return {
    log: () => log,
    endedWithin: (ms) => Promise.race([exited, sleep(ms).then(() => "running" as const)]),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const ended = await Promise.race([exited, sleep(30_000).then(() => "running" as const)]);
      if (ended !== "running") return ended;
      child.kill("SIGKILL");
      return exited;
    },
  };
}

/** A data directory with a one-scheme knowledge base, and a config file for it. */
async function installation(work: string, config: Record<string, unknown>): Promise<{ dataDir: string; configFile: string }> {
  const dataDir = join(work, "data");
  mkdirSync(dataDir, { recursive: true });
  const writer = await KnowledgeStore.open({ dataDir, knowledge: testConfig(dataDir).knowledge });
  await writer.apply({ upserts: sampleRecords(["pm-kisan"]), deletes: [] }, { actor: "test", reason: "test", op: "import" });
  writer.close();
  const configFile = join(work, "config.json");
  writeFileSync(configFile, JSON.stringify({ dataDir, modelsDir: join(work, "models"), ops: { http: { enabled: false } }, ...config }));
  return { dataDir, configFile };
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) return false;
    await sleep(100);
  }
  return true;
}

describe("serve on a damaged installation", () => {
  it("a knowledge-base commit file (HEAD.json) that is garbage, not a commit, or names a table version not on disk: serve exits with an error naming it", async () => {
    const work = tempDir("sahayak-serve-head-");
    try {
      const { dataDir, configFile } = await installation(work.path, { telephony: { ari: { url: "http://127.0.0.1:9", ...SIM } } });
      const headPath = join(dataDir, "kb", "HEAD.json");
      const good = JSON.parse(readFileSync(headPath, "utf8")) as { tables: Record<string, number> };
      const damaged: Record<string, string> = {
        garbage: "\u0000\u0001{not json",
        "not a commit": JSON.stringify({ written: "by something else" }),
        "a table version not on disk": JSON.stringify({ ...good, tables: { ...good.tables, schemes: good.tables.schemes! + 1000 } }),
      };
      for (const [kind, text] of Object.entries(damaged)) {
        writeFileSync(headPath, text);
        const serve = startServe(configFile);
        const ended = await serve.endedWithin(START_WITHIN_MS);
        if (ended === "running") await serve.stop();
        assert.notEqual(ended, "running", `${kind}: serve neither served nor exited: ${serve.log()}`);
        assert.deepEqual(ended, { code: EXIT.unavailable, signal: null }, `${kind}: ${serve.log()}`);
        assert.match(serve.log(), /knowledge base commit file \S*HEAD\.json (is unreadable|is damaged|names version \d+ of table "schemes").*restore/, `${kind}: ${serve.log()}`);
        assert.doesNotMatch(serve.log(), /TypeError|Cannot read properties|\n\s+at /, `${kind}: no stack or internal error is what a person reads`);
      }
    } finally {
      work.cleanup();
    }
  });

  it("ARI refusing serve's user: serve keeps running and says so (log, /readyz), then stops cleanly", async () => {
    const work = tempDir("sahayak-serve-ari-auth-");
    const pbx = new PbxSimulator(SIM);
    await pbx.start();
    const opsPort = await freePort();
    const { configFile } = await installation(work.path, { telephony: { ari: { url: pbx.url, user: SIM.user, password: "not-the-password", reconnectMs: 100, maxReconnectMs: 400 } }, ops: { http: { port: opsPort } } });
    const serve = startServe(configFile);
    try {
      const refused = /Asterisk refused the ARI user "sahayak" at \S+ \(401 Authentication required\): make telephony\.ari\.user and password match ari\.conf/;
      let detail = "";
      const said = await until(async () => {
        if ((await serve.endedWithin(0)) !== "running") return true;
        const ready = (await fetch(`http://127.0.0.1:${opsPort}/readyz`).then((r) => r.json(), () => undefined)) as { checks?: { ari?: { detail: string } } } | undefined;
        detail = ready?.checks?.ari?.detail ?? "";
        return refused.test(detail);
      }, START_WITHIN_MS);
      assert.equal(await serve.endedWithin(0), "running", `serve did not die: ${serve.log()}`);
      assert.ok(said, `/readyz says why: ${detail}`);
      const errors = serve.log().split("\n").flatMap((line) => {
        try {
          return [String((JSON.parse(line) as { err?: unknown }).err ?? "")];
        } catch {
          return [];
        }
      });
      assert.ok(errors.some((e) => refused.test(e)), `the log says why: ${serve.log()}`);
      assert.equal(pbx.registered("sahayak"), false);
    } finally {
      const ended = await serve.stop();
      await pbx.stop();
      work.cleanup();
      assert.deepEqual(ended, { code: 0, signal: null }, serve.log());
    }
  });

  it("a recogniser model cut short and damaged cached prompts: serve starts, the call runs by keypad, every prompt is heard whole", async () => {
    const work = tempDir("sahayak-serve-damaged-");
    const pbx = new PbxSimulator(SIM);
    await pbx.start();
    const { dataDir, configFile } = await installation(work.path, { telephony: { ari: { url: pbx.url, ...SIM } } });
    // the English recogniser with its encoder cut short, installed as it is (so its checksum matches)
    const bundle = join(work.path, "en-cut");
    cpSync(englishModelDir, bundle, { recursive: true });
    rmSync(join(bundle, "SHA256SUMS"), { force: true });
    const encoder = readdirSync(bundle).find((f) => f.startsWith("encoder") && f.endsWith(".onnx"))!;
    truncateSync(join(bundle, encoder), 100_000);
    new ModelStore(join(work.path, "models")).import(bundle, { lang: "en" });
    // every fixed prompt rendered, then each file damaged in one of three ways that still parse as WAV (one
    // that does not was always rendered again)
    const rendered = runCli(["--config", configFile, "prompts", "render"], { dataDir });
    assert.equal(rendered.status, 0, rendered.stderr);
    const config: Config = testConfig(dataDir);
    const cache = promptCacheFor(config, new EspeakEngine(config.speech.tts));
    const prompts = allFixedPrompts(config.call.languages);
    const fixed = new Map(prompts.map((p) => [`${p.lang}|${p.text}`, cache.cached(p.text, p.lang)?.length ?? 0]));
    assert.ok([...fixed.values()].every((n) => n > 0), "every fixed prompt was rendered");
    const promptsDir = join(dataDir, "prompts");
    readdirSync(promptsDir).forEach((file, i) => {
      const path = join(promptsDir, file);
      const bytes = readFileSync(path);
      const damage = [() => bytes.subarray(0, 44 + Math.floor((bytes.length - 44) / 3)), () => writeWav(new Int16Array(0), 8000), () => writeWav(new Int16Array(8000), 16000)][i % 3]!;
      writeFileSync(path, damage());
    });

    const serve = startServe(configFile);
    let callId = "";
    try {
      assert.ok(await until(async () => pbx.registered("sahayak") || (await serve.endedWithin(0)) !== "running", START_WITHIN_MS), `serve started: ${serve.log()}`);
      assert.equal(await serve.endedWithin(0), "running", `serve did not die: ${serve.log()}`);
      assert.match(serve.log(), /"model":"en-cut".*"msg":"model unusable: calls it would serve use the keypad"/);
      // a caller who picks English by key as the welcome starts, then listens until Sahayak pauses
      callId = pbx.placeCall({ app: "sahayak", number: "9876500001" });
      const media = () => pbx.callerMedia(callId);
      assert.ok(await until(() => (media()?.heardAt.length ?? 0) > 0, 30_000), `the caller heard Sahayak: ${serve.log()}`);
      await pbx.sendDtmf(callId, "2");
      const keyAt = performance.now();
      await until(() => !media() || ((media()!.heardAt.at(-1) ?? 0) > keyAt + 1000 && performance.now() - media()!.heardAt.at(-1)! > 3000), 90_000);
      pbx.callerHangup(callId);
      await until(() => pbx.counts().channels === 0, 10_000);
    } finally {
      const ended = await serve.stop();
      await pbx.stop();
      assert.deepEqual(ended, { code: 0, signal: null }, serve.log());
    }
    try {
      const store = SahayakStore.open(dataDir, config.store);
      const calls = store.calls.list(0, 10);
      const call = calls.length === 1 ? store.calls.show(calls[0]!.callId) : undefined;
      store.close();
      assert.ok(call, `the call was recorded (${calls.length} calls)`);
      const turns = JSON.stringify(call.turnList.map((t) => [t.role, t.action, t.text.slice(0, 30)]));
      assert.equal(call.mode, "keypad", turns);
      // each cached prompt the call played (whole, or until the caller's key cut it) is in the cache whole again;
      // a line cut short is known by its start, which several opening lines share: one of them was played
      const whole = (p: { text: string; lang: AnswerLang }) => cache.cached(p.text, p.lang)?.length === fixed.get(`${p.lang}|${p.text}`);
      const played = call.turnList.flatMap((t) => {
        if (t.role !== "sahayak" || !t.text) return [];
        const lang = t.lang as AnswerLang;
        const key = t.action?.startsWith("prompt:") ? (t.action.slice("prompt:".length) as FixedPromptKey) : undefined;
        const candidates = key && key in FIXED_PROMPTS ? [{ text: FIXED_PROMPTS[key][lang], lang }] : prompts.filter((p) => p.lang === lang && p.text.startsWith(t.text));
        return candidates.length ? [{ action: t.action, lang, candidates }] : [];
      });
      // the opening may be cut by the caller's key before a word of it was heard (its turn's text is then empty)
      assert.ok(call.turnList.some((t) => t.role === "sahayak" && t.action === "opening") && played.some((p) => p.action === "prompt:keypadIntro"), `the opening and the keypad's introduction were played: ${turns}`);
      for (const p of played) assert.ok(p.candidates.some(whole), `${p.action} (${p.lang}) is cached whole again after the call`);
    } finally {
      work.cleanup();
    }
  });
});
