// `make bench`: runs every benchmark and prints its figures beside the targets they are held to.
import { benchKnowledge } from "./kb-search.js";
import { benchDialogue } from "./dialogue.js";
import { benchSpoken } from "./spoken.js";
import { benchSpeech, benchSpokenNames } from "./speech.js";
import { benchTelephony } from "./telephony.js";
import { benchCall } from "./call.js";
import { benchCallConcurrent } from "./call-concurrent.js";
import { benchStore } from "./store.js";
import { benchStoreBackends } from "./store-backends.js";
import { benchRedaction } from "./redaction.js";
import { benchOps } from "./ops.js";
import { benchSoak } from "./soak.js";
import { benchConsole } from "./console.js";
import { benchAppliance } from "./appliance.js";
import { report } from "./report.js";
import { loadConfig } from "../src/config.js";

/**
 * The dev figures on the code before issue 15's method changes (2026-12-03, scored by this bench/dialogue.ts:
 * 82/82 right scheme, 63/73 with the facts, 3/3 other languages, none wrongly refused): they must not fall.
 */
const DEV_FLOOR = { schemeRightRate: 82 / 82, answerFactsRate: 63 / 73, inScopeWronglyRefusedRate: 0, otherLanguageAnsweredRate: 3 / 3 };

const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const want = (name: string) => only.length === 0 || only.includes(name);
/** The soak takes about an hour: it runs only when named (`make soak`), not with every benchmark. */
const named = (name: string) => only.includes(name);
/** The 20 calls at once, in `call` and alone (`call-concurrent`). */
const CONCURRENT_TARGETS = {
  concurrentAnsweredOwn: (v: number) => v === 20,
  // as sent, with the maximum and the machine's own stalls printed beside it, nothing subtracted
  concurrentPacketLateP99RtpMs: (v: number) => v <= 1,
  concurrentPacketLateP99WebsocketMs: (v: number) => v <= 1,
};
// every benchmark runs even after one misses its target
let allOk = true;

if (want("kb")) {
  allOk = report("knowledge base (bench/kb-search.ts)", await benchKnowledge(), {
    top1Rate: (v) => v >= 0.95,
    top3Rate: (v) => v >= 0.99,
    ambiguousAllCandidatesRate: (v) => v >= 1,
    searchP95Ms: (v) => v <= 15,
    openMs: (v) => v <= 1000,
    importMs: (v) => v <= 60000,
    rssMB: (v) => v <= 400,
  }) && allOk;
}
if (want("dialogue")) {
  allOk = report("dialogue (bench/dialogue.ts; dev = ../shared questions, tune/tune2/test = bench/eval)", await benchDialogue(), {
    // dev: the project's targets, and none of today's figures may fall (measured before issue 15's method work)
    "dev.schemeRightRate": (v) => v >= Math.max(0.95, DEV_FLOOR.schemeRightRate),
    "dev.answerFactsRate": (v) => v >= Math.max(0.85, DEV_FLOOR.answerFactsRate),
    "dev.outOfScopeRefusedRate": (v) => v >= 1,
    "dev.inScopeWronglyRefusedRate": (v) => v <= DEV_FLOOR.inScopeWronglyRefusedRate,
    "dev.ambiguousClarifyRate": (v) => v >= 1,
    "dev.otherLanguageAnsweredRate": (v) => v >= DEV_FLOOR.otherLanguageAnsweredRate,
    "dev.turnP95Ms": (v) => v <= 50,
    // test: issue 15's targets, on questions nobody tunes on
    "test.schemeRightRate": (v) => v >= 0.95,
    "test.answerFactsRate": (v) => v >= 0.85,
    "test.outOfScopeRefusedRate": (v) => v >= 0.95,
    "test.inScopeWronglyRefusedRate": (v) => v <= 0.02,
    "test.categoryChoiceRate": (v) => v >= 0.85,
    "test.turnP95Ms": (v) => v <= 50,
  }) && allOk;
}
if (want("spoken")) {
  allOk = report("spoken questions (bench/spoken.ts; unfamiliar voices through the PBX simulator and the full pipeline)", await benchSpoken(), {
    "test.spokenRightRate": (v) => v >= 0.7,
  }) && allOk;
}
if (want("speech")) {
  allOk = report("speech (bench/speech.ts; synthetic voices, not real callers)", await benchSpeech(), {
    werEn8kBeam: (v) => v <= 0.15,
    vadCpuPercentOfCore: (v) => v <= 2,
    asrFinalP95Ms: (v) => v <= 150,
    espeakFirstAudioP50Ms: (v) => v <= 100,
    concurrent20RealTimeFactor: (v) => v < 1,
  }) && allOk;
}
if (want("names")) {
  // `node --import tsx bench/run.ts names`: scheme names scored against the audio of the same synthetic questions
  allOk = report("spoken scheme names (bench/speech.ts benchSpokenNames; synthetic voices, not real callers)", await benchSpokenNames(), {
    nameScoringP95Ms: (v) => v <= 300,
  }) && allOk;
}
if (want("telephony")) {
  allOk = report("telephony (bench/telephony.ts, PBX simulator on loopback)", await benchTelephony(), {
    // the sender's own jitter: a stall of the whole virtual machine is not Sahayak's (bench/machine-stalls.ts)
    interPacketJitterOwnP99Ms: (v) => v <= 2,
    // every call's opening heard whole, over RTP (strict RTP takes symmetric packets at once) and chan_websocket
    first80msArrivedRateRtp: (v) => v === 1,
    first80msArrivedRateWebsocket: (v) => v === 1,
    leaks: (v) => v === 0,
  }) && allOk;
}
if (want("call")) {
  allOk = report("calls (bench/call.ts, full pipeline on the PBX simulator over RTP and chan_websocket, flite callers, timed at the caller)", await benchCall(), {
    // a caller who knows what to ask can ask within 8 s, in either language; one who does nothing hears the tone by 12 s
    firstQuestionEnglishMs: (v) => v <= 8000,
    firstQuestionHindiToneMs: (v) => v <= 8000,
    silentCallerToneMs: (v) => v <= 12_000,
    // from the caller's first sound on the wire to the last reply packet they hear, every run counted
    bargeInRunsFailed: (v) => v === 0,
    bargeInStopP95Ms: (v) => v <= 250,
    falseStartsResumed: (v) => v === 1,
    voiceToVoiceP50Ms: (v) => v <= 650,
    voiceToVoiceP95Ms: (v) => v <= 1000,
    ...CONCURRENT_TARGETS,
  }) && allOk;
}
if (named("call-concurrent")) {
  // the 20 calls at once of `call` by themselves (bench/call-concurrent.ts), with its targets for them
  allOk = report("20 calls at once (bench/call-concurrent.ts, as in bench/call.ts)", await benchCallConcurrent(), CONCURRENT_TARGETS) && allOk;
}
if (want("store")) {
  allOk = report("store (bench/store.ts, 3,000 calls of 30 turns over 45 days)", await benchStore(), {
    callOpenP95Ms: (v) => v <= 5,
    callProgressP95Ms: (v) => v <= 20,
    callStartP95Ms: (v) => v <= 5,
    callStoreP95Ms: (v) => v <= 20,
    redactUtteranceP95Ms: (v) => v <= 1,
  }) && allOk;
}
if (want("store-backends")) {
  const lookupTimeoutMs = loadConfig({ env: {} }).store.postgres.callLookupTimeoutMs;
  allOk = report("store backends (bench/store-backends.ts, 400 calls of 30 turns on each; then 4 nodes x 250 records into one PostgreSQL on loopback)", await benchStoreBackends(), {
    sqlite_callStartP95Ms: (v) => v <= 5,
    sqlite_recordOnCallPathP95Ms: (v) => v <= 20,
    // a lookup slower than this serves the caller as new: PostgreSQL must answer well within it
    postgres_callStartP95Ms: (v) => v <= lookupTimeoutMs / 4,
    postgres_recordOnCallPathP95Ms: (v) => v <= 5,
    postgres_recordStoredP95Ms: (v) => v <= 100,
    // 20,000 calls a day, a fifth of them in the busiest hour, is about 1.1 calls/s, each writing its record and
    // a rewrite every store.recordProgressSeconds: 100 records/s is ten times that
    postgresRecordsPerSecondFrom4Nodes: (v) => v >= 100,
  }) && allOk;
}
if (want("redaction")) {
  allOk = report("redaction (bench/redaction.ts: misheard spoken numbers; questions and scheme texts with nothing personal)", await benchRedaction(), {
    misheardRedactedTestRate: (v) => v >= 0.95,
    questionsRedacted: (v) => v === 0,
    // 113 before misheard runs were joined (and amounts, years, dates and unissued PAN shapes were let through):
    // more than now means a change redacts scheme text it did not
    schemeTextsIdentifierRedacted: (v) => v <= 84,
  }) && allOk;
}
if (want("ops")) {
  allOk = report("operations (bench/ops.ts, /metrics over HTTP during 20 concurrent calls on the PBX simulator)", await benchOps(), {
    scrapeP95Ms: (v) => v <= 20,
    metricsCpuPerCallPercentOfCore: (v) => v <= 1,
  }) && allOk;
}
if (named("soak")) {
  allOk = report("soak (bench/soak.ts, 2,000 calls through `sahayak serve` on the PBX simulator)", await benchSoak(), {
    // serve's resident memory after the first 100 calls, against its highest level from then to the end
    rssMaxAbove100MB: (v) => v <= 50,
    calls: (v) => v === 2000,
    callsRecorded: (v) => v === 2000,
    callsStuck: (v) => v === 0,
    channelsLeft: (v) => v === 0,
    // speech is still recognised at the end of a call, all through the soak
    goodbyeUnderstoodRate: (v) => v >= 0.9,
    serveExitCode: (v) => v === 0,
  }) && allOk;
}
if (want("console")) {
  // the same requests over the node's SQLite file and over a cluster's PostgreSQL (loopback), side by side
  const [sqlite, postgres] = [await benchConsole("sqlite"), await benchConsole("postgres")];
  const figures: Record<string, unknown> = {};
  for (const key of Object.keys(sqlite)) {
    if (key === "backend") continue;
    figures[`${key} [sqlite]`] = sqlite[key];
    figures[`${key} [postgres]`] = postgres[key];
  }
  // every page and every API route, each by the p95 of its requests' server time, on either store
  const targets = Object.fromEntries(Object.keys(figures).filter((k) => / p95Ms \[/.test(k)).map((k) => [k, (v: number) => v <= 200]));
  const unmeasured = Object.fromEntries(Object.keys(figures).filter((k) => k.startsWith("unmeasuredRouteCount")).map((k) => [k, (v: number) => v === 0]));
  allOk = report("console (bench/console.ts, server time from Server-Timing, 10,000 call records, the real schemes; on SQLite and on PostgreSQL over loopback)", figures, { ...targets, ...unmeasured }) && allOk;
}
if (want("appliance")) {
  // issue 19 names these figures without targets: each must be measured (a missing one fails)
  const measured = () => true;
  allOk = report("appliance (bench/appliance.ts; bundle archive, install on a clean Debian 12 without network, backup/restore of the real KB + 10,000 calls)", await benchAppliance(), {
    bundleMB: measured,
    installFromArchiveMs: measured,
    backupMs: measured,
    restoreMs: measured,
  }) && allOk;
}
process.exitCode = allOk ? 0 : 1;
