// A PBX simulator per test and the controller a test starts against it, both stopped after each test.
import { afterEach, beforeEach } from "node:test";
import type { AriController } from "../../src/telephony/controller.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";

/** Call in a describe block; `sim()` inside tests, and `started(controller)` to have it closed afterwards. */
export function usePbxSimulator(): { sim(): PbxSimulator; started(c: AriController): AriController; controller(): AriController | undefined } {
  let sim: PbxSimulator | undefined;
  let controller: AriController | undefined;
  beforeEach(async () => {
    sim = new PbxSimulator({ user: "sahayak", password: "secret" });
    await sim.start();
  });
  afterEach(async () => {
    await controller?.close();
    controller = undefined;
    await sim?.stop();
  });
  return { sim: () => sim!, started: (c) => (controller = c), controller: () => controller };
}
