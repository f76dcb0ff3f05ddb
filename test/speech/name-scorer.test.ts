// Scheme names scored against real audio with the embedded English recogniser's own encoder, decoder and
// joiner: the features and encoder must hear what sherpa-onnx hears, names said through a phone line
// must come out on top, and a request can be abandoned or run out of time.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { decodeUlaw, encodeUlaw, float32ToInt16, readWav, resample } from "../../src/audio/index.js";
import { Lexicon } from "../../src/knowledge/index.js";
import { ModelStore } from "../../src/ops/models.js";
import { loadAsrEngine, wordErrorRate, type SherpaAsrEngine } from "../../src/speech/asr/index.js";
import { loadNameScorer, NameScorer, NameScoringTimeout, schemeNameEntries, spokenEvidence } from "../../src/speech/asr/name-scorer.js";
import { NameSpotter, type SpotterFiles } from "../../src/speech/asr/name-spotter.js";
import { transcribeWav } from "../../src/speech/transcribe.js";
import { realRecords, sharedDir, tempDir } from "../helpers.js";
import { configWithEnglishModel, englishModelDir } from "./asr-fixture.js";

function spotterFiles(modelsDir: string): SpotterFiles {
  const store = new ModelStore(modelsDir);
  const entry = store.find("asr", "en")!;
  const p = (role: string) => store.path(entry, role);
  return { encoder: p("encoder"), decoder: p("decoder"), joiner: p("joiner"), tokens: p("tokens"), bpeModel: p("bpeModel") };
}

/** Every real scheme's names, as the knowledge base lists them (own aliases and the curated ones). */
function allSchemes() {
  const curated = Lexicon.load().curatedAliases;
  return realRecords().map((r) => ({ schemeId: r.schemeId, name: r.name.en, shortTitle: r.shortTitle ?? "", aliases: [...Object.values(r.aliases ?? {}).flat(), ...(curated[r.schemeId] ?? [])] }));
}

/** A sentence spoken by flite's rms voice through a μ-law phone line (synthetic, not a real caller). */
function phoneCall(text: string, dir: string): Int16Array {
  const file = join(dir, "said.wav");
  assert.equal(spawnSync("flite", ["-voice", "rms", "-t", text, "-o", file]).status, 0, "flite is needed (make setup)");
  const wav = readWav(readFileSync(file));
  return decodeUlaw(encodeUlaw(float32ToInt16(resample(wav.samples, wav.sampleRate, 8000))));
}

describe("name scorer", () => {
  const setup = configWithEnglishModel();
  const dir = tempDir();
  after(() => {
    setup.cleanup();
    dir.cleanup();
  });

  describe("its features and encoder reproduce sherpa-onnx's own greedy transcripts", () => {
    let greedy: SherpaAsrEngine;
    let spotter: NameSpotter;
    before(async () => {
      const config = setup.config;
      greedy = await loadAsrEngine({ ...config, speech: { ...config.speech, asr: { ...config.speech.asr, decodingMethod: "greedy_search", alternatives: false } } }, ["en"]);
      spotter = await NameSpotter.load(spotterFiles(config.modelsDir));
    });
    after(() => greedy.close());

    it("on the real 8 kHz telephone and 16 kHz recordings", async () => {
      let same = 0;
      let clips = 0;
      let differingWords = 0;
      let words = 0;
      const differences: string[] = [];
      for (const folder of ["en-8k", "en-16k"]) {
        const base = join(sharedDir, "fixtures", "audio", folder);
        for (const row of readFileSync(join(base, "transcripts.tsv"), "utf8").trim().split("\n")) {
          const wav = readWav(readFileSync(join(base, row.split("\t")[0]!)));
          const theirs = (await transcribeWav(greedy, wav, "en")).text;
          const ours = await spotter.transcribe(wav.samples, wav.sampleRate);
          clips++;
          if (ours === theirs) same++;
          else differences.push(`sherpa "${theirs}" / ours "${ours}"`);
          const w = wordErrorRate(theirs, ours);
          differingWords += w.errors;
          words += w.words;
        }
      }
      // identical but for float rounding: a clip whose first word sits on a knife edge may differ
      assert.ok(same >= clips - 2, `${same} of ${clips} identical:\n${differences.join("\n")}`);
      assert.ok(differingWords / words <= 0.03, `${differingWords} of ${words} words differ:\n${differences.join("\n")}`);
    });
  });

  describe("on names said through a phone line (flite rms voice, μ-law 8 kHz)", () => {
    let scorer: NameScorer;
    before(async () => {
      // what is heard is checked here, not how fast: the turn's deadline is lifted (its time is bench/run.ts names')
      scorer = (await loadNameScorer(setup.config.modelsDir, { ...setup.config.speech.asr.names, deadlineMs: 120_000 }, allSchemes()))!;
    });
    after(() => scorer.close());

    // a calibrated score is a rate over many utterances, not a promise about one: each said name is held to
    // coming first and scoring above anything heard in a sentence that names no scheme
    const nameless = "What is the weather going to be like tomorrow?";
    let namelessBest = 0;
    before(async () => {
      namelessBest = (await scorer.score(phoneCall(nameless, dir.path), 8000)).heardNames[0]?.score ?? 0;
    });

    for (const [said, scheme] of [
      ["Tell me about the Kisan Credit Card", "kcc"],
      ["What is Mudra Yojana?", "pmmy"],
    ] as const) {
      it(`"${said}" → ${scheme} first, above any name heard in "${nameless}"`, async () => {
        const r = await scorer.score(phoneCall(said, dir.path), 8000);
        assert.equal(r.heardNames[0]?.schemeId, scheme, JSON.stringify(r.heardNames));
        assert.ok(r.heardNames[0]!.score > namelessBest, `${JSON.stringify(r.heardNames)} against ${namelessBest}`);
        assert.ok(r.heardNames.every((h, i) => i === 0 || h.score <= r.heardNames[i - 1]!.score), "best first");
      });
    }

    it(
      '"How much pension will I get under Atal Pension Yojana?" → apy first',
      // known miss with the default prefilter (speech.asr.names.prefilterOwnContext off): recognised "…under
      // entrel attention young jeanna", the full name is not among the prefilter's 24 (below, with it on)
      { todo: "the prefilter misses a garbled long name unless it spots words in their own context" },
      async () => {
        const r = await scorer.score(phoneCall("How much pension will I get under Atal Pension Yojana?", dir.path), 8000);
        assert.equal(r.heardNames[0]?.schemeId, "apy", JSON.stringify(r.heardNames));
      },
    );

    // garbled long names ("…under entrel attention young jeanna", "…geni issues reaction carefully crim"):
    // in the greedy path's context alone their words' later tokens sank them out of the prefilter's 24
    // (another scheme's name came first); spotted in their own context they reach the exact lattice
    describe("with the prefilter spotting words in their own context (speech.asr.names.prefilterOwnContext)", () => {
      let own: NameScorer;
      before(async () => {
        own = (await loadNameScorer(setup.config.modelsDir, { ...setup.config.speech.asr.names, deadlineMs: 120_000, prefilterOwnContext: true }, allSchemes()))!;
      });
      after(() => own.close());
      for (const [said, scheme] of [
        ["How much pension will I get under Atal Pension Yojana?", "apy"],
        ["Tell me about Janani Shishu Suraksha Karyakram", "jssk"],
      ] as const) {
        it(`"${said}" → ${scheme} first, the text matching nothing (the prefilter keeps a garbled long name)`, async () => {
          const r = await own.score(phoneCall(said, dir.path), 8000);
          assert.equal(r.heardNames[0]?.schemeId, scheme, JSON.stringify(r.heardNames));
        });
      }
    });

    it("a sentence that names no scheme gets no confident name", async () => {
      const r = await scorer.score(phoneCall(nameless, dir.path), 8000);
      assert.ok(r.heardNames.every((h) => h.score < 0.5), JSON.stringify(r.heardNames));
    });

    it("scores the schemes the text matched even when the prefilter would not pick them", async () => {
      const r = await scorer.score(phoneCall("What is the weather going to be like tomorrow?", dir.path), 8000, { schemeIds: ["pm-kisan"], explain: 200 });
      assert.ok(r.explained?.some((n) => n.schemeId === "pm-kisan"), "pm-kisan's names were scored");
    });

    it("a request abandoned by its signal, or past its deadline, rejects; the scorer goes on working", async () => {
      const audio = phoneCall("Tell me about Atal Pension Yojana", dir.path);
      const aborted = new AbortController();
      aborted.abort(new Error("caller hung up"));
      await assert.rejects(scorer.score(audio, 8000, { signal: aborted.signal }), /caller hung up/);
      const later = new AbortController();
      const pending = scorer.score(audio, 8000, { signal: later.signal });
      later.abort(new Error("barge-in"));
      await assert.rejects(pending, /barge-in/);
      await assert.rejects(scorer.score(audio, 8000, { deadlineMs: 1 }), NameScoringTimeout);
      const r = await scorer.score(audio, 8000);
      assert.equal(r.heardNames[0]?.schemeId, "apy");
      assert.ok(r.costMs > 0 && r.timings.encoderMs > 0);
    });

    it("a model the scorer cannot read is a rejection that says so, which the call services log and go on without", async () => {
      const models = tempDir("sahayak-models-");
      try {
        const store = new ModelStore(models.path);
        store.import(englishModelDir, { lang: "en" });
        writeFileSync(store.path(store.find("asr", "en")!, "bpeModel"), "not a SentencePiece model");
        await assert.rejects(loadNameScorer(models.path, setup.config.speech.asr.names, allSchemes()), /cannot load the name scorer/);
      } finally {
        models.cleanup();
      }
    });

    it("gives the call layer the alternatives and the heard names, and only the alternatives when scoring fails", async () => {
      const audio = phoneCall("Tell me about Atal Pension Yojana", dir.path);
      const result = { text: "tell me about at lension you again", confidence: 0.5, alternatives: [{ text: "tell me about at pension yojana", confidence: 0.4 }, { text: "tell me about at lension you again", confidence: 0.4 }], endpoint: true, isFinal: true };
      const matched: string[] = [];
      const evidence = await spokenEvidence(scorer, audio, 8000, result, { matchNames: (t) => (matched.push(t), []) });
      assert.deepEqual(evidence.alternatives, ["tell me about at pension yojana"]);
      assert.equal(evidence.heardNames?.[0]?.schemeId, "apy");
      assert.ok(evidence.costMs! > 0);
      assert.deepEqual(matched, [result.text, "tell me about at pension yojana"], "both readings were matched as text");
      assert.deepEqual(await spokenEvidence(null, audio, 8000, result, { matchNames: () => [] }), { alternatives: ["tell me about at pension yojana"] });
      const closed = await NameScorer.start(spotterFiles(setup.config.modelsDir), schemeNameEntries(allSchemes().slice(0, 5)), setup.config.speech.asr.names);
      await closed.close();
      const errors: Error[] = [];
      assert.deepEqual(await spokenEvidence(closed, audio, 8000, result, { matchNames: () => [], onError: (e) => errors.push(e) }), { alternatives: ["tell me about at pension yojana"] });
      assert.equal(errors.length, 1);
      const hungUp = new AbortController();
      hungUp.abort(new Error("hung up"));
      await assert.rejects(spokenEvidence(scorer, audio, 8000, result, { matchNames: () => [], signal: hungUp.signal }), /hung up/);
    });

    it("scores nothing when the text is enough on its own: the turn does not wait for the audio", async () => {
      const audio = phoneCall("Tell me about Atal Pension Yojana", dir.path);
      const result = { text: "tell me about atal pension yojana", confidence: 0.9, alternatives: [{ text: "tell me about at pension yojana", confidence: 0.4 }], endpoint: true, isFinal: true };
      const asked: [string, number][] = [];
      const matchNames = (t: string) => (t === result.text ? [{ schemeId: "apy", score: 1 }] : []);
      const evidence = await spokenEvidence(scorer, audio, 8000, result, { matchNames, textSuffices: (text, best) => (asked.push([text, best]), best >= 0.95) });
      assert.deepEqual(evidence, { alternatives: ["tell me about at pension yojana"] });
      assert.deepEqual(asked, [[result.text, 1]], "asked about the recognised text and its best match");
      const scored = await spokenEvidence(scorer, audio, 8000, result, { matchNames: () => [{ schemeId: "apy", score: 0.6 }], textSuffices: (_t, best) => best >= 0.95 });
      assert.equal(scored.heardNames?.[0]?.schemeId, "apy", "a weaker text match still has the names scored");
    });
  });

  it("closing the scorer while its thread runs the model leaves the process running (no native abort)", () => {
    // closed at several points of one request, so at least one lands inside an onnxruntime run
    const child = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "name-scorer-close-child.ts"), setup.config.modelsDir, "150", "400", "800"], { encoding: "utf8", timeout: 120_000 });
    assert.equal(child.signal, null, `the process was killed by ${child.signal}: ${child.stderr.slice(-500)}`);
    assert.equal(child.status, 0, child.stderr.slice(-1000));
    assert.equal(child.stdout.trim().split("\n").length, 3, child.stdout);
  });
});
