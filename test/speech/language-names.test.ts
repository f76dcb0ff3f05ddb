import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { decodeUlaw, encodeUlaw, float32ToInt16, readWav, resample } from "../../src/audio/index.js";
import { buildHotwords, loadAsrEngine, type SherpaAsrEngine } from "../../src/speech/asr/index.js";
import { recogniseLanguageName } from "../../src/speech/language-names.js";
import { transcribeWav } from "../../src/speech/transcribe.js";
import { tempDir } from "../helpers.js";
import { configWithEnglishModel } from "./asr-fixture.js";

const LANGS = ["hi", "en", "ta", "te", "mr", "bn"];

describe("spoken language selection", () => {
  it("matches bent transcripts of language names, and says unknown otherwise", () => {
    const pick = (text: string) => recogniseLanguageName([{ text, confidence: 0.5 }], LANGS).lang;
    assert.equal(pick("hindy"), "hi");
    assert.equal(pick("hindi please"), "hi");
    assert.equal(pick("english"), "en");
    assert.equal(pick("tamily"), "ta");
    assert.equal(pick("marathi"), "mr");
    assert.equal(pick("हिंदी"), "hi");
    assert.equal(pick("the weather is nice"), "unknown");
    assert.equal(pick(""), "unknown");
  });

  describe("from speech (flite voice through a μ-law phone line; synthetic, not a real caller)", () => {
    const setup = configWithEnglishModel();
    const dir = tempDir();
    let engine: SherpaAsrEngine;
    before(async () => {
      engine = await loadAsrEngine(setup.config, ["en"], buildHotwords([]));
    });
    after(async () => {
      await engine.close();
      setup.cleanup();
      dir.cleanup();
    });

    for (const [word, lang] of [["Hindi", "hi"], ["English", "en"], ["Tamil", "ta"], ["Marathi", "mr"]] as const) {
      it(`"${word}" selects ${lang}`, async () => {
        const file = join(dir.path, `${word}.wav`);
        assert.equal(spawnSync("flite", ["-voice", "rms", "-t", word, "-o", file]).status, 0, "flite is needed (make setup)");
        const wav = readWav(readFileSync(file));
        const line = decodeUlaw(encodeUlaw(float32ToInt16(resample(wav.samples, wav.sampleRate, 8000))));
        const r = await transcribeWav(engine, { ...wav, sampleRate: 8000, samples: Float32Array.from(line, (v) => v / 32768) }, "en");
        assert.equal(recogniseLanguageName([r, ...r.alternatives], LANGS).lang, lang, `heard "${r.text}"`);
      });
    }
  });
});
