// Scores the knowledge base's names against an utterance's audio with the recogniser's own model, in
// the name scorer's worker thread. Per utterance: features and encoder output as sherpa computes them,
// sherpa's greedy path with its per-frame log-probabilities; then (1) a prefilter over every name on
// that path's log-probabilities (each distinct word spotted once, its first token in the greedy path's
// decoder context and the rest in the word's own, a name scored by the best chain of its words), and
// (2) the exact lattice for the shortlist (the
// prefilter's best and the schemes the text matched), with each name's own decoder context, the
// shortlist's joiner rows batched token by token. A name's probability comes from the calibrated
// logistic model (with how well any longer name of another scheme holding it fits around it, see
// name-nesting.ts); a scheme's is the best of its names'. The names are tokenised in name-entries.ts, the
// prefilter's chains of words in name-chain.ts.
import { readFileSync } from "node:fs";
import sherpa from "sherpa-onnx-node";
import { threadCpuMs } from "../../ops/worker.js";
import { readSentencePieces } from "./bpe.js";
import { Fbank } from "./fbank.js";
import { nameLogit, schemeProbabilities, sigmoid, type NameCalibration, type NameFeatures, type SchemeCalibration } from "./name-calibration.js";
import { containingNames, nestedEvidence } from "./name-nesting.js";
import { SentencePieceEncoder } from "./sentencepiece.js";
import { tokeniseNames, type NameEntry, type SpottableName as Name } from "./name-entries.js";
import { ChainScratch, chainOrder } from "./name-chain.js";
import { AudioAhead, type AheadStart } from "./name-ahead.js";
import { WordSpotting } from "./name-word-spots.js";
import { StreamingTransducer, type TransducerFiles } from "./transducer.js";

export type { NameEntry } from "./name-entries.js";

export interface SpotterFiles extends TransducerFiles {
  bpeModel: string;
}

export interface SpotOptions {
  /** Schemes the recogniser's text matched: their names are scored exactly whatever the prefilter says. */
  schemeIds: readonly string[];
  /** Names the prefilter passes to the exact lattice. */
  shortlist: number;
  /** Names of each text-matched scheme scored exactly (its best by the prefilter). */
  namesPerMatchedScheme: number;
  /** Alignments further than this (log-likelihood) below a name's best are dropped. */
  beam: number;
  /** The prefilter also spots words of several tokens in their own decoder context (ownContextEnds). */
  ownContext: boolean;
  /** Frames a name may wait (blanks) between two of its tokens. */
  maxGap: number;
  calibration: NameCalibration;
  schemeCalibration: SchemeCalibration;
  /** Schemes reported, and the least probability reported. */
  maxSchemes: number;
  minProbability: number;
  /** Also return this many scored names with their features (calibration, diagnostics). */
  explain?: number;
  /** Checked between stages: true stops the work (the request was abandoned). */
  cancelled?: () => boolean;
}

export interface ScoredName {
  schemeId: string;
  text: string;
  /** The name model's logit and probability that this name was said. */
  logit: number;
  probability: number;
  features: NameFeatures;
  /** Encoder frames of the name's first and last token. */
  start: number;
  end: number;
}

export interface SpotResult {
  heard: { schemeId: string; score: number }[];
  /** The greedy transcript of the audio (what sherpa's greedy search hears). */
  greedyText: string;
  frames: number;
  /** Names the prefilter scored by their own lattice, and names scored exactly. */
  prefilterNames: number;
  exactNames: number;
  timings: { featuresMs: number; encoderMs: number; greedyMs: number; prefilterMs: number; exactMs: number; /** This thread's CPU time for the request (10 ms ticks). */ cpuMs: number; /** Encoder chunks taken from the work done as the audio arrived, and frames whose words were spotted then. */ chunksAhead: number; spottedAhead: number };
  explained?: ScoredName[];
}

/** Appended silence so the model emits its last tokens, as the recogniser's worker pads a finished stream. */
export const TAIL_PADDING_SECONDS = 0.4;
/**
 * …on the frames where a word's first u tokens lie at most this much per token below the greedy path
 * (log-likelihood). Chosen with bench/name-prefilter.ts on the spoken tuning part: the exact lattice's
 * first names within the prefilter's 24 in 10 of 13 at 3 (4: 10, 2.5: 8), its CPU growing with it.
 */
const PREFILTER_FLOOR = 3;
/** Joiner rows per onnxruntime call: larger batches stop paying for themselves (cache). */
const JOINER_BATCH = 512;
/** Joiner outputs further than this below a row's best add nothing to its log-sum-exp (e^-30). */
const NEGLIGIBLE_LOGIT = 30;

export class AbandonedError extends Error {
  constructor() {
    super("name scoring was abandoned");
  }
}

const S = sherpa as unknown as { LinearResampler: new (from: number, to: number) => { resample(x: Float32Array): Float32Array } };

export class NameSpotter {
  private names: Name[] = [];
  /** For each name, the longer names of other schemes that hold its words (name-nesting.ts). */
  private containers: number[][] = [];
  /** Every distinct word of the names, tokenised (a name's tokens are its words' tokens in order). */
  private words: Int32Array[] = [];
  private byScheme = new Map<string, number[]>();
  /** The names in an order that shares their first words' chains (name-chain.ts). */
  private chainOrder: { order: Int32Array; shared: Int32Array } = { order: new Int32Array(0), shared: new Int32Array(0) };
  /** For each word, the decoder context of each token after its first (ids into wordDecoder's rows). */
  private wordContexts: Int32Array[] = [];
  /** Decoder outputs of every context inside a word, computed once per set of names. */
  private wordDecoder: Float32Array = new Float32Array(0);
  private readonly fbank = new Fbank();

  private constructor(
    readonly model: StreamingTransducer,
    private readonly encoder: SentencePieceEncoder,
  ) {}

  static async load(files: SpotterFiles, numThreads = 1): Promise<NameSpotter> {
    const model = await StreamingTransducer.load(files, numThreads);
    const ids = new Map(model.pieces.map((p, i) => [p, i] as const));
    return new NameSpotter(model, new SentencePieceEncoder(readSentencePieces(readFileSync(files.bpeModel)), ids));
  }

  /** The names to listen for, tokenised once; returns how many could be tokenised. */
  async setNames(entries: readonly NameEntry[]): Promise<number> {
    const { names, words, byScheme } = tokeniseNames(entries, this.encoder);
    this.words = words;
    // each name's internal-LM log-probability, every token after the ones before it (the first after a
    // fresh start: what came before it in the caller's sentence is unknown)
    const lm = await this.model.internalLm(names.flatMap((n) => Array.from(n.tokens, (token, u) => ({ context: this.model.contextOf(Array.from(n.tokens.subarray(0, u))), token }))));
    let k = 0;
    for (const n of names) for (let u = 0; u < n.tokens.length; u++) n.lm += lm[k++]!;
    const contextIds = new Map<string, number>();
    const contexts: number[][] = [];
    this.wordContexts = words.map((tokens) =>
      Int32Array.from({ length: tokens.length - 1 }, (_, u) => {
        const c = this.model.contextOf(Array.from(tokens.subarray(0, u + 1)));
        const key = c.join(",");
        if (!contextIds.has(key)) {
          contextIds.set(key, contexts.length);
          contexts.push(c);
        }
        return contextIds.get(key)!;
      }),
    );
    this.wordDecoder = contexts.length ? await this.model.decode(contexts) : new Float32Array(0);
    this.names = names;
    this.chainOrder = chainOrder(names);
    this.containers = containingNames(names);
    this.byScheme = byScheme;
    return names.length;
  }

  /** Features of a whole utterance, after the recogniser's own resampler and tail padding; `known`: its first frames. */
  features(samples: Float32Array, sampleRate: number, known?: Float32Array): Float32Array {
    const padded = new Float32Array(samples.length + Math.round(sampleRate * TAIL_PADDING_SECONDS));
    padded.set(samples);
    const rate = this.fbank.options.sampleRate;
    return this.fbank.compute(sampleRate === rate ? padded : new S.LinearResampler(sampleRate, rate).resample(padded), known);
  }

  /** Work on an utterance's audio as it arrives (name-ahead.ts), for spot() to go on from. */
  ahead(sampleRate: number): AudioAhead {
    return new AudioAhead(this.model, this.fbank, sampleRate, () => this.words);
  }

  /** What sherpa's greedy search hears in a whole recording (the check that features and encoder match). */
  async transcribe(samples: Float32Array, sampleRate: number): Promise<string> {
    const greedy = await this.model.greedy(await this.model.encode(this.features(samples, sampleRate)));
    return this.model.text(greedy.tokens);
  }

  /**
   * Scores the names in an utterance. `ahead`: the work done on its audio as it arrived (fed the same
   * samples, as far as they go): the stages go on from there, with the same results.
   */
  async spot(samples: Float32Array, sampleRate: number, options: SpotOptions, ahead?: AudioAhead): Promise<SpotResult> {
    const check = () => {
      if (options.cancelled?.()) throw new AbandonedError();
    };
    const t0 = performance.now();
    const cpu0 = threadCpuMs();
    const start = ahead?.sampleRate === sampleRate ? ahead.startFor(samples) : null;
    const { enc, greedy, ratio, T, lmGap, t1, t2, t3 } = await this.analyse(samples, sampleRate, check, start);
    const { shortlist, scored } = await this.prefilter(enc, greedy.pathLogProbs, ratio, options, start?.words);
    const t4 = performance.now();
    check();
    const exact = await this.exact(enc, greedy.pathLogProbs, ratio, shortlist, lmGap, options);
    const t5 = performance.now();
    // each scheme by its best name, then weighed against the others
    const best = new Map<string, number>();
    for (const n of exact) if (Number.isFinite(n.logit) && n.logit > (best.get(n.schemeId) ?? -Infinity)) best.set(n.schemeId, n.logit);
    const heard = schemeProbabilities(
      [...best.entries()].map(([schemeId, logit]) => ({ schemeId, logit })),
      options.schemeCalibration,
    )
      .filter((h) => h.score >= options.minProbability)
      .slice(0, options.maxSchemes);
    return {
      heard,
      greedyText: this.model.text(greedy.tokens),
      frames: T,
      prefilterNames: scored,
      exactNames: exact.length,
      timings: { featuresMs: t1 - t0, encoderMs: t2 - t1, greedyMs: t3 - t2, prefilterMs: t4 - t3, exactMs: t5 - t4, cpuMs: threadCpuMs() - cpu0, chunksAhead: start?.encoded.outs.length ?? 0, spottedAhead: start?.words && start.words.spots.words === this.words ? start.words.ends.length / this.words.length : 0 },
      explained: options.explain ? exact.sort((a, b) => b.probability - a.probability).slice(0, options.explain) : undefined,
    };
  }

  /**
   * Features, encoder output, the greedy path, each frame's log-probabilities against it, and the LM gap
   * of a span; `start`: what was worked out as the audio arrived, gone on from.
   */
  private async analyse(samples: Float32Array, sampleRate: number, check: () => void, start?: AheadStart | null) {
    const feats = this.features(samples, sampleRate, start?.features);
    const t1 = performance.now();
    check();
    const enc = await this.model.encode(feats, undefined, start?.encoded);
    const t2 = performance.now();
    check();
    const greedy = await this.model.greedy(enc, undefined, start?.greedy);
    const t3 = performance.now();
    check();
    const V = this.model.vocabSize;
    const T = enc.frames;
    // per-frame ratios against the greedy path
    const ratio = greedy.logProbs;
    for (let t = 0; t < T; t++) {
      const p = greedy.pathLogProbs[t]!;
      for (let k = 0; k < V; k++) ratio[t * V + k]! -= p;
    }
    // the internal LM of what the recogniser heard, summed up to each frame
    const heardLm = await this.model.internalLm(greedy.tokens.map((token, k) => ({ context: this.model.contextOf(greedy.tokens.slice(0, k)), token })));
    const lmBefore = new Float64Array(T + 1);
    for (let t = 0, k = 0; t < T; t++) {
      lmBefore[t + 1] = lmBefore[t]!;
      for (; k < greedy.times.length && greedy.times[k] === t; k++) lmBefore[t + 1]! += heardLm[k]!;
    }
    const lmGap = (n: Name, start: number, end: number) => (lmBefore[end + 1]! - lmBefore[start]! - n.lm) / n.tokens.length;
    return { enc, greedy, ratio, T, lmGap, t1, t2, t3 };
  }

  /**
   * Diagnostics (bench/name-prefilter.ts): every name's prefilter logit and the exact logits of the
   * prefilter's best `top` names, with every name of the schemes given and of the text-matched ones.
   */
  async diagnose(samples: Float32Array, sampleRate: number, options: SpotOptions, top: number, schemes: readonly string[]) {
    const cpu0 = threadCpuMs();
    const { enc, greedy, ratio, T, lmGap } = await this.analyse(samples, sampleRate, () => {});
    const c0 = threadCpuMs();
    const pre = await this.prefilterLogits(enc, greedy.pathLogProbs, ratio, options, undefined, true);
    const ownMs = threadCpuMs() - c0;
    const pre2 = (await this.prefilterLogits(enc, greedy.pathLogProbs, ratio, options, undefined, false)).map((p) => p.logit);
    const greedyMs = threadCpuMs() - c0 - ownMs;
    const order = this.names.map((_, i) => i).sort((a, b) => pre[b]!.logit - pre[a]!.logit);
    const list = new Set(order.slice(0, top));
    for (const id of [...schemes, ...options.schemeIds]) for (const i of this.byScheme.get(id) ?? []) list.add(i);
    const shortlist = [...list];
    const exact = await this.exact(enc, greedy.pathLogProbs, ratio, shortlist, lmGap, options);
    return {
      greedyText: this.model.text(greedy.tokens),
      frames: T,
      prefilter: pre.map((p, i) => ({ ...p, greedyContext: pre2[i], lmGap: p.logit > -Infinity ? lmGap(this.names[i]!, p.start, p.end) : 0 })),
      exact: exact.map((e, k) => ({ i: shortlist[k]!, logit: e.logit, features: e.features })),
      cpuMs: threadCpuMs() - cpu0,
      /** CPU ms of the prefilter with words in their own context, and in the greedy path's only. */
      ownMs,
      greedyMs,
    };
  }

  /**
   * Each word of two or more tokens spotted again with its tokens after the first in their own context
   * (the first in the greedy path's: what came before the word is unknown), where that fits better than
   * the greedy path's context: a word the recogniser did not hear has tokens its context does not expect,
   * and there the greedy path's context sinks the word far below the exact lattice's score. Only the
   * frames where the word's alignment so far is within the beam of its best and no further below the
   * greedy path than PREFILTER_FLOOR per token are joined.
   */
  private async ownContextEnds(enc: { frames: number; out: Float32Array }, path: Float32Array, ratio: Float32Array, options: SpotOptions, wordEnd: Float32Array, wordStart: Int32Array): Promise<void> {
    const V = this.model.vocabSize;
    const T = enc.frames;
    const live = this.words.flatMap((tokens, w) => {
      if (tokens.length < 2) return [];
      const arrive = new Float64Array(T);
      for (let t = 0; t < T; t++) arrive[t] = ratio[t * V + tokens[0]!]!;
      return [{ w, tokens, arrive, start: Int32Array.from({ length: T }, (_, t) => t) }];
    });
    for (let u = 1; live.length; u++) {
      if (options.cancelled?.()) throw new AbandonedError();
      const floor = -PREFILTER_FLOOR * u;
      const bands = live.map((l) => {
        let best = -Infinity;
        for (let t = 0; t < T; t++) best = Math.max(best, l.arrive[t]!);
        const least = Math.max(best - options.beam, floor);
        let lo = -1;
        let hi = -1;
        for (let t = 0; t < T; t++)
          if (l.arrive[t]! >= least) {
            if (lo < 0) lo = t;
            hi = t;
          }
        if (lo < 0 || lo + 1 >= T) return null;
        return { context: this.wordContexts[l.w]![u - 1]!, lo, hi: Math.min(T - 1, hi + options.maxGap + 1) };
      });
      const { rowOf, rows } = bandRows(bands, T);
      const { logits, logNorm } = await this.joinRows(enc, this.wordDecoder, rows);
      const next: typeof live = [];
      live.forEach((l, k) => {
        const b = bands[k];
        if (!b) return;
        const y = l.tokens[u]!;
        const arrive = new Float64Array(T).fill(-Infinity);
        const start = new Int32Array(T);
        let stay = l.arrive[b.lo]!;
        let stayStart = l.start[b.lo]!;
        for (let t = b.lo + 1; t <= b.hi; t++) {
          const r = rowOf.get(b.context * T + t)!;
          const norm = logNorm[r]! + path[t]!;
          arrive[t] = stay + logits[r * V + y]! - norm;
          start[t] = stayStart;
          const waited = stay + logits[r * V]! - norm;
          if (l.arrive[t]! >= waited) {
            stay = l.arrive[t]!;
            stayStart = l.start[t]!;
          } else stay = waited;
        }
        if (u + 1 < l.tokens.length) {
          next.push({ ...l, arrive, start });
          return;
        }
        // the word is out: its own-context ends where they beat the greedy path's context
        for (let t = 0; t < T; t++)
          if (arrive[t]! > wordEnd[l.w * T + t]!) {
            wordEnd[l.w * T + t] = arrive[t]!;
            wordStart[l.w * T + t] = start[t]!;
          }
      });
      live.splice(0, live.length, ...next);
    }
  }

  /** Every name's text and scheme, in the order diagnose reports them. */
  nameList(): { schemeId: string; text: string; tokens: number }[] {
    return this.names.map((n) => ({ schemeId: n.schemeId, text: n.text, tokens: n.tokens.length }));
  }

  /**
   * Every name, cheaply, on the greedy path's log-probabilities. Each distinct word (far fewer than the
   * names) is spotted once: its best span ending at every frame (its tokens after the first in its own
   * context where that fits better, ownContextEnds). A name then scores as the best chain
   * of its words' spans in time order with the blanks between them, frame by frame, which is its own
   * lattice on these log-probabilities but for a word's start being the best for its end. The best
   * names, and each text-matched scheme's best few, go on to the exact lattice.
   */
  private async prefilter(enc: { frames: number; out: Float32Array }, path: Float32Array, ratio: Float32Array, options: SpotOptions, ahead?: AheadStart["words"]): Promise<{ shortlist: number[]; scored: number }> {
    const logits = (await this.prefilterLogits(enc, path, ratio, options, ahead)).map((p) => p.logit);
    const byLogit = (a: number, b: number) => logits[b]! - logits[a]!;
    const out = new Set(
      this.names
        .map((_, i) => i)
        .sort(byLogit)
        .slice(0, options.shortlist)
        .filter((i) => logits[i]! > -Infinity),
    );
    for (const id of options.schemeIds) for (const i of [...(this.byScheme.get(id) ?? [])].sort(byLogit).slice(0, options.namesPerMatchedScheme)) out.add(i);
    return { shortlist: [...out], scored: this.names.length };
  }

  /** Each name's prefilter logit, with its chain's fit, matched information and frames. */
  private async prefilterLogits(enc: { frames: number; out: Float32Array }, path: Float32Array, ratio: Float32Array, options: SpotOptions, ahead?: AheadStart["words"], own = options.ownContext): Promise<{ logit: number; llr: number; matched: number; start: number; end: number }[]> {
    const V = this.model.vocabSize;
    const T = enc.frames;
    const W = this.words.length;
    const wordEnd = new Float32Array(W * T);
    const wordStart = new Int32Array(W * T);
    // the frames spotted as the audio arrived (frame-major there), for the same words
    const from = ahead?.spots.words === this.words ? ahead : undefined;
    const spots = from ? from.spots : new WordSpotting(this.words);
    if (from)
      for (let t = 0; t < spots.t; t++)
        for (let w = 0; w < W; w++) {
          wordEnd[w * T + t] = from.ends[t * W + w]!;
          wordStart[w * T + t] = from.starts[t * W + w]!;
        }
    spots.advance(ratio, V, T, { score: wordEnd, start: wordStart, wordStride: T, frameStride: 1, fromFrame: 0 });
    // (not causal: a word's band is cut from its best over the whole utterance, so it runs once it is whole)
    if (own) await this.ownContextEnds(enc, path, ratio, options, wordEnd, wordStart);
    const blankBefore = new Float64Array(T + 1);
    for (let t = 0; t < T; t++) blankBefore[t + 1] = blankBefore[t]! + ratio[t * V]!;
    const chain = new ChainScratch(T);
    // the LM gap is left out here: over spans found in the greedy path's context it misleads more than
    // it tells (measured on the calibration calls: fewer said names reached the exact lattice). A longer
    // name's fit around this one is left at 0 too: its coefficient is never positive, so the logit here
    // is the most the name can get from it.
    const calibration = { ...options.calibration, lmGap: 0 };
    // names beginning with the same words one after another: their first words' chains are chained once
    const out = new Array<{ logit: number; llr: number; matched: number; start: number; end: number }>(this.names.length);
    const { order, shared } = this.chainOrder;
    order.forEach((i, k) => {
      const n = this.names[i]!;
      const c = chain.best(n, this.words, wordEnd, wordStart, blankBefore, shared[k]!);
      out[i] = c
        ? { logit: nameLogit({ llr: c.score, tokens: n.tokens.length, matchedInfo: c.matched, lmGap: 0, shared: n.shared, nested: 0 }, calibration), llr: c.score, matched: c.matched, start: c.start, end: c.end }
        : { logit: -Infinity, llr: -Infinity, matched: 0, start: 0, end: 0 };
    });
    return out;
  }

  /**
   * The lattice with each name's own decoder context, token by token for all shortlisted names at once:
   * a round extends every name by one token, running the joiner only where the name's alignment is
   * still alive (within the beam of its best) and up to maxGap frames of waiting after it.
   */
  private async exact(enc: { frames: number; out: Float32Array }, path: Float32Array, ratio: Float32Array, shortlist: readonly number[], lmGap: (n: Name, start: number, end: number) => number, options: SpotOptions): Promise<ScoredName[]> {
    const V = this.model.vocabSize;
    const T = enc.frames;
    const live = shortlist.map((i) => {
      const n = this.names[i]!;
      // arrivals into "first token out" at each frame: the first token follows whatever the caller said
      // before, so it is scored in the greedy path's own context
      const arrive = new Float64Array(T);
      for (let t = 0; t < T; t++) arrive[t] = ratio[t * V + n.tokens[0]!]!;
      const path0 = { wordStart: new Float64Array(T), matched: new Float64Array(T) };
      if (n.closesWord[0]) for (let t = 0; t < T; t++) path0.matched[t] = n.wordInfo[0]! * Math.exp(arrive[t]!);
      return { n, arrive, start: Int32Array.from({ length: T }, (_, t) => t), ...path0, done: n.tokens.length === 1 };
    });
    // decoder outputs of every context the names pass through, once
    const contextIds = new Map<string, number>();
    const contexts: number[][] = [];
    const contextOf = live.map(({ n }) =>
      Array.from({ length: n.tokens.length - 1 }, (_, u) => {
        const c = this.model.contextOf(Array.from(n.tokens.subarray(0, u + 1)));
        const key = c.join(",");
        if (!contextIds.has(key)) {
          contextIds.set(key, contexts.length);
          contexts.push(c);
        }
        return contextIds.get(key)!;
      }),
    );
    const dec = contexts.length ? await this.model.decode(contexts) : new Float32Array(0);
    for (let u = 1; live.some((l) => !l.done); u++) {
      if (options.cancelled?.()) throw new AbandonedError();
      // the frames each name still needs with the context of its first u tokens
      const bands = live.map((l, k) => {
        if (l.done) return null;
        let best = -Infinity;
        for (let t = 0; t < T; t++) best = Math.max(best, l.arrive[t]!);
        let lo = -1;
        let hi = -1;
        for (let t = 0; t < T; t++)
          if (l.arrive[t]! >= best - options.beam) {
            if (lo < 0) lo = t;
            hi = t;
          }
        if (lo < 0 || lo + 1 >= T) return null;
        return { k, context: contextOf[k]![u - 1]!, lo, hi: Math.min(T - 1, hi + options.maxGap + 1) };
      });
      const { rowOf, rows } = bandRows(bands, T);
      const { logits, logNorm } = await this.joinRows(enc, dec, rows);
      live.forEach((l, k) => {
        if (l.done) return;
        const b = bands[k];
        const next = new Float64Array(T).fill(-Infinity);
        const nextStart = new Int32Array(T);
        const nextWordStart = new Float64Array(T);
        const nextMatched = new Float64Array(T);
        if (b) {
          const { tokens, opensWord, closesWord, tokenWord, wordInfo } = l.n;
          const y = tokens[u]!;
          const wordLength = this.words[l.n.words[tokenWord[u]!]!]!.length;
          // in "u tokens out" from an arrival or by waiting; token u + 1 leaves it at the next frame. The
          // start frame, the score where the current word began and the matched information follow the
          // best path.
          let stay = l.arrive[b.lo]!;
          let stayStart = l.start[b.lo]!;
          let stayWordStart = l.wordStart[b.lo]!;
          let stayMatched = l.matched[b.lo]!;
          for (let t = b.lo + 1; t <= b.hi; t++) {
            const r = rowOf.get(b.context * T + t)!;
            const norm = logNorm[r]! + path[t]!;
            const out = stay + logits[r * V + y]! - norm;
            const wordStart = opensWord[u] ? stay : stayWordStart;
            next[t] = out;
            nextStart[t] = stayStart;
            nextWordStart[t] = wordStart;
            nextMatched[t] = stayMatched + (closesWord[u] ? wordInfo[tokenWord[u]!]! * Math.exp((out - wordStart) / wordLength) : 0);
            const waited = stay + logits[r * V]! - norm;
            if (l.arrive[t]! >= waited) {
              stay = l.arrive[t]!;
              stayStart = l.start[t]!;
              stayWordStart = l.wordStart[t]!;
              stayMatched = l.matched[t]!;
            } else stay = waited;
          }
        }
        l.arrive = next;
        l.start = nextStart;
        l.wordStart = nextWordStart;
        l.matched = nextMatched;
        if (u + 1 >= l.n.tokens.length || !b) l.done = true;
      });
    }
    const scored = live.map(({ n, arrive, start, matched }) => {
      let end = 0;
      for (let t = 1; t < T; t++) if (arrive[t]! > arrive[end]!) end = t;
      const from = start[end] ?? 0;
      const features: NameFeatures = { llr: T ? arrive[end]! : -Infinity, tokens: n.tokens.length, matchedInfo: T ? matched[end]! : 0, lmGap: T ? lmGap(n, from, end) : 0, shared: n.shared, nested: 0 };
      return { schemeId: n.schemeId, text: n.text, logit: 0, probability: 0, features, start: from, end };
    });
    // then each name against the longer names of other schemes scored too, by their logits without it
    const base = scored.map((s) => nameLogit(s.features, options.calibration));
    const byName = new Map(shortlist.map((i, k) => [i, k] as const));
    const alignment = (k: number) => ({ logit: base[k]!, tokens: scored[k]!.features.tokens, start: scored[k]!.start, end: scored[k]!.end });
    return scored.map((s, k) => {
      const longer = this.containers[shortlist[k]!]!.flatMap((j) => (byName.has(j) ? [alignment(byName.get(j)!)] : []));
      s.features.nested = nestedEvidence(alignment(k), longer);
      s.logit = nameLogit(s.features, options.calibration);
      s.probability = sigmoid(s.logit);
      return s;
    });
  }

  /** Joiner logits for (context, frame) rows, in batches, with each row's log-normaliser. */
  private async joinRows(enc: { out: Float32Array }, dec: Float32Array, rows: readonly { context: number; frame: number }[]): Promise<{ logits: Float32Array; logNorm: Float32Array }> {
    const { dim, vocabSize: V } = this.model;
    const logits = new Float32Array(rows.length * V);
    const logNorm = new Float32Array(rows.length);
    for (let from = 0; from < rows.length; from += JOINER_BATCH) {
      const batch = rows.slice(from, from + JOINER_BATCH);
      const encRows = new Float32Array(batch.length * dim);
      const decRows = new Float32Array(batch.length * dim);
      batch.forEach((r, k) => {
        encRows.set(enc.out.subarray(r.frame * dim, (r.frame + 1) * dim), k * dim);
        decRows.set(dec.subarray(r.context * dim, (r.context + 1) * dim), k * dim);
      });
      logits.set(await this.model.join(encRows, decRows), from * V);
    }
    for (let k = 0; k < rows.length; k++) {
      const row = logits.subarray(k * V, (k + 1) * V);
      let max = -Infinity;
      for (let j = 0; j < V; j++) if (row[j]! > max) max = row[j]!;
      let sum = 0;
      for (let j = 0; j < V; j++) if (row[j]! > max - NEGLIGIBLE_LOGIT) sum += Math.exp(row[j]! - max);
      logNorm[k] = max + Math.log(sum);
    }
    return { logits, logNorm };
  }
}

/** The joiner rows a set of bands needs (each decoder context at each frame inside a band, once), and where each lies. */
function bandRows(bands: readonly ({ context: number; lo: number; hi: number } | null)[], T: number): { rowOf: Map<number, number>; rows: { context: number; frame: number }[] } {
  const rowOf = new Map<number, number>();
  const rows: { context: number; frame: number }[] = [];
  for (const b of bands) {
    if (!b) continue;
    for (let t = b.lo + 1; t <= b.hi; t++) {
      const key = b.context * T + t;
      if (!rowOf.has(key)) {
        rowOf.set(key, rows.length);
        rows.push({ context: b.context, frame: t });
      }
    }
  }
  return { rowOf, rows };
}
