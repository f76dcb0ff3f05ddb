// The call's clocks: silence while listening (nudge, "are you still there?", goodbye) and the longest
// call. They only tell the flow what is due; what is said is the flow's job. Everything is cancelled
// on dispose or when the call's signal aborts, so no timer outlives its call.
import type { CallConfig } from "../config.js";

export type SilenceStep = "nudge" | "stillThere" | "goodbye";

export interface CallTimerEvents {
  onSilence(step: SilenceStep): void;
  /**
   * The caller spoke and their words are still being recognised: no silence step is due, and silence is
   * counted afresh from when one would have been (the turn's end restarts it anyway).
   */
  callerTurnAwaited?(): boolean;
  onMaxDuration(): void;
}

export class CallTimers {
  private silenceTimers: NodeJS.Timeout[] = [];
  private readonly maxTimer: NodeJS.Timeout;
  private disposed = false;

  constructor(
    private readonly config: CallConfig,
    private readonly events: CallTimerEvents,
    signal: AbortSignal,
  ) {
    this.maxTimer = setTimeout(() => this.events.onMaxDuration(), config.maxCallMs);
    if (signal.aborted) this.dispose();
    else signal.addEventListener("abort", () => this.dispose(), { once: true });
  }

  /** Sahayak starts listening: silence is counted from now. */
  listening(): void {
    this.stopSilence();
    if (this.disposed) return;
    const s = this.config.silence;
    const steps: [SilenceStep, number][] = [
      ["nudge", s.nudgeMs],
      ["stillThere", s.stillThereMs],
      ["goodbye", s.goodbyeMs],
    ];
    this.silenceTimers = steps.map(([step, ms]) =>
      setTimeout(() => {
        if (this.events.callerTurnAwaited?.()) this.listening();
        else this.events.onSilence(step);
      }, ms),
    );
  }

  /** The caller is speaking (or pressed a key), or Sahayak stopped listening: no silence prompts. */
  stopSilence(): void {
    for (const t of this.silenceTimers) clearTimeout(t);
    this.silenceTimers = [];
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopSilence();
    clearTimeout(this.maxTimer);
  }
}
