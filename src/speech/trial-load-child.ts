// Loads one engine's models through the same code calls use, in a process of its own, and exits: 0 when
// it loaded, 1 with the reason on stderr when it failed. onnxruntime aborts the whole process on a
// damaged model (Ort::Exception, exit 134), so that must never happen in `serve` itself.
import type { SpeechConfig } from "../config.js";
import { SherpaAsrEngine } from "./asr/engine.js";
import type { AsrModelSpec } from "./asr/types.js";
import { prepareVadDetectors } from "./vad/index.js";

export type TrialRequest = { what: "asr"; models: Record<string, AsrModelSpec>; asr: SpeechConfig["asr"] } | { what: "vad"; vad: SpeechConfig["vad"] };

const request = JSON.parse(process.argv[2] ?? "{}") as TrialRequest;
try {
  if (request.what === "asr") {
    const engine = await SherpaAsrEngine.start(request.models, request.asr);
    // a stream proves the recogniser works past loading
    engine.createStream(Object.keys(request.models)[0]!).dispose();
    await engine.close();
  } else if (request.what === "vad") prepareVadDetectors(request.vad, 1);
  else throw new Error(`unknown trial ${JSON.stringify(request)}`);
  process.exit(0);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
