// Diagnostics of the name scorer's prefilter (issue 15 item 4): for each spoken tuning question, every
// name's prefilter features, and the exact lattice's logits for the prefilter's best PREFILTER_TOP names,
// the wanted scheme's names and the text-matched schemes' names; written as JSON lines to OUT for offline
// fitting (where does the exact scorer's first name stand in the prefilter, what would rank it higher).
// Tuning part only.
//
//   SAHAYAK_SHARED=/work/shared [PREFILTER_TOP=300] OUT=/tmp/prefilter.jsonl node --import tsx bench/name-prefilter.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readWav } from "../src/audio/index.js";
import { buildHotwords, loadAsrEngine } from "../src/speech/asr/index.js";
import { schemeNameEntries } from "../src/speech/asr/name-scorer.js";
import { NameSpotter } from "../src/speech/asr/name-spotter.js";
import { ModelStore } from "../src/ops/models.js";
import { transcribeWav } from "../src/speech/transcribe.js";
import { callerQuestionWav } from "./caller-voice.js";
import { acceptedSchemeIds, loadSpokenQuestions } from "./eval/set.js";
import { withSpeechKb } from "./questions.js";
import { telephone } from "./speech.js";

const TOP = Number(process.env.PREFILTER_TOP ?? 300);
const out = process.env.OUT ?? "/tmp/prefilter.jsonl";
await withSpeechKb("sahayak-prefilter-", async ({ work, config, kb }) => {
  const hot = await loadAsrEngine(config, ["en"], buildHotwords(kb.store.meta()));
  const store = new ModelStore(config.modelsDir);
  const entry = store.manifest().models.find((m) => m.kind === "asr" && m.engine === "online-transducer" && m.languages.includes("en") && m.files.bpeModel)!;
  const p = (role: string) => store.path(entry, role);
  const spotter = await NameSpotter.load({ encoder: p("encoder"), decoder: p("decoder"), joiner: p("joiner"), tokens: p("tokens"), bpeModel: p("bpeModel") });
  await spotter.setNames(schemeNameEntries(kb.store.meta()));
  const dir = join(work, "callers");
  mkdirSync(dir);
  const lines: string[] = [];
  const names = config.speech.asr.names;
  for (const q of loadSpokenQuestions("tune")) {
    const want = acceptedSchemeIds(q);
    const wav = telephone(readWav(await readFile(await callerQuestionWav(q, dir))));
    const r = await transcribeWav(hot, wav, "en");
    const readings = [r.text, ...r.alternatives.map((a) => a.text)];
    const matched = [...new Set(readings.flatMap((t) => kb.search.matchNames(t).slice(0, 10).map((m) => m.schemeId)))];
    const d = await spotter.diagnose(wav.samples, 8000, { ...names, ownContext: names.prefilterOwnContext, schemeIds: matched, explain: 0 }, TOP, want);
    if (!lines.length) writeFileSync(out + ".names.json", JSON.stringify(spotter.nameList()));
    lines.push(JSON.stringify({ id: q.id, want, beam: r.text, readings, matched, ...d }));
    console.error(q.id, d.greedyText, `exact ${d.exact.length} cpu ${d.cpuMs.toFixed(0)}`);
  }
  writeFileSync(out, lines.join("\n") + "\n");
  await Promise.all([hot.close(), spotter.model.release()]);
});
