// When Sahayak cannot take a call, Asterisk has it on its own: the dialplan's fallback and the human queue,
// run by the simulator's model of Asterisk's dialplan over the sounds `sahayak asterisk sounds` renders
// (real espeak-ng), in every format Asterisk's format modules read. A sound the dialplan names that was
// never rendered is silence to the caller, and the checkers say so.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { decodeAlaw, decodeUlaw, float32ToInt16, readWav } from "../../src/audio/index.js";
import type { Config } from "../../src/config.js";
import { EspeakEngine } from "../../src/speech/tts/index.js";
import { checkAsteriskConfig, checkFallbackSounds, referencedSounds, renderAsteriskConfig } from "../../src/telephony/asterisk-config.js";
import { AriController } from "../../src/telephony/controller.js";
import { SimDialplan, type Heard } from "../../src/telephony/sim/dialplan.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { encodeSound, holdMusic, renderFallbackSounds, soundFileProblem, SOUND_FORMATS } from "../../src/telephony/sounds.js";
import { runCli, tempDir, testConfig, until } from "../helpers.js";

const passwords = { operator1: "a-generated-password" };

/** What the caller hears, as short labels: "sound fallback-apology-hi", "music", "silence: …". */
function heard(h: Heard[]): string[] {
  return h.map((x) => (x.kind === "music" ? "music" : x.kind === "silence" ? `silence: ${x.why}` : `${x.kind} ${x.file.slice(x.file.lastIndexOf("/") + 1)}`));
}

describe("the fallback when Sahayak cannot take a call", () => {
  const dir = tempDir();
  const sounds = join(dir.path, "sounds");
  let config: Config;

  before(async () => {
    config = testConfig(join(dir.path, "data"), { telephony: { asterisk: { soundsDir: sounds } } });
    const espeak = new EspeakEngine(config.speech.tts);
    await renderFallbackSounds(config, async (text, lang) => {
      const parts: Int16Array[] = [];
      for await (const frame of espeak.synthesize(text, lang)) parts.push(frame.samples);
      return Int16Array.from(parts.flatMap((p) => [...p]));
    });
  });
  after(() => dir.cleanup());

  it("Sahayak down: an apology in Hindi then English, music and 'please hold' in the queue, then 'call again later'; never silence", async () => {
    const files = renderAsteriskConfig(config, passwords);
    const dialplan = new SimDialplan(files);
    const pbx = new PbxSimulator({ user: "u", password: "p", dialplan });
    await pbx.start();
    try {
      // no app registered: Stasis fails at once and the dialplan goes on
      const id = pbx.placeCall({ app: "sahayak" });
      const run = dialplan.runs.find((r) => r.channelId === id)!;
      assert.deepEqual(heard(run.heard), [
        "sound fallback-apology-hi",
        "sound fallback-apology-en",
        "music",
        "announcement please-hold-hi",
        "announcement please-hold-en",
        "sound no-agent-hi",
        "sound no-agent-en",
      ]);
      assert.deepEqual(run.warnings, []);
      assert.equal(run.end, "hangup");
      assert.ok(run.heard.every((h) => h.kind !== "sound" || h.format === "ulaw"), "a μ-law trunk plays the .ulaw files, with no translation");
      assert.ok(run.steps[0]!.startsWith("from-telco,1800110001,3: Goto(sahayak-fallback,s,1)"), run.steps[0]);
      // with an agent free, the caller waits in the queue (and hears no goodbye)
      const waiting = new SimDialplan(files, { agentsAvailable: true, channelFormat: "alaw" }).run("x", "sahayak-fallback", "s", 1);
      assert.equal(waiting.end, "queued");
      assert.deepEqual(waiting.heard.map((h) => (h.kind === "sound" ? h.format : h.kind)), ["alaw", "alaw", "music", "announcement", "announcement"]);
    } finally {
      await pbx.stop();
    }
  });

  it("a caller Sahayak transfers to a person waits with music and 'please hold', not in silence", async () => {
    const files = renderAsteriskConfig(config, passwords);
    const dialplan = new SimDialplan(files);
    const pbx = new PbxSimulator({ user: "sahayak", password: "secret", dialplan });
    await pbx.start();
    const telephony = { ...config.telephony, ari: { ...config.telephony.ari, url: pbx.url, password: "secret" }, media: { ...config.telephony.media, portMin: 31000, portMax: 31999 } };
    const controller = await AriController.start({ config: telephony, handler: { handle: (call) => call.transfer() } });
    try {
      const id = pbx.placeCall({ app: "sahayak" });
      await until(() => dialplan.runs.some((r) => r.channelId === id));
      const run = dialplan.runs.find((r) => r.channelId === id)!;
      assert.equal(run.steps[0], "sahayak-human,s,1: Queue(sahayak-helpdesk,,,,600)");
      assert.deepEqual(heard(run.heard), ["music", "announcement please-hold-hi", "announcement please-hold-en", "sound no-agent-hi", "sound no-agent-en"]);
    } finally {
      await controller.close();
      await pbx.stop();
    }
  });

  for (const transport of ["rtp", "websocket"] as const) {
    it(`${transport}: a call whose media set-up fails hears the apology and reaches the queue, not silence and a hang-up`, async () => {
      const files = renderAsteriskConfig(config, passwords);
      const dialplan = new SimDialplan(files);
      const pbx = new PbxSimulator({ user: "sahayak", password: "secret", dialplan });
      await pbx.start();
      const media = { ...config.telephony.media, transport, websocketStartTimeoutMs: 200, portMin: 31000, portMax: 31999 };
      const telephony = { ...config.telephony, ari: { ...config.telephony.ari, url: pbx.url, password: "secret", requestTimeoutMs: 500 }, media };
      const controller = await AriController.start({ config: telephony, handler: { handle: () => undefined }, setupTimeoutMs: 200 });
      try {
        // chan_websocket: MEDIA_START never comes; RTP: the ExternalMedia request is never answered in time
        if (transport === "websocket") pbx.faults.mediaStartWithheld = true;
        else pbx.faults.externalMediaDelayMs = 1000;
        const id = pbx.placeCall({ app: "sahayak" });
        await until(() => dialplan.runs.some((r) => r.channelId === id), 5000);
        const run = dialplan.runs.find((r) => r.channelId === id)!;
        assert.equal(run.steps[0], "sahayak-fallback,s,1: Answer()");
        assert.deepEqual(heard(run.heard).slice(0, 3), ["sound fallback-apology-hi", "sound fallback-apology-en", "music"]);
      } finally {
        await controller.close();
        await pbx.stop();
      }
    });
  }

  it("every sound the dialplan and the queues name is one Sahayak renders, by absolute path (not sahayak/technical-problem, which nothing made)", () => {
    const { names, musicDirs } = referencedSounds(renderAsteriskConfig(config, passwords));
    assert.equal(names.length, 6, names.join(", "));
    for (const name of names) assert.ok(name.startsWith(`${sounds}/sahayak/`), name);
    assert.deepEqual(musicDirs, [join(sounds, "sahayak", "hold")]);
    assert.deepEqual(checkFallbackSounds(config), []);
  });

  it("a sound that is missing or unreadable is silence in the simulator, and the check names it", () => {
    const other = tempDir();
    try {
      const cfg = testConfig(join(other.path, "data"), { telephony: { asterisk: { soundsDir: other.path } } });
      // nothing rendered at all: every sound in every language, and the music
      const empty = checkFallbackSounds(cfg);
      assert.equal(empty.length, 7, empty.join("\n"));
      assert.match(empty.join("\n"), /fallback-apology-hi: does not exist in any format/);
      assert.match(empty.join("\n"), /no music on hold to play/);
      const run = new SimDialplan(renderAsteriskConfig(cfg, passwords)).run("c", "sahayak-fallback", "s", 1);
      assert.ok(run.heard.every((h) => h.kind === "silence"), heard(run.heard).join("\n"));
      assert.ok(run.warnings.includes(`File ${other.path}/sahayak/fallback-apology-hi does not exist in any format`), run.warnings.join("\n"));
    } finally {
      other.cleanup();
    }
    // one language's apology deleted in every format, another file made unreadable
    for (const format of SOUND_FORMATS) rmSync(join(sounds, "sahayak", `fallback-apology-en.${format}`));
    writeFileSync(join(sounds, "sahayak", "please-hold-hi.wav"), Buffer.from("RIFF....WAVEfmt "));
    try {
      const problems = checkFallbackSounds(config).join("\n");
      assert.match(problems, /fallback-apology-en: does not exist in any format/);
      assert.match(problems, /please-hold-hi\.wav: not a RIFF\/WAVE file/);
      const run = new SimDialplan(renderAsteriskConfig(config, passwords)).run("c", "sahayak-fallback", "s", 1);
      assert.ok(heard(run.heard).includes(`silence: ${sounds}/sahayak/fallback-apology-en does not exist in any format`));
    } finally {
      const cli = runCli(["asterisk", "sounds", "--out", sounds, "--json"], { dataDir: join(dir.path, "data") });
      assert.equal(cli.status, 0, cli.stderr);
    }
    assert.deepEqual(checkFallbackSounds(config), [], "rendered again");
  });

  it("the checker refuses a dialplan whose Stasis step is not followed by the fallback, or a queue without music or 'please hold'", () => {
    const files = renderAsteriskConfig(config, passwords);
    const broken = {
      ...files,
      "extensions.conf": files["extensions.conf"]!.replace(" same => n,Goto(sahayak-fallback,s,1)\n", " same => n,Hangup()\n"),
      "queues.conf": files["queues.conf"]!.replace(/^musicclass = .*\n/m, "").replace(/^periodic-announce = .*\n/m, ""),
    };
    const problems = checkAsteriskConfig(broken, config).join("\n");
    assert.match(problems, /after Stasis\(sahayak\) the dialplan must go on to Goto\(sahayak-fallback,s,1\)/);
    assert.match(problems, /no musicclass: a waiting caller hears silence/);
    assert.match(problems, /no periodic-announce/);
  });

  it("files in the layouts of Asterisk's format modules: headerless G.711, little-endian 8 kHz slin, PCM WAV 8 kHz mono 16-bit", () => {
    const name = join(sounds, "sahayak", "fallback-apology-hi");
    const sln = readFileSync(`${name}.sln`);
    const samples = new Int16Array(sln.buffer.slice(sln.byteOffset, sln.byteOffset + sln.length));
    assert.ok(samples.length > 8000 * 3, "seconds of speech");
    assert.deepEqual(new Uint8Array(readFileSync(`${name}.ulaw`)), encodeSound(samples, "ulaw"));
    assert.deepEqual(decodeUlaw(new Uint8Array(readFileSync(`${name}.ulaw`))), decodeUlaw(encodeSound(samples, "ulaw")));
    assert.equal(readFileSync(`${name}.alaw`).length, samples.length);
    const fromAlaw = decodeAlaw(new Uint8Array(readFileSync(`${name}.alaw`)));
    assert.ok(fromAlaw.every((v, i) => Math.abs(v - samples[i]!) <= Math.max(16, Math.abs(samples[i]!) / 16)), "A-law of the same audio");
    const wavBytes = readFileSync(`${name}.wav`);
    assert.equal(wavBytes.length, 44 + samples.length * 2, "a 44-byte header, as format_wav writes its own");
    const wav = readWav(new Uint8Array(wavBytes));
    assert.deepEqual([wav.sampleRate, wav.channels, wav.bitsPerSample], [8000, 1, 16]);
    assert.deepEqual(float32ToInt16(wav.samples), samples);
    for (const format of SOUND_FORMATS) assert.equal(soundFileProblem(`${name}.${format}`, format), undefined);
    const music = holdMusic();
    const rms = Math.sqrt(music.reduce((s, v) => s + v * v, 0) / music.length);
    assert.ok(rms > 1000 && rms < 12000, `hold music is audible and not loud (rms ${rms.toFixed(0)})`);
  });
});
