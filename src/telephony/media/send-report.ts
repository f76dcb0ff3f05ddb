// What a stream in the sender process sent since its last report to the main process: every send's lateness
// (the pacer keeps none of it after), the late ones with the moment they went, and how many went.
import type { DeadlinePacer } from "./pacer.js";

/** Sends later than this are reported with the moment they went, so a stall can be matched to its cause. */
export const LATE_NOTED_MS = 1;

/** The monotonic clock (process.hrtime) in ms: the same in every process, so the main process can place a moment. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** What held the sender process besides sending: a collection, a request, the lateness reports, an event sent. */
export const SENDER_PAUSES = ["gc", "message", "report", "post"] as const;
/** A moment the sender process was busy with something other than a send: [what, monotonic ms when it began, ms it lasted]. */
export type SenderPause = [(typeof SENDER_PAUSES)[number], number, number];

export interface SendReportFigures {
  values: number[];
  /** [monotonic clock ms (process.hrtime), lateness ms] of sends more than LATE_NOTED_MS late. */
  late: [number, number][];
  sent: number;
}

export class SendReport {
  private late: [number, number][] = [];
  private sent = 0;

  /** For the pacer's onSent. */
  readonly onSent = (lateMs: number): void => {
    if (lateMs > LATE_NOTED_MS) this.late.push([monotonicMs(), lateMs]);
  };

  countSent(): void {
    this.sent++;
  }

  /** The figures since the last report, which start afresh. */
  take(pacer: DeadlinePacer): SendReportFigures {
    const figures = { values: pacer.lateness.splice(0), late: this.late, sent: this.sent };
    this.late = [];
    this.sent = 0;
    return figures;
  }
}
