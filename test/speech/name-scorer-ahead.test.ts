// The name scorer's work done on an utterance as it arrives (name-ahead.ts) must score exactly as the
// whole utterance does: the same features, encoder output and greedy path, so the same names, scores and
// ranking, whether the pause cuts the audio fed or all of it is scored; other audio gets nothing from it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { decodeUlaw, encodeUlaw, float32ToInt16, int16ToFloat32, readWav, resample } from "../../src/audio/index.js";
import { Lexicon } from "../../src/knowledge/index.js";
import { ModelStore } from "../../src/ops/models.js";
import { loadNameScorer, NameScorer, schemeNameEntries } from "../../src/speech/asr/name-scorer.js";
import { NameSpotter, type SpotOptions, type SpotterFiles } from "../../src/speech/asr/name-spotter.js";
import { realRecords, sharedDir, tempDir } from "../helpers.js";
import { configWithEnglishModel } from "./asr-fixture.js";

function spotterFiles(modelsDir: string): SpotterFiles {
  const store = new ModelStore(modelsDir);
  const entry = store.find("asr", "en")!;
  const p = (role: string) => store.path(entry, role);
  return { encoder: p("encoder"), decoder: p("decoder"), joiner: p("joiner"), tokens: p("tokens"), bpeModel: p("bpeModel") };
}

function allSchemes() {
  const curated = Lexicon.load().curatedAliases;
  return realRecords().map((r) => ({ schemeId: r.schemeId, name: r.name.en, shortTitle: r.shortTitle ?? "", aliases: [...Object.values(r.aliases ?? {}).flat(), ...(curated[r.schemeId] ?? [])] }));
}

/** flite's rms voice through a μ-law phone line, as the call bench's callers are heard (synthetic). */
function phoneCall(text: string, dir: string): Int16Array {
  const file = join(dir, "said.wav");
  assert.equal(spawnSync("flite", ["-voice", "rms", "-t", text, "-o", file]).status, 0, "flite is needed (make setup)");
  const wav = readWav(readFileSync(file));
  return decodeUlaw(encodeUlaw(float32ToInt16(resample(wav.samples, wav.sampleRate, 8000))));
}

/** Fed in 20 ms packets, as a call's audio arrives. */
function packets(samples: Int16Array, rate: number): Int16Array[] {
  const size = rate / 50;
  const out: Int16Array[] = [];
  for (let i = 0; i < samples.length; i += size) out.push(samples.subarray(i, i + size));
  return out;
}

describe("name scoring ahead of the pause", () => {
  const setup = configWithEnglishModel();
  const dir = tempDir();
  let spotter: NameSpotter;
  const clips: { name: string; audio: Int16Array; rate: number }[] = [];
  before(async () => {
    spotter = await NameSpotter.load(spotterFiles(setup.config.modelsDir));
    await spotter.setNames(schemeNameEntries(allSchemes()));
    for (const folder of ["en-8k", "en-16k"]) {
      const base = join(sharedDir, "fixtures", "audio", folder);
      for (const row of readFileSync(join(base, "transcripts.tsv"), "utf8").trim().split("\n").slice(0, 3)) {
        const wav = readWav(readFileSync(join(base, row.split("\t")[0]!)));
        clips.push({ name: row.split("\t")[0]!, audio: float32ToInt16(wav.samples), rate: wav.sampleRate });
      }
    }
    for (const said of ["How much pension will I get under Atal Pension Yojana?", "Tell me about the Kisan Credit Card", "What documents do I need for Mudra Yojana loan?"]) clips.push({ name: said, audio: phoneCall(said, dir.path), rate: 8000 });
  });
  after(async () => {
    await spotter.model.release();
    setup.cleanup();
    dir.cleanup();
  });

  const options = (): SpotOptions => {
    const c = setup.config.speech.asr.names;
    return { schemeIds: ["pm-kisan", "apy"], shortlist: c.shortlist, namesPerMatchedScheme: c.namesPerMatchedScheme, beam: c.beam, maxGap: c.maxGap, ownContext: c.prefilterOwnContext, calibration: c.calibration, schemeCalibration: c.schemeCalibration, maxSchemes: c.maxSchemes, minProbability: 0, explain: 60 };
  };
  const same = (a: Awaited<ReturnType<NameSpotter["spot"]>>, b: typeof a, what: string) => {
    assert.equal(a.greedyText, b.greedyText, what);
    assert.equal(a.frames, b.frames, what);
    assert.deepEqual(a.heard, b.heard, what);
    assert.deepEqual(a.explained, b.explained, what);
  };

  it("scores every clip as the whole utterance does, cut where a pause would cut it or not, with most chunks done ahead", async () => {
    let ahead = 0;
    let chunks = 0;
    let spotted = 0;
    let frames = 0;
    for (const clip of clips) {
      const whole = int16ToFloat32(clip.audio);
      // fed to the end, scored on all of it; and fed 0.3 s past where the scored audio ends
      for (const cut of [clip.audio.length, clip.audio.length - Math.round(0.3 * clip.rate)]) {
        const a = spotter.ahead(clip.rate);
        for (const p of packets(clip.audio, clip.rate)) await a.feed(int16ToFloat32(p), () => false);
        const scored = whole.subarray(0, cut);
        const reference = await spotter.spot(scored, clip.rate, options());
        const r = await spotter.spot(scored, clip.rate, options(), a);
        same(r, reference, `${clip.name} cut at ${cut}`);
        ahead += r.timings.chunksAhead;
        spotted += r.timings.spottedAhead;
        chunks += Math.ceil(r.frames / 8);
        frames += r.frames;
      }
    }
    assert.ok(ahead >= chunks * 0.5, `${ahead} of ${chunks} chunks encoded ahead`);
    assert.ok(spotted >= frames * 0.4, `${spotted} of ${frames} frames' words spotted ahead`);
  });

  it("audio other than what was fed gets nothing from it, and scores as the whole", async () => {
    const [x, y] = [clips.at(-1)!, clips.at(-2)!];
    const a = spotter.ahead(x.rate);
    for (const p of packets(x.audio, x.rate)) await a.feed(int16ToFloat32(p), () => false);
    const other = int16ToFloat32(y.audio);
    assert.equal(a.startFor(other), null);
    const r = await spotter.spot(other, y.rate, options(), a);
    assert.equal(r.timings.chunksAhead, 0);
    same(r, await spotter.spot(other, y.rate, options()), "other audio");
  });

  it("a cancelled feed stops between chunks; what it did is still used", async () => {
    const x = clips.at(-1)!;
    const a = spotter.ahead(x.rate);
    await a.feed(int16ToFloat32(x.audio), () => true);
    assert.equal(a.chunks, 0);
    const r = await spotter.spot(int16ToFloat32(x.audio), x.rate, options(), a);
    same(r, await spotter.spot(int16ToFloat32(x.audio), x.rate, options()), "cancelled");
  });

  it("with the prefilter's own-context pass too (it runs on the whole word table at the pause)", async () => {
    const x = clips.at(-3)!;
    const a = spotter.ahead(x.rate);
    for (const p of packets(x.audio, x.rate)) await a.feed(int16ToFloat32(p), () => false);
    const own = { ...options(), ownContext: true };
    const r = await spotter.spot(int16ToFloat32(x.audio), x.rate, own, a);
    assert.ok(r.timings.spottedAhead > 0);
    same(r, await spotter.spot(int16ToFloat32(x.audio), x.rate, own), "own context");
  });

  describe("through the scorer's thread", () => {
    let scorer: NameScorer;
    before(async () => {
      scorer = (await loadNameScorer(setup.config.modelsDir, { ...setup.config.speech.asr.names, deadlineMs: 120_000 }, allSchemes()))!;
    });
    after(() => scorer.close());

    it("the same heard names with audio fed ahead; an ended feed is forgotten and scores as the whole", async () => {
      const x = clips.at(-3)!;
      const reference = await scorer.score(x.audio, x.rate);
      const a = scorer.ahead(x.rate);
      for (const p of packets(x.audio, x.rate)) a.feed(p);
      const r = await scorer.score(x.audio, x.rate, { ahead: a });
      assert.deepEqual(r.heardNames, reference.heardNames);
      assert.ok(r.timings.chunksAhead > 0, "chunks done ahead");
      a.end();
      assert.equal(a.ended, true);
      const again = await scorer.score(x.audio, x.rate, { ahead: a });
      assert.equal(again.timings.chunksAhead, 0);
      assert.deepEqual(again.heardNames, reference.heardNames);
    });
  });
});
