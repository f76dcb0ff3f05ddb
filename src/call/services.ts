// What every call shares: one recogniser, one synthesiser, the prompt cache, the dialogue engine and the
// keypad catalogue, loaded once from configured local paths and released together.
import type { Config } from "../config.js";
import { newContext, openDialogue, type AnswerLang, type DialogueContext, type DialogueEngine } from "../dialogue/index.js";
import { openKnowledgeBase, schemeNameIn } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import { buildHotwords, calibrateConfidence, installedAsrModels, loadAsrEngine, type AsrEngine } from "../speech/asr/index.js";
import { SpeechListener, type ListenerEvents } from "../speech/listener.js";
import { loadTtsEngine, promptCacheFor, type PromptCache, type TtsEngine } from "../speech/tts/index.js";
import { prepareVadDetectors, VadStream } from "../speech/vad/index.js";
import { checkSpeechModels, VAD_MODEL_ID, type ModelHealth } from "../speech/model-health.js";
import { engineFailures } from "../ops/metrics.js";
import { SahayakStore } from "../store/index.js";
import { KeypadCatalogue } from "./keypad.js";
import { CallSessions } from "./session.js";

/** A call's ears: audio in, listener events out. */
export interface Hearing {
  accept(samples: Int16Array): void;
  /** Caller speech in progress. */
  readonly speaking: boolean;
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
  /** Each installed model (and the VAD): usable, or why not. */
  models?: ModelHealth[];
  /** The knowledge base being served. */
  knowledge?: { version: number; schemes: number };
  /** Ears for one call in one language; throws when the recogniser cannot start. */
  hear(lang: string, sampleRate: number, events: ListenerEvents): Hearing;
  /** A fresh conversation. */
  newContext(callId: string, lang: AnswerLang): DialogueContext;
  /** Rate limits, returning callers and call records; without it every call is new and unrecorded. */
  sessions?: CallSessions;
  log?: Logger;
  close(): Promise<void>;
}

/** Loads every engine a call needs, from the config's local paths. */
export async function openCallServices(config: Config, log?: Logger): Promise<CallServices> {
  const kb = await openKnowledgeBase(config);
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
    const asr: AsrEngine | null = installed.length ? await loadAsrEngine(config, installed, buildHotwords(kb.store.meta())) : null;
    if (asr) {
      opened.push(asr);
      // every call's detector made now, not on the event loop all calls share as each call begins to listen
      try {
        prepareVadDetectors(config.speech.vad, config.telephony.maxCalls);
      } catch (err) {
        log?.warn({ err }, "voice activity detection cannot start: calls will use the keypad");
      }
    } else log?.warn("no speech recogniser is installed: every call runs in keypad mode");
    const tts = await loadTtsEngine(config);
    opened.push(tts);
    const store = SahayakStore.open(config.dataDir, config.store);
    opened.push({ close: async () => store.close() });
    const schemeName = (id: string, lang: AnswerLang) => {
      const meta = kb.store.metaOf(id);
      return meta && schemeNameIn(meta, lang);
    };
    return {
      config,
      tts,
      prompts: promptCacheFor(config, tts),
      dialogue: dialogue.engine,
      keypad: new KeypadCatalogue(kb.store.meta()),
      speechLanguages: asr?.languages ?? [],
      models,
      knowledge: { version: kb.store.kbVersion, schemes: kb.store.size },
      hear(lang, sampleRate, events) {
        if (!asr) throw new Error("no speech recogniser is installed");
        const stream = asr.createStream(lang);
        const points = config.speech.asr.confidenceCalibration;
        const calibrated: ListenerEvents = {
          ...events,
          utterance: (u) => {
            const alternatives = u.result.alternatives.map((a) => ({ ...a, confidence: calibrateConfidence(a.confidence, points) }));
            events.utterance?.({ ...u, result: { ...u.result, confidence: calibrateConfidence(u.result.confidence, points), alternatives } });
          },
        };
        return new SpeechListener(new VadStream(config.speech.vad, sampleRate), stream, config.speech.endpoint, sampleRate, calibrated);
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
