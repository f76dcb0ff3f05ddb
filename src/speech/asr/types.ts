// The recogniser contract: frames in as they arrive, a final result at the endpoint.
export interface AsrHypothesis {
  text: string;
  /** 0–1: geometric mean of the token probabilities. */
  confidence: number;
}

export interface AsrResult extends AsrHypothesis {
  /** Other readings of the same audio (e.g. greedy vs. beam search), best first, without duplicates. */
  alternatives: AsrHypothesis[];
  /** The recogniser's own endpoint rules fired (trailing silence after speech). */
  endpoint: boolean;
  isFinal: boolean;
}

/** Model types the bundle accepts, each with the files sherpa-onnx needs. */
export type AsrModelSpec =
  | { type: "online-transducer"; encoder: string; decoder: string; joiner: string; tokens: string; bpeVocab?: string }
  | { type: "online-ctc"; model: string; tokens: string }
  | { type: "offline-whisper"; encoder: string; decoder: string; tokens: string; language?: string }
  | { type: "offline-nemo-ctc"; model: string; tokens: string };

export interface AsrStream {
  readonly lang: string;
  accept(samples: Int16Array, sampleRate: number): void;
  /** The current hypothesis, and whether the recogniser's endpoint rules fired. */
  partial(): Promise<AsrResult>;
  /** Final result of everything accepted since the last reset. */
  finish(signal?: AbortSignal): Promise<AsrResult>;
  reset(): void;
  /**
   * Called once if the stream stops working for good (its recogniser died): every request from then on
   * rejects. Called at once when it has already failed.
   */
  onFailure?(listener: (err: Error) => void): void;
  dispose(): void;
}

export interface AsrEngine {
  readonly languages: string[];
  createStream(lang: string): AsrStream;
  close(): Promise<void>;
}

export class AsrUnavailableError extends Error {}
