// The knowledge base's settings (import limits, search, embeddings, indexing, places): part of the one configuration
// schema (src/config.ts), with every default.
import { join } from "node:path";
import { z } from "zod";
import { defaultDataDir } from "./paths.js";

export const knowledgeSchema = z.strictObject({
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
      /**
       * A word no dictionary and no scheme knows that names an Indian place of at least this many people (every
       * place the package holds) is where the caller is, not the name of a scheme the knowledge base lacks:
       * such a word is seldom a village's name by chance, and headquarters towns of hill districts (Namchi,
       * Kavaratti) fall below `minPopulation`.
       */
      unknownWordMinPopulation: z.number().int().nonnegative().default(0),
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
