// Whole calls through the real pipeline: the PBX simulator speaking ARI with RTP or chan_websocket media on
// loopback, Silero VAD, the English recogniser, the dialogue on the real knowledge base, espeak-ng. Every
// timing is measured where the caller is: their packets as they went out, Sahayak's as they arrived. These
// run in real time (a call is audio), so there are few of them.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { readWav } from "../../src/audio/index.js";
import { openCallServices, openingLine, Speaker, type CallRecord, type CallServices } from "../../src/call/index.js";
import { callerSide, Simulation, type SimulatedCall } from "../../src/call/simulation.js";
import type { Config } from "../../src/config.js";
import { ModelStore } from "../../src/ops/models.js";
import { SahayakStore } from "../../src/store/index.js";
import { decodePayload, encodePayload } from "../../src/telephony/media/codec.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { realKnowledgeBase } from "../kb-fixture.js";
import { runCliAsync, tempDir, until } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

const TRANSPORTS = ["rtp", "websocket"] as const;

function withTransport(config: Config, transport: (typeof TRANSPORTS)[number]): Config {
  return { ...config, telephony: { ...config.telephony, media: { ...config.telephony.media, transport } } };
}

const turnsOf = (record: CallRecord) => JSON.stringify(record.turns.map((t) => [t.role, t.dtmf ?? t.text.slice(0, 60), t.action, t.interrupted ? "cut" : ""]));

/** What the caller hears of an English reply: the speaker's audio for its text, through μ-law. */
async function replyAudio(services: CallServices, text: string): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  const capture = { play: (s: Int16Array) => void parts.push(s), flush: () => 0, queuedMs: 0 };
  await new Speaker(capture, services.tts, 8000).say(text, "en", new AbortController().signal);
  const all = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (all.set(p, o), (o += p.length));
  return decodePayload("ulaw", encodePayload("ulaw", all));
}

function joined(packets: readonly Int16Array[]): Int16Array {
  const all = new Int16Array(packets.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of packets) (all.set(p, o), (o += p.length));
  return all;
}

/** Where `expected`'s first sound (or its sound from `fromMs` on) begins in `heard`, sample-exact over 50 ms (-1: nowhere). */
function findAudio(heard: Int16Array, expected: Int16Array, fromMs = 0): { at: number; from: number } {
  const from = expected.findIndex((v, i) => i >= fromMs * 8 && Math.abs(v) > 200);
  const probe = expected.subarray(from, from + 400);
  outer: for (let at = 0; at + probe.length <= heard.length; at++) {
    for (let j = 0; j < probe.length; j++) if (heard[at + j] !== probe[j]) continue outer;
    return { at, from };
  }
  return { at: -1, from };
}

/** A 200 ms burst of voice, like a cough or an "uh": the start of flite saying "ah". */
async function cough(simulation: Simulation): Promise<Int16Array> {
  const ah = await simulation.voice("ah", "en");
  const start = ah.findIndex((v) => Math.abs(v) > 1000);
  return ah.slice(start, start + 1600);
}

describe("simulated calls through the real pipeline", () => {
  const models = tempDir("sahayak-models-");
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  let services: CallServices;
  const simulations = new Map<string, Simulation>();

  before(async () => {
    new ModelStore(models.path).import(englishModelDir, { lang: "en" });
    fixture = await realKnowledgeBase({ modelsDir: models.path });
    services = await openCallServices(fixture.config);
    for (const transport of TRANSPORTS) simulations.set(transport, await Simulation.start(withTransport(fixture.config, transport), services));
  });

  after(async () => {
    for (const s of simulations.values()) await s.close();
    await services?.close();
    await fixture?.cleanup();
    models.cleanup();
  });

  for (const transport of TRANSPORTS) {
    describe(`over ${transport === "rtp" ? "RTP" : "chan_websocket"}`, () => {
      const sim = () => simulations.get(transport)!;

      // how fast the answer comes is bench/call.ts's to hold (voice-to-voice over many turns, from the caller's side)
      it("an English caller asks from the first second, over the opening: the question is answered, and the caller hears that answer", async () => {
        const call = await sim().call({ steps: [{ kind: "say", text: "what is pm kisan", lang: "en", atMs: 1000 }] });
        const { record } = call;
        const spoke = callerSide.speechOnsetAt(call, call.answeredAt);
        assert.ok(spoke !== undefined && spoke - call.answeredAt <= 8000, `the caller started speaking ${spoke! - call.answeredAt} ms after the answer`);
        const answer = record.turns.find((t) => t.role === "sahayak" && t.action === "answer");
        assert.ok(answer, `answered: ${turnsOf(record)}`);
        assert.deepEqual(answer.schemeIds, ["pm-kisan"]);
        assert.match(answer.text, /Pradhan Mantri Kisan Samman Nidhi|PM-KISAN/);
        assert.equal(record.turns[0]?.action, "opening");
        assert.equal(record.turns[0]?.interrupted, true, "the opening stopped for the question");
        assert.ok(!record.turns.some((t) => ["prompt:howToAsk", "language_choice"].includes(t.action ?? "")), turnsOf(record));
        // the caller heard that very answer: its audio, sample for sample, from its start for 3 s
        const expected = await replyAudio(services, answer.text);
        const heard = joined(call.heard);
        const { at, from } = findAudio(heard, expected);
        assert.ok(at >= 0, `the answer's audio reached the caller (its sound 1 s in was ${findAudio(heard, expected, 1000).at >= 0 ? "" : "not "}heard)`);
        const span = Math.min(3 * 8000, expected.length - from, heard.length - at);
        assert.ok(span >= 2 * 8000);
        assert.deepEqual(heard.subarray(at, at + span), expected.subarray(from, from + span));
      });

      it("a caller who does nothing hears the tone within 12 s of the answer, then the default language (Hindi: keypad here)", async () => {
        const call = await sim().call({ steps: [{ kind: "hold", ms: 8000 }] });
        const tone = callerSide.toneAt(call, fixture.config.call.tone, call.answeredAt);
        assert.ok(tone !== undefined, `the tone was heard: ${turnsOf(call.record)}`);
        assert.ok(tone - call.answeredAt <= 12_000, `tone ${tone - call.answeredAt} ms after the answer`);
        assert.equal(call.record.lang, "hi");
        assert.ok(call.record.turns.some((t) => t.action === "prompt:keypadIntro"), turnsOf(call.record));
      });

      it("barge-in: the reply falls silent at the caller within 250 ms of their first sound, and their question is answered", async () => {
        const interruption = "who can apply for it";
        const call = await sim().call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "say", text: interruption, interruptAfterMs: 2000 }] });
        const onset = callerSide.speechOnsetAt(call, call.spokeAt[1]! - 20);
        assert.ok(onset !== undefined, "the caller spoke");
        const silent = callerSide.silentAfter(call, onset);
        assert.ok(silent !== undefined, `a reply was playing when the caller spoke: ${turnsOf(call.record)}`);
        assert.ok(silent - onset <= 250, `the reply went on ${(silent - onset).toFixed(0)} ms after the caller's first sound`);
        const cut = call.record.turns.find((t) => t.action === "answer" && t.interrupted);
        assert.ok(cut, turnsOf(call.record));
        const asked = call.record.turns.filter((t) => t.role === "caller" && t.action === "question");
        assert.equal(asked.length, 2, turnsOf(call.record));
        assert.ok(call.record.turns.some((t) => t.role === "sahayak" && t.atMs > asked[1]!.atMs && ["answer", "clarify"].includes(t.action ?? "")), turnsOf(call.record));
      });

      it("a cough during the reply pauses it and it resumes where it stopped: the caller hears the whole reply, once", async () => {
        const call = await sim().call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "sound", samples: await cough(sim()), interruptAfterMs: 2000 }] });
        const answer = call.record.turns.find((t) => t.action === "answer");
        assert.ok(answer && !answer.interrupted, turnsOf(call.record));
        assert.equal(call.record.turns.filter((t) => t.role === "caller").length, 2, `the cough was no turn: ${turnsOf(call.record)}`);
        const onset = callerSide.speechOnsetAt(call, call.spokeAt[1]! - 20)!;
        const paused = callerSide.silentAfter(call, onset);
        assert.ok(paused !== undefined && paused - onset <= 250, "paused at the cough");
        const resumedAt = call.heardAt.find((t) => t > paused);
        assert.ok(resumedAt !== undefined && resumedAt - paused < 1000, `resumed ${resumedAt! - paused} ms later`);
        // everything of the reply reached the caller, in order: nothing lost or said twice but the packets
        // already on their way when the pause reached the sender process (its queue is known here only by
        // estimate), and over chan_websocket the frames Asterisk had queued when FLUSH_MEDIA emptied it
        const expected = await replyAudio(services, answer.text);
        const heard = joined(call.heard);
        const { at, from } = findAudio(heard, expected);
        assert.ok(at >= 0, `the reply's start reached the caller (its sound 1 s in was ${findAudio(heard, expected, 1000).at >= 0 ? "" : "not "}heard)`);
        const frames = (n: number) => Math.round(n / 160);
        const tail = expected.subarray(expected.length - 8000);
        const end = findAudio(heard.subarray(at), tail);
        assert.ok(end.at >= 0, "the reply was heard to its end");
        const heardLength = end.at + (tail.length - end.from);
        const lost = frames(expected.length - from - heardLength);
        const inFlight = 2;
        const queuedAtAsterisk = transport === "websocket" ? fixture.config.telephony.media.websocketLeadFrames : 0;
        assert.ok(lost >= -inFlight && lost <= inFlight + queuedAtAsterisk, `${lost} frames of the reply lost (or, if negative, heard twice)`);
      });

      it("the line's echo of what Sahayak says (20 dB down, 60 ms late: a gateway's echo canceller leaves less) neither stops it nor becomes a turn", async () => {
        sim().pbx.faults.echo = { delayMs: 60, lossDb: 20 };
        try {
          const call = await sim().call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }] });
          const answer = call.record.turns.find((t) => t.action === "answer");
          assert.ok(answer && !answer.interrupted, turnsOf(call.record));
          assert.deepEqual(
            call.record.turns.filter((t) => t.role === "caller").map((t) => t.action),
            ["language", "question"],
            turnsOf(call.record),
          );
        } finally {
          delete sim().pbx.faults.echo;
        }
      });
    });
  }

  it("a keypad-only session reaches a scheme's documents", async () => {
    const { record } = await simulations.get("rtp")!.call({ lang: "en", hurry: true, steps: [{ kind: "dtmf", digits: "*114" }] });
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
    const out = tempDir();
    try {
      const r = await runCliAsync(["simulate", "--lang", "en", "--hurry", "--dtmf", "0", "--json", "--out-dir", out.path], { dataDir: fixture.config.dataDir, env: { SAHAYAK_MODELS_DIR: models.path } });
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
    const pbx = new PbxSimulator({ user: "sahayak", password: "pbx-secret" });
    await pbx.start();
    const dir = tempDir();
    let child: ChildProcess | undefined;
    try {
      const configFile = join(dir.path, "config.json");
      writeFileSync(configFile, JSON.stringify({ telephony: { ari: { url: pbx.url, user: "sahayak", password: "pbx-secret" }, shutdownGraceMs: 500 } }));
      const done = runCliAsync(["--config", configFile, "serve"], { dataDir: fixture.config.dataDir, env: { SAHAYAK_MODELS_DIR: models.path }, started: (c) => (child = c) });
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
  const models = tempDir("sahayak-models-");
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  let services: CallServices;
  let simulation: Simulation;

  before(async () => {
    const store = new ModelStore(models.path);
    store.import(englishModelDir, { lang: "en" });
    store.import(englishModelDir, { lang: "hi" });
    fixture = await realKnowledgeBase({ modelsDir: models.path });
    services = await openCallServices(fixture.config);
    simulation = await Simulation.start(fixture.config, services);
  });

  after(async () => {
    await simulation?.close();
    await services?.close();
    await fixture?.cleanup();
    models.cleanup();
  });

  it("presses 1 as soon as the Hindi line offers it and hears the tone to ask within 8 s of the answer", async () => {
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
