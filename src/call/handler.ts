// The controller's CallHandler: one CallFlow per call, its record handed on when the call ends.
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
    try {
      const record = await flow.run();
      observeCall(record);
      this.onRecord?.(record);
    } finally {
      this.flows.delete(call.id);
    }
  }

  async endForShutdown(call: Call): Promise<void> {
    await this.flows.get(call.id)?.endForShutdown();
  }
}
