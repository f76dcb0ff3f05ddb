// Run as a child process by name-scorer.test.ts: a scorer closed while its thread is inside an onnxruntime
// run must not take the process down (a native abort cannot be caught in the test's own process).
// argv: modelsDir, then the delays (ms) after a request at which a fresh scorer is closed each time.
import { loadNameScorer } from "../../src/speech/asr/name-scorer.js";
import { loadConfig } from "../../src/config.js";
import { realRecords } from "../helpers.js";

const [modelsDir, ...delays] = process.argv.slice(2);
const config = loadConfig({ path: undefined, env: {}, overrides: { modelsDir } });
const schemes = realRecords().map((r) => ({ schemeId: r.schemeId, name: r.name.en, shortTitle: r.shortTitle ?? "", aliases: [] }));
// long enough that the encoder is still running at every delay
const audio = Int16Array.from({ length: 8000 * 15 }, (_, i) => Math.round(3000 * Math.sin(i / 7) + 1500 * Math.sin(i / 3.1)));
for (const delay of delays.map(Number)) {
  const scorer = await loadNameScorer(config.modelsDir, { ...config.speech.asr.names, deadlineMs: 60_000 }, schemes);
  if (!scorer) throw new Error(`no name scorer for the models in ${modelsDir}`);
  const scoring = scorer.score(audio, 8000).catch(() => undefined);
  await new Promise((r) => setTimeout(r, delay));
  await scorer.close();
  await scoring;
  console.log(`closed ${delay} ms into a request`);
}
