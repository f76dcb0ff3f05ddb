// What a call needs from its media leg, whichever transport carries it (RTP or chan_websocket).
import type { UnheardListener } from "./flush-reports.js";

/** A media leg's counts so far (monotonic), for the metrics; jitter is RTP's interarrival jitter in seconds. */
export interface MediaStats {
  packetsIn: number;
  packetsOut: number;
  lost: number;
  late: number;
  concealed: number;
  duplicate: number;
  malformed: number;
  wrong_payload_type: number;
  oversized: number;
  /** RTP from an address other than Asterisk's UNICASTRTP_LOCAL_ADDRESS/PORT. */
  rejected_source: number;
  xoff: number;
  jitterSeconds?: number;
}

export interface CallMedia {
  /** Counts so far (read at scrape time and when the call ends). */
  mediaStats(): MediaStats;
  /** Queues audio (at the format's rate) for the caller. */
  play(samples: Int16Array): void;
  /**
   * Drops queued audio at once (barge-in); returns the frames dropped here (this side's estimate).
   * `onUnheard` hears, a moment later, how many samples of what play() was given the caller had not heard,
   * as the process sending the frames counted them (never, if that process went away).
   */
  flush(onUnheard?: UnheardListener): number;
  /** Audio given to play() that the caller has not heard yet (ms), wherever it waits on the way. */
  readonly queuedMs: number;
  /** ms each sent packet went out after its 20 ms deadline. */
  readonly lateness: readonly number[];
  /** Idempotent: stops sending and releases the socket. */
  close(): void;
}
