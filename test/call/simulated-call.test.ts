// Whole calls through the real pipeline and the commands that run them: keypad mode, four callers asking at
// once, `sahayak simulate`, `sahayak serve` against the PBX simulator, and a Hindi caller where a Hindi
// recogniser is installed. The caller's experience over each transport is caller-experience-rtp/-websocket.test.ts's.
// These run in real time (a call is audio), so there are few of them.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readWav } from "../../src/audio/index.js";
import { openingLine } from "../../src/call/index.js";
import { callerSide, type SimulatedCall } from "../../src/call/simulation.js";
import { newContext } from "../../src/dialogue/index.js";
import { SahayakStore } from "../../src/store/index.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { freePort, runCliAsync, tempDir, until } from "../helpers.js";
import { findAudio, joined, replyAudio, turnsOf } from "./caller-experience.js";
import { realPipeline } from "./real-pipeline.js";

/**
 * Callers who ask at once, each about a scheme no other names: questions from the dev set
 * (../shared/data/questions-dev.jsonl) and the spoken tuning part (bench/eval/spoken-tune.jsonl) that this
 * pipeline answers about their scheme when asked alone.
 */
const CALLERS = [
  { schemeId: "kcc", question: "Who can get a Kisan Credit Card?", name: /Kisan Credit Card/i },
  { schemeId: "pmjdy", question: "What do I get with a Jan Dhan account?", name: /Jan Dhan/i },
  { schemeId: "pmmy", question: "How much loan can I get under Mudra Yojana?", name: /Mudra/i },
  { schemeId: "onorc", question: "One Nation One Ration Card", name: /One Nation,? One Ration/i },
];

/** How long a caller stays on, silent, once Sahayak has said something after the question ("one moment please", or the answer). */
const STAY_AFTER_ASKING_MS = 10_000;

/** Where in an answer's audio it is looked for in what a caller heard. */
const ANSWER_PROBE_MS = 1000;

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

  it("a caller offered a choice of schemes that holds theirs presses its number, as a person would, and hears its answer", async () => {
    const { simulation } = pipeline();
    const { record } = await simulation.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "I am pregnant, which scheme can help me?", about: "pmmvy" }] });
    const offer = record.turns.findIndex((t) => t.role === "sahayak" && t.action === "clarify");
    const offered = record.turns[offer]?.schemeIds ?? [];
    assert.ok(offered.includes("pmmvy"), turnsOf(record));
    const pressed = record.turns.findIndex((t, i) => i > offer && t.role === "caller");
    assert.equal(record.turns[pressed]?.dtmf, String(offered.indexOf("pmmvy") + 1), turnsOf(record));
    const answer = record.turns.find((t, i) => i > pressed && t.role === "sahayak" && t.action === "answer");
    assert.deepEqual(answer?.schemeIds, ["pmmvy"], turnsOf(record));
  });

  // the recogniser, name scorer, dialogue and synthesis are shared by every call: nothing of one call may reach
  // another, and no call may be asked to repeat for want of them. How fast 20 calls at once are answered is bench/call.ts's
  it("four callers ask about four schemes at the same time: each is answered about its own scheme and hears that answer, no other call's, and none is asked to repeat", async () => {
    const { simulation, services } = pipeline();
    // the callers' voices are made first, so all four speak as soon as their calls let them
    await Promise.all(CALLERS.map((c) => simulation.voice(c.question, "en")));
    // each caller stays on the line after asking (a caller who took "one moment please" for the whole reply
    // would hang up as the answer starts, when it comes late on a loaded machine), then listens to what is still said
    const calls: SimulatedCall[] = await Promise.all(CALLERS.map((c) => simulation.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: c.question }, { kind: "hold", ms: STAY_AFTER_ASKING_MS }] })));
    const told = calls.map((c, i) => `${CALLERS[i]!.schemeId}: ${turnsOf(c.record)}`).join("\n");

    // at once: every question was spoken before any call's reply had ended
    const lastAsked = Math.max(...calls.map((c) => c.spokeAt[0] ?? Infinity));
    const firstReplyEnded = Math.min(...calls.map((c) => c.heardAt.at(-1) ?? -Infinity));
    assert.ok(lastAsked < firstReplyEnded, `the calls overlapped: the last question began ${Math.round(lastAsked - firstReplyEnded)} ms after the first reply ended\n${told}`);

    const answers = calls.map((call, i) => {
      const own = CALLERS[i]!;
      const { record } = call;
      assert.deepEqual(record.turns.filter((t) => t.role === "caller").map((t) => t.action), ["language", "question"], `${own.schemeId}: understood at once, never asked to repeat\n${told}`);
      assert.ok(!record.turns.some((t) => t.role === "sahayak" && ["clarify", "confirm", "prompt:notCaught"].includes(t.action ?? "")), `${own.schemeId}: not asked again\n${told}`);
      const question = record.turns.find((t) => t.role === "caller" && t.action === "question")!;
      const answer = record.turns.find((t) => t.role === "sahayak" && t.atMs > question.atMs && t.action !== "filler");
      assert.ok(answer && answer.action === "answer", `${own.schemeId}: the question was answered\n${told}`);
      assert.ok(answer.schemeIds?.includes(own.schemeId), `${own.schemeId}: answered about its own scheme, not ${JSON.stringify(answer.schemeIds)}\n${told}`);
      assert.match(answer.text, own.name, `${own.schemeId}: the answer names its scheme\n${told}`);
      for (const other of CALLERS.filter((c) => c !== own)) {
        for (const t of record.turns) {
          assert.ok(!t.schemeIds?.includes(other.schemeId), `${own.schemeId}'s call carries ${other.schemeId}, another call's scheme\n${told}`);
          assert.doesNotMatch(t.text, other.name, `${own.schemeId}'s call says another call's scheme\n${told}`);
        }
      }
      return { question, answer };
    });

    // what each caller heard: its own answer's sound, sample for sample, and none of the other answers'. The
    // answer is spoken as the dialogue's segments, so they are asked for again and synthesised alike
    const expected = await Promise.all(
      answers.map(async ({ question, answer }, i) => {
        const reply = await services.dialogue.respond({ text: question.text, lang: "en", confidence: question.confidence ?? 1 }, newContext(`check-${i}`, "en"));
        const replyText = reply.segments.map((s) => s.text.trim()).join(" ");
        assert.ok(replyText.startsWith(answer.text.trim()), `${CALLERS[i]!.schemeId}: the same answer again: ${replyText} / ${answer.text}`);
        return replyAudio(services, reply.segments);
      }),
    );
    // each answer is known by its sound a second in, inside the scheme's name: its first word alone may be
    // another line's ("One moment please" starts as "One Nation One Ration Card" does)
    calls.forEach((call, i) => {
      const heard = joined(call.heard);
      assert.ok(findAudio(heard, expected[i]!, ANSWER_PROBE_MS).at >= 0, `${CALLERS[i]!.schemeId}: the caller heard its own answer\n${told}`);
      expected.forEach((other, k) => k !== i && assert.equal(findAudio(heard, other, ANSWER_PROBE_MS).at, -1, `${CALLERS[i]!.schemeId}'s caller heard ${CALLERS[k]!.schemeId}'s answer`));
    });
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
      // a step that times out ends the serve process and shows what it logged
      const step = async (what: string, check: () => boolean, ms: number) => {
        try {
          await until(check, ms);
        } catch {
          child?.kill("SIGKILL");
          assert.fail(`${what} within ${ms} ms; serve logged:\n${(await done).stderr}`);
        }
      };
      await step("serve registered its Stasis application with Asterisk", () => pbx.registered("sahayak"), 60_000);
      const id = pbx.placeCall({ app: "sahayak" });
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
