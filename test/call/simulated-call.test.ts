// Whole calls through the real pipeline and the commands that run them: keypad mode, `sahayak simulate`,
// `sahayak serve` against the PBX simulator, and a Hindi caller where a Hindi recogniser is installed. The
// caller's experience over each transport is caller-experience-rtp/-websocket.test.ts's. These run in real
// time (a call is audio), so there are few of them.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readWav } from "../../src/audio/index.js";
import { openingLine } from "../../src/call/index.js";
import { callerSide, type SimulatedCall } from "../../src/call/simulation.js";
import { SahayakStore } from "../../src/store/index.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { freePort, runCliAsync, tempDir, until } from "../helpers.js";
import { turnsOf } from "./caller-experience.js";
import { realPipeline } from "./real-pipeline.js";

describe("simulated calls through the real pipeline", () => {
  const pipeline = realPipeline();

  it("a keypad-only session reaches a scheme's documents", async () => {
    const { simulation, fixture } = pipeline();
    const { record } = await simulation.call({ lang: "en", hurry: true, steps: [{ kind: "dtmf", digits: "*114" }] });
    const answer = record.turns.find((t) => t.role === "sahayak" && t.action === "answer");
    assert.ok(answer, turnsOf(record));
    assert.equal(record.mode, "keypad");
    const id = answer.schemeIds![0]!;
    const scheme = await fixture.kb.store.get(id);
    const firstDocument = scheme?.documents?.en?.[0] ?? "";
    assert.ok(firstDocument && answer.text.includes(firstDocument.slice(0, 20)), `${id}: "${answer.text.slice(0, 200)}"`);
    assert.equal(record.outcome, "caller_hangup");
  });

  it("sahayak simulate --json prints the call and writes both directions to WAV", async () => {
    const { fixture } = pipeline();
    const out = tempDir();
    try {
      const r = await runCliAsync(["simulate", "--lang", "en", "--hurry", "--dtmf", "0", "--json", "--out-dir", out.path], { dataDir: fixture.config.dataDir, env: { SAHAYAK_MODELS_DIR: fixture.config.modelsDir } });
      assert.equal(r.status, 0, r.stderr);
      const call = JSON.parse(r.stdout) as { callId: string; outcome: string; states: { state: string }[]; turns: { role: string; action: string; timings: object }[]; audio: { caller: string; sahayak: string } };
      assert.equal(call.outcome, "transfer");
      assert.ok(call.callId);
      assert.equal(call.states.at(-1)?.state, "ENDED");
      assert.ok(call.turns.some((t) => t.role === "sahayak" && t.action === "prompt:transfer"));
      for (const file of [call.audio.caller, call.audio.sahayak]) {
        assert.ok(existsSync(file));
        const wav = readWav(readFileSync(file));
        assert.equal(wav.sampleRate, 8000);
        assert.ok(wav.samples.length > 8000, "more than a second of audio");
      }
      assert.equal(call.audio.caller, join(out.path, "caller.wav"));
      const store = SahayakStore.open(fixture.config.dataDir, fixture.config.store);
      try {
        assert.equal(store.calls.show(call.callId)?.outcome, "transfer", "the call is on record");
      } finally {
        store.close();
      }
    } finally {
      out.cleanup();
    }
  });

  it("sahayak serve answers calls from the configured Asterisk and stops cleanly on SIGTERM", async () => {
    const { fixture } = pipeline();
    const pbx = new PbxSimulator({ user: "sahayak", password: "pbx-secret" });
    await pbx.start();
    const dir = tempDir();
    let child: ChildProcess | undefined;
    try {
      const configFile = join(dir.path, "config.json");
      // its own ops port: the default one may be another serve's on this machine
      writeFileSync(configFile, JSON.stringify({ telephony: { ari: { url: pbx.url, user: "sahayak", password: "pbx-secret" }, shutdownGraceMs: 500 }, ops: { http: { port: await freePort() } } }));
      const done = runCliAsync(["--config", configFile, "serve"], { dataDir: fixture.config.dataDir, env: { SAHAYAK_MODELS_DIR: fixture.config.modelsDir }, started: (c) => (child = c) });
      await until(() => pbx.registered("sahayak"), 60_000);
      const id = pbx.placeCall({ app: "sahayak" });
      // a step that times out ends the serve process and shows what it logged
      const step = async (what: string, check: () => boolean, ms: number) => {
        try {
          await until(check, ms);
        } catch {
          child?.kill("SIGKILL");
          assert.fail(`${what} within ${ms} ms; serve logged:\n${(await done).stderr}`);
        }
      };
      await step("the caller is connected to Sahayak's media", () => !!pbx.callerMedia(id)?.connectedTo, 20_000);
      const caller = pbx.callerMedia(id)!;
      // greeted: a second of the opening reaches the caller
      await step("the caller hears the opening", () => caller.heard.length > 50, 20_000);
      pbx.callerHangup(id);
      await step("the call's channels and bridge are gone", () => pbx.counts().channels === 0 && pbx.counts().bridges === 0, 10_000);
      child!.kill("SIGTERM");
      const r = await done;
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /serving calls/);
      assert.ok(!r.stderr.includes("9876543210"), "the caller's number is never logged");
      const store = SahayakStore.open(fixture.config.dataDir, fixture.config.store);
      try {
        const actions = store.audit.list().map((e) => `${e.actor}: ${e.action}`);
        assert.ok(actions.some((a) => a.endsWith(": config.change")), "the config in use was audited at start");
        assert.ok(actions.includes("sahayak serve (schedule): purge"), "the retention purge ran on start");
        assert.ok(store.calls.list().some((c) => c.outcome === "caller_hangup"), "the call was recorded");
      } finally {
        store.close();
      }
      for (const file of readdirSync(fixture.config.dataDir).filter((f) => f.startsWith("sahayak.db"))) {
        assert.ok(!readFileSync(join(fixture.config.dataDir, file)).includes("9876543210"), `no caller number in ${file}`);
      }
    } finally {
      child?.kill("SIGKILL");
      await pbx.stop();
      dir.cleanup();
    }
  });
});

describe("a Hindi caller, where a Hindi recogniser is installed (the English model stands in for one)", () => {
  const pipeline = realPipeline({ recognisers: ["en", "hi"] });

  it("presses 1 as soon as the Hindi line offers it and hears the tone to ask within 8 s of the answer", async () => {
    const { simulation, fixture, services } = pipeline();
    const line = openingLine(fixture.config.call.languages, "hi", { welcome: true, canAsk: false });
    const lineMs = ((await services.prompts.get(line, "hi")).length / 8000) * 1000;
    const call: SimulatedCall = await simulation.call({ steps: [{ kind: "dtmf", digits: "1", atMs: lineMs }, { kind: "hold", ms: 3000 }] });
    assert.equal(call.record.lang, "hi");
    assert.equal(call.record.mode, "speech");
    const tone = callerSide.toneAt(call, fixture.config.call.tone, call.answeredAt + lineMs);
    assert.ok(tone !== undefined, turnsOf(call.record));
    assert.ok(tone - call.answeredAt <= 8000, `the tone to ask came ${tone - call.answeredAt} ms after the answer`);
  });
});
