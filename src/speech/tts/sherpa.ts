// VITS/Piper voices from the model bundle through sherpa-onnx. Generation runs in the addon's own
// threads (generateAsync), sentence by sentence, so the event loop keeps pacing audio meanwhile.
import sherpa from "sherpa-onnx-node";
import { existsSync } from "node:fs";
import { float32ToInt16, resample, type Frame } from "../../audio/index.js";
import type { ModelEntry, ModelStore } from "../../ops/models.js";
import { speechRuns, splitSentences } from "../normalise/index.js";
import { TtsError, type TextSegment, type TtsEngine } from "./types.js";

/** Debian's espeak-ng data works as the phonemiser data of Piper voices. */
export const DEBIAN_ESPEAK_DATA = "/usr/lib/x86_64-linux-gnu/espeak-ng-data";

interface OfflineTts {
  sampleRate: number;
  generateAsync(req: { text: string; sid: number; speed: number }): Promise<{ samples: Float32Array; sampleRate: number }>;
}

const S = sherpa as unknown as { OfflineTts: { createAsync(config: unknown): Promise<OfflineTts> } };

export class SherpaTtsEngine implements TtsEngine {
  readonly name = "sherpa";

  private constructor(
    private readonly voices: Map<string, { tts: OfflineTts; sid: number }>,
    private readonly outputRate: number,
  ) {}

  static async start(store: ModelStore, entries: ModelEntry[], outputRate: number): Promise<SherpaTtsEngine> {
    const voices = new Map<string, { tts: OfflineTts; sid: number }>();
    for (const entry of entries) {
      if (entry.engine !== "vits") continue;
      const dataDir = entry.files.dataDir ? store.path(entry, "dataDir") : DEBIAN_ESPEAK_DATA;
      if (!existsSync(dataDir)) throw new TtsError(`voice ${entry.id}: espeak-ng data ${dataDir} is missing (Debian espeak-ng-data)`);
      const tts = await S.OfflineTts.createAsync({
        model: { vits: { model: store.path(entry, "model"), tokens: store.path(entry, "tokens"), dataDir }, numThreads: 1, debug: 0, provider: "cpu" },
        maxNumSentences: 1,
      }).catch((err: Error) => {
        throw new TtsError(`cannot load voice ${entry.id}: ${err.message}`);
      });
      for (const lang of entry.languages) if (!voices.has(lang)) voices.set(lang, { tts, sid: Number(entry.options.sid ?? 0) });
    }
    if (voices.size === 0) throw new TtsError("no VITS voice could be loaded");
    return new SherpaTtsEngine(voices, outputRate);
  }

  get languages(): string[] {
    return [...this.voices.keys()];
  }

  async *synthesize(text: string | TextSegment[], lang: string, signal?: AbortSignal): AsyncGenerator<Frame> {
    const segments = typeof text === "string" ? [{ text, lang }] : text;
    let timeMs = 0;
    for (const seg of segments) {
      const runs = seg.lang === "en" || seg.lang === "hi" ? speechRuns(seg.text, seg.lang) : [{ text: seg.text, lang: seg.lang }];
      for (const run of runs) {
        const voice = this.voices.get(run.lang) ?? this.voices.get(lang);
        if (!voice) throw new TtsError(`no installed voice speaks "${run.lang}"`);
        for (const sentence of splitSentences(run.text)) {
          signal?.throwIfAborted();
          const audio = await voice.tts.generateAsync({ text: sentence, sid: voice.sid, speed: 1 });
          signal?.throwIfAborted();
          const samples = float32ToInt16(resample(audio.samples, audio.sampleRate, this.outputRate));
          yield { samples, sampleRate: this.outputRate, timeMs };
          timeMs += (samples.length * 1000) / this.outputRate;
        }
      }
    }
  }

  async close(): Promise<void> {}
}
