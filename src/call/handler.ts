// The controller's CallHandler: one CallFlow per call, its record kept up to date while it lasts and handed on
// when the call ends.
import type { Call, CallHandler } from "../telephony/controller.js";
import { CallFlow } from "./flow.js";
import { observeCall } from "./observe.js";
import type { CallRecord } from "./records.js";
import type { CallServices } from "./services.js";

export class CallFlowHandler implements CallHandler {
  private readonly flows = new Map<string, CallFlow>();

  constructor(
    private readonly services: CallServices,
    private readonly onRecord?: (record: CallRecord) => void,
  ) {}

  get active(): number {
    return this.flows.size;
  }

  async handle(call: Call): Promise<void> {
    const flow = new CallFlow(call, this.services);
    this.flows.set(call.id, flow);
    // the open record follows the call, so a process that dies mid-call leaves what was said on record
    const sessions = this.services.sessions;
    const progress = sessions && setInterval(() => sessions.progress(call.id, { turns: flow.turns, states: flow.machine.history }), this.services.config.store.recordProgressSeconds * 1000);
    progress?.unref();
    try {
      const record = await flow.run();
      observeCall(record);
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
