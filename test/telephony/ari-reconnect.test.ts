// When ari-client gives up reconnecting (10 quick retries), the connection keeps trying on its own
// backoff from the config, for as long as it is open. Fake timers: no real waiting.
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it, mock } from "node:test";
import { AriConnection, type RawClient } from "../../src/telephony/ari/client.js";
import { testConfig } from "../helpers.js";

function fakeClient(results: boolean[]) {
  const emitter = new EventEmitter();
  const starts: number[] = [];
  const client = Object.assign(emitter, {
    channels: {},
    bridges: {},
    asterisk: {},
    start: async () => {
      starts.push(Date.now());
      if (results.shift() ?? true) return;
      emitter.emit("WebSocketMaxRetries", new Error("refused"));
      throw new Error("Connection attempts exceeded WebSocketMaxRetries");
    },
    stop: () => undefined,
  });
  return { client: client as unknown as RawClient & EventEmitter, starts };
}

describe("ARI reconnection beyond ari-client's own retries", () => {
  it("retries with doubling delays capped at maxReconnectMs, resets after success, stops when closed", async () => {
    mock.timers.enable({ apis: ["setTimeout", "Date"], now: 0 });
    try {
      const config = { ...testConfig("/tmp/unused").telephony.ari, reconnectMs: 250, maxReconnectMs: 1000 };
      const { client, starts } = fakeClient([false, false, false, true, false]);
      const conn = AriConnection.attach(client, config);
      const advance = async (ms: number) => {
        for (let t = 0; t < ms; t += 50) {
          mock.timers.tick(50);
          await Promise.resolve();
          await Promise.resolve();
        }
      };
      client.emit("WebSocketMaxRetries", new Error("refused"));
      await advance(3000);
      // 250, then 500, 1000, 1000 (capped) after each failure; the fourth start succeeds
      assert.deepEqual(starts, [250, 750, 1750, 2750]);
      client.emit("WebSocketMaxRetries", new Error("down again"));
      await advance(300);
      assert.equal(starts.at(-1), 3000 + 250, "the delay starts over after a success");
      conn.close();
      mock.timers.tick(10_000);
      await Promise.resolve();
      assert.equal(starts.length, 5, "nothing more once closed");
    } finally {
      mock.timers.reset();
    }
  });
});
