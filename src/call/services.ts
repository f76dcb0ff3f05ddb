// What every call shares: one recogniser, one synthesiser, the prompt cache, the dialogue engine and the
// keypad catalogue, loaded once from configured local paths and released together.
import { join } from "node:path";
import type { Config } from "../config.js";
import { newContext, openDialogue, type AnswerLang, type DialogueContext, type DialogueEngine } from "../dialogue/index.js";
import { indexingInBackground, openKnowledgeBase, schemeNameIn, type KnowledgeBase } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import { FollowingRebuild } from "../ops/slices.js";
import { buildHotwords, calibrateConfidence, installedAsrModels, loadAsrEngine, writeHotwordsFile, type SherpaAsrEngine } from "../speech/asr/index.js";
import type { AsrResult } from "../speech/asr/types.js";
import { loadNameScorer, schemeNameEntriesInSlices, spokenEvidence, type NameAhead, type NameScorer, type SpokenEvidence } from "../speech/asr/name-scorer.js";
import { SpeechListener, type ListenerEvents, type Utterance } from "../speech/listener.js";
import { loadTtsEngine, promptCacheFor, type PromptCache, type TtsEngine } from "../speech/tts/index.js";
import { prepareVadDetectors, VadStream } from "../speech/vad/index.js";
import { checkSpeechModels, VAD_MODEL_ID, type ModelHealth } from "../speech/model-health.js";
import { engineFailures } from "../ops/metrics.js";
import { openStoreBackend } from "../store/index.js";
import { namesDeadlineMs, textSuffices } from "./conversation.js";
import { KeypadCatalogue } from "./keypad.js";
import { CallSessions } from "./session.js";

/** A call's ears: audio in, listener events out. */
export interface Hearing {
  accept(samples: Int16Array): void;
  /** Caller speech in progress. */
  readonly speaking: boolean;
  /** Stream time: ms of audio heard so far. */
  readonly timeMs: number;
  /** The words of the pause at stream time `atMs` make a whole request: end there sooner (listener.ts). */
  endAtPause(atMs: number): void;
  dispose(): void;
}

/** The dialogue operations a call uses. */
export type CallDialogue = Pick<DialogueEngine, "respond" | "answerAbout" | "continueAnswer">;

export interface CallServices {
  config: Config;
  tts: TtsEngine;
  prompts: Pick<PromptCache, "get">;
  dialogue: CallDialogue;
  keypad: KeypadCatalogue;
  /** Languages a recogniser is installed and working for. */
  speechLanguages: string[];
  /** The recogniser every call shares (its state for health checks; fault drills), when one is installed. */
  recogniser?: SherpaAsrEngine;
  /** Each installed model (and the VAD): usable, or why not. */
  models?: ModelHealth[];
  /** The knowledge base being served. */
  knowledge?: { version: number; schemes: number };
  /** The same knowledge base, open: the console changes it in place, so calls hear a change at once. */
  knowledgeBase?: KnowledgeBase;
  /** Ears for one call in one language; throws when the recogniser cannot start. */
  hear(lang: string, sampleRate: number, events: ListenerEvents): Hearing;
  /**
   * The recogniser's other readings and the scheme names scored against the utterance's audio
   * (speech/asr/name-scorer.ts), for the dialogue Utterance's `alternatives` and `heardNames`: after a
   * final result, or ahead of it on a pause's reading. Never fails for the scorer's sake: a late or
   * failed scoring leaves heardNames out. `aheadMs`: asked this long before the turn can wait for it (at the
   * caller's pause, the endpoint's wait): the scoring's deadline counts from then, so a head start does not
   * shorten the time the turn gives the names.
   */
  spokenEvidence?(utterance: Pick<Utterance, "result" | "audio" | "ahead">, lang: string, sampleRate: number, signal?: AbortSignal, aheadMs?: number): Promise<SpokenEvidence>;
  /** A fresh conversation. */
  newContext(callId: string, lang: AnswerLang): DialogueContext;
  /** Rate limits, returning callers and call records; without it every call is new and unrecorded. */
  sessions?: CallSessions;
  log?: Logger;
  close(): Promise<void>;
}

/** Loads every engine a call needs, from the config's local paths. */
export async function openCallServices(config: Config, log?: Logger): Promise<CallServices> {
  const kb = await openKnowledgeBase(config, indexingInBackground(log));
  // before any call: the next start reads the name matcher instead of building it (a no-op when kept)
  if (!kb.search.keepSnapshot()) log?.debug("the name matcher was not kept for the next start (an empty knowledge base, or its folder is read-only)");
  const opened: { close(): Promise<void> }[] = [kb];
  try {
    const dialogue = await openDialogue(kb, config, log);
    opened.push(dialogue);
    // a model that fails its checksum or trial load is reported and left out: its calls use the keypad
    const models = await checkSpeechModels(config, config.ops.checkTimeoutMs);
    for (const m of models.filter((m) => !m.usable)) {
      engineFailures.inc({ engine: m.kind === "vad" ? "vad" : "asr" });
      log?.error({ model: m.id, problem: m.problem }, "model unusable: calls it would serve use the keypad");
    }
    const vadUsable = models.find((m) => m.id === VAD_MODEL_ID)?.usable !== false;
    const usable = new Set(models.filter((m) => m.usable && m.kind === "asr").flatMap((m) => m.languages));
    const installed = vadUsable ? Object.keys(installedAsrModels(config)).filter((lang) => usable.has(lang)) : [];
    const asr: SherpaAsrEngine | null = installed.length ? await loadAsrEngine(config, installed, buildHotwords(kb.store.meta()), log) : null;
    if (asr) {
      opened.push(asr);
      // a changed knowledge base (an edit, a publish reaching this node) brings its names to the recogniser
      const stopFollowing = kb.store.onReadersMoved(() =>
        setImmediate(() => {
          const file = writeHotwordsFile(join(config.dataDir, "cache"), buildHotwords(kb.store.meta()));
          asr.useHotwords(file).catch((err: Error) => log?.warn({ err: err.message }, "the recogniser keeps its old hotwords: a worker with the new ones did not load"));
        }),
      );
      opened.push({ close: async () => void stopFollowing() });
      // every call's detector made now, not on the event loop all calls share as each call begins to listen
      try {
        prepareVadDetectors(config.speech.vad, config.telephony.maxCalls, { onset: true });
      } catch (err) {
        log?.warn({ err }, "voice activity detection cannot start: calls will use the keypad");
      }
    } else log?.warn("no speech recogniser is installed: every call runs in keypad mode");
    // scheme names scored against the audio: English transducer only; without it calls go on with the text
    let names: NameScorer | null = null;
    if (asr?.languages.includes("en")) {
      names = await loadNameScorer(config.modelsDir, config.speech.asr.names, kb.store.meta()).catch((err: Error) => {
        log?.warn({ err }, "scheme names cannot be scored against the audio: answers rest on the recognised text");
        return null;
      });
      if (names) opened.push(names);
    }
    // the topic menus and the names scored against the audio follow the knowledge base, rebuilt in slices
    // soon after it moves on (between calls' audio and turns); a call keeps the menu it started reading
    let keypad = new KeypadCatalogue(kb.store.meta());
    const rebuild = async (signal: AbortSignal): Promise<void> => {
      const meta = kb.store.meta();
      const slicing = { sliceMs: config.knowledge.rebuild.sliceMs, signal };
      const catalogue = await KeypadCatalogue.build(meta, slicing);
      const entries = names ? await schemeNameEntriesInSlices(meta, slicing) : undefined;
      if (signal.aborted) return;
      keypad = catalogue;
      if (entries) names?.setNames(entries);
    };
    const rebuilder = new FollowingRebuild(rebuild, config.knowledge.rebuild.afterChangeMs, (err) => log?.warn({ err: err.message }, "the keypad menus and spoken names stay those of the previous knowledge base"));
    const stopRebuilding = kb.store.onReadersMoved(() => rebuilder.schedule());
    opened.push({
      close: async () => {
        stopRebuilding();
        rebuilder.close();
      },
    });
    const tts = await loadTtsEngine(config);
    opened.push(tts);
    const store = await openStoreBackend(config.dataDir, config.store, { log });
    // a database locked by another process held every call still for the whole busy timeout, per write
    store.sqlite?.db.pragma(`busy_timeout = ${config.store.callBusyTimeoutMs}`);
    opened.push(store);
    const schemeName = (id: string, lang: AnswerLang) => {
      const meta = kb.store.metaOf(id);
      return meta && schemeNameIn(meta, lang);
    };
    return {
      config,
      tts,
      prompts: promptCacheFor(config, tts),
      dialogue: dialogue.engine,
      get keypad() {
        return keypad;
      },
      speechLanguages: asr?.languages ?? [],
      recogniser: asr ?? undefined,
      models,
      // read at each use: the console may change the knowledge base while calls are served
      get knowledge() {
        return { version: kb.store.kbVersion, schemes: kb.store.size };
      },
      knowledgeBase: kb,
      hear(lang, sampleRate, events) {
        if (!asr) throw new Error("no speech recogniser is installed");
        // throws while a dead recogniser is being replaced: the call then uses the keypad
        const stream = asr.createStream(lang);
        const points = config.speech.asr.confidenceCalibration;
        const calibrate = (r: AsrResult): AsrResult => ({ ...r, confidence: calibrateConfidence(r.confidence, points), alternatives: r.alternatives.map((a) => ({ ...a, confidence: calibrateConfidence(a.confidence, points) })) });
        // the names scorer hears each utterance as it comes, so that scoring it at the pause has only the
        // tail left (name-ahead.ts); the last utterance's is kept for scoring after its final result
        const scorer = lang === "en" && config.speech.asr.names.ahead ? names : null;
        let ahead: NameAhead | undefined;
        // a pause's reading too: a reply prepared on it is asked with the confidence the final result would bring
        const calibrated: ListenerEvents = {
          ...events,
          quiet: (q) => events.quiet?.({ ...q, result: calibrate(q.result), ...(ahead ? { ahead } : {}) }),
          utterance: (u) => events.utterance?.({ ...u, result: calibrate(u.result), ...(ahead ? { ahead } : {}) }),
          heard: scorer
            ? (samples, first) => {
                if (first) {
                  ahead?.end();
                  ahead = scorer.ahead(sampleRate);
                }
                ahead?.feed(samples);
              }
            : undefined,
        };
        let vad: VadStream;
        try {
          vad = new VadStream(config.speech.vad, sampleRate, { onset: true });
        } catch (err) {
          stream.dispose();
          throw err;
        }
        const listener = new SpeechListener(vad, stream, config.speech.endpoint, sampleRate, calibrated);
        return {
          accept: (samples) => listener.accept(samples),
          get speaking() {
            return listener.speaking;
          },
          get timeMs() {
            return listener.timeMs;
          },
          endAtPause: (atMs) => listener.endAtPause(atMs),
          dispose: () => {
            listener.dispose();
            // the call hung up or changed language: the scorer forgets its utterance
            ahead?.end();
            ahead = undefined;
          },
        };
      },
      spokenEvidence(utterance, lang, sampleRate, signal, aheadMs = 0) {
        const scorer = lang === "en" ? names : null;
        return spokenEvidence(scorer, utterance.audio, sampleRate, utterance.result, {
          ahead: utterance.ahead,
          matchNames: (text) => kb.search.matchNames(text),
          textSuffices: (text, bestMatch) => textSuffices(text, bestMatch, config.speech.asr.names),
          signal,
          // the text names a scheme when its best match is one the dialogue takes as a name; asked ahead (at
          // the caller's pause) the deadline counts from when the turn can wait for it
          deadlineMs: (bestMatch) => aheadMs + namesDeadlineMs(utterance.result.confidence, { minConfidence: config.call.minConfidence, ...config.speech.asr.names }, bestMatch >= config.dialogue.nameThreshold),
          onError: (err) => log?.warn({ err }, "scheme names were not scored this turn; answering on the text"),
        });
      },
      newContext: (callId, lang) => newContext(callId, lang),
      sessions: new CallSessions(store, config.store, schemeName, log),
      log,
      close: () => closeAll(opened),
    };
  } catch (err) {
    await closeAll(opened);
    throw err;
  }
}

async function closeAll(opened: { close(): Promise<void> }[]): Promise<void> {
  for (const o of opened.reverse()) await o.close().catch(() => undefined);
}
