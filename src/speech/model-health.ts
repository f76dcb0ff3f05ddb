// Whether each installed model can serve calls: its files match their checksums, and it loads (tried in a
// child process, since onnxruntime aborts the process that loads a damaged model). A model that fails is
// reported (log, /readyz, doctor) and its calls use the keypad; the process goes on.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Config } from "../config.js";
import { ModelStore, type ModelEntry } from "../ops/models.js";
import { specOf } from "./asr/index.js";
import type { TrialRequest } from "./trial-load-child.js";

export interface ModelHealth {
  id: string;
  kind: ModelEntry["kind"];
  languages: string[];
  usable: boolean;
  /** Why not, in a sentence with the fix. */
  problem?: string;
}

/** The Silero VAD weights are not in the model store (npm brings them): named like one for reports. */
export const VAD_MODEL_ID = "silero-vad";

/** Loads `request` in a child process; undefined when it loaded, else the reason. */
export function trialLoad(request: TrialRequest, timeoutMs: number): Promise<string | undefined> {
  const fromSource = import.meta.url.endsWith(".ts");
  const file = fileURLToPath(new URL(`./trial-load-child.${fromSource ? "ts" : "js"}`, import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(fromSource ? ["--import", "tsx"] : []), file, JSON.stringify(request)], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(undefined);
      // onnxruntime's own words are the useful part: "what():  Load model from … failed: Protobuf parsing failed."
      const said = /what\(\):\s*(.+)/.exec(stderr)?.[1] ?? stderr.trim().split("\n").filter(Boolean).at(-1) ?? "";
      const how = signal === "SIGKILL" ? `did not load within ${timeoutMs} ms` : signal ? `crashed the loading process (${signal})` : `failed to load (exit ${code})`;
      resolve(`${how}${said ? `: ${said.trim()}` : ""}`);
    });
  });
}

/**
 * Every installed speech recogniser and the VAD, checked: checksums first (cheap, and names the file), then
 * a trial load. Other kinds (LLM, embedding, voices) are listed with their checksum result only.
 */
export async function checkSpeechModels(config: Config, timeoutMs: number): Promise<ModelHealth[]> {
  const store = new ModelStore(config.modelsDir);
  const problems = store.verify();
  const out: ModelHealth[] = [];
  for (const entry of store.manifest().models) {
    const own = problems.filter((p) => p.startsWith(`${entry.id}:`));
    const health: ModelHealth = { id: entry.id, kind: entry.kind, languages: entry.languages, usable: own.length === 0 };
    if (own.length) health.problem = `${own.join("; ")}: re-import the model bundle with \`sahayak models import\``;
    else if (entry.kind === "asr") {
      const lang = entry.languages[0]!;
      const failed = await trialLoad({ what: "asr", models: { [lang]: specOf(store, entry) }, asr: config.speech.asr }, timeoutMs);
      if (failed) Object.assign(health, { usable: false, problem: `${entry.id} ${failed}: re-import the model bundle with \`sahayak models import\`` });
    }
    out.push(health);
  }
  const vadFailed = await trialLoad({ what: "vad", vad: config.speech.vad }, timeoutMs);
  out.push({ id: VAD_MODEL_ID, kind: "vad", languages: [], usable: !vadFailed, problem: vadFailed && `the voice activity model ${config.speech.vad.model} ${vadFailed}: reinstall it (npm install, make setup) or fix speech.vad.model` });
  return out;
}
