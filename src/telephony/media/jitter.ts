// A small jitter buffer for incoming RTP: holds a few packets to put them back in order, drops
// duplicates and packets that come too late, and conceals gaps (lost packets, or the hole Asterisk
// leaves in the stream while a DTMF digit is held) so the listener always gets 20 ms every 20 ms.
import { seqDelta } from "./rtp.js";

export interface JitterStats {
  received: number;
  /** Sequence numbers never received by the time their turn came (concealed, or skipped as a pause). */
  lost: number;
  duplicates: number;
  late: number;
  concealed: number;
  reordered: number;
}

export interface JitterOptions {
  /** Packets held before the oldest is released (depth ≈ depth × 20 ms of delay). */
  depth: number;
  samplesPerPacket: number;
  /** A gap longer than this many packets is taken as a pause (DTMF, hold), not loss: skipped, not filled. */
  maxConceal: number;
}

export class JitterBuffer {
  private readonly held = new Map<number, Int16Array>();
  private next: number | null = null;
  private last: Int16Array | null = null;
  readonly stats: JitterStats = { received: 0, lost: 0, duplicates: 0, late: 0, concealed: 0, reordered: 0 };
  private highest: number | null = null;

  constructor(private readonly options: JitterOptions) {}

  /** Adds a packet; returns the frames now ready, in order (concealed ones included). */
  push(sequence: number, samples: Int16Array): Int16Array[] {
    this.stats.received++;
    if (this.next !== null && seqDelta(this.next, sequence) < 0) {
      this.stats.late++;
      return [];
    }
    if (this.held.has(sequence)) {
      this.stats.duplicates++;
      return [];
    }
    if (this.highest !== null && seqDelta(this.highest, sequence) < 0) this.stats.reordered++;
    if (this.highest === null || seqDelta(this.highest, sequence) > 0) this.highest = sequence;
    this.held.set(sequence, samples);
    if (this.next === null) this.next = sequence;
    return this.release(false);
  }

  /** Everything still held, in order (at the end of a call). */
  drain(): Int16Array[] {
    return this.release(true);
  }

  private release(all: boolean): Int16Array[] {
    const out: Int16Array[] = [];
    while (this.next !== null && (all ? this.held.size > 0 : this.held.size > this.options.depth)) {
      const frame = this.held.get(this.next);
      if (frame) {
        this.held.delete(this.next);
        out.push(frame);
        this.last = frame;
        this.next = (this.next + 1) & 0xffff;
        continue;
      }
      // the next packet is missing while later ones wait: conceal or skip the gap
      let gap = 1;
      while (!this.held.has((this.next + gap) & 0xffff) && gap < 0x8000) gap++;
      this.stats.lost += gap;
      if (gap <= this.options.maxConceal) {
        for (let i = 0; i < gap; i++) out.push(this.conceal(i));
        this.stats.concealed += gap;
      }
      this.next = (this.next + gap) & 0xffff;
    }
    return out;
  }

  /** Loss concealment: the last frame faded out over a few packets, then silence. */
  private conceal(index: number): Int16Array {
    const n = this.options.samplesPerPacket;
    if (!this.last || index >= 3) return new Int16Array(n);
    const gain = 0.5 ** (index + 1);
    return Int16Array.from(this.last, (v) => Math.round(v * gain));
  }
}

/** RFC 3550's interarrival jitter estimate (section 6.4.1), in seconds: J += (|D| - J) / 16. */
export class InterarrivalJitter {
  private last: { arrival: number; timestamp: number } | undefined;
  private jitterUnits = 0;

  constructor(private readonly clockRate: number) {}

  /** `arrivalMs`: when the packet came (performance.now()); `timestamp`: its RTP timestamp. */
  add(arrivalMs: number, timestamp: number): void {
    const arrival = (arrivalMs / 1000) * this.clockRate;
    if (this.last) {
      // the RTP timestamp wraps at 2^32: the difference is taken modulo that
      const sent = ((timestamp - this.last.timestamp + 2 ** 31) % 2 ** 32 + 2 ** 32) % 2 ** 32 - 2 ** 31;
      const d = arrival - this.last.arrival - sent;
      this.jitterUnits += (Math.abs(d) - this.jitterUnits) / 16;
    }
    this.last = { arrival, timestamp };
  }

  get seconds(): number {
    return this.jitterUnits / this.clockRate;
  }
}
