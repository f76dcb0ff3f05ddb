// The call's clocks: silence while listening (nudge, "are you still there?", goodbye) and the longest
// call. They only tell the flow what is due; what is said is the flow's job. Everything is cancelled
// on dispose or when the call's signal aborts, so no timer outlives its call.
import type { CallConfig } from "../config.js";

export type SilenceStep = "nudge" | "stillThere" | "goodbye";

/** A silence step held for audio still on its way looks again this often (the audio may come in a burst). */
const RECHECK_MS = 100;

export interface CallTimerEvents {
  onSilence(step: SilenceStep): void;
  /**
   * The caller spoke and their words are still being recognised: no silence step is due, and silence is
   * counted afresh from when one would have been (the turn's end restarts it anyway).
   */
  callerTurnAwaited?(): boolean;
  /**
   * ms of the caller's audio heard so far (a count that only grows): silence is what was heard, so a step
   * whose time has come on the clock while the audio is behind it (held up on a loaded machine) waits for it.
   */
  heardMs?(): number;
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
    const from = this.events.heardMs?.();
    // `held`: how long past its time the step has waited for the audio; at most its own time again, so a
    // line whose audio stopped coming altogether still ends in silence's goodbye
    const due = (step: SilenceStep, ms: number, held = 0) => () => {
      if (this.events.callerTurnAwaited?.()) return this.listening();
      const behind = from === undefined ? 0 : ms - (this.events.heardMs!() - from);
      if (behind <= 0 || held >= ms) return this.events.onSilence(step);
      const wait = Math.min(behind, RECHECK_MS);
      this.silenceTimers.push(setTimeout(due(step, ms, held + wait), wait));
    };
    this.silenceTimers = steps.map(([step, ms]) => setTimeout(due(step, ms), ms));
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
