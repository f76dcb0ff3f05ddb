// Full calls against the built-in PBX simulator through the real pipeline: ARI, ExternalMedia RTP, VAD,
// recognition, dialogue, synthesis. A scripted caller takes turns like a person: it waits until Sahayak
// has finished speaking, then speaks (flite for English, espeak-ng for Hindi, or a WAV file) or presses
// keys. Both directions are kept on one timeline, so they can be written as WAV files side by side.
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Config } from "../config.js";
import type { AnswerLang } from "../dialogue/index.js";
import type { Logger } from "../ops/log.js";
import { AbortedError, abortableDelay } from "../ops/retry.js";
import { EspeakEngine } from "../speech/tts/index.js";
import { AriController } from "../telephony/controller.js";
import type { CallerMedia } from "../telephony/sim/caller.js";
import { PbxSimulator } from "../telephony/sim/server.js";
import { callerSpeechFromFlite, callerSpeechFromText, callerSpeechFromWav } from "../telephony/sim/voice.js";
import { CallFlowHandler } from "./handler.js";
import type { CallRecord } from "./records.js";
import type { CallServices } from "./services.js";

export type CallerStep =
  /** `interruptAfterMs`: spoken this far into Sahayak's reply to the step before (a barge-in), not after it. */
  | { kind: "say"; text: string; lang?: AnswerLang; interruptAfterMs?: number }
  | { kind: "wav"; path: string }
  | { kind: "dtmf"; digits: string };

export interface CallerScript {
  /** Chosen with the keypad after the menu; none waits for the menu's timeout (the default language). */
  lang?: AnswerLang;
  steps: CallerStep[];
  /** The caller hangs up this long after the call starts, whatever is happening. */
  hangupAfterMs?: number;
  /** The number the call comes from (only its hash is stored); default: a new one each call, a first-time caller. */
  number?: string;
  /** Keys are pressed as soon as Sahayak starts speaking, as a caller who knows the menus does. */
  hurry?: boolean;
}

export interface SimulatedCall {
  record: CallRecord;
  /** 8 kHz, on one timeline from the caller's first packet. */
  callerAudio: Int16Array;
  sahayakAudio: Int16Array;
  /** performance.now() when each spoken step started going out, and of each packet heard from Sahayak. */
  spokeAt: number[];
  heardAt: readonly number[];
}

const SIM_USER = "sahayak";
const SIM_PASSWORD = "simulator";
/** Sahayak counts as finished speaking after this much silence from it. */
const TURN_GAP_MS = 900;
/** A turn that gets no reply at all within this long moves on. */
const REPLY_WAIT_MS = 20_000;
const POLL_MS = 20;
/** Asterisk's RTP packets carry 20 ms of audio each. */
const PACKET_MS = 20;
/** A hurried caller presses keys this far into what Sahayak says. */
const HURRY_AFTER_MS = 600;
const FLUSH_SETTLE_MS = 300;
const RATE = 8000;

export class Simulation {
  private readonly records = new Map<string, (r: CallRecord) => void>();
  private readonly spokeAt = new Map<string, number[]>();
  private readonly voices = new Map<string, Promise<Int16Array>>();
  private readonly espeak: EspeakEngine;

  private constructor(
    readonly pbx: PbxSimulator,
    readonly controller: AriController,
    private readonly config: Config,
    readonly handler: CallFlowHandler,
  ) {
    this.espeak = new EspeakEngine(config.speech.tts);
  }

  /** Starts the simulator and a controller talking real ARI and RTP to it on loopback. */
  static async start(config: Config, services: CallServices, log?: Logger): Promise<Simulation> {
    const pbx = new PbxSimulator({ user: SIM_USER, password: SIM_PASSWORD });
    await pbx.start();
    const telephony = { ...config.telephony, ari: { ...config.telephony.ari, url: pbx.url, user: SIM_USER, password: SIM_PASSWORD } };
    let self: Simulation | undefined;
    const handler = new CallFlowHandler(services, (record) => self?.records.get(record.callId)?.(record));
    try {
      const controller = await AriController.start({ config: telephony, handler, log, ledger: services.sessions });
      self = new Simulation(pbx, controller, { ...config, telephony }, handler);
      return self;
    } catch (err) {
      await pbx.stop();
      throw err;
    }
  }

  /** Places one call and plays the caller's script; resolves when the call has ended and its record is in. */
  async call(script: CallerScript, signal?: AbortSignal): Promise<SimulatedCall> {
    const app = this.config.telephony.ari.app;
    let id = "";
    const recorded = new Promise<CallRecord>((resolve) => {
      id = this.pbx.placeCall({ app, number: script.number ?? newCallerNumber() });
      this.records.set(id, resolve);
    });
    const media = await this.waitForMedia(id, signal);
    const gone = () => !this.pbx.callerMedia(id);
    const hangupTimer = script.hangupAfterMs === undefined ? undefined : setTimeout(() => this.pbx.callerHangup(id), script.hangupAfterMs);
    try {
      await this.play(id, media, script, gone, signal);
    } catch (err) {
      if (!(err instanceof AbortedError)) throw err;
    } finally {
      clearTimeout(hangupTimer);
      if (!gone()) this.pbx.callerHangup(id);
    }
    const record = await recorded;
    this.records.delete(id);
    return { record, ...timeline(media), spokeAt: this.spokeAt.get(id) ?? [], heardAt: media.heardAt };
  }

  private async play(id: string, media: CallerMedia, script: CallerScript, gone: () => boolean, signal?: AbortSignal): Promise<void> {
    const languages = this.config.call.languages;
    const keyTurn = () => this.waitForSahayak(media, gone, signal, { started: script.hurry });
    // greeting and language menu
    await this.waitForSahayak(media, gone, signal, { fromStart: true, started: script.hurry });
    if (script.lang) {
      const digit = languages.indexOf(script.lang) + 1;
      if (digit < 1) throw new Error(`language ${script.lang} is not offered (call.languages: ${languages.join(", ")})`);
      await this.pbx.sendDtmf(id, String(digit));
    }
    const spokeAt: number[] = [];
    this.spokeAt.set(id, spokeAt);
    let waitForReply = true;
    for (const [i, step] of script.steps.entries()) {
      const next = script.steps[i + 1];
      const interruptAfterMs = next?.kind === "say" ? next.interruptAfterMs : undefined;
      if (waitForReply) await this.waitForSahayak(media, gone, signal);
      waitForReply = true;
      if (gone()) return;
      if (step.kind === "dtmf") {
        for (const [k, digit] of [...step.digits].entries()) {
          await this.pbx.sendDtmf(id, digit);
          if (k < step.digits.length - 1) await keyTurn();
        }
        if (script.hurry) {
          await keyTurn();
          waitForReply = false;
        }
        continue;
      }
      const speech = step.kind === "wav" ? callerSpeechFromWav(readFileSync(step.path), media.sampleRate) : await this.voice(step.text, step.lang ?? script.lang ?? this.config.call.defaultLanguage, signal);
      spokeAt.push(performance.now() + media.pendingMs);
      media.say(speech);
      while (media.pendingMs > 0 && !gone()) await abortableDelay(POLL_MS, signal);
      if (interruptAfterMs !== undefined) {
        await this.waitForSahayak(media, gone, signal, { startedMs: interruptAfterMs });
        waitForReply = false;
      }
    }
    if (waitForReply) await this.waitForSahayak(media, gone, signal);
    // a hurried caller still listens to the last reply to its end
    while (!gone() && performance.now() - (media.heardAt.at(-1) ?? 0) < TURN_GAP_MS) await abortableDelay(POLL_MS, signal);
  }

  /** The caller's words as audio (flite for English, espeak-ng otherwise), made once per text. */
  voice(text: string, lang: AnswerLang, signal?: AbortSignal): Promise<Int16Array> {
    const key = `${lang}|${text}`;
    let speech = this.voices.get(key);
    if (!speech) {
      speech = lang === "en" ? callerSpeechFromFlite(text, RATE) : callerSpeechFromText(this.espeak, text, lang, RATE, signal);
      this.voices.set(key, speech);
      speech.catch(() => this.voices.delete(key));
    }
    return speech;
  }

  /** Waits until Sahayak has said something and then stopped, or only started when `started` (or the call is over). */
  private async waitForSahayak(media: CallerMedia, gone: () => boolean, signal?: AbortSignal, how: { fromStart?: boolean; started?: boolean; startedMs?: number } = {}): Promise<void> {
    const started = performance.now();
    // audio of what was playing when a key cut it short keeps arriving for a moment: not a reply
    const since = how.fromStart ? 0 : started + (how.started || how.startedMs !== undefined ? FLUSH_SETTLE_MS : 0);
    while (!gone()) {
      const lastAt = media.heardAt.at(-1) ?? 0;
      const newPackets = countAfter(media.heardAt, since);
      const replied = newPackets > 0;
      if (replied && (how.started || how.startedMs !== undefined) && newPackets >= (how.startedMs ?? HURRY_AFTER_MS) / PACKET_MS) return;
      if (replied && performance.now() - lastAt >= TURN_GAP_MS) return;
      if (!replied && performance.now() - started >= REPLY_WAIT_MS) return;
      await abortableDelay(POLL_MS, signal);
    }
  }

  private async waitForMedia(id: string, signal?: AbortSignal): Promise<CallerMedia> {
    const started = performance.now();
    for (;;) {
      const media = this.pbx.callerMedia(id);
      if (media?.connectedTo) return media;
      if (performance.now() - started > REPLY_WAIT_MS) throw new Error("the simulated call never got its media connected");
      await abortableDelay(POLL_MS, signal);
    }
  }

  async close(): Promise<void> {
    await this.controller.close();
    await this.pbx.stop();
    await this.espeak.close();
  }
}

/** Both directions on the caller's timeline: what Sahayak sent is placed at the time it arrived. */
function timeline(media: CallerMedia): { callerAudio: Int16Array; sahayakAudio: Int16Array } {
  const packet = (RATE * PACKET_MS) / 1000;
  const callerAudio = new Int16Array(media.sent.length * packet);
  media.sent.forEach((p, i) => callerAudio.set(p.subarray(0, packet), i * packet));
  const t0 = media.firstSentAt || media.heardAt[0] || 0;
  const last = media.heardAt.length ? Math.round((media.heardAt.at(-1)! - t0) / PACKET_MS) + 1 : 0;
  const sahayakAudio = new Int16Array(Math.max(last, media.sent.length) * packet);
  let slot = 0;
  media.heard.forEach((p, i) => {
    // packets come every 20 ms; a late one takes the next free slot so none overwrites another
    slot = Math.max(slot, Math.round((media.heardAt[i]! - t0) / PACKET_MS));
    if ((slot + 1) * packet <= sahayakAudio.length) sahayakAudio.set(p.subarray(0, packet), slot * packet);
    slot++;
  });
  return { callerAudio, sahayakAudio };
}

/** How many of the (ascending) times are after `t`. */
function countAfter(times: number[], t: number): number {
  let n = 0;
  for (let i = times.length - 1; i >= 0 && times[i]! > t; i--) n++;
  return n;
}

/** A mobile number no earlier simulated call used (so no rate limit or returning-caller greeting applies). */
function newCallerNumber(): string {
  return `9${String(randomInt(0, 1e9)).padStart(9, "0")}`;
}
