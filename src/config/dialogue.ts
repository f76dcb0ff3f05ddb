// The dialogue's settings (how names, choices and scope are judged; the optional LLM): part of the one configuration
// schema (src/config.ts), with every default.
import { z } from "zod";

export const dialogueSchema = z.strictObject({
  /** Words of content per answer turn (the offer of what to ask next comes on top). */
  maxWordsPerTurn: z.number().int().positive().default(40),
  /** Caller text beyond this many characters is ignored (speech never gets near it). */
  maxInputChars: z.number().int().positive().default(1000),
  /** Turns after which an unmentioned scheme stops being "it". */
  contextTurns: z.number().int().positive().default(6),
  /** Name-match score from which a scheme counts as named. */
  nameThreshold: z.number().min(0).max(1).default(0.6),
  /** Candidates within this share of the best score make a question ambiguous. */
  clarifyMargin: z.number().min(0).max(1).default(0.2),
  /** At most this many options are read out in a clarifying question. */
  maxOptions: z.number().int().positive().default(3),
  /** Profile questions asked before naming schemes that match. */
  maxProfileQuestions: z.number().int().nonnegative().default(2),
  /** Best search score below which words that name no scheme or concept find nothing worth answering. */
  minSearchScore: z.number().nonnegative().default(0.35),
  /** Calibrated probability (dialogue/scope.ts) below which a question is not about schemes and is refused. */
  minInScopeProbability: z.number().min(0).max(1).default(0.5),
  /**
   * The bar of the calibrated decision itself (a question that reached it, and the part of it that asks),
   * apart from the name paths' bar above, so bench/scope-fit.ts can fit it with the weights. Stop 44, leaving
   * one of the 14 tuning parts out, chose 0.55 in every fold (objective refused − 2.5 × wrongly refused:
   * 0.870 → 0.881 over all parts, 0.771 → 0.815 over tune10–tune14), but on the dialogue bench it refuses 6
   * more in-scope questions for 6 more out-of-scope ones, lowers the unknown-scheme and vague paths (no details
   * tune9 0.750 → 0.667, tune11 0.917 → 0.833; vague tune3 1 → 0.875) and takes tune6, tune11 and tune12 over
   * 2 % wrongly refused: not taken.
   */
  refuseBelowInScope: z.number().min(0).max(1).default(0.5),
  heardNameAnswer: z.number().min(0).max(1).default(0.8),
  /**
   * …and from which it is offered for a yes/no ("Did you mean …?"): where the scorer's first name is more
   * often right than not (held out on bench/name-calibration.ts's utterances, seeds 11 and 13: first names
   * scored 0.3–0.4 were right 58% of the time, 0.2–0.3 27%), as a yes/no costs the caller no more than
   * "please say it again".
   */
  heardNameConfirm: z.number().min(0).max(1).default(0.35),
  /** Share of a name's sounds found in recognised words (across word boundaries) from which it is offered for a yes/no. */
  soundConfirm: z.number().min(0).max(1).default(0.75),
  /**
   * …and from which, when the audio's names were scored, a name the scorer heard first is offered (the
   * words' likeness alone is then not enough: on bench/name-calibration.ts's utterances, seed 11, of the
   * names the words sound like from 0.5, those the scorer put first were right 49 times in 63, the others
   * 12 in 473).
   */
  soundHeardConfirm: z.number().min(0).max(1).default(0.5),
  llm: z
    .strictObject({
      /** Off by default: no instruct model is installed. A GGUF path turns it on. */
      modelPath: z.string().nullable().default(null),
      maxTokens: z.number().int().positive().default(120),
      /** Give up on the LLM after this long and speak the composed answer. */
      deadlineMs: z.number().int().positive().default(2500),
      threads: z.number().int().positive().default(1),
      contextSize: z.number().int().positive().default(2048),
      temperature: z.number().min(0).max(2).default(0.2),
      /** A failed generation is tried once more after this pause, then the composed answer is spoken. */
      retryBackoffMs: z.number().int().nonnegative().default(200),
    })
    .prefault({}),
});
