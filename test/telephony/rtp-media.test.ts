// RTP media against Asterisk's strict RTP: the simulator's copy of it (res_rtp_asterisk.c learning), and
// Sahayak's calls over it in every format RTP offers, whose first 80 ms must reach the caller.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { concatInt16 } from "../../src/audio/index.js";
import { AriController, EM_PREFIX, type Call } from "../../src/telephony/controller.js";
import { decodePayload, encodePayload } from "../../src/telephony/media/codec.js";
import { openSockets } from "../../src/telephony/media/session.js";
import { StrictRtp } from "../../src/telephony/sim/strict-rtp.js";
import { testConfig, until } from "../helpers.js";
import { usePbxSimulator } from "./pbx-fixture.js";

describe("Asterisk's strict RTP, as the simulator copies it", () => {
  const asterisk = { address: "127.0.0.1", port: 20000 };
  const other = { address: "127.0.0.1", port: 31000 };
  const clock = () => {
    let t = 1000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };
  /** Whether each of n packets 20 ms apart, with consecutive sequence numbers from `seq`, is taken. */
  const stream = (strict: StrictRtp, c: ReturnType<typeof clock>, from: typeof asterisk, seq: number, n: number, gapMs = 20) =>
    Array.from({ length: n }, (_, i) => {
      const taken = strict.accept(from, (seq + i) & 0xffff);
      c.advance(gapMs);
      return taken;
    });

  it("takes the symmetric source (the address it sends to) at once", () => {
    const c = clock();
    const strict = new StrictRtp(asterisk, c.now(), c.now);
    assert.deepEqual(stream(strict, c, asterisk, 100, 3), [true, true, true]);
    assert.equal(strict.dropped, 0);
  });

  it("drops a new source's first 4 packets (80 ms) and switches to it on the 5th", () => {
    const c = clock();
    const strict = new StrictRtp(asterisk, c.now(), c.now);
    assert.deepEqual(stream(strict, c, other, 65534, 6), [false, false, false, false, true, true]);
    assert.deepEqual(strict.source, other);
    assert.equal(strict.switches, 1);
  });

  it("a flood (packets under 9 ms apart) and a gap in sequence start the count again", () => {
    const c = clock();
    const strict = new StrictRtp(asterisk, c.now(), c.now);
    assert.deepEqual(stream(strict, c, other, 1, 5, 2), [false, false, false, false, false]);
    const gap = new StrictRtp(asterisk, c.now(), c.now);
    assert.deepEqual([...stream(gap, c, other, 1, 3), ...stream(gap, c, other, 10, 4)], [false, false, false, false, false, false, true]);
  });

  it("learns again when the source changes within 5 s; after that only the learned source is taken", () => {
    const c = clock();
    const strict = new StrictRtp(asterisk, c.now(), c.now);
    stream(strict, c, asterisk, 1, 10);
    assert.deepEqual(stream(strict, c, other, 50, 5), [false, false, false, false, true]);
    c.advance(5000);
    assert.deepEqual(stream(strict, c, asterisk, 200, 8), Array(8).fill(false), "locked on the learned source for good");
    assert.deepEqual(stream(strict, c, other, 55, 1), [true]);
  });
});

describe("RTP calls through Asterisk's strict RTP", () => {
  const pbx = usePbxSimulator();

  for (const format of ["ulaw", "alaw"] as const) {
    it(`every call's first 80 ms reach the caller: Sahayak sends from the port it gave Asterisk (${format})`, async () => {
      const sim = pbx.sim();
      const base = testConfig("/tmp/unused").telephony;
      const config = { ...base, ari: { ...base.ari, url: sim.url, password: "secret" }, media: { ...base.media, format } };
      const calls: Call[] = [];
      // ten packets, each at a level of its own, so the caller can tell which ones came
      const levels = Array.from({ length: 10 }, (_, k) => 1000 * (k + 1));
      const opening = concatInt16(levels.map((v) => new Int16Array(160).fill(v)));
      const controller = pbx.started(await AriController.start({ config, handler: { handle: (call) => void (calls.push(call), call.play(opening)) } }));
      for (let n = 0; n < 3; n++) {
        const id = sim.placeCall({ app: "sahayak" });
        await until(() => calls.length === n + 1);
        const caller = sim.callerMedia(id)!;
        // the sender process starts with the first call (slow on a loaded machine)
        await until(() => caller.fromApp.length >= levels.length - 4 && calls[n]!.queuedMs === 0, 10_000);
        await new Promise((r) => setTimeout(r, 100));
        const firstLevels = caller.fromApp.map((p) => p[80]!);
        const expected = levels.map((v) => decodePayload(format, encodePayload(format, new Int16Array([v])))[0]!);
        assert.deepEqual(firstLevels, expected, "every packet from the first arrived");
        assert.equal(caller.strictRtpDropped, 0);
        const learned = sim.channels.get(`${EM_PREFIX}${id}`)!.strictRtp!.source;
        assert.equal(learned?.port, sim.channels.get(`${EM_PREFIX}${id}`)!.externalHost!.port, "the source is the external_host Asterisk was given");
        sim.callerHangup(id);
        await until(() => controller.activeCalls === 0 && sim.counts().channels === 0 && openSockets.size === 0);
      }
    });
  }
});
