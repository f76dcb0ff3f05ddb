// The interface of an optional answer rewording model (see llama.ts for the node-llama-cpp one).
import type { SchemeRecord } from "../../knowledge/index.js";
import type { AnswerLang } from "../types.js";

export interface RewordRequest {
  question: string;
  lang: AnswerLang;
  schemeName: string;
  /** The sentences the composed answer would speak: the only facts the model may use. */
  facts: string[];
  record: SchemeRecord;
}

export interface AnswerGenerator {
  /** A grounded rewording, or null when the model's text failed the grounding check. */
  reword(request: RewordRequest, signal?: AbortSignal): Promise<string | null>;
  close(): Promise<void>;
}
