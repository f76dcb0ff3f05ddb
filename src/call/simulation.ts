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
  /**
   * `interruptAfterMs`: spoken this far into Sahayak's reply to the step before (a barge-in), not after it;
   * `atMs`: spoken this long after Sahayak's first packet reached the caller, whatever is being said;
   * `about`: the scheme the caller asks about. Asked "did you mean …?" in reply, the caller answers as a
   * person would: "yes" when the scheme offered is that one, else the question again; offered a choice
   * that holds it, they press its number (at most CONFIRMATION_ROUNDS answers); the step after it then
   * follows the reply to that answer.
   */
  | { kind: "say"; text: string; lang?: AnswerLang; interruptAfterMs?: number; atMs?: number; about?: string }
  /** Other sound from the caller's side (a cough, a click), into Sahayak's reply to the step before. */
  | { kind: "sound"; samples: Int16Array; interruptAfterMs: number }
  | { kind: "wav"; path: string }
  /** `atMs`: pressed this long after Sahayak's first packet reached the caller, whatever is being said. */
  | { kind: "dtmf"; digits: string; atMs?: number }
  /** The caller stays silent this long, whatever Sahayak says. */
  | { kind: "hold"; ms: number };

export interface CallerScript {
  /** Chosen with the keypad once the opening is said (at once with `hurry`); without it, the caller just speaks. */
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
  /** performance.now() when each spoken step (say, sound, wav) started going out, and of each packet heard from Sahayak. */
  spokeAt: number[];
  heardAt: readonly number[];
  /** Every packet the caller sent, and performance.now() when each went out. */
  sent: readonly Int16Array[];
  sentAt: readonly number[];
  /** Every packet heard from Sahayak, in order (heardAt's). */
  heard: readonly Int16Array[];
  /** performance.now() when Sahayak answered the call. */
  answeredAt: number;
}

const SIM_USER = "sahayak";
const SIM_PASSWORD = "simulator";
/** Sahayak counts as finished speaking after this much silence from it. */
export const TURN_GAP_MS = 900;
/** A turn that gets no reply at all within this long moves on. */
export const REPLY_WAIT_MS = 20_000;
const POLL_MS = 20;
/** Asterisk's RTP packets carry 20 ms of audio each. */
const PACKET_MS = 20;
/** Sahayak has paused when no packet came for this long. */
const TALKSPURT_GAP_MS = 100;
/** A hurried caller presses keys this far into what Sahayak says. */
const HURRY_AFTER_MS = 600;
const FLUSH_SETTLE_MS = 300;
/** "Did you mean …?" answered at most this many times for one question. */
export const CONFIRMATION_ROUNDS = 2;
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
    // the caller knows what they will say before they call: no synthesis holds up a timed step
    for (const step of script.steps) if (step.kind === "say") await this.voice(step.text, step.lang ?? script.lang ?? this.config.call.defaultLanguage, signal);
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
    return { record, ...timeline(media), spokeAt: this.spokeAt.get(id) ?? [], heardAt: media.heardAt, sent: media.sent, sentAt: media.sentAt, heard: media.heard, answeredAt: media.answeredAt };
  }

  private async play(id: string, media: CallerMedia, script: CallerScript, gone: () => boolean, signal?: AbortSignal): Promise<void> {
    const languages = this.config.call.languages;
    const keyTurn = () => this.waitForSahayak(media, gone, signal, { started: script.hurry });
    const spokeAt: number[] = [];
    this.spokeAt.set(id, spokeAt);
    // the opening: a key for the language once it is said (or at once), or the caller's own words
    if (script.lang) {
      await this.waitForSahayak(media, gone, signal, { fromStart: true, started: script.hurry });
      const digit = languages.indexOf(script.lang) + 1;
      if (digit < 1) throw new Error(`language ${script.lang} is not offered (call.languages: ${languages.join(", ")})`);
      await this.pbx.sendDtmf(id, String(digit));
    } else if (!atTime(script.steps[0])) await this.waitForSahayak(media, gone, signal, { fromStart: true });
    let waitForReply = script.lang !== undefined;
    // after the caller's own words the reply is what Sahayak starts saying next, not the rest of what it was saying
    let afterWords = false;
    for (const [i, step] of script.steps.entries()) {
      const next = script.steps[i + 1];
      const interruptAfterMs = next?.kind === "say" || next?.kind === "sound" ? next.interruptAfterMs : undefined;
      const at = atTime(step);
      if (at !== undefined) await this.waitUntilHeardFor(media, at, gone, signal);
      else if (waitForReply) await this.waitForSahayak(media, gone, signal, { newTalkspurt: afterWords });
      waitForReply = true;
      afterWords = step.kind === "say" || step.kind === "wav" || step.kind === "sound";
      if (gone()) return;
      if (step.kind === "hold") {
        await abortableDelay(step.ms, signal);
        waitForReply = false;
        continue;
      }
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
      const lang = step.kind === "say" ? (step.lang ?? script.lang ?? this.config.call.defaultLanguage) : "en";
      const speech = step.kind === "sound" ? step.samples : step.kind === "wav" ? callerSpeechFromWav(readFileSync(step.path), media.sampleRate) : await this.voice(step.text, lang, signal);
      await this.speak(media, speech, spokeAt, gone, signal);
      if (step.kind === "say" && step.about !== undefined) {
        // the reply is heard (to where the next step cuts in) to know whether it asks "did you mean …?"
        for (let round = 0; ; round++) {
          await this.waitForSahayak(media, gone, signal, interruptAfterMs !== undefined ? { startedMs: interruptAfterMs } : { newTalkspurt: true });
          waitForReply = false;
          const offered = this.handler.schemesOffered(id);
          const choice = offered?.kind === "choose" ? offered.options.indexOf(step.about) : -1;
          // a choice without their scheme is not the caller's to answer: the next step follows it
          if (offered === undefined || (offered.kind === "choose" && choice < 0) || round === CONFIRMATION_ROUNDS || gone()) break;
          // the question is heard to its end, then answered
          while (!gone() && performance.now() - (media.heardAt.at(-1) ?? 0) < TURN_GAP_MS) await abortableDelay(POLL_MS, signal);
          if (offered.kind === "choose") await this.pbx.sendDtmf(id, String(choice + 1));
          else await this.speak(media, await this.voice(offered.schemeId === step.about ? "yes" : step.text, lang, signal), spokeAt, gone, signal);
        }
      } else if (interruptAfterMs !== undefined) {
        await this.waitForSahayak(media, gone, signal, { startedMs: interruptAfterMs });
        waitForReply = false;
      }
    }
    if (waitForReply) await this.waitForSahayak(media, gone, signal, { newTalkspurt: afterWords });
    // a hurried caller still listens to the last reply to its end
    while (!gone() && performance.now() - (media.heardAt.at(-1) ?? 0) < TURN_GAP_MS) await abortableDelay(POLL_MS, signal);
  }

  /** Sends the caller's speech and waits until its last packet is out. */
  private async speak(media: CallerMedia, speech: Int16Array, spokeAt: number[], gone: () => boolean, signal?: AbortSignal): Promise<void> {
    spokeAt.push(performance.now() + media.pendingMs);
    media.say(speech);
    while (media.pendingMs > 0 && !gone()) await abortableDelay(POLL_MS, signal);
  }

  /** Waits until `ms` after Sahayak's first packet reached the caller. */
  private async waitUntilHeardFor(media: CallerMedia, ms: number, gone: () => boolean, signal?: AbortSignal): Promise<void> {
    while (!gone() && (media.heardAt.length === 0 || performance.now() < media.heardAt[0]! + ms)) await abortableDelay(POLL_MS, signal);
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
  private async waitForSahayak(media: CallerMedia, gone: () => boolean, signal?: AbortSignal, how: { fromStart?: boolean; started?: boolean; startedMs?: number; newTalkspurt?: boolean } = {}): Promise<void> {
    const started = performance.now();
    // audio of what was playing when a key cut it short keeps arriving for a moment: not a reply
    let since = how.fromStart ? 0 : started + (how.started || how.startedMs !== undefined ? FLUSH_SETTLE_MS : 0);
    let talkspurtOver = !how.newTalkspurt;
    while (!gone()) {
      const last = media.heardAt.at(-1);
      if (!talkspurtOver && last !== undefined && performance.now() - last < TALKSPURT_GAP_MS) since = Math.max(since, last);
      else talkspurtOver = true;
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

/** When a step is done at a set time rather than in turn. */
function atTime(step: CallerStep | undefined): number | undefined {
  return step?.kind === "say" || step?.kind === "dtmf" ? step.atMs : undefined;
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

/** A caller's packets louder than this RMS (about -36 dBFS) carry their speech. */
const SPEECH_RMS = 500;
/** Sahayak's packets come every 20 ms: a longer gap than this at the caller is silence. */
const SILENCE_GAP_MS = 150;
/** A caller's speech has ended after this much quiet (longer than any pause between their words). */
const END_OF_SPEECH_MS = 500;

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const v of samples) sum += v * v;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

/** Share of a packet's energy at `hz` (Goertzel): about 1 for a pure tone. */
function toneShare(samples: Int16Array, hz: number, rate: number): number {
  const k = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (const v of samples) {
    const s0 = v + k * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += v * v;
  }
  const power = s1 * s1 + s2 * s2 - k * s1 * s2;
  return energy > 0 ? (2 * power) / (samples.length * energy) : 0;
}

/** What the caller's side measures (performance.now() times, as the packets went out or came in). */
export const callerSide = {
  /** The caller's first packet at or after `from` that carries speech (their speech onset on the wire). */
  speechOnsetAt(call: SimulatedCall, from: number): number | undefined {
    for (let i = 0; i < call.sent.length; i++) if (call.sentAt[i]! >= from && rms(call.sent[i]!) > SPEECH_RMS) return call.sentAt[i];
    return undefined;
  },

  /** The end of the caller's speech that starts at or after `from`: its last loud packet, before half a second of quiet. */
  speechEndAt(call: SimulatedCall, from: number): number | undefined {
    let last: number | undefined;
    for (let i = 0; i < call.sent.length; i++) {
      const at = call.sentAt[i]!;
      if (at < from) continue;
      if (rms(call.sent[i]!) > SPEECH_RMS) last = at + PACKET_MS;
      else if (last !== undefined && at - last >= END_OF_SPEECH_MS) break;
    }
    return last;
  },

  /** When Sahayak's voice is next heard after `at`: the first loud packet of its next talkspurt. */
  voiceHeardAfter(call: SimulatedCall, at: number): number | undefined {
    const times = call.heardAt;
    let i = times.findIndex((t) => t > at);
    if (i < 0) return undefined;
    // still talking at `at`: what it says next starts after a gap
    if (i > 0 && times[i]! - times[i - 1]! < SILENCE_GAP_MS && times[i - 1]! > at - SILENCE_GAP_MS) {
      while (i < times.length && times[i]! - times[i - 1]! < SILENCE_GAP_MS) i++;
    }
    for (; i < times.length; i++) if (rms(call.heard[i]!) > SPEECH_RMS) return times[i];
    return undefined;
  },

  /** The first loud packet heard at or after `at`. */
  voiceFrom(call: SimulatedCall, at: number): number | undefined {
    for (let i = 0; i < call.heard.length; i++) if (call.heardAt[i]! >= at && rms(call.heard[i]!) > SPEECH_RMS) return call.heardAt[i];
    return undefined;
  },

  /** When the caller last heard Sahayak in the run of its packets going on after `at`; undefined when none came after it. */
  silentAfter(call: SimulatedCall, at: number): number | undefined {
    const times = call.heardAt;
    let i = times.findIndex((t) => t > at);
    if (i < 0 || times[i]! - at > SILENCE_GAP_MS) return undefined;
    while (i + 1 < times.length && times[i + 1]! - times[i]! <= SILENCE_GAP_MS) i++;
    return times[i];
  },

  /** The first packet heard at or after `from` that is the tone. */
  toneAt(call: SimulatedCall, tone: { hz: number }, from = 0, rate = RATE): number | undefined {
    for (let i = 0; i < call.heard.length; i++) if (call.heardAt[i]! >= from && rms(call.heard[i]!) > SPEECH_RMS && toneShare(call.heard[i]!, tone.hz, rate) > 0.8) return call.heardAt[i];
    return undefined;
  },
};
