// Log mel filterbank features exactly as sherpa-onnx computes them for its transducer models
// (kaldi-native-fbank's OnlineFbank with sherpa's FeatureExtractorConfig defaults): 16 kHz samples in
// [-1, 1], 25 ms povey windows every 10 ms with edges reflected (snip_edges false), DC removed,
// pre-emphasis 0.97, 512-point power spectrum, 80 triangular mel bins from 20 Hz to Nyquist − 400 Hz,
// natural log floored at FLT_EPSILON; no dither, no energy. Telephone audio is brought to 16 kHz first
// by sherpa's own resampler (the caller does that), so a scorer sees the features the recogniser saw.

export interface FbankOptions {
  sampleRate: number;
  numBins: number;
  frameLengthMs: number;
  frameShiftMs: number;
  lowFreq: number;
  /** Hz; zero or negative counts down from the Nyquist frequency. */
  highFreq: number;
  preemphasis: number;
}

/** sherpa-onnx's FeatureExtractorConfig defaults with the 80 bins the transducer models take. */
export const SHERPA_FBANK: FbankOptions = { sampleRate: 16000, numBins: 80, frameLengthMs: 25, frameShiftMs: 10, lowFreq: 20, highFreq: -400, preemphasis: 0.97 };

const FLT_EPSILON = 1.1920928955078125e-7;

const melScale = (hz: number): number => 1127 * Math.log(1 + hz / 700);

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** In-place iterative radix-2 FFT of a complex signal (re, im), length a power of two. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len *= 2) {
    const angle = (-2 * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let start = 0; start < n; start += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = start + k;
        const b = a + len / 2;
        const xr = re[b]! * cr - im[b]! * ci;
        const xi = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
        const next = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = next;
      }
    }
  }
}

export class Fbank {
  readonly windowSize: number;
  readonly windowShift: number;
  private readonly padded: number;
  private readonly window: Float64Array;
  /** Per mel bin: first FFT bin and its weights. */
  private readonly bins: { first: number; weights: Float64Array }[] = [];
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  constructor(readonly options: FbankOptions = SHERPA_FBANK) {
    this.windowSize = Math.round((options.sampleRate * options.frameLengthMs) / 1000);
    this.windowShift = Math.round((options.sampleRate * options.frameShiftMs) / 1000);
    this.padded = nextPowerOfTwo(this.windowSize);
    this.re = new Float64Array(this.padded);
    this.im = new Float64Array(this.padded);
    // povey: a Hann window raised to 0.85, zero at both edges
    this.window = new Float64Array(this.windowSize);
    const a = (2 * Math.PI) / (this.windowSize - 1);
    for (let i = 0; i < this.windowSize; i++) this.window[i] = Math.pow(0.5 - 0.5 * Math.cos(a * i), 0.85);
    const nyquist = options.sampleRate / 2;
    const high = options.highFreq > 0 ? options.highFreq : nyquist + options.highFreq;
    const melLow = melScale(options.lowFreq);
    const melDelta = (melScale(high) - melLow) / (options.numBins + 1);
    const binWidth = options.sampleRate / this.padded;
    for (let bin = 0; bin < options.numBins; bin++) {
      const left = melLow + bin * melDelta;
      const centre = left + melDelta;
      const right = centre + melDelta;
      const weights: number[] = [];
      let first = -1;
      for (let i = 0; i < this.padded / 2; i++) {
        const mel = melScale(binWidth * i);
        if (mel > left && mel < right) {
          if (first < 0) first = i;
          weights[i - first] = mel <= centre ? (mel - left) / (centre - left) : (right - mel) / (right - centre);
        }
      }
      this.bins.push({ first, weights: Float64Array.from(weights, (w) => w ?? 0) });
    }
  }

  /** Frames a whole signal yields (kaldi, snip_edges false): its length in shifts, rounded. */
  numFrames(numSamples: number): number {
    return Math.floor((numSamples + Math.floor(this.windowShift / 2)) / this.windowShift);
  }

  /** Features of a whole signal, frame after frame (numFrames × numBins); `known`: its first frames, already computed. */
  compute(samples: Float32Array, known?: Float32Array): Float32Array {
    const frames = this.numFrames(samples.length);
    const dim = this.options.numBins;
    const out = new Float32Array(frames * dim);
    const from = known ? Math.min(frames, known.length / dim) : 0;
    if (known) out.set(known.subarray(0, from * dim));
    for (let f = from; f < frames; f++) this.frame(samples, f, out.subarray(f * dim, (f + 1) * dim));
    return out;
  }

  /** The first sample of frame f's window (negative: reflected from the signal's start). */
  frameStart(f: number): number {
    return this.windowShift * f + Math.floor(this.windowShift / 2) - Math.floor(this.windowSize / 2);
  }

  /**
   * Frame f of a signal (numBins values into `out`). A frame whose window ends within the signal is the
   * same whatever follows: the signal's end is reflected only into frames that reach it.
   */
  frame(samples: Float32Array, f: number, out: Float32Array): void {
    const { re, im, windowSize: size } = this;
    const start = this.frameStart(f);
    const n = samples.length;
    let mean = 0;
    for (let s = 0; s < size; s++) {
      let i = start + s;
      // reflect around either end of the signal, as kaldi does
      while (i < 0 || i >= n) i = i < 0 ? -i - 1 : 2 * n - 1 - i;
      re[s] = samples[i]!;
      mean += re[s]!;
    }
    mean /= size;
    for (let s = 0; s < size; s++) re[s] = re[s]! - mean;
    const k = this.options.preemphasis;
    for (let s = size - 1; s > 0; s--) re[s] = re[s]! - k * re[s - 1]!;
    re[0] = re[0]! - k * re[0]!;
    for (let s = 0; s < size; s++) re[s] = re[s]! * this.window[s]!;
    re.fill(0, size);
    im.fill(0);
    fft(re, im);
    for (let b = 0; b < this.bins.length; b++) {
      const { first, weights } = this.bins[b]!;
      let energy = 0;
      for (let w = 0; w < weights.length; w++) {
        const i = first + w;
        energy += weights[w]! * (re[i]! * re[i]! + im[i]! * im[i]!);
      }
      out[b] = Math.log(Math.max(energy, FLT_EPSILON));
    }
  }
}
