// What a call needs from its media leg, whichever transport carries it (RTP or chan_websocket).
export interface CallMedia {
  /** Queues audio (at the format's rate) for the caller. */
  play(samples: Int16Array): void;
  /** Drops queued audio at once (barge-in); returns the frames dropped here. */
  flush(): number;
  readonly queuedMs: number;
  /** ms each sent packet went out after its 20 ms deadline. */
  readonly lateness: readonly number[];
  /** Idempotent: stops sending and releases the socket. */
  close(): void;
}
