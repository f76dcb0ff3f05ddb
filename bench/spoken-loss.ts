// Where the spoken tuning questions are lost, stage by stage (issue 15 item 4), without the call's timing:
// each question's caller audio through μ-law 8 kHz, recognised with the scheme hotwords (beam, and the
// greedy alternative) and without them; the text matcher on each reading; whether the call would score
// names at all (textSuffices) and whether it would ask again (confidence); the audio name scorer given all
// names with no deadline (the rank of the wanted scheme among its heard names); and the dialogue's reply
// with and without those heard names. Tuning part only.
//
//   SAHAYAK_SHARED=/work/shared [FORCED=1] [PLAIN=1] [SHORTLIST=n] node --import tsx bench/spoken-loss.ts
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { float32ToInt16, readWav } from "../src/audio/index.js";
import { textSuffices, understoodEnough } from "../src/call/conversation.js";
import { openDialogue } from "../src/dialogue/index.js";
import { newContext } from "../src/dialogue/types.js";
import { buildHotwords, calibrateConfidence, loadAsrEngine } from "../src/speech/asr/index.js";
import { loadNameScorer, spokenEvidence } from "../src/speech/asr/name-scorer.js";
import { transcribeWav } from "../src/speech/transcribe.js";
import { callerQuestionWav } from "./caller-voice.js";
import { acceptedSchemeIds, loadSpokenQuestions } from "./eval/set.js";
import { withSpeechKb } from "./questions.js";
import { telephone } from "./speech.js";

await withSpeechKb("sahayak-spoken-loss-", async ({ work, config, kb }) => {
  const hot = await loadAsrEngine(config, ["en"], buildHotwords(kb.store.meta()));
  const plain = process.env.PLAIN ? await loadAsrEngine(config, ["en"]) : hot;
  // SHORTLIST=n: the prefilter passes n names to the exact lattice instead of the config's
  const names = { ...config.speech.asr.names, ...(process.env.SHORTLIST ? { shortlist: Number(process.env.SHORTLIST) } : {}) };
  const scorer = (await loadNameScorer(config.modelsDir, names, kb.store.meta()))!;
  const dialogue = await openDialogue(kb, config);
  const dir = join(work, "callers");
  mkdirSync(dir);
  const rows: Record<string, unknown>[] = [];
  const points = config.speech.asr.confidenceCalibration;
  for (const q of loadSpokenQuestions("tune")) {
    const want = acceptedSchemeIds(q);
    const wav = telephone(readWav(await readFile(await callerQuestionWav(q, dir))));
    const r = await transcribeWav(hot, wav, "en");
    const p = process.env.PLAIN ? await transcribeWav(plain, wav, "en") : { text: "" };
    const confidence = calibrateConfidence(r.confidence, points);
    const readings = [r.text, ...r.alternatives.map((a) => a.text)];
    const textRank = (t: string) => {
      const m = kb.search.matchNames(t);
      const i = m.findIndex((x) => want.includes(x.schemeId));
      return i < 0 ? "-" : `${i + 1}@${m[i]!.score.toFixed(2)}`;
    };
    const best = kb.search.matchNames(r.text)[0]?.score ?? 0;
    const suffices = textSuffices(r.text, best, config.speech.asr.names);
    const matched = [...new Set(readings.flatMap((t) => kb.search.matchNames(t).slice(0, 5).map((m) => m.schemeId)))];
    const s = await scorer.score(float32ToInt16(wav.samples), 8000, { schemeIds: matched, deadlineMs: 120_000, explain: 200 });
    const heardRank = s.heardNames.findIndex((h) => want.includes(h.schemeId));
    const logits = new Map<string, number>();
    for (const n of s.explained ?? []) if (n.logit > (logits.get(n.schemeId) ?? -Infinity)) logits.set(n.schemeId, n.logit);
    const byLogit = [...logits.entries()].sort((a, b) => b[1] - a[1]);
    const logitRank = byLogit.findIndex(([id]) => want.includes(id));
    const forced = process.env.FORCED ? await forcedRank() : "";
    async function forcedRank(): Promise<string> {
    // the wanted scheme's names scored exactly whatever the prefilter says: is the loss the prefilter's or the lattice's?
    const f = await scorer.score(float32ToInt16(wav.samples), 8000, { schemeIds: [...matched, ...want], deadlineMs: 120_000, explain: 400 });
    const fl = new Map<string, { logit: number; text: string }>();
    for (const n of f.explained ?? []) if (n.logit > (fl.get(n.schemeId)?.logit ?? -Infinity)) fl.set(n.schemeId, { logit: n.logit, text: n.text });
    const fByLogit = [...fl.entries()].sort((a, b) => b[1].logit - a[1].logit);
    const fRank = fByLogit.findIndex(([id]) => want.includes(id));
      return fRank < 0 ? "-" : `${fRank + 1} (${fByLogit[fRank]![1].text} ${fByLogit[fRank]![1].logit.toFixed(2)} vs top ${fByLogit[0]![0]} ${fByLogit[0]![1].text} ${fByLogit[0]![1].logit.toFixed(2)}) heard ${f.heardNames.find((h) => want.includes(h.schemeId))?.score.toFixed(2) ?? "-"}`;
    }
    // the call's own step (services.spokenEvidence) without its deadline
    const evidence = await spokenEvidence(scorer, float32ToInt16(wav.samples), 8000, r, {
      matchNames: (text) => kb.search.matchNames(text),
      textSuffices: (text, bestMatch) => textSuffices(text, bestMatch, config.speech.asr.names),
      deadlineMs: 120_000,
    });
    // as before widening (five text matches per reading)
    const narrow = await spokenEvidence(scorer, float32ToInt16(wav.samples), 8000, r, {
      matchNames: (text) => kb.search.matchNames(text).slice(0, 5),
      textSuffices: (text, bestMatch) => textSuffices(text, bestMatch, config.speech.asr.names),
      deadlineMs: 120_000,
    });
    const alternatives = r.alternatives.map((a) => a.text).filter((t) => t && t !== r.text);
    const ask = async (heardNames?: { schemeId: string; score: number }[]) => {
      const reply = await dialogue.engine.respond({ text: r.text, lang: "en", confidence, ...(alternatives.length ? { alternatives } : {}), ...(heardNames?.length ? { heardNames } : {}) }, newContext("diag", "en"));
      const ok = want.includes(reply.schemeIds[0] ?? "") && ["answer", "no_info", "confirm"].includes(reply.action);
      return `${ok ? "OK" : "--"} ${reply.action}[${reply.schemeIds.slice(0, 3).join(",")}]`;
    };
    const enough = understoodEnough(confidence, s.heardNames, { minConfidence: config.call.minConfidence, heardNameConfirm: config.dialogue.heardNameConfirm });
    rows.push({
      id: q.id,
      want: q.schemeId,
      said: q.text,
      beamHot: `${r.text} (${textRank(r.text)})`,
      greedy: r.alternatives.map((a) => `${a.text} (${textRank(a.text)})`).join(" | "),
      beamPlain: `${p.text} (${textRank(p.text)})`,
      conf: +confidence.toFixed(2),
      scored: !suffices,
      understood: confidence >= config.call.minConfidence ? "conf" : enough ? "name" : "NO",
      heard: s.heardNames.slice(0, 3).map((h) => `${h.schemeId}:${h.score.toFixed(2)}`).join(" "),
      heardRank: heardRank < 0 ? "-" : heardRank + 1,
      logitRank: logitRank < 0 ? "-" : logitRank + 1,
      forced,
      costMs: Math.round(s.costMs),
      textOnly: await ask(),
      withHeard: await ask(s.heardNames),
      asCalledNarrow: `${understoodEnough(confidence, narrow.heardNames, { minConfidence: config.call.minConfidence, heardNameConfirm: config.dialogue.heardNameConfirm }) ? await ask(narrow.heardNames) : "-- notCaught"} cpu ${narrow.cpuMs ?? "-"} ms`,
      asCalled: `${understoodEnough(confidence, evidence.heardNames, { minConfidence: config.call.minConfidence, heardNameConfirm: config.dialogue.heardNameConfirm }) ? await ask(evidence.heardNames) : "-- notCaught"} cpu ${evidence.cpuMs ?? "-"} ms, heard ${(evidence.heardNames ?? []).slice(0, 2).map((h) => `${h.schemeId}:${h.score.toFixed(2)}`).join(" ")}`,
    });
  }
  console.log(`right as called (no deadline): ${rows.filter((r) => String(r.asCalled).startsWith("OK")).length} of ${rows.length}; narrow ${rows.filter((r) => String(r.asCalledNarrow).startsWith("OK")).length}; text only ${rows.filter((r) => String(r.textOnly).startsWith("OK")).length}`);
  for (const row of rows) console.log(Object.entries(row).map(([k, v]) => `${k}: ${String(v)}`).join("\n  "));
  await Promise.all([hot.close(), ...(plain === hot ? [] : [plain.close()]), scorer.close(), dialogue.close()]);
});
