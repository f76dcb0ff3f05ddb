// The same words read the same wherever they start against the packets and the VAD's windows (issue 16:
// the call bench's questions read 2-6 ways at onset shifts under one 20 ms packet).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeUlaw, encodeUlaw, float32ToInt16, readWav, resample } from "../../src/audio/index.js";
import { SpeechListener, type Utterance } from "../../src/speech/listener.js";
import { VadStream } from "../../src/speech/vad/index.js";
import { sharedDir, tempDir, until } from "../helpers.js";
import { useEnglishRecogniser } from "./asr-fixture.js";

describe("listener: the same audio at other onset shifts", () => {
  const setup = useEnglishRecogniser();

  async function hear(pcm: Int16Array): Promise<Utterance[]> {
    const utterances: Utterance[] = [];
    let starts = 0;
    const listener = new SpeechListener(new VadStream(setup.config.speech.vad, 8000, { onset: true }), setup.engine().createStream("en"), setup.config.speech.endpoint, 8000, {
      speechStart: () => starts++,
      utterance: (u) => utterances.push(u),
    });
    for (let i = 0; i + 160 <= pcm.length; i += 160) listener.accept(pcm.subarray(i, i + 160));
    await until(() => utterances.length >= starts, 20_000).catch(() => undefined);
    listener.dispose();
    return utterances;
  }

  /** The clip after 600 ms of silence and `shift` samples more, through a μ-law line: one utterance each, and where in the clip its audio began and ended. */
  async function atShifts(clip: Int16Array, shifts: number[]): Promise<{ u: Utterance; from: number; to: number }[]> {
    const heard: { u: Utterance; from: number; to: number }[] = [];
    for (const shift of shifts) {
      const lead = 4800 + shift;
      const pcm = new Int16Array(lead + clip.length + 12000);
      pcm.set(clip, lead);
      const line = decodeUlaw(encodeUlaw(pcm));
      const us = await hear(line);
      assert.equal(us.length, 1, `shift ${shift}: ${us.map((u) => u.result.text).join(" / ")}`);
      const u = us[0]!;
      // placed by its first sound (digital silence before it matches anywhere)
      const k0 = u.audio.findIndex((v) => v !== 0);
      const head = u.audio.subarray(k0, k0 + 800);
      let at = -1;
      for (let i = k0; at < 0 && i + head.length <= line.length; i++) if (head.every((v, k) => line[i + k] === v)) at = i - k0;
      assert.ok(at >= 0, "the utterance's audio is the line's");
      heard.push({ u, from: at - lead, to: at + u.audio.length - lead });
    }
    return heard;
  }

  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

  it("gives the recogniser the voice from the same sample to the same sample, and reads the same words (shifts of 2.5 ms to 32.5 ms)", async () => {
    const clip = float32ToInt16(readWav(readFileSync(join(sharedDir, "fixtures", "audio", "en-8k", "osr34_01.wav"))).samples);
    const heard = await atShifts(clip, [0, 20, 60, 100, 160, 260]);
    // a recording's noise floor is learnt from silence framed differently at each shift: its edges may move
    // by a few samples, not by the packets' and the VAD windows' tens of ms
    assert.ok(spread(heard.map((h) => h.from)) <= 16, `starts in the clip: ${heard.map((h) => h.from).join(", ")}`);
    assert.ok(spread(heard.map((h) => h.to)) <= 16, `ends in the clip: ${heard.map((h) => h.to).join(", ")}`);
    assert.deepEqual(heard.map((h) => h.u.result.text), heard.map(() => heard[0]!.u.result.text));
  });

  it("reads a synthetic voice's sentence the same at every shift (it read three ways before the anchors)", async () => {
    const dir = tempDir("sahayak-onset-");
    try {
      const wav = join(dir.path, "s.wav");
      assert.equal(spawnSync("flite", ["-voice", "rms", "-t", "My brother lost his job last month and needs some help", "-o", wav]).status, 0, "flite is needed (make setup)");
      const w = readWav(readFileSync(wav));
      const heard = await atShifts(float32ToInt16(resample(w.samples, w.sampleRate, 8000)), [0, 20, 60, 100, 160, 260]);
      assert.deepEqual(heard.map((h) => h.u.result.text), heard.map(() => heard[0]!.u.result.text));
      assert.ok(spread(heard.map((h) => h.from)) <= 16 && spread(heard.map((h) => h.to)) <= 16, `edges in the clip: ${heard.map((h) => `${h.from}-${h.to}`).join(", ")}`);
    } finally {
      dir.cleanup();
    }
  });
});
