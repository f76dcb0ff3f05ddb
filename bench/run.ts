// `make bench`: runs every benchmark and prints its figures beside the targets they are held to.
import { benchKnowledge } from "./kb-search.js";
import { benchDialogue } from "./dialogue.js";
import { benchSpoken } from "./spoken.js";
import { benchSpeech } from "./speech.js";
import { benchTelephony } from "./telephony.js";
import { benchCall } from "./call.js";
import { benchStore } from "./store.js";
import { benchRedaction } from "./redaction.js";
import { benchOps } from "./ops.js";
import { benchAppliance } from "./appliance.js";
import { report } from "./report.js";

/**
 * The dev figures on the code before issue 15's method changes (2026-12-03, scored by this bench/dialogue.ts:
 * 82/82 right scheme, 63/73 with the facts, 3/3 other languages, none wrongly refused): they must not fall.
 */
const DEV_FLOOR = { schemeRightRate: 82 / 82, answerFactsRate: 63 / 73, inScopeWronglyRefusedRate: 0, otherLanguageAnsweredRate: 3 / 3 };

const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const want = (name: string) => only.length === 0 || only.includes(name);
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
  allOk = report("dialogue (bench/dialogue.ts; dev = ../shared questions, tune/test = bench/eval)", await benchDialogue(), {
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
  allOk = report("calls (bench/call.ts, full pipeline on the PBX simulator, flite callers)", await benchCall(), {
    voiceToVoiceP50Ms: (v) => v <= 700,
    voiceToVoiceP95Ms: (v) => v <= 1200,
    bargeInStopFlowP95Ms: (v) => v <= 200,
    bargeInStopAfterVadMinMs: (v) => v <= 200,
    concurrentReplied: (v) => v === 20,
    // the packets' own lateness: a stall of the whole virtual machine is not Sahayak's (bench/machine-stalls.ts)
    concurrentPacketOwnLateMaxMs: (v) => v <= 5,
  }) && allOk;
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
