// Try a question: what the helpline would answer (through the same dialogue engine the calls use), which
// scheme and why (the intent, the field, and the search's own explanation), the text as it will be spoken
// after normalisation, and its audio from the same synthesiser, kept a few minutes for playing.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { newContext, type AnswerLang, type Reply, type Segment } from "../dialogue/index.js";
import { speechRuns, splitSentences } from "../speech/normalise/index.js";
import { EspeakEngine } from "../speech/tts/index.js";
import type { ConsoleContext } from "./context.js";
import { ApiError, route, type Route } from "./routes.js";
import { AnswerAudioCache } from "./try-audio.js";

/** A try's answer, kept a few minutes for its audio to be fetched. */
interface KeptAnswer {
  segments: Segment[];
  lang: string;
  keptUntil: number;
}

/** Search results shown as the "why" of an answer. */
const WHY_HITS = 5;

export function tryRoutes(c: ConsoleContext): Route[] {
  const cfg = c.config.console;
  const kept = new Map<string, KeptAnswer>();
  const audio = new AnswerAudioCache(() => c.deps.tts, c.config.speech.tts.outputRate, cfg.tryAudioMaxKept, c.closed);
  const keepMs = cfg.tryAudioKeepMinutes * 60_000;
  const forget = () => {
    const now = c.now;
    for (const [id, a] of kept) if (a.keptUntil <= now) kept.delete(id);
    while (kept.size > cfg.tryAudioMaxKept) kept.delete(kept.keys().next().value!);
  };

  /** Each sentence as the synthesiser will say it, and in which voice. */
  const spoken = (segments: Segment[], lang: string): Segment[] => {
    const tts = c.deps.tts;
    if (tts instanceof EspeakEngine) return tts.plan(segments, lang);
    return segments.flatMap((s) => (s.lang === "en" || s.lang === "hi" ? speechRuns(s.text, s.lang).flatMap((run) => splitSentences(run.text).map((text) => ({ text, lang: run.lang }))) : [s]));
  };

  const replyJson = (r: Reply) => ({ text: r.text, lang: r.lang, action: r.action, intent: r.intent, field: r.field ?? null, schemeIds: r.schemeIds, source: r.source, hasMore: !!r.hasMore });

  return [
    route<Record<string, never>, Record<string, never>, { question: string; lang?: AnswerLang; conversation: string[] }>({
      method: "POST",
      path: "/try",
      tag: "try a question",
      summary: "What the helpline would answer to a question (after an optional conversation): the reply, its scheme and why, the text as spoken, and an audio URL",
      access: "viewer",
      body: z.object({
        question: z.string().trim().min(1).max(c.config.dialogue.maxInputChars),
        lang: z.enum(["en", "hi"]).optional(),
        conversation: z.array(z.string().trim().min(1).max(c.config.dialogue.maxInputChars)).max(cfg.tryMaxTurns).default([]),
      }),
      async handler({ body }) {
        const context = newContext(`console-try-${randomBytes(4).toString("hex")}`, body.lang ?? "en");
        const earlier: { question: string; reply: ReturnType<typeof replyJson> }[] = [];
        for (const question of body.conversation) earlier.push({ question, reply: replyJson(await c.deps.dialogue.respond({ text: question, lang: body.lang }, context)) });
        const reply = await c.deps.dialogue.respond({ text: body.question, lang: body.lang }, context);
        const { search, store } = c.deps.kb;
        const hits = await search.search(body.question, { lang: body.lang, limit: WHY_HITS });
        const schemes = reply.schemeIds.map((id) => ({ schemeId: id, name: store.metaOf(id)?.name ?? id, nameHi: store.metaOf(id)?.nameHi || null }));
        forget();
        const audioId = randomBytes(12).toString("base64url");
        kept.set(audioId, { segments: reply.segments, lang: reply.lang, keptUntil: c.now + keepMs });
        // the page asks for the audio as soon as it shows the answer: its synthesis starts now, not then
        audio.audioFor(reply.segments, reply.lang);
        return { earlier, reply: replyJson(reply), schemes, why: hits, spoken: spoken(reply.segments, reply.lang), audio: `/api/v1/try/audio/${audioId}`, kbVersion: store.kbVersion };
      },
    }),
    route<{ id: string }>({
      method: "GET",
      path: "/try/audio/:id",
      tag: "try a question",
      summary: "The answer of a try-a-question as the caller would hear it (WAV, 8 kHz)",
      access: "viewer",
      params: z.object({ id: z.string().regex(/^[\w-]{16}$/) }),
      async handler({ params }) {
        forget();
        const answer = kept.get(params.id);
        if (!answer) throw new ApiError(404, "not_found", "this answer's audio is no longer kept: ask the question again");
        const sound = audio.audioFor(answer.segments, answer.lang);
        await sound.ended();
        if (sound.error) throw new ApiError(503, "tts_failed", `the answer could not be synthesised (${sound.error.message}): try again, or see \`sahayak doctor\``);
        return { raw: sound.wav(), type: "audio/wav" };
      },
    }),
  ];
}
