// Band-limited rational resampling (windowed sinc, polyphase), streaming: 22.05 kHz synthesis down to
// 8 kHz telephone audio with anti-aliasing, 8 → 16 kHz where an engine needs it.
function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

export interface ResamplerOptions {
  /** Zero crossings of the sinc on each side, at the lower rate (quality vs. delay). */
  halfWidth?: number;
  /** Passband edge as a share of the lower Nyquist frequency. */
  rolloff?: number;
  /** Kaiser window beta (stopband attenuation). */
  beta?: number;
}

export class Resampler {
  private readonly up: number;
  private readonly down: number;
  private readonly taps: number;
  /** phase → filter taps over the input history */
  private readonly filters: Float32Array[];
  private history: Float32Array;
  /** Position of the next output, in input samples × up, relative to history start. */
  private position = 0;

  constructor(
    readonly inRate: number,
    readonly outRate: number,
    options: ResamplerOptions = {},
  ) {
    if (!Number.isInteger(inRate) || !Number.isInteger(outRate) || inRate <= 0 || outRate <= 0) {
      throw new RangeError(`sample rates must be positive integers, got ${inRate} → ${outRate}`);
    }
    const g = gcd(inRate, outRate);
    this.up = outRate / g;
    this.down = inRate / g;
    const halfWidth = options.halfWidth ?? 16;
    const rolloff = options.rolloff ?? 0.92;
    const beta = options.beta ?? 8.6;
    // cutoff relative to the input rate
    const cutoff = (Math.min(inRate, outRate) / inRate) * rolloff * 0.5;
    const span = Math.ceil((halfWidth * inRate) / Math.min(inRate, outRate));
    this.taps = 2 * span;
    this.filters = [];
    const i0beta = besselI0(beta);
    for (let phase = 0; phase < this.up; phase++) {
      const frac = phase / this.up;
      const f = new Float32Array(this.taps);
      for (let k = 0; k < this.taps; k++) {
        const t = k - span + 1 - frac; // distance in input samples
        const x = 2 * cutoff * t;
        const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        const r = t / (span + 1);
        const window = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0beta;
        f[k] = 2 * cutoff * sinc * window;
      }
      this.filters.push(f);
    }
    // span − 1 zeros before the first sample centre output n exactly on input time n·in/out
    this.history = new Float32Array(span - 1);
  }

  /** Input samples the resampler waits for before it can give the output for a moment (look-ahead). */
  get lookAhead(): number {
    return this.taps / 2;
  }

  /** Resamples a block; output length follows the rate ratio over successive calls. */
  process(input: Float32Array | Int16Array): Float32Array {
    const scale = input instanceof Int16Array ? 1 / 32768 : 1;
    const buffer = new Float32Array(this.history.length + input.length);
    buffer.set(this.history);
    for (let i = 0; i < input.length; i++) buffer[this.history.length + i] = input[i]! * scale;
    const out: number[] = [];
    // output n reads input around (position / up); needs `taps` samples from its base index
    while (true) {
      const base = Math.floor(this.position / this.up);
      if (base + this.taps > buffer.length) break;
      const filter = this.filters[this.position % this.up]!;
      let acc = 0;
      for (let k = 0; k < this.taps; k++) acc += buffer[base + k]! * filter[k]!;
      out.push(acc);
      this.position += this.down;
    }
    const consumed = Math.floor(this.position / this.up);
    const keepFrom = Math.min(consumed, buffer.length);
    this.history = buffer.slice(keepFrom);
    this.position -= keepFrom * this.up;
    return Float32Array.from(out);
  }

  /** Pushes zeros through so the last input samples come out. */
  flush(): Float32Array {
    return this.process(new Float32Array(this.taps));
  }
}

/** One-shot resampling of a whole signal, time aligned, exact output length. */
export function resample(input: Float32Array | Int16Array, inRate: number, outRate: number, options?: ResamplerOptions): Float32Array {
  if (inRate === outRate) return input instanceof Int16Array ? Float32Array.from(input, (v) => v / 32768) : input.slice();
  const r = new Resampler(inRate, outRate, options);
  const body = r.process(input);
  const tail = r.flush();
  const all = new Float32Array(body.length + tail.length);
  all.set(body);
  all.set(tail, body.length);
  const length = Math.round((input.length * outRate) / inRate);
  return all.slice(0, length);
}
