// The controller's CallHandler: one CallFlow per call, its record kept up to date while it lasts and handed on
// when the call ends.
import type { Call, CallHandler } from "../telephony/controller.js";
import { CallFlow } from "./flow.js";
import { observeCall } from "./observe.js";
import type { CallRecord } from "./records.js";
import type { CallServices } from "./services.js";
import type { CallState } from "./states.js";

/** A call in progress as the console shows it. */
export interface LiveCall {
  callId: string;
  startedAt: string;
  state: CallState;
  lang: string;
  mode: "speech" | "keypad";
  turns: number;
}

export class CallFlowHandler implements CallHandler {
  private readonly flows = new Map<string, CallFlow>();

  constructor(
    private readonly services: CallServices,
    private readonly onRecord?: (record: CallRecord) => void,
  ) {}

  get active(): number {
    return this.flows.size;
  }

  /** The calls in progress, oldest first: a read-only copy. */
  snapshot(): LiveCall[] {
    return [...this.flows].map(([callId, flow]) => ({ callId, ...flow.live }));
  }

  /**
   * The schemes a call offers while it awaits the caller's answer (what the simulator's callers hear in
   * it): one for a "did you mean …?", or a choice by keypad number.
   */
  schemesOffered(callId: string): { kind: "confirm"; schemeId: string } | { kind: "choose"; options: readonly string[] } | undefined {
    const pending = this.flows.get(callId)?.ctx.pending;
    if (pending?.kind === "confirm") return { kind: "confirm", schemeId: pending.schemeId };
    if (pending?.kind === "choose") return { kind: "choose", options: pending.options };
    return undefined;
  }

  async handle(call: Call): Promise<void> {
    const flow = new CallFlow(call, this.services);
    this.flows.set(call.id, flow);
    // the open record follows the call, so a process that dies mid-call leaves what was said on record
    const sessions = this.services.sessions;
    const progress =
      sessions &&
      setInterval(() => {
        sessions.progress(call.id, { turns: flow.turns, states: flow.machine.history });
        flow.session?.keep(call.id, flow.lang, flow.turns, flow.ctx);
      }, this.services.config.store.recordProgressSeconds * 1000);
    progress?.unref();
    try {
      const record = await flow.run();
      observeCall(record, this.services.log);
      this.onRecord?.(record);
    } finally {
      clearInterval(progress);
      this.flows.delete(call.id);
    }
  }

  async endForShutdown(call: Call): Promise<void> {
    await this.flows.get(call.id)?.endForShutdown();
  }
}
