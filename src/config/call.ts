// A call's settings (silence, languages, tone, confidence, fillers, barge-in, keypad): part of the one configuration
// schema (src/config.ts), with every default.
import { z } from "zod";

export const callSchema = z.strictObject({
  /** Silence while listening, counted from when Sahayak started listening. */
  silence: z
    .strictObject({
      nudgeMs: z.number().int().positive().default(5000),
      stillThereMs: z.number().int().positive().default(30_000),
      goodbyeMs: z.number().int().positive().default(60_000),
    })
    .prefault({})
    .refine((s) => s.nudgeMs < s.stillThereMs && s.stillThereMs < s.goodbyeMs, { message: "call.silence must satisfy nudgeMs < stillThereMs < goodbyeMs" }),
  /** Longest call; then a closing message and hangup. */
  maxCallMs: z.number().int().positive().default(60 * 60_000),
  /** Languages offered in the menu, in keypad order (1, 2, …); each needs call prompts (en, hi). */
  languages: z.array(z.enum(["hi", "en"])).min(1).max(9).default(["hi", "en"]),
  /** Chosen when the caller neither names a language nor presses a key in time. */
  defaultLanguage: z.enum(["hi", "en"]).default("hi"),
  /** How long the opening waits, after it has been said (and the tone), for a question, a name or a key before the default language. */
  languageMenuTimeoutMs: z.number().int().positive().default(6000),
  /** The short tone after "ask your question after the tone". */
  tone: z
    .strictObject({
      hz: z.number().positive().default(880),
      ms: z.number().int().positive().default(250),
      /** Peak level, 0–1 of full scale. */
      level: z.number().min(0).max(1).default(0.3),
    })
    .prefault({}),
  /** Recogniser confidence below which Sahayak asks the caller to repeat. */
  minConfidence: z.number().min(0).max(1).default(0.6),
  /** "Please repeat" at most this many times in a row, then the keypad menu or a person is offered. */
  maxRepeats: z.number().int().nonnegative().default(2),
  /** A reply not ready after this long gets a short filler, so the caller never hears dead air. */
  fillerAfterMs: z.number().int().positive().default(700),
  /**
   * At the caller's pause (while the endpoint waits to know whether they go on) the dialogue answers what
   * was heard so far, on a copy of the conversation, and the reply's first sentence is synthesised; kept
   * when the utterance ends there with the same words, else dropped without a trace (preemptive.ts).
   */
  preemptiveReply: z.boolean().default(true),
  bargeIn: z
    .strictObject({
      enabled: z.boolean().default(true),
      /**
       * A reply is paused at the first sign of the caller's speech (speech.vad onset) and stopped for good
       * only when the recogniser hears at least this many words; fewer (a cough, noise) resume it.
       */
      minWords: z.number().int().positive().default(1),
      /** A paused reply whose interruption fell silent resumes if no words come in this long. */
      falseStartTimeoutMs: z.number().int().positive().default(2000),
      /**
       * The line's echo of our voice is assumed at least this far below it (dB): quieter sound pauses
       * nothing. An E1/SIP gateway's echo canceller leaves far less; a line that echoes louder is learnt
       * from its first false start. Callers speak some 10 dB below our loudest: 18 leaves them room.
       */
      echoReturnLossDb: z.number().min(0).max(60).default(18),
      /** How long after we say something its echo may come back (ms). */
      echoTailMs: z.number().int().nonnegative().default(300),
    })
    .prefault({}),
  /** A failing engine (recogniser, synthesiser, knowledge base, LLM) is retried once after this. */
  retryBackoffMs: z.number().int().nonnegative().default(300),
  keypad: z
    .strictObject({
      /** Most choices read per menu page; 9 then moves to the next page. */
      pageSize: z.number().int().min(2).max(8).default(8),
      /** A menu page holds only as many choices as can be said in this long (estimated for the caller's language). */
      maxMenuMs: z.number().int().positive().default(15_000),
    })
    .prefault({}),
});
