// A reply of the helpline: a prompt's text, or composed segments (each in its own language).
import { joinSegments } from "./compose.js";
import type { Action, AnswerLang, Field, Intent, Reply, Segment } from "./types.js";

export function say(text: string, lang: AnswerLang, action: Action, intent: Intent, schemeIds: string[] = [], segments?: Segment[], field?: Field): Reply {
  const segs = segments ?? [{ text, lang }];
  return { text: joinSegments(segs), lang, segments: segs, action, intent, schemeIds, field, source: segments ? "composed" : "prompt" };
}
