// chan_websocket transport: the controller against the simulator's /media/<id> sockets in every offered
// format and both control message formats; the simulator's chan_websocket against the messages
// channels/chan_websocket.c prints; and the WebSocketMedia client against a scripted server.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { afterEach, beforeEach, describe, it } from "node:test";
import { WebSocket, WebSocketServer } from "ws";
import { concatInt16, decodeUlaw, encodeUlaw, tone } from "../../src/audio/index.js";
import { CallVoice } from "../../src/call/voice.js";
import type { CallServices } from "../../src/call/services.js";
import { AriController, EM_PREFIX, type Call, type CallHandler, type EndReason } from "../../src/telephony/controller.js";
import { checkAsteriskConfig, renderAsteriskConfig } from "../../src/telephony/asterisk-config.js";
import { FORMATS, decodePayload, encodePayload, type MediaFormat } from "../../src/telephony/media/codec.js";
import { openSockets } from "../../src/telephony/media/session.js";
import { WebSocketMedia, mediaSocketUrl, openMediaSockets } from "../../src/telephony/media/websocket.js";
import { WEBSOCKET_STATUS_WAIT_MS } from "../../src/telephony/media/websocket-stream.js";
import { controlCommand, parseControlMessage, type ControlCommand, type ControlFormat } from "../../src/telephony/media/websocket-control.js";
import { ChanWebSocket, externalMediaDialString, parseDialOptions, type ChanWebSocketOptions } from "../../src/telephony/sim/chan-websocket.js";
import { CallerMedia } from "../../src/telephony/sim/caller.js";
import type { Faults } from "../../src/telephony/sim/model.js";
import type { PbxSimulator } from "../../src/telephony/sim/server.js";
import { sleep, tempDir, testConfig, until } from "../helpers.js";
import { usePbxSimulator } from "./pbx-fixture.js";

const sine = (n: number, period = 8) => Int16Array.from({ length: n }, (_, i) => Math.round(9000 * Math.sin((2 * Math.PI * i) / period + 1)));
/** What a sample is after the format's encoding (G.711 quantises; slin16 is exact). */
const roundTrip = (format: MediaFormat, samples: Int16Array) => decodePayload(format, encodePayload(format, samples, true), true);
/** From the first sample louder than the line's idle noise (A-law silence decodes to ±8). */
const fromSpeech = (samples: Int16Array) => samples.subarray(Math.max(0, samples.findIndex((v) => Math.abs(v) > 100)));

/** Rate of a tone in the audio, by its zero crossings, and how long it lasts (louder than idle noise). */
function toneHeard(samples: Int16Array, rate: number): { hz: number; ms: number } {
  const loud = [...samples.keys()].filter((i) => Math.abs(samples[i]!) > 500);
  if (loud.length === 0) return { hz: 0, ms: 0 };
  const first = loud[0]!;
  const last = loud.at(-1)!;
  let crossings = 0;
  for (let i = first + 1; i <= last; i++) if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings++;
  const seconds = (last - first + 1) / rate;
  return { hz: crossings / 2 / seconds, ms: seconds * 1000 };
}

describe("chan_websocket media with the PBX simulator", () => {
  const pbx = usePbxSimulator();
  let sim: PbxSimulator;
  let controller: AriController | undefined;
  beforeEach(() => {
    sim = pbx.sim();
    controller = undefined;
  });

  const mediaConfig = (media: Record<string, unknown> = {}) => {
    const base = testConfig("/tmp/unused").telephony;
    return { ...base, ari: { ...base.ari, url: sim.url, password: "secret" }, media: { ...base.media, transport: "websocket" as const, ...media } };
  };
  const start = async (handler: CallHandler, media: Record<string, unknown> = {}) => {
    controller = pbx.started(await AriController.start({ config: mediaConfig(media), handler }));
  };
  const assertNoLeaks = async () => {
    await until(() => controller!.activeCalls === 0 && sim.counts().channels === 0 && sim.counts().bridges === 0 && openMediaSockets.size === 0).catch(() => undefined);
    assert.deepEqual(sim.counts(), { channels: 0, bridges: 0, rtpSockets: 0 });
    assert.equal(openMediaSockets.size, 0, "media WebSockets left open");
    assert.equal(openSockets.size, 0, "no RTP socket is opened for a WebSocket call");
  };

  for (const format of ["ulaw", "alaw", "slin16"] as const) {
    for (const control of ["plain-text", "json"] as const) {
      it(`carries audio both ways exactly (${format}, ${control} control messages), takes DTMF, flushes Asterisk's queue on barge-in, releases everything`, async () => {
        const heard: Int16Array[] = [];
        const digits: string[] = [];
        const calls: Call[] = [];
        const rate = FORMATS[format].sampleRate;
        const signal = sine(rate / 2);
        await start(
          {
            handle: (call) => {
              calls.push(call);
              call.events.on("audio", (s: Int16Array) => heard.push(s));
              call.events.on("dtmf", (d: string) => digits.push(d));
              call.play(signal);
            },
          },
          { format, websocketControlFormat: control },
        );
        const id = sim.placeCall({ app: "sahayak" });
        await until(() => calls.length === 1 && sim.callerMedia(id)?.connectedTo !== null);
        assert.equal(calls[0]!.sampleRate, rate);
        const em = sim.channels.get(`${EM_PREFIX}${id}`)!;
        assert.equal(em.wsDriver?.format, control, "the format Sahayak asked for with f() through transport_data");
        assert.equal(parseControlMessage(em.wsDriver!.sentText[0]!)?.format, control);
        const caller = sim.callerMedia(id)!;
        caller.say(sine(4000, 16));
        const appHeard = () => concatInt16(heard);
        await until(() => fromSpeech(concatInt16(caller.fromApp)).length >= signal.length && fromSpeech(appHeard()).length >= rate / 4, 5000);
        // what Sahayak played reached the ExternalMedia channel exactly (after the format's quantisation)
        assert.deepEqual(fromSpeech(concatInt16(caller.fromApp)).subarray(0, signal.length), fromSpeech(roundTrip(format, signal)));
        // and what the channel sent reached the call exactly
        const sent = fromSpeech(roundTrip(format, concatInt16(caller.sentToApp)));
        const got = fromSpeech(appHeard());
        assert.ok(got.length > 0);
        assert.deepEqual(got, sent.subarray(0, got.length));
        await sim.sendDtmf(id, "5#", 40, 20);
        await until(() => digits.length === 2);
        assert.deepEqual(digits, ["5", "#"]);
        // barge-in: FLUSH_MEDIA in the channel's format empties Asterisk's queue too
        calls[0]!.play(sine(rate * 3));
        await until(() => caller.fromApp.length >= 40);
        calls[0]!.flush();
        await sleep(60);
        const atFlush = caller.fromApp.length;
        await sleep(200);
        assert.equal(caller.fromApp.length, atFlush, "nothing more is played after a flush");
        assert.equal(caller.playoutQueue, 0);
        assert.equal(calls[0]!.queuedMs, 0);
        assert.deepEqual(em.wsDriver!.sentText.filter((t) => t.includes("ERROR")), [], "Asterisk refused nothing");
        sim.callerHangup(id);
        await assertNoLeaks();
      });
    }
  }

  for (const format of ["slin16", "ulaw"] as const) {
    it(`the caller hears a cached 8 kHz prompt at its own speed and pitch (${format})`, async () => {
      // a prompt from the prompt cache: 1 s of 500 Hz at the synthesiser's 8 kHz
      const prompt = tone(8000, 500, 1000, 0.3);
      const dir = tempDir();
      const config = testConfig(dir.path, { telephony: { media: { transport: "websocket", format } } });
      const services = { config, prompts: { get: async () => prompt } } as unknown as CallServices;
      let spoken: Promise<unknown> | undefined;
      try {
        await start({ handle: (call) => void (spoken = new CallVoice(call, services, () => "en", () => 0, (ev, fn) => call.events.on(ev, fn)).sayPrompt("welcome", { interruptible: false })) }, { format });
        const id = sim.placeCall({ app: "sahayak" });
        await until(() => spoken !== undefined);
        await spoken;
        const caller = sim.callerMedia(id)!;
        await until(() => caller.playoutQueue === 0);
        await sleep(100);
        const heard = toneHeard(concatInt16(caller.heard), 8000);
        assert.ok(Math.abs(heard.hz - 500) < 25, `heard ${heard.hz.toFixed(0)} Hz, played 500 Hz`);
        assert.ok(Math.abs(heard.ms - 1000) < 60, `heard ${heard.ms.toFixed(0)} ms, played 1000 ms`);
        sim.callerHangup(id);
        await assertNoLeaks();
      } finally {
        dir.cleanup();
      }
    });
  }

  it("the simulated caller hears 8 kHz audio sent as 16 kHz twice as fast and an octave up", async () => {
    const calls: Call[] = [];
    await start({ handle: (call) => void calls.push(call) }, { format: "slin16" });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => calls.length === 1 && sim.callerMedia(id)?.connectedTo !== null);
    calls[0]!.play(tone(8000, 500, 1000, 0.3));
    await sleep(200);
    await until(() => sim.callerMedia(id)!.playoutQueue === 0 && calls[0]!.queuedMs === 0);
    await sleep(100);
    const heard = toneHeard(concatInt16(sim.callerMedia(id)!.heard), 8000);
    assert.ok(Math.abs(heard.hz - 1000) < 50, `${heard.hz} Hz`);
    assert.ok(Math.abs(heard.ms - 500) < 60, `${heard.ms} ms`);
    sim.callerHangup(id);
    await assertNoLeaks();
  });

  it("slin16 is offered over chan_websocket only", () => {
    assert.throws(() => testConfig("/tmp/unused", { telephony: { media: { format: "slin16" } } }), /telephony\.media\.format: slin16 is not offered over transport rtp.*caller hears silence.*websocket/s);
    assert.equal(testConfig("/tmp/unused", { telephony: { media: { format: "slin16", transport: "websocket" } } }).telephony.media.format, "slin16");
  });

  it("a call whose MEDIA_START never comes goes to the fallback, not to silence and a hang-up", async () => {
    const ends: EndReason[] = [];
    sim.faults.mediaStartWithheld = true;
    await start({ handle: (call) => void call.events.on("end", (r: EndReason) => ends.push(r)) }, { websocketStartTimeoutMs: 300 });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => sim.transfers.some((t) => t.channelId === id), 5000);
    assert.deepEqual(sim.transfers.find((t) => t.channelId === id), { channelId: id, context: "sahayak-fallback", extension: "s", priority: 1 });
    assert.ok(!sim.hungUp.some((h) => h.channelId === id), "the caller is not hung up");
    assert.equal(controller!.counters.setupFailures, 1);
    await assertNoLeaks();
  });

  it("a hangup at every moment leaves nothing behind", async () => {
    await start({
      handle: async (call) => {
        call.play(new Int16Array(8000 * 3));
        await new Promise((r) => call.signal.addEventListener("abort", r));
      },
    });
    for (const wait of [0, 2, 5, 15, 40, 300]) {
      const id = sim.placeCall({ app: "sahayak" });
      await sleep(wait);
      sim.callerHangup(id);
      await assertNoLeaks();
    }
  });

  it("Asterisk dropping the media socket mid-call sends the caller to the fallback", async () => {
    const ends: EndReason[] = [];
    await start({ handle: (call) => void call.events.on("end", (r: EndReason) => ends.push(r)) });
    const id = sim.placeCall({ app: "sahayak" });
    await until(() => sim.callerMedia(id)?.connectedTo !== null);
    sim.channels.get(`${EM_PREFIX}${id}`)!.mediaWs!.terminate();
    await assertNoLeaks();
    assert.deepEqual(ends, ["error"]);
    assert.equal(sim.transfers.find((t) => t.channelId === id)?.context, "sahayak-fallback", "the caller is not left in silence");
  });

  it("a wrong connection id is refused and an unclaimed channel dies (cause 19)", async () => {
    const abort = new AbortController();
    const options = { ariUrl: sim.url, user: "sahayak", password: "secret", format: "ulaw" as const, leadFrames: 3, maxPacketBytes: 1500, startTimeoutMs: 1000, senderRealtimePriority: 0, signal: abort.signal, onAudio: () => undefined };
    await assert.rejects(WebSocketMedia.connect({ ...options, connectionId: "nope" }), /404|Unexpected server response/);
    assert.equal(openMediaSockets.size, 0);
    sim.faults.mediaConnectTimeoutMs = 50;
    const auth = `Basic ${Buffer.from("sahayak:secret").toString("base64")}`;
    const res = await fetch(`${sim.url}/ari/channels/externalMedia?app=sahayak&format=ulaw&transport=websocket&encapsulation=none&connection_type=server&channelId=em1`, { method: "POST", headers: { Authorization: auth } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { state: string; name: string; channelvars: Record<string, string> };
    assert.equal(body.state, "Down");
    assert.match(body.name, /^WebSocket\/INCOMING\/0x[0-9a-f]+$/);
    assert.match(body.channelvars.MEDIA_WEBSOCKET_CONNECTION_ID!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(body.channelvars.MEDIA_WEBSOCKET_OPTIMAL_FRAME_SIZE, "160");
    await until(() => !sim.channels.has("em1"), 1000);
  });

  it("a second connection to the same id is refused (409); the HANGUP command hangs the channel up (cause 16) and closes the socket normally", async () => {
    await start({ handle: () => undefined });
    const events: { type: string; cause?: number }[] = [];
    const auth = `Basic ${Buffer.from("sahayak:secret").toString("base64")}`;
    const res = await fetch(`${sim.url}/ari/channels/externalMedia?app=sahayak&format=ulaw&transport=websocket&encapsulation=none&connection_type=server&channelId=em2`, { method: "POST", headers: { Authorization: auth } });
    const { channelvars } = (await res.json()) as { channelvars: Record<string, string> };
    const emit = sim.emit.bind(sim);
    sim.emit = (app, e) => {
      if ((e.channel as { id?: string } | undefined)?.id === "em2") events.push({ type: String(e.type), cause: e.cause as number | undefined });
      emit(app, e);
    };
    const ws = new WebSocket(mediaSocketUrl(sim.url, channelvars.MEDIA_WEBSOCKET_CONNECTION_ID!), { headers: { Authorization: auth } });
    const first = await new Promise<string>((r) => ws.once("message", (d) => r(String(d))));
    assert.match(first, /^MEDIA_START connection_id:\S+ channel:WebSocket\/INCOMING\/0x[0-9a-f]+ channel_id:em2 format:ulaw optimal_frame_size:160 ptime:20$/);
    const second = new WebSocket(mediaSocketUrl(sim.url, channelvars.MEDIA_WEBSOCKET_CONNECTION_ID!), { headers: { Authorization: auth } });
    second.on("error", () => undefined);
    assert.equal(await new Promise<number | undefined>((r) => second.once("unexpected-response", (_req, res) => r(res.statusCode))), 409, "one connection per id");
    const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
    ws.send("HANGUP");
    assert.equal(await closed, 1000);
    assert.ok(!sim.channels.has("em2"));
    assert.deepEqual(events.filter((e) => e.type === "ChannelHangupRequest" || e.type === "ChannelDestroyed"), [
      { type: "ChannelHangupRequest", cause: 16 },
      { type: "ChannelDestroyed", cause: 16 },
    ]);
  });

  it("sahayak asterisk config writes chan_websocket.conf with the format Sahayak asks for", () => {
    for (const format of ["json", "plain-text"] as const) {
      const config = testConfig("/tmp/unused", { telephony: { media: { transport: "websocket", websocketControlFormat: format } } });
      const files = renderAsteriskConfig(config, { operator1: "a-generated-password" });
      assert.match(files["chan_websocket.conf"]!, new RegExp(`^\\[global\\]\\ntype = global\\ncontrol_message_format = ${format}$`, "m"));
      assert.deepEqual(checkAsteriskConfig(files, config), []);
      const other = format === "json" ? "plain-text" : "json";
      const wrong = { ...files, "chan_websocket.conf": files["chan_websocket.conf"]!.replace(`= ${format}`, `= ${other}`) };
      assert.match(checkAsteriskConfig(wrong, config).join("\n"), new RegExp(`control_message_format is ${other}, Sahayak expects ${format}`));
    }
    assert.equal(testConfig("/tmp/unused").telephony.media.websocketControlFormat, "json");
  });
});

describe("chan_websocket's control messages, as channels/chan_websocket.c prints and reads them", () => {
  const make = (format: ControlFormat, extra: Partial<ChanWebSocketOptions> = {}) => {
    const sent: string[] = [];
    let hungUp = 0;
    const driver = new ChanWebSocket({
      format,
      connectionId: "c0ffee00-1111-2222-3333-444455556666",
      channelName: "WebSocket/INCOMING/0x7f1234abc",
      channelId: "em",
      codec: "ulaw",
      optimalFrameSize: 160,
      direction: "both",
      passthrough: false,
      variables: () => ({ SAHAYAK_CALL: "1.2" }),
      sendText: (t) => sent.push(t),
      hangup: () => hungUp++,
      ...extra,
    });
    return { driver, sent, hungUp: () => hungUp };
  };
  const frames = (n: number, size = 160) => new Uint8Array(n * size).fill(0x55);
  const drain = (driver: ChanWebSocket, ticks: number) => Array.from({ length: ticks }, () => driver.tick());

  it("MEDIA_START in each format", () => {
    assert.equal(make("plain-text").driver.mediaStart(), "MEDIA_START connection_id:c0ffee00-1111-2222-3333-444455556666 channel:WebSocket/INCOMING/0x7f1234abc channel_id:em format:ulaw optimal_frame_size:160 ptime:20");
    assert.equal(
      make("json").driver.mediaStart(),
      '{"event":"MEDIA_START","connection_id":"c0ffee00-1111-2222-3333-444455556666","channel":"WebSocket/INCOMING/0x7f1234abc","channel_id":"em","format":"ulaw","optimal_frame_size":160,"ptime":20,"channel_variables":{"SAHAYAK_CALL":"1.2"}}',
    );
  });

  it("XOFF when 900 frames are queued, XON at the first tick below 800, nothing taken at 1000", () => {
    for (const format of ["plain-text", "json"] as const) {
      const { driver, sent } = make(format);
      driver.onBinary(frames(899));
      assert.deepEqual(sent, []);
      driver.onBinary(frames(1));
      assert.deepEqual(sent, [format === "json" ? '{"event":"MEDIA_XOFF","channel_id":"em"}' : "MEDIA_XOFF"]);
      driver.onBinary(frames(150));
      assert.equal(driver.queuedFrames, 1050, "a message is cut up whole once the queue is below 1000");
      driver.onBinary(frames(1));
      assert.equal(driver.queuedFrames, 1050, "nothing is taken at 1000 or more");
      drain(driver, 250);
      assert.equal(sent.length, 1);
      driver.tick();
      assert.equal(driver.queuedFrames, 799);
      assert.deepEqual(sent.slice(1), [], "XON is checked before the tick takes its frame");
      driver.tick();
      assert.deepEqual(sent.slice(1), [format === "json" ? '{"event":"MEDIA_XON","channel_id":"em"}' : "MEDIA_XON"]);
    }
  });

  it("a partial frame is dropped unless media buffering is on; buffering's end and marks come in queue order", () => {
    for (const format of ["plain-text", "json"] as const) {
      const { driver, sent } = make(format);
      driver.onBinary(frames(2).subarray(0, 250));
      assert.equal(driver.queuedFrames, 1, "90 bytes dropped");
      driver.onText("START_MEDIA_BUFFERING");
      driver.onText(controlCommand(format, { command: "START_MEDIA_BUFFERING" }));
      driver.onBinary(frames(1).subarray(0, 100));
      driver.onBinary(frames(1).subarray(0, 100));
      assert.equal(driver.queuedFrames, 2, "100 + 60 bytes make a frame; 40 wait");
      driver.onText(controlCommand(format, { command: "STOP_MEDIA_BUFFERING", correlationId: "b1" }));
      driver.onText(controlCommand(format, { command: "MARK_MEDIA", correlationId: "m1" }));
      assert.equal(driver.queuedFrames, 3, "the 40 bytes left become a frame of their own");
      const played = drain(driver, 4);
      assert.deepEqual(played.map((f) => f?.length ?? 0), [160, 160, 40, 0]);
      const expected =
        format === "json"
          ? ['{"event":"MEDIA_BUFFERING_COMPLETED","channel_id":"em","correlation_id":"b1"}', '{"event":"MEDIA_MARK_PROCESSED","channel_id":"em","correlation_id":"m1"}']
          : ["MEDIA_BUFFERING_COMPLETED b1", "MEDIA_MARK_PROCESSED m1"];
      assert.deepEqual(sent.filter((t) => !t.includes("ERROR")), expected);
    }
  });

  it("a FLUSH_MEDIA read after the simulator's event loop was held drops only what Asterisk's own clock had not played yet", () => {
    // Asterisk plays on a thread of its own; the simulator's ticks wait for its event loop, which a test's
    // pipeline holds: the ticks owed by then are played before the command, as Asterisk would have
    const { driver } = make("plain-text");
    const caller = new CallerMedia({ rtpAddress: "127.0.0.1", lineCodec: "ulaw" }, { random: Math.random } as unknown as Faults);
    try {
      caller.connect({ kind: "ws", driver, send: () => undefined }, "ulaw");
      driver.onBinary(frames(50));
      const heldFrom = performance.now();
      while (performance.now() - heldFrom < 200);
      driver.onText("FLUSH_MEDIA");
      assert.ok(caller.heard.length >= 10 && caller.heard.length <= 12, `${caller.heard.length} frames played before the flush, 200 ms after they were queued`);
      assert.equal(caller.playoutQueue, 0);
    } finally {
      caller.close();
    }
  });

  it("GET_STATUS, REPORT_QUEUE_DRAINED, PAUSE_MEDIA, CONTINUE_MEDIA, DTMF_END and HANGUP", () => {
    const plain = make("plain-text");
    plain.driver.onBinary(frames(3));
    plain.driver.onText("  GET_STATUS \n");
    plain.driver.onText("PAUSE_MEDIA");
    assert.equal(plain.driver.tick(), null);
    plain.driver.onText("GET_STATUS");
    plain.driver.onText("CONTINUE_MEDIA");
    plain.driver.onText("REPORT_QUEUE_DRAINED");
    drain(plain.driver, 4);
    plain.driver.dtmfEnd("5");
    assert.deepEqual(plain.sent, [
      "STATUS channel_id:em queue_length:3 xon_level:800 xoff_level:900 queue_full:false bulk_media:false media_paused:false",
      "STATUS channel_id:em queue_length:3 xon_level:800 xoff_level:900 queue_full:false bulk_media:false media_paused:true",
      "QUEUE_DRAINED",
      "DTMF_END digit:5 channel_id:em",
    ]);
    plain.driver.onText("HANGUP");
    assert.equal(plain.hungUp(), 1);
    const json = make("json");
    json.driver.onText('{"command":"GET_STATUS"}');
    json.driver.onText('{"command":"REPORT_QUEUE_DRAINED"}');
    json.driver.tick();
    json.driver.dtmfEnd("#");
    assert.deepEqual(json.sent, [
      '{"event":"STATUS","channel_id":"em","queue_length":0,"xon_level":800,"xoff_level":900,"queue_full":false,"bulk_media":false,"media_paused":false}',
      '{"event":"QUEUE_DRAINED","channel_id":"em"}',
      '{"event":"DTMF_END","channel_id":"em","digit":"#"}',
    ]);
  });

  it("a command in the other format: ERROR on a JSON channel, only a log line on a plain-text one; SET_MEDIA_DIRECTION is JSON only", () => {
    const json = make("json");
    json.driver.onBinary(frames(5));
    json.driver.onText("FLUSH_MEDIA");
    assert.deepEqual(json.sent, ['{"event":"ERROR","channel_id":"em","error_text":"Unable to parse JSON command"}']);
    assert.equal(json.driver.queuedFrames, 5, "not flushed");
    const plain = make("plain-text");
    plain.driver.onBinary(frames(5));
    plain.driver.onText('{"command":"FLUSH_MEDIA"}');
    assert.deepEqual(plain.sent, []);
    assert.equal(plain.driver.queuedFrames, 5, "not flushed, and nothing said");
    plain.driver.onText("FLUSH_MEDIA");
    assert.equal(plain.driver.queuedFrames, 0);
    plain.driver.onText("SET_MEDIA_DIRECTION in");
    assert.deepEqual(plain.sent, ["ERROR channel_id:em error_text:SET_MEDIA_DIRECTION only supports JSON format.\n"]);
    json.driver.onText('{"command":"SET_MEDIA_DIRECTION","direction":"sideways"}');
    json.driver.onText('{"command":"SET_MEDIA_DIRECTION","direction":"in"}');
    json.driver.onText('{"command":"PAUSE_MEDIA"}');
    assert.deepEqual(json.sent.slice(1), [
      `{"event":"ERROR","channel_id":"em","error_text":"'sideways' is not a valid direction for SET_MEDIA_DIRECTION.\\n"}`,
      `{"event":"ERROR","channel_id":"em","error_text":"PAUSE_MEDIA not supported while media direction is 'in'"}`,
    ]);
    const passthrough = make("plain-text", { passthrough: true });
    passthrough.driver.onText("FLUSH_MEDIA");
    assert.deepEqual(passthrough.sent, ["ERROR channel_id:em error_text:FLUSH_MEDIA not supported in passthrough mode"]);
    const long = make("plain-text");
    long.driver.onBinary(frames(1));
    long.driver.onText(`FLUSH_MEDIA ${"x".repeat(130)}`);
    assert.equal(long.driver.queuedFrames, 1, "a text message over 128 bytes is ignored");
  });

  it("the app reads every event in both formats and its commands are the ones Asterisk takes", () => {
    const plain = [
      "MEDIA_START connection_id:c0ffee00-1111-2222-3333-444455556666 channel:WebSocket/INCOMING/0x7f1234abc channel_id:1795380334.6 format:slin16 optimal_frame_size:640 ptime:20",
      "MEDIA_XOFF",
      "DTMF_END digit:* channel_id:em",
      "STATUS channel_id:em queue_length:12 xon_level:800 xoff_level:900 queue_full:true bulk_media:false media_paused:false",
      "MEDIA_MARK_PROCESSED m1",
      "MEDIA_BUFFERING_COMPLETED",
      "ERROR channel_id:em error_text:PAUSE_MEDIA not supported while media direction is 'in'",
    ];
    assert.deepEqual(
      plain.map((t) => parseControlMessage(t)),
      [
        { format: "plain-text", message: { event: "MEDIA_START", connectionId: "c0ffee00-1111-2222-3333-444455556666", channel: "WebSocket/INCOMING/0x7f1234abc", channelId: "1795380334.6", format: "slin16", optimalFrameSize: 640, ptime: 20 } },
        { format: "plain-text", message: { event: "MEDIA_XOFF", channelId: undefined } },
        { format: "plain-text", message: { event: "DTMF_END", digit: "*", channelId: "em" } },
        { format: "plain-text", message: { event: "STATUS", channelId: "em", queueLength: 12, xonLevel: 800, xoffLevel: 900, queueFull: true, bulkMedia: false, mediaPaused: false } },
        { format: "plain-text", message: { event: "MEDIA_MARK_PROCESSED", channelId: undefined, correlationId: "m1" } },
        { format: "plain-text", message: { event: "MEDIA_BUFFERING_COMPLETED", channelId: undefined, correlationId: undefined } },
        { format: "plain-text", message: { event: "ERROR", channelId: "em", errorText: "PAUSE_MEDIA not supported while media direction is 'in'" } },
      ],
    );
    assert.deepEqual(parseControlMessage('{"event":"MEDIA_START","connection_id":"c1","channel":"WebSocket/INCOMING/0x1","channel_id":"em","format":"ulaw","optimal_frame_size":160,"ptime":20,"channel_variables":{"A":"b"}}'), {
      format: "json",
      message: { event: "MEDIA_START", connectionId: "c1", channel: "WebSocket/INCOMING/0x1", channelId: "em", format: "ulaw", optimalFrameSize: 160, ptime: 20, channelVariables: { A: "b" } },
    });
    assert.deepEqual(parseControlMessage('{"event":"STATUS","channel_id":"em","queue_length":0,"xon_level":800,"xoff_level":900,"queue_full":false,"bulk_media":true,"media_paused":false}')?.message, { event: "STATUS", channelId: "em", queueLength: 0, xonLevel: 800, xoffLevel: 900, queueFull: false, bulkMedia: true, mediaPaused: false });
    assert.equal(parseControlMessage("not a message"), null);
    assert.equal(parseControlMessage("{broken"), null);
    // every command the app can send is understood by a channel of its format, and refused or ignored by the other
    const commands: ControlCommand[] = [{ command: "FLUSH_MEDIA" }, { command: "PAUSE_MEDIA" }, { command: "MARK_MEDIA", correlationId: "x" }];
    for (const format of ["plain-text", "json"] as const) {
      for (const cmd of commands) {
        const { driver, sent } = make(format);
        driver.onBinary(frames(2));
        driver.onText(controlCommand(format, cmd));
        assert.ok(!sent.some((t) => t.includes("ERROR")), `${format} ${cmd.command}`);
      }
    }
    assert.equal(controlCommand("plain-text", { command: "MARK_MEDIA", correlationId: "x" }), "MARK_MEDIA x");
    assert.equal(controlCommand("json", { command: "MARK_MEDIA", correlationId: "x" }), '{"command":"MARK_MEDIA","correlation_id":"x"}');
  });

  it("externalMedia's transport_data and direction make the dial string, whose options pick the format", () => {
    assert.equal(externalMediaDialString("f(json)", "both"), "WebSocket/INCOMING/f(json)d(both)");
    assert.equal(externalMediaDialString(null, "both"), "WebSocket/INCOMING/d(both)");
    assert.equal(externalMediaDialString(null, null), "WebSocket/INCOMING");
    assert.deepEqual(parseDialOptions("f(json)d(both)"), { controlFormat: "json", direction: "both", passthrough: false, noAutoAnswer: false });
    assert.deepEqual(parseDialOptions("f(xml)n"), { invalidControlFormat: true, direction: "both", passthrough: false, noAutoAnswer: true });
  });
});

describe("WebSocketMedia against a scripted chan_websocket", () => {
  let server: ReturnType<typeof createServer>;
  let wss: WebSocketServer;
  let peer: WebSocket | undefined;
  let received: (Buffer | string)[];
  let url: string;
  let startMessage: string;

  const plainStart = "MEDIA_START connection_id:c1 channel:WebSocket/INCOMING/0x5591 channel_id:em format:ulaw optimal_frame_size:160 ptime:20";
  const jsonStart = JSON.stringify({ event: "MEDIA_START", connection_id: "c1", channel: "WebSocket/INCOMING/0x5591", channel_id: "em", format: "ulaw", optimal_frame_size: 160, ptime: 20, channel_variables: {} });

  beforeEach(async () => {
    received = [];
    startMessage = plainStart;
    server = createServer();
    wss = new WebSocketServer({ server });
    wss.on("connection", (ws) => {
      peer = ws;
      ws.on("message", (d, binary) => received.push(binary ? (d as Buffer) : String(d)));
      ws.send(startMessage);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const addr = server.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}`;
  });
  afterEach(async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise((r) => server.close(r));
  });

  const connect = (onAudio: (s: Int16Array) => void = () => undefined, signal = new AbortController().signal, onError?: (text: string) => void) =>
    WebSocketMedia.connect({ ariUrl: url, user: "u", password: "p", connectionId: "c1", format: "ulaw", leadFrames: 3, maxPacketBytes: 1500, startTimeoutMs: 500, senderRealtimePriority: 0, signal, onAudio, onError });

  it("builds the media URL on the ARI server", () => {
    assert.equal(mediaSocketUrl("http://10.0.0.5:8088/", "a b"), "ws://10.0.0.5:8088/media/a%20b");
    assert.equal(mediaSocketUrl("https://pbx:8089", "x"), "wss://pbx:8089/media/x");
  });

  it("re-cuts split and joined binary messages into 20 ms frames", async () => {
    const frames: Int16Array[] = [];
    const media = await connect((s) => frames.push(s));
    const bytes = encodeUlaw(sine(480));
    peer!.send(bytes.subarray(0, 100));
    peer!.send(bytes.subarray(100, 400));
    peer!.send(bytes.subarray(400));
    await until(() => frames.length === 3);
    assert.ok(frames.every((f) => f.length === 160));
    assert.deepEqual(concatInt16(frames), decodeUlaw(bytes));
    media.close();
  });

  it("what the caller has yet to hear counts the frames Asterisk holds ahead of its clock, until FLUSH_MEDIA drops them", async () => {
    const media = await connect();
    const playedAt = performance.now();
    media.play(new Int16Array(160 * 20));
    // two of the three lead frames went to Asterisk at once, the third on the pacer's first tick: none heard
    // yet, so all 400 ms are still to come but the time since (a loaded machine's few ms before this line)
    const queued = media.queuedMs;
    const since = performance.now() - playedAt;
    assert.ok(Math.abs(queued + since - 20 * 20) <= 2, `${queued} ms queued of 400, ${since.toFixed(1)} ms after play()`);
    media.flush();
    assert.equal(media.queuedMs, 0);
    media.close();
  });

  it("a flush counts what the caller had not heard by Asterisk's own STATUS (asked first), or, with no STATUS, by its estimate", async () => {
    const media = await connect();
    media.play(new Int16Array(160 * 50));
    await until(() => received.filter((r) => typeof r !== "string").length >= 10);
    const unheard: number[] = [];
    media.flush((n) => unheard.push(n));
    await until(() => received.includes("FLUSH_MEDIA"));
    const commands = received.filter((r): r is string => typeof r === "string");
    assert.deepEqual(commands.slice(-2), ["GET_STATUS", "FLUSH_MEDIA"], "the count is asked for before the flush");
    const sent = received.filter((r) => typeof r !== "string").length;
    // a loaded Asterisk's clock fell behind: it still held 7 frames, where the sender's estimate says 3
    peer!.send("STATUS channel_id:em queue_length:7 xon_level:800 xoff_level:900 queue_full:false bulk_media:false media_paused:false");
    await until(() => unheard.length === 1);
    assert.equal(unheard[0], (50 - sent) * 160 + 7 * 160);
    // an Asterisk that never answers: the estimate stands, after the wait
    media.play(new Int16Array(160 * 50));
    await until(() => received.filter((r) => typeof r !== "string").length >= sent + 10);
    media.flush((n) => unheard.push(n));
    await until(() => unheard.length === 2, WEBSOCKET_STATUS_WAIT_MS * 4);
    assert.ok(unheard[1]! > 0 && unheard[1]! % 160 === 0);
    media.close();
  });

  for (const format of ["plain-text", "json"] as const) {
    it(`follows the channel's format (${format}): pauses on MEDIA_XOFF, resumes on MEDIA_XON, flushes with FLUSH_MEDIA, reports ERROR`, async () => {
      startMessage = format === "json" ? jsonStart : plainStart;
      const errors: string[] = [];
      const media = await connect(undefined, undefined, (t) => errors.push(t));
      assert.equal(media.controlFormat, format);
      peer!.send(format === "json" ? '{"event":"MEDIA_XOFF","channel_id":"em"}' : "MEDIA_XOFF");
      await sleep(20);
      media.play(new Int16Array(160 * 20));
      await sleep(120);
      assert.equal(received.filter((r) => typeof r !== "string").length, 0, "nothing is sent while Asterisk's queue is full");
      peer!.send(format === "json" ? '{"event":"MEDIA_XON","channel_id":"em"}' : "MEDIA_XON");
      await until(() => received.filter((r) => typeof r !== "string").length >= 5);
      media.flush();
      const flush = format === "json" ? '{"command":"FLUSH_MEDIA"}' : "FLUSH_MEDIA";
      await until(() => received.includes(flush));
      assert.equal(media.queuedMs, 0);
      peer!.send(format === "json" ? '{"event":"ERROR","channel_id":"em","error_text":"Unable to parse JSON command"}' : "ERROR channel_id:em error_text:FLUSH_MEDIA not supported in passthrough mode");
      peer!.send(format === "json" ? '{"event":"DTMF_END","channel_id":"em","digit":"1"}' : "DTMF_END digit:1 channel_id:em");
      await until(() => errors.length === 1);
      assert.deepEqual(errors, [format === "json" ? "Unable to parse JSON command" : "FLUSH_MEDIA not supported in passthrough mode"]);
      assert.equal(media.counters.errors, 1);
      media.close();
      await until(() => openMediaSockets.size === 0);
    });
  }

  it("gives up without MEDIA_START and when the call is aborted", async () => {
    wss.removeAllListeners("connection");
    await assert.rejects(connect(), /no MEDIA_START/);
    const abort = new AbortController();
    const pending = connect(undefined, abort.signal);
    abort.abort();
    await assert.rejects(pending, /call ended/);
    assert.equal(openMediaSockets.size, 0);
  });
});
