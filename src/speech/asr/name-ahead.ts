// The name scorer's costliest stages run on an utterance while the caller is still saying it: its audio,
// fed as it arrives, is brought to 16 kHz, turned into features, encoded chunk by chunk with the
// encoder's cached states and searched greedily, exactly as these run over the whole utterance (each is
// causal: a feature frame whose window lies inside the audio so far, an encoder chunk on such frames, a
// greedy block on such chunks are what the whole utterance gives). Scoring the utterance at the pause then
// takes what is there for the audio it shares with what was fed, and runs only the tail (the last chunks,
// the tail padding), so the encoder's time is off the turn's critical path.
import sherpa from "sherpa-onnx-node";
import type { Fbank } from "./fbank.js";
import { GreedySearch, type EncoderStates, type StreamingTransducer } from "./transducer.js";
import { WordSpotting } from "./name-word-spots.js";

/**
 * Resampled samples nearest the end of the audio fed so far that may still change once more audio (or
 * the tail padding) follows: sherpa's linear resampler's filter reaches 6 input samples either side; 64
 * output samples (4 ms at 8 kHz in) leaves room for any rate pair it serves.
 */
const RESAMPLER_REACH = 64;
/** Chunks whose encoder states are kept to go on from (2.5 s of audio): a pause cuts the utterance near its end. */
const STATES_KEPT = 8;
/** Encoder frames (40 ms) of an utterance whose words are spotted ahead, at most: each frame's spots take 8 bytes a word. */
const MAX_SPOTTED_FRAMES = 500;

const S = sherpa as unknown as { LinearResampler: new (from: number, to: number) => { resample(x: Float32Array): Float32Array } };

/** A Float32Array that grows as values are appended. */
class Growing {
  data = new Float32Array(4096);
  length = 0;

  push(values: Float32Array): void {
    if (this.length + values.length > this.data.length) {
      const next = new Float32Array(Math.max(this.length + values.length, this.data.length * 2));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(values, this.length);
    this.length += values.length;
  }

  view(): Float32Array {
    return this.data.subarray(0, this.length);
  }
}

/** What scoring an utterance can take from the work done on it as it arrived. */
export interface AheadStart {
  /** Its first feature frames (frames × bins). */
  features: Float32Array;
  /** The encoder chunks that ran on them, and the states after the last. */
  encoded: { outs: Float32Array[]; states: EncoderStates };
  /** The greedy search over the frames of those chunks. */
  greedy: GreedySearch;
  /** The prefilter's words spotted over the frames the greedy search has searched (frame-major ends), when they were. */
  words?: { spots: WordSpotting; ends: Float32Array; starts: Float32Array };
}

export class AudioAhead {
  private readonly samples = new Growing();
  private readonly resampled = new Growing();
  private readonly resampler: { resample(x: Float32Array): Float32Array } | null;
  private readonly features = new Growing();
  /** Encoder output of each chunk, and the states after it (kept for the last STATES_KEPT chunks). */
  private readonly outs: Float32Array[] = [];
  private readonly states: (EncoderStates | undefined)[] = [];
  private readonly greedy: GreedySearch;
  /** Greedy searches as they stood at each chunk's end (the first frame past it not yet searched), for the last chunks. */
  private readonly greedyAt: (GreedySearch | undefined)[] = [];
  /** Encoder frames per chunk. */
  private framesPerChunk = 0;
  /** The names' words spotted on the frames searched so far, their ends frame after frame, and as they stood at each chunk's end. */
  private spots: WordSpotting | undefined;
  private readonly spotEnds = new Growing();
  private readonly spotStarts = new Growing();
  private readonly spotsAt: (WordSpotting | undefined)[] = [];

  constructor(
    private readonly model: StreamingTransducer,
    private readonly fbank: Fbank,
    readonly sampleRate: number,
    /** The words the names are spotted by now (they change with the knowledge base). */
    private readonly words: () => readonly Int32Array[],
  ) {
    this.resampler = sampleRate === fbank.options.sampleRate ? null : new S.LinearResampler(sampleRate, fbank.options.sampleRate);
    this.greedy = new GreedySearch(model);
  }

  /** Samples fed so far. */
  get fed(): number {
    return this.samples.length;
  }

  /** Encoder chunks run so far. */
  get chunks(): number {
    return this.outs.length;
  }

  /** More of the utterance's audio ([-1, 1]): the stages run as far as it lets them. `cancelled` stops between chunks. */
  async feed(samples: Float32Array, cancelled: () => boolean): Promise<void> {
    this.samples.push(samples);
    this.resampled.push(this.resampler ? this.resampler.resample(samples) : samples);
    const { fbank, model } = this;
    const dim = fbank.options.numBins;
    const settled = this.resampled.length - RESAMPLER_REACH;
    const signal = this.resampled.view();
    const row = new Float32Array(dim);
    for (let f = this.features.length / dim; fbank.frameStart(f) + fbank.windowSize <= settled; f++) {
      fbank.frame(signal, f, row);
      this.features.push(row);
    }
    const frames = this.features.length / dim;
    while (this.outs.length * model.chunkShift + model.chunkFrames <= frames) {
      if (cancelled()) return;
      const k = this.outs.length;
      const before = k === 0 ? model.initialStates() : this.states[k - 1];
      if (!before) return;
      const chunk = await model.encodeChunk(this.features.view(), k * model.chunkShift, before);
      this.framesPerChunk = chunk.out.length / model.dim;
      this.outs.push(chunk.out);
      this.states.push(chunk.states);
      if (k >= STATES_KEPT) this.states[k - STATES_KEPT] = undefined;
      // the greedy search over every whole block of the frames encoded so far
      const out = this.joined();
      const searched = this.greedy.t;
      await this.greedy.advance(out, out.length / model.dim, false);
      this.greedyAt.push(this.greedy.copy());
      this.spotWords(searched);
      this.spotsAt.push(this.spots?.copy());
      if (k >= STATES_KEPT) this.greedyAt[k - STATES_KEPT] = this.spotsAt[k - STATES_KEPT] = undefined;
    }
  }

  /** The names' words spotted on the frames the greedy search went through since `from` (the prefilter's first step). */
  private spotWords(from: number): void {
    const to = this.greedy.t;
    const words = this.words();
    this.spots ??= new WordSpotting(words);
    // the knowledge base changed meanwhile, or the utterance is long: the prefilter spots them at the pause
    if (this.spots.words !== words || to > MAX_SPOTTED_FRAMES || to <= from || this.spots.t !== from) return;
    const W = words.length;
    const block = { score: new Float32Array((to - from) * W), start: new Int32Array((to - from) * W), wordStride: 1, frameStride: W, fromFrame: from };
    this.spots.advance(this.greedy.ratios(from, to), this.model.vocabSize, to, block, from);
    this.spotEnds.push(block.score);
    this.spotStarts.push(Float32Array.from(block.start));
  }

  private joined(): Float32Array {
    const out = new Float32Array(this.outs.length * this.framesPerChunk * this.model.dim);
    this.outs.forEach((o, i) => out.set(o, i * o.length));
    return out;
  }

  /**
   * What scoring `samples` (the utterance as it is to be scored, at this sample rate) can start from:
   * the chunks whose features lie in the audio it shares with what was fed, far enough from that audio's
   * end, with the greedy search as it stood at their end. Null when nothing can be taken (other audio,
   * or too little of it).
   */
  startFor(samples: Float32Array): AheadStart | null {
    const shared = Math.min(samples.length, this.samples.length);
    const fed = this.samples.data;
    for (let i = 0; i < shared; i++) if (fed[i] !== samples[i]) return null;
    const { fbank, model } = this;
    const dim = fbank.options.numBins;
    // the resampled audio that is the same whatever follows the shared audio
    const settled = Math.min(this.resampled.length, Math.floor((shared * fbank.options.sampleRate) / this.sampleRate)) - RESAMPLER_REACH;
    let frames = 0;
    while (frames < this.features.length / dim && fbank.frameStart(frames) + fbank.windowSize <= settled) frames++;
    let k = Math.min(this.outs.length, Math.floor((frames - model.chunkFrames) / model.chunkShift) + 1);
    // the chunk's states, and a greedy search that stopped within its frames
    while (k > 0 && (!this.states[k - 1] || !this.greedyAt[k - 1])) k--;
    if (k <= 0) return null;
    const greedy = this.greedyAt[k - 1]!.copy();
    const spots = this.spotsAt[k - 1];
    const W = spots?.words.length ?? 0;
    // spotted as far as the search went then
    const words = spots && spots.t === greedy.t ? { spots: spots.copy(), ends: this.spotEnds.data.subarray(0, spots.t * W), starts: this.spotStarts.data.subarray(0, spots.t * W) } : undefined;
    return { features: this.features.data.slice(0, frames * dim), encoded: { outs: this.outs.slice(0, k), states: this.states[k - 1]! }, greedy, ...(words ? { words } : {}) };
  }
}
