import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { describe, it } from "node:test";
import { decodeUlaw, encodeUlaw } from "../../src/audio/index.js";
import { JitterBuffer } from "../../src/telephony/media/jitter.js";
import { appendFrames, padFrame } from "../../src/telephony/media/codec.js";
import { DeadlinePacer } from "../../src/telephony/media/pacer.js";
import { PacingClock } from "../../src/telephony/media/pacing-clock.js";
import { buildRtp, parseRtp, seqDelta } from "../../src/telephony/media/rtp.js";
import { MediaSession, openSockets, type MediaSessionOptions } from "../../src/telephony/media/session.js";
import { rtpSenderRunning, senderPid } from "../../src/telephony/media/rtp-sender.js";
import { sleep, until } from "../helpers.js";

describe("RTP", () => {
  it("builds and parses every header field", () => {
    const payload = new Uint8Array([1, 2, 3]);
    const p = parseRtp(buildRtp({ payloadType: 8, sequence: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, marker: true, payload }));
    assert.ok(typeof p !== "string");
    assert.deepEqual([p.version, p.payloadType, p.sequence, p.timestamp, p.ssrc, p.marker], [2, 8, 65535, 0xfffffff0, 0xdeadbeef, true]);
    assert.deepEqual([...p.payload], [1, 2, 3]);
  });
  it("names malformed packets instead of throwing", () => {
    assert.equal(parseRtp(new Uint8Array(5)), "too_short");
    const v1 = buildRtp({ payloadType: 0, sequence: 1, timestamp: 1, ssrc: 1, payload: new Uint8Array(160) });
    v1[0] = 0x40;
    assert.equal(parseRtp(v1), "bad_version");
    const csrc = buildRtp({ payloadType: 0, sequence: 1, timestamp: 1, ssrc: 1, payload: new Uint8Array(2) });
    csrc[0] = 0x8f;
    assert.equal(parseRtp(csrc), "bad_header_length");
    const pad = buildRtp({ payloadType: 0, sequence: 1, timestamp: 1, ssrc: 1, payload: new Uint8Array([1, 2, 200]) });
    pad[0] = 0xa0;
    assert.equal(parseRtp(pad), "bad_padding");
  });
  it("sequence arithmetic wraps", () => {
    assert.equal(seqDelta(65535, 0), 1);
    assert.equal(seqDelta(0, 65535), -1);
  });
});

describe("jitter buffer", () => {
  const frame = (v: number) => new Int16Array(160).fill(v);
  const opts = { depth: 2, samplesPerPacket: 160, maxConceal: 10 };

  it("puts packets back in order and drops duplicates and late ones", () => {
    const jb = new JitterBuffer(opts);
    const out: number[] = [];
    for (const s of [100, 102, 101, 101, 104, 103, 105, 106]) out.push(...jb.push(s, frame(s)).map((f) => f[0]!));
    out.push(...jb.push(99, frame(99)).map((f) => f[0]!));
    out.push(...jb.drain().map((f) => f[0]!));
    assert.deepEqual(out, [100, 101, 102, 103, 104, 105, 106]);
    assert.equal(jb.stats.duplicates, 1);
    assert.equal(jb.stats.late, 1);
    assert.ok(jb.stats.reordered >= 2);
  });

  it("conceals a lost packet with a faded copy, and skips a long gap (DTMF)", () => {
    const jb = new JitterBuffer(opts);
    const out: Int16Array[] = [];
    for (const s of [10, 11, 13, 14, 15]) out.push(...jb.push(s, frame(1000)));
    out.push(...jb.drain());
    assert.equal(out.length, 6, "one concealed frame for the one lost packet");
    assert.equal(out[2]![0], 500);
    const dtmf = new JitterBuffer(opts);
    const got: Int16Array[] = [];
    for (const s of [1, 2, 3, 64, 65, 66, 67]) got.push(...dtmf.push(s, frame(7)));
    got.push(...dtmf.drain());
    assert.equal(got.length, 7, "a 60-packet hole is a pause, not 60 packets of fake audio");
  });

  it("wraps around sequence 65535", () => {
    const jb = new JitterBuffer(opts);
    const out: number[] = [];
    for (const s of [65534, 65535, 0, 1, 2]) out.push(...jb.push(s, frame(s)).map((f) => f[0]!));
    out.push(...jb.drain().map((f) => f[0]!));
    assert.deepEqual(out, [65534, 65535, 0, 1, 2].map((v) => new Int16Array([v])[0]!));
  });
});

describe("framing audio played in pieces", () => {
  it("tops up a short last frame before starting new ones, and pads only when sending", () => {
    const queue: Int16Array[] = [];
    appendFrames(queue, Int16Array.from({ length: 5 }, (_, i) => i + 1), 4);
    appendFrames(queue, Int16Array.from({ length: 6 }, (_, i) => i + 6), 4);
    assert.deepEqual(queue.map((f) => [...f]), [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11]]);
    assert.deepEqual([...padFrame(queue[2]!, 4)], [9, 10, 11, 0]);
    assert.equal(padFrame(queue[0]!, 4), queue[0]);
  });
});

describe("deadline pacer", () => {
  it("sends on absolute deadlines with a fake clock, without drift", () => {
    let now = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const sent: number[] = [];
    let left = 50;
    const clock = new PacingClock({ now: () => now, schedule: (fn, delay) => timers.push({ at: now + delay, fn }), cancel: () => undefined });
    const pacer = new DeadlinePacer(() => (sent.push(now), --left > 0), { intervalMs: 20, clock });
    pacer.run();
    while (timers.length) {
      const t = timers.shift()!;
      now = t.at + 1.7; // every timer fires 1.7 ms late
      t.fn();
    }
    assert.equal(sent.length, 50);
    // the 50th packet is due at 980 ms: lateness does not accumulate
    assert.ok(Math.abs(sent[49]! - 980) < 3, `${sent[49]}`);
  });

  it("tells how late each send was as it happens, the same figures it keeps", () => {
    let now = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const told: number[] = [];
    let left = 4;
    const lateBy = [0, 0.25, 6, 1];
    // the first packet goes at once; each later timer fires when the test says, this late after its deadline
    const clock = new PacingClock({ now: () => now, schedule: (fn, delay) => timers.push({ at: now + delay, fn }), cancel: () => undefined });
    const pacer = new DeadlinePacer(() => --left > 0, { intervalMs: 20, clock, onSent: (ms) => void told.push(ms) });
    pacer.run();
    while (timers.length) {
      now = told.length * 20 + lateBy[told.length]!;
      timers.shift()!.fn();
    }
    assert.deepEqual(told, lateBy);
    assert.deepEqual(pacer.lateness, told);
  });
});

describe("media session over loopback UDP", () => {
  it("carries audio both ways, sample-exact for slin16 and G.711-exact for μ-law, and closes its socket", async () => {
    for (const format of ["slin16", "ulaw"] as const) {
      const gotA: Int16Array[] = [];
      const gotB: Int16Array[] = [];
      const base = { format, bindAddress: "127.0.0.1", portMin: 41000, portMax: 41999, jitterDepth: 2, maxPacketBytes: 1500, senderRealtimePriority: 0 };
      const a = await MediaSession.open({ ...base, onAudio: (s) => gotA.push(s) });
      const b = await MediaSession.open({ ...base, onAudio: (s) => gotB.push(s) });
      try {
        a.setRemote("127.0.0.1", b.port);
        b.setRemote("127.0.0.1", a.port);
        const rate = format === "slin16" ? 16000 : 8000;
        const signal = Int16Array.from({ length: rate / 2 }, (_, i) => Math.round(12000 * Math.sin(i / 5)));
        a.play(signal);
        b.play(signal);
        const received = (frames: Int16Array[]) => {
          const all = new Int16Array(frames.reduce((n, f) => n + f.length, 0));
          let o = 0;
          for (const f of frames) all.set(f, (o += f.length) - f.length);
          return all;
        };
        const expected = format === "slin16" ? signal : decodeUlaw(encodeUlaw(signal));
        // the sender process starts with the first session (slower on a loaded machine): wait for the audio, not a fixed time
        await until(() => a.queuedMs === 0 && b.queuedMs === 0 && received(gotA).length >= expected.length - 3 * (rate / 50) && received(gotB).length >= expected.length - 3 * (rate / 50), 10_000).catch(() => undefined);
        for (const got of [gotA, gotB]) {
          const r = received(got);
          assert.ok(r.length >= expected.length - 3 * (rate / 50), `${format}: got ${r.length} of ${expected.length}`);
          assert.deepEqual(r.subarray(0, 1000), expected.subarray(0, 1000));
        }
        // how late packets go is a benchmark's figure (bench/telephony.ts, bench/call.ts); here: each one is told
        await until(() => a.lateness.length === 25, 5000).catch(() => undefined);
        assert.equal(a.lateness.length, 25, "the sender reports the lateness of every packet it sent");
        assert.equal(a.counters.packetsOut, 25);
      } finally {
        // a failed check must not leave sockets open (the test process would never end)
        a.close();
        b.close();
        a.close();
      }
    }
    // a socket closes once the sender process holds its copy
    await until(() => openSockets.size === 0);
  });

  it("plays audio handed over in pieces back to back: only the end of what is queued is padded", async () => {
    const a = await MediaSession.open({ format: "slin16", bindAddress: "127.0.0.1", portMin: 41000, portMax: 41999, jitterDepth: 2, maxPacketBytes: 1500, senderRealtimePriority: 0, onAudio: () => undefined });
    const listener = createSocket("udp4");
    await new Promise<void>((r) => listener.bind(0, "127.0.0.1", () => r()));
    const payloads: Uint8Array[] = [];
    listener.on("message", (m) => payloads.push(m.subarray(12)));
    a.setRemote("127.0.0.1", listener.address().port);
    // pieces as synthesis hands them over, none a whole number of 320-sample packets
    const pieces = [719, 1189, 32].map((n, p) => Int16Array.from({ length: n }, (_, i) => (p + 1) * 1000 + (i % 500)));
    try {
      for (const piece of pieces) a.play(piece);
      const total = 719 + 1189 + 32;
      // 7 packets, not the 8 a padded end for each piece would take
      assert.ok(Math.abs(a.queuedMs - Math.ceil(total / 320) * 20) < 5, `${a.queuedMs}`);
      await until(() => payloads.length >= Math.ceil(total / 320) && a.queuedMs === 0, 3000);
      await new Promise((r) => setTimeout(r, 60));
      assert.equal(payloads.length, Math.ceil(total / 320));
      const heard = Int16Array.from({ length: payloads.length * 320 }, (_, i) => new DataView(payloads[Math.floor(i / 320)]!.buffer, payloads[Math.floor(i / 320)]!.byteOffset).getInt16((i % 320) * 2));
      const expected = new Int16Array(payloads.length * 320);
      let at = 0;
      for (const piece of pieces) expected.set(piece, (at += piece.length) - piece.length);
      assert.deepEqual(heard, expected);
    } finally {
      a.close();
      listener.close();
    }
  });

  it("counts malformed, oversized and wrong-payload packets without failing", async () => {
    const s = await MediaSession.open({ format: "ulaw", bindAddress: "127.0.0.1", portMin: 42000, portMax: 42999, jitterDepth: 2, maxPacketBytes: 500, senderRealtimePriority: 0, onAudio: () => undefined });
    const sock = createSocket("udp4");
    await new Promise<void>((r) => sock.bind(0, "127.0.0.1", () => r()));
    s.setRemote("127.0.0.1", sock.address().port);
    const send = (buf: Uint8Array) => new Promise<void>((r) => sock.send(buf, s.port, "127.0.0.1", () => r()));
    await send(new Uint8Array(4));
    const v1 = buildRtp({ payloadType: 0, sequence: 1, timestamp: 0, ssrc: 9, payload: new Uint8Array(160) });
    v1[0] = 0x40;
    await send(v1);
    await send(buildRtp({ payloadType: 96, sequence: 2, timestamp: 0, ssrc: 9, payload: new Uint8Array(160) }));
    await send(new Uint8Array(2000));
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual([s.counters.malformed, s.counters.wrongPayloadType, s.counters.oversized], [2, 1, 1]);
    sock.close();
    s.close();
  });

  for (const format of ["ulaw", "alaw"] as const) {
    it(`sends from the port it receives on, and takes RTP only from Asterisk's address and port: another port or address is dropped (${format})`, async () => {
      const heard: Int16Array[] = [];
      const s = await MediaSession.open({ format, bindAddress: "127.0.0.1", portMin: 43000, portMax: 43999, jitterDepth: 0, maxPacketBytes: 1500, senderRealtimePriority: 0, onAudio: (f) => heard.push(f) });
      const asterisk = createSocket("udp4");
      const stranger = createSocket("udp4");
      await Promise.all([asterisk, stranger].map((u) => new Promise<void>((r) => u.bind(0, "127.0.0.1", () => r()))));
      const sources: string[] = [];
      asterisk.on("message", (_m, from) => sources.push(`${from.address}:${from.port}`));
      try {
        s.setRemote("127.0.0.1", asterisk.address().port);
        assert.equal(await s.symmetric, true);
        s.play(new Int16Array(160 * 5).fill(1000));
        await until(() => sources.length === 5, 10_000);
        assert.deepEqual(new Set(sources), new Set([`127.0.0.1:${s.port}`]), "every packet leaves from the port Asterisk sends to");
        const packet = (seq: number) => buildRtp({ payloadType: format === "ulaw" ? 0 : 8, sequence: seq, timestamp: seq * 160, ssrc: 7, payload: new Uint8Array(160).fill(0x55) });
        await new Promise<void>((r) => stranger.send(packet(1), s.port, "127.0.0.1", () => r()));
        // Asterisk's port on another address
        const elsewhere = createSocket("udp4");
        await new Promise<void>((r) => elsewhere.bind(asterisk.address().port, "127.0.0.2", () => r()));
        await new Promise<void>((r) => elsewhere.send(packet(3), s.port, "127.0.0.1", () => r()));
        elsewhere.close();
        await new Promise<void>((r) => asterisk.send(packet(2), s.port, "127.0.0.1", () => r()));
        await until(() => heard.length === 1 && s.counters.rejectedSource === 2);
        assert.equal(s.counters.packetsIn, 1);
      } finally {
        s.close();
        asterisk.close();
        stranger.close();
      }
      await until(() => openSockets.size === 0);
    });
  }

  /** A session sending to and taking RTP from a socket of the test's, which plays Asterisk. */
  async function withAsterisk(options: Partial<MediaSessionOptions>, run: (s: MediaSession, asterisk: { heard: { port: number; payload: Buffer }[]; send(packet: Uint8Array): Promise<void> }, frames: Int16Array[]) => Promise<void>): Promise<void> {
    const frames: Int16Array[] = [];
    const s = await MediaSession.open({ format: "ulaw", bindAddress: "127.0.0.1", portMin: 45000, portMax: 45999, jitterDepth: 2, maxPacketBytes: 1500, senderRealtimePriority: 0, onAudio: (f) => frames.push(f), ...options });
    const socket = createSocket("udp4");
    await new Promise<void>((r) => socket.bind(0, "127.0.0.1", () => r()));
    const heard: { port: number; payload: Buffer }[] = [];
    socket.on("message", (m, from) => heard.push({ port: from.port, payload: m.subarray(12) }));
    s.setRemote("127.0.0.1", socket.address().port);
    const send = (packet: Uint8Array) => new Promise<void>((r) => socket.send(packet, s.port, "127.0.0.1", () => r()));
    try {
      await run(s, { heard, send }, frames);
    } finally {
      s.close();
      socket.close();
    }
    await until(() => openSockets.size === 0);
  }

  it("counts the packets sent, not those queued: a reply flushed after 5 packets counts those that went", async () => {
    await withAsterisk({}, async (s, asterisk) => {
      s.play(new Int16Array(8000).fill(1000));
      await until(() => asterisk.heard.length >= 5, 10_000);
      s.flush();
      // the sender process reports what it sent a few times a second
      await sleep(600);
      const sent = asterisk.heard.length;
      assert.ok(sent < 50, `the flush stopped the reply (${sent} of 50 packets went)`);
      assert.equal(s.counters.packetsOut, sent, "packets counted as sent are the packets that arrived");
      assert.equal(s.mediaStats().packetsOut, sent);
    });
  });

  it("a new SSRC from Asterisk's address is a new stream: heard in full even when its sequence numbers are behind the old one's", async () => {
    await withAsterisk({}, async (s, asterisk, frames) => {
      const packet = (ssrc: number, seq: number, byte: number) => buildRtp({ payloadType: 0, sequence: seq, timestamp: seq * 160, ssrc, payload: new Uint8Array(160).fill(byte) });
      for (let i = 0; i < 10; i++) await asterisk.send(packet(0x1111, 40_000 + i, 0x10));
      for (let i = 0; i < 10; i++) await asterisk.send(packet(0x2222, 30_000 + i, 0x20));
      // the jitter buffer holds the last 2 packets of the new stream
      await until(() => frames.length >= 18, 2000).catch(() => undefined);
      const first = decodeUlaw(new Uint8Array([0x10]))[0]!;
      const second = decodeUlaw(new Uint8Array([0x20]))[0]!;
      assert.deepEqual(frames.map((f) => f[0]), [...Array(10).fill(first), ...Array(8).fill(second)]);
      assert.equal(s.counters.ssrcChanges, 1);
      assert.equal(s.stats.late, 0, "no packet of the new stream was taken for a late one of the old");
    });
  });

  for (const ms of [10, 30]) {
    it(`${ms} ms packets are heard sample for sample, a run of 4 lost ones concealed as 4 × ${ms} ms`, async () => {
      await withAsterisk({ jitterDepth: 0 }, async (_s, asterisk, frames) => {
        const n = 8 * ms;
        const payloads = Array.from({ length: 12 }, (_, p) => Uint8Array.from({ length: n }, (_, i) => (p * 37 + i) & 0xff));
        // packets 6-9 are lost on the way
        for (const [p, payload] of payloads.entries()) if (p < 6 || p > 9) await asterisk.send(buildRtp({ payloadType: 0, sequence: 500 + p, timestamp: p * n, ssrc: 5, payload }));
        await until(() => frames.length >= 12, 2000).catch(() => undefined);
        assert.deepEqual(frames.map((f) => f.length), Array(12).fill(n), "every frame, concealed or not, lasts as long as a packet");
        for (const p of [0, 1, 2, 3, 4, 5, 10, 11]) assert.deepEqual(frames[p], decodeUlaw(payloads[p]!), `packet ${p}`);
      });
    });
  }

  it("a call that opens while the sender process is still starting loses none of the caller's packets to it", async () => {
    // a fresh sender process: it loads its modules while the call's socket is already on its way to it
    const old = senderPid();
    if (old !== undefined && rtpSenderRunning()) {
      process.kill(old, "SIGKILL");
      await until(() => rtpSenderRunning() === false, 10_000);
    }
    const asterisk = createSocket("udp4");
    await new Promise<void>((r) => asterisk.bind(0, "127.0.0.1", () => r()));
    const s = await MediaSession.open({ format: "ulaw", bindAddress: "127.0.0.1", portMin: 44000, portMax: 44999, jitterDepth: 2, maxPacketBytes: 1500, senderRealtimePriority: 0, onAudio: () => undefined });
    try {
      s.setRemote("127.0.0.1", asterisk.address().port);
      let opened = false;
      void s.symmetric.then(() => (opened = true));
      // Asterisk sends from the start, through the whole time the sender takes to start, and a little after
      let sent = 0;
      let after = 0;
      while (after < 10) {
        const packet = buildRtp({ payloadType: 0, sequence: sent, timestamp: sent * 160, ssrc: 9, payload: new Uint8Array(160).fill(0x55) });
        await new Promise<void>((r) => asterisk.send(packet, s.port, "127.0.0.1", () => r()));
        sent++;
        if (opened) after++;
        await sleep(5);
      }
      await until(() => s.counters.packetsIn >= sent, 2000).catch(() => undefined);
      assert.equal(s.counters.packetsIn, sent, `the call received ${s.counters.packetsIn} of the ${sent} packets Asterisk sent`);
      assert.equal(await s.symmetric, true);
    } finally {
      s.close();
      asterisk.close();
    }
  });

  it("a call opened the moment the sender's channel closes, before its exit is seen, is handed to a new sender", async () => {
    // a killed process's channel ends a loop turn or so before its exit is reported: a call opened in that
    // gap was given to the dead sender and never sent from its own port
    for (let round = 0; round < 5; round++) {
      const asterisk = createSocket("udp4");
      await new Promise<void>((r) => asterisk.bind(0, "127.0.0.1", () => r()));
      const open = () => MediaSession.open({ format: "ulaw", bindAddress: "127.0.0.1", portMin: 46000, portMax: 46999, jitterDepth: 2, maxPacketBytes: 1500, senderRealtimePriority: 0, onAudio: () => undefined });
      const first = await open();
      assert.equal(await first.symmetric, true);
      first.close();
      process.kill(senderPid()!, "SIGKILL");
      while (rtpSenderRunning() !== false) await new Promise((r) => setImmediate(r));
      const s = await open();
      try {
        s.setRemote("127.0.0.1", asterisk.address().port);
        assert.equal(await s.symmetric, true, `round ${round}: the call's packets leave from its own port`);
      } finally {
        s.close();
        asterisk.close();
      }
    }
  });

  it("a flush tells what the caller had not heard as the sender counted it, though the sender was held up and this side's estimate ran on", async () => {
    const asterisk = createSocket("udp4");
    await new Promise<void>((r) => asterisk.bind(0, "127.0.0.1", () => r()));
    let received = 0;
    asterisk.on("message", () => received++);
    const s = await MediaSession.open({ format: "ulaw", bindAddress: "127.0.0.1", portMin: 45000, portMax: 45999, jitterDepth: 2, maxPacketBytes: 1500, senderRealtimePriority: 0, onAudio: () => undefined });
    try {
      s.setRemote("127.0.0.1", asterisk.address().port);
      assert.equal(await s.symmetric, true);
      const frames = 100;
      s.play(new Int16Array(160 * frames).fill(1000));
      await until(() => received >= 10, 5000);
      // the sender is held up for 300 ms (a loaded machine): this side's clock goes on counting the reply as heard
      const pid = senderPid()!;
      process.kill(pid, "SIGSTOP");
      await sleep(300);
      process.kill(pid, "SIGCONT");
      const unheard = new Promise<number>((resolve) => s.flush(resolve));
      const reported = await Promise.race([unheard, sleep(5000).then(() => -1)]);
      await sleep(100);
      assert.equal(reported, 160 * (frames - received), `sent ${received} packets; the sender said ${reported / 160} of ${frames} frames were unheard`);
    } finally {
      s.close();
      asterisk.close();
    }
  });

  it("the RTP sender process dying mid-call: a new one takes the call's socket over and the rest of the reply is heard from the same port", async () => {
    await withAsterisk({}, async (s, asterisk) => {
      s.play(new Int16Array(160 * 10).fill(1000));
      await until(() => asterisk.heard.length >= 10, 10_000);
      const dead = senderPid()!;
      process.kill(dead, "SIGKILL");
      await until(() => senderPid() !== dead && rtpSenderRunning() === true, 10_000).catch(() => undefined);
      assert.equal(rtpSenderRunning(), true, "a new sender process runs");
      assert.notEqual(senderPid(), dead);
      const before = asterisk.heard.length;
      s.play(new Int16Array(160 * 10).fill(2000));
      await until(() => asterisk.heard.length >= before + 10, 10_000).catch(() => undefined);
      assert.equal(asterisk.heard.length - before, 10, "the reply after the sender died reached the caller");
      assert.deepEqual(new Set(asterisk.heard.map((h) => h.port)), new Set([s.port]), "still from the port Asterisk sends to");
    });
  });
});
