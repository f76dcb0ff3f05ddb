import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { float32ToInt16, readWav, resample, writeWav } from "../../src/audio/index.js";
import { wordErrorRate } from "../../src/speech/asr/index.js";
import { transcribeWav } from "../../src/speech/transcribe.js";
import { runCli, sharedDir, tempDir } from "../helpers.js";
import { useEnglishRecogniser } from "./asr-fixture.js";

function fixtures(dir: string): { file: string; text: string }[] {
  return readFileSync(join(sharedDir, "fixtures", "audio", dir, "transcripts.tsv"), "utf8")
    .trim()
    .split("\n")
    .map((l) => {
      const [file, text] = l.split("\t");
      return { file: join(sharedDir, "fixtures", "audio", dir, file!), text: text! };
    });
}

describe("English recogniser (sherpa-onnx zipformer, real model)", () => {
  const setup = useEnglishRecogniser();

  const werOf = async (dir: string) => {
    let errors = 0;
    let words = 0;
    for (const f of fixtures(dir)) {
      const r = await transcribeWav(setup.engine(), readWav(readFileSync(f.file)), "en");
      const w = wordErrorRate(f.text, r.text);
      errors += w.errors;
      words += w.words;
      assert.ok(r.confidence > 0 && r.confidence <= 1);
    }
    return errors / words;
  };

  it("8 kHz telephone recordings: word error rate ≤ 15%", async () => {
    const wer = await werOf("en-8k");
    assert.ok(wer <= 0.15, `WER ${(wer * 100).toFixed(1)}%`);
  });

  it("16 kHz recordings: word error rate ≤ 20%", async () => {
    const wer = await werOf("en-16k");
    assert.ok(wer <= 0.2, `WER ${(wer * 100).toFixed(1)}%`);
  });

  it("streams: partial results grow, one stream per call, streams stay apart", async () => {
    const [a, b] = [0, 1].map((n) => {
      const wav = readWav(readFileSync(fixtures("en-8k")[n]!.file));
      assert.equal(wav.sampleRate, 8000);
      return float32ToInt16(wav.samples);
    });
    const streams = [setup.engine().createStream("en"), setup.engine().createStream("en")];
    const partials: string[] = [];
    try {
      // two calls' audio arrives interleaved, 20 ms at a time; the first call's hypothesis is read every 0.5 s
      for (let i = 0; i < Math.max(a!.length, b!.length); i += 160) {
        if (i < a!.length) streams[0]!.accept(a!.subarray(i, i + 160), 8000);
        if (i < b!.length) streams[1]!.accept(b!.subarray(i, i + 160), 8000);
        if (i % 4000 === 0) partials.push((await streams[0]!.partial()).text);
      }
      const [ra, rb] = await Promise.all(streams.map((s) => s.finish()));
      const words = partials.map((p) => p.split(/\s+/).filter(Boolean).length);
      assert.ok(new Set(partials.filter(Boolean)).size >= 3, `the hypothesis grew while the audio came: ${JSON.stringify(partials)}`);
      for (let k = 1; k < words.length; k++) assert.ok(words[k]! >= words[k - 1]!, `no partial loses words: ${JSON.stringify(partials)}`);
      assert.ok(partials.findIndex(Boolean) < partials.length / 2, `words come before the end of the audio: ${JSON.stringify(partials)}`);
      assert.match(ra!.text, /gold ring/);
      assert.match(rb!.text, /journey home/);
      assert.doesNotMatch(ra!.text, /journey home/);
      assert.doesNotMatch(rb!.text, /gold ring/);
    } finally {
      for (const s of streams) s.dispose();
    }
  });

  it("silence gives an empty result; an unknown language is refused", async () => {
    const silence = readWav(writeWav(new Int16Array(8000 * 2), 8000));
    const r = await transcribeWav(setup.engine(), silence, "en", undefined, setup.config.speech.vad);
    assert.equal(r.text, "");
    assert.equal(r.confidence, 0);
    assert.throws(() => setup.engine().createStream("ta"), /no speech model for language "ta"/);
  });

  it("an aborted final result rejects", async () => {
    const s = setup.engine().createStream("en");
    const controller = new AbortController();
    controller.abort(new Error("caller hung up"));
    await assert.rejects(s.finish(controller.signal), /caller hung up/);
    s.dispose();
  });

  it("sahayak transcribe --json on a fixture, at any input rate; bad files are refused clearly", () => {
    const dir = tempDir();
    const f = fixtures("en-8k")[2]!;
    const w = readWav(readFileSync(f.file));
    const wav44 = join(dir.path, "44k.wav");
    writeFileSync(wav44, writeWav(float32ToInt16(resample(w.samples, 8000, 44100)), 44100));
    const env = { SAHAYAK_MODELS_DIR: setup.config.modelsDir };
    for (const file of [f.file, wav44]) {
      const r = runCli(["transcribe", "--json", file], { dataDir: join(dir.path, "d"), env });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.ok(wordErrorRate(f.text, out.text).wer <= 0.25, out.text);
      assert.ok(out.confidence > 0 && out.confidence <= 1);
    }
    const corrupt = join(dir.path, "corrupt.wav");
    writeFileSync(corrupt, "RIFF....WAVEjunk");
    const bad = runCli(["transcribe", corrupt], { dataDir: join(dir.path, "d"), env });
    assert.equal(bad.status, 3);
    assert.match(bad.stderr, /corrupt\.wav: WAV file has no fmt chunk/);
    assert.equal(runCli(["transcribe", join(dir.path, "none.wav")], { dataDir: join(dir.path, "d"), env }).status, 4);
    const noModel = runCli(["transcribe", "--lang", "hi", f.file], { dataDir: join(dir.path, "d"), env });
    assert.equal(noModel.status, 6);
    assert.match(noModel.stderr, /no speech recognition model for "hi"/);
    dir.cleanup();
  });
});
