// Calls over a period, for the console's overview: how many, their outcomes, languages and modes, and per
// time bucket the voice-to-voice latency (p50/p95 of Sahayak's replies), refusals and fallbacks. Which
// outcomes are refusals and which reply actions are fallbacks is the caller's to say (the call module knows).
import type { Db } from "./db.js";

export interface StatsBucket {
  /** Start of the bucket (ISO time). */
  start: string;
  calls: number;
  /** Replies that carried a voice-to-voice time, and their percentiles (ms); null without any. */
  replies: number;
  voiceToVoiceP50Ms: number | null;
  voiceToVoiceP95Ms: number | null;
  refusals: number;
  fallbacks: number;
}

export interface CallStats {
  from: string;
  to: string;
  calls: number;
  outcomes: Record<string, number>;
  languages: Record<string, number>;
  modes: Record<string, number>;
  buckets: StatsBucket[];
}

export interface StatsQuery {
  from: number;
  to: number;
  bucketMs: number;
  refusalOutcomes: readonly string[];
  fallbackActions: readonly string[];
}

/** Nearest-rank percentile of ascending values. */
function nearestRank(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Calls grouped by bucket, outcome, language and mode: the first query's rows. */
export interface StatsGroup {
  b: number;
  outcome: string;
  lang: string | null;
  mode: string;
  n: number;
}
/** One reply: its bucket, voice-to-voice time and action (rows as arrays: tens of thousands over a month). */
export type StatsReply = [b: number, v: number | null, action: string | null];

/** The embedded store's figures. */
export function callStats(db: Db, q: StatsQuery): CallStats {
  // numbers are bound as floating point: the bucket's index is cast, not left to integer division
  const range = { from: q.from, to: q.to, bucket: q.bucketMs };
  const groups = db
    .prepare<typeof range, StatsGroup>(
      "SELECT CAST((started_at - @from) / @bucket AS INTEGER) AS b, outcome, lang, mode, COUNT(*) AS n FROM calls WHERE started_at >= @from AND started_at < @to GROUP BY b, outcome, lang, mode",
    )
    .all(range);
  // a reply is placed in the bucket of the moment it was spoken; its latency and action come from the
  // turns_replies index (one pass for both)
  const replies = db
    .prepare<typeof range, StatsReply>(
      "SELECT CAST((c.started_at + t.at_ms - @from) / @bucket AS INTEGER) AS b, t.voice_to_voice_ms AS v, t.action FROM calls c JOIN turns t INDEXED BY turns_replies ON t.call_id = c.id AND t.role = 'sahayak' WHERE c.started_at >= @from AND c.started_at < @to",
    )
    .raw()
    .all(range);
  return statsFrom(q, groups, replies);
}

/** The figures from the two queries' rows, whichever database answered them. */
export function statsFrom(q: StatsQuery, groups: readonly StatsGroup[], replies: Iterable<StatsReply>): CallStats {
  const count = Math.max(1, Math.ceil((q.to - q.from) / q.bucketMs));
  const buckets: StatsBucket[] = Array.from({ length: count }, (_, i) => ({ start: new Date(q.from + i * q.bucketMs).toISOString(), calls: 0, replies: 0, voiceToVoiceP50Ms: null, voiceToVoiceP95Ms: null, refusals: 0, fallbacks: 0 }));
  const refusals = new Set(q.refusalOutcomes);
  const stats: CallStats = { from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), calls: 0, outcomes: {}, languages: {}, modes: {}, buckets };
  const bump = (into: Record<string, number>, key: string, n: number) => (into[key] = (into[key] ?? 0) + n);
  for (const g of groups) {
    stats.calls += g.n;
    bump(stats.outcomes, g.outcome, g.n);
    bump(stats.languages, g.lang ?? "none", g.n);
    bump(stats.modes, g.mode, g.n);
    const bucket = buckets[g.b];
    if (!bucket) continue;
    bucket.calls += g.n;
    if (refusals.has(g.outcome)) bucket.refusals += g.n;
  }
  const fallbacks = new Set(q.fallbackActions);
  const perBucket = new Map<number, number[]>();
  for (const [b, v, action] of replies) {
    const bucket = buckets[b];
    if (!bucket) continue;
    if (action !== null && fallbacks.has(action)) bucket.fallbacks++;
    if (v === null) continue;
    const list = perBucket.get(b) ?? [];
    list.push(v);
    perBucket.set(b, list);
  }
  for (const [b, values] of perBucket) {
    const bucket = buckets[b]!;
    values.sort((x, y) => x - y);
    bucket.replies = values.length;
    bucket.voiceToVoiceP50Ms = nearestRank(values, 50);
    bucket.voiceToVoiceP95Ms = nearestRank(values, 95);
  }
  return stats;
}
