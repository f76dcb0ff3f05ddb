// The synthesis contract: text (or language-marked segments) in, 8 kHz audio out as it is produced,
// sentence by sentence, stoppable at any moment.
import type { Frame } from "../../audio/index.js";

export interface TextSegment {
  text: string;
  lang: string;
}

export interface TtsEngine {
  readonly name: string;
  /** Audio in pieces as soon as each is ready; aborting stops the synthesiser and the stream. */
  synthesize(text: string | TextSegment[], lang: string, signal?: AbortSignal): AsyncIterable<Frame>;
  close(): Promise<void>;
}

export class TtsError extends Error {}
