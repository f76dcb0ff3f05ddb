// What the sender process says each flush dropped: the audio the caller had not heard yet, counted where the
// frames leave (and, for chan_websocket, what Asterisk still held of them). The main process's own estimate
// runs on its clock and assumes the sender kept pace; a sender held up, or audio handed over late, made that
// estimate run ahead of the caller, and a paused reply resumed past what they had heard.
export type UnheardListener = (unheardSamples: number) => void;

/** Flushes awaiting the sender's count, by the sequence number each was posted with. */
export class FlushReports {
  private readonly waiting = new Map<number, UnheardListener>();
  private nextSeq = 1;

  /** The sequence number to post a flush with; `listener` hears its count (never, if the sender goes away). */
  add(listener: UnheardListener | undefined): number {
    const seq = this.nextSeq++;
    if (listener) this.waiting.set(seq, listener);
    return seq;
  }

  settle(seq: number, unheardSamples: number): void {
    const listener = this.waiting.get(seq);
    this.waiting.delete(seq);
    listener?.(unheardSamples);
  }

  /** The sender went away or the stream closed: no count will come. */
  clear(): void {
    this.waiting.clear();
  }
}
