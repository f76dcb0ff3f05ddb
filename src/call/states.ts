// The call's states (seed design) and the only moves between them. Every move is recorded with its time
// and reason, so a call record can show how the call went; an impossible move is a bug and throws.
export type CallState = "CALL_INITIATED" | "GREETING" | "LISTENING" | "PROCESSING" | "RESPONDING" | "CLARIFYING" | "TERMINATING" | "ERROR" | "ENDED";

const MOVES: Record<CallState, readonly CallState[]> = {
  CALL_INITIATED: ["GREETING", "TERMINATING", "ERROR"],
  GREETING: ["LISTENING", "TERMINATING", "ERROR"],
  // a nudge or "are you still there?" is a short reply without a question
  LISTENING: ["PROCESSING", "RESPONDING", "TERMINATING", "ERROR"],
  // nothing worth saying (a false start) goes back to listening
  PROCESSING: ["RESPONDING", "CLARIFYING", "LISTENING", "TERMINATING", "ERROR"],
  // barge-in with a new utterance goes straight to processing it
  RESPONDING: ["LISTENING", "PROCESSING", "TERMINATING", "ERROR"],
  CLARIFYING: ["LISTENING", "PROCESSING", "TERMINATING", "ERROR"],
  ERROR: ["LISTENING", "TERMINATING"],
  TERMINATING: [],
  ENDED: [],
};

export interface StateChange {
  from: CallState;
  to: CallState;
  reason: string;
  atMs: number;
}

export class IllegalTransition extends Error {}

export class CallStateMachine {
  private current: CallState = "CALL_INITIATED";
  readonly history: StateChange[] = [];

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly onChange?: (change: StateChange) => void,
  ) {}

  get state(): CallState {
    return this.current;
  }

  get ended(): boolean {
    return this.current === "ENDED";
  }

  can(to: CallState): boolean {
    // the caller can hang up in any state; TERMINATING ends once the goodbye is said
    return to === "ENDED" ? !this.ended : MOVES[this.current].includes(to);
  }

  to(to: CallState, reason: string): void {
    if (!this.can(to)) throw new IllegalTransition(`call cannot go from ${this.current} to ${to} (${reason})`);
    const change: StateChange = { from: this.current, to, reason, atMs: this.now() };
    this.current = to;
    this.history.push(change);
    this.onChange?.(change);
  }

  /** The states visited, in order, starting with CALL_INITIATED. */
  get path(): CallState[] {
    return ["CALL_INITIATED", ...this.history.map((c) => c.to)];
  }
}
