// How the dialogue and spoken benchmarks score a reply (issue 17): a clarification that merely lists the
// right scheme is not an answer for it, an answer in another language counts only for the right scheme,
// a category choice counts only with 2-3 schemes that all fit, and a spoken question is right when the
// first reply answers for its scheme or offers it for confirmation.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answersForScheme, containsFact, isCategoryChoice, isNoInfoForUnknown, scoreSet } from "../../bench/dialogue.js";
import { categoryMissStage, schemeMissStage, stageCounts } from "../../bench/dialogue-misses.js";
import type { EvalQuestion, SchemeRecord } from "../../bench/eval/set.js";
import { firstReply, spokenRight } from "../../bench/spoken.js";
import type { CallRecord } from "../../src/call/records.js";
import type { Reply } from "../../src/dialogue/index.js";

const reply = (action: Reply["action"], schemeIds: string[]): Reply => ({ text: "", lang: "en", segments: [], action, intent: "overview", schemeIds, source: "composed" });
const q = (over: Partial<EvalQuestion>): EvalQuestion => ({ id: "x", lang: "en", type: "direct", question: "", schemeId: "apy", answerFacts: [], ...over });

describe("dialogue scoring", () => {
  it("an answer led by the scheme (or its flagged twin) is right; a clarification listing it is not", () => {
    assert.equal(answersForScheme(reply("answer", ["apy"]), q({})), true);
    assert.equal(answersForScheme(reply("no_info", ["apy"]), q({})), true);
    assert.equal(answersForScheme(reply("answer", ["pmjay"]), q({ schemeId: "ab-pmjay", alsoAcceptSchemeIds: ["pmjay"] })), true);
    assert.equal(answersForScheme(reply("clarify", ["pm-sym", "apy"]), q({})), false);
    assert.equal(answersForScheme(reply("list", ["apy", "pm-sym"]), q({})), false);
    assert.equal(answersForScheme(reply("answer", ["pm-sym", "apy"]), q({})), false);
  });

  it("a category choice needs clarify or list, 2-3 schemes, each fitting the predicate", () => {
    const records = new Map<string, SchemeRecord>([
      ["apy", { schemeId: "apy", name: { en: "Atal Pension Yojana" }, level: "central", tags: ["Pension"] }],
      ["pm-sym", { schemeId: "pm-sym", name: { en: "Pradhan Mantri Shram Yogi Maan-dhan" }, level: "central", tags: ["Pension", "Worker"] }],
      ["igndps", { schemeId: "igndps", name: { en: "Indira Gandhi National Disability Pension Scheme" }, level: "central", tags: [] }],
      ["kcc", { schemeId: "kcc", name: { en: "Kisan Credit Card" }, level: "central", tags: ["Farmer"] }],
      ["rj-widow", { schemeId: "rj-widow", name: { en: "Widow Pension" }, level: "state", state: "Rajasthan", tags: [] }],
    ]);
    const pension = q({ type: "category", schemeId: null, category: { match: [{ words: ["pension"] }] } });
    assert.equal(isCategoryChoice(reply("clarify", ["apy", "pm-sym"]), pension, records), true);
    assert.equal(isCategoryChoice(reply("list", ["apy", "pm-sym", "igndps"]), pension, records), true);
    assert.equal(isCategoryChoice(reply("list", ["apy", "kcc"]), pension, records), false, "a scheme outside the category");
    assert.equal(isCategoryChoice(reply("list", ["apy"]), pension, records), false, "one scheme is no choice");
    assert.equal(isCategoryChoice(reply("list", ["apy", "pm-sym", "igndps", "rj-widow"]), pension, records), false, "four is not short");
    assert.equal(isCategoryChoice(reply("answer", ["apy", "pm-sym"]), pension, records), false);
    const inBihar = q({ type: "category", schemeId: null, category: { match: [{ words: ["pension"] }], state: "Bihar" } });
    assert.equal(isCategoryChoice(reply("list", ["apy", "rj-widow"]), inBihar, records), false, "another state's scheme");
  });

  it("an unknown scheme gets 'no details' or a question back, never a refusal or another scheme's record", () => {
    assert.equal(isNoInfoForUnknown(reply("no_info", [])), true);
    assert.equal(isNoInfoForUnknown(reply("clarify", ["bbbp"])), true);
    assert.equal(isNoInfoForUnknown(reply("no_info", ["bbbp"])), false);
    assert.equal(isNoInfoForUnknown(reply("answer", ["bbbp"])), false);
    assert.equal(isNoInfoForUnknown(reply("out_of_scope", [])), false);
  });
});

describe("spoken scoring", () => {
  const spoken = { id: "sp", lang: "en", text: "", schemeId: "apy", schemeName: "Atal Pension Yojana", voice: "flite:kal" as const, tempo: 1 };
  const call = (turns: CallRecord["turns"]): CallRecord => ({ callId: "c", startedAt: "", durationMs: 0, mode: "speech", outcome: "caller_hangup", states: [], turns, packets: { sent: 0, lateP99Ms: 0, lateMaxMs: 0 } });

  it("takes the first reply after the caller's spoken question, past the menu and fillers", () => {
    const record = call([
      { role: "sahayak", atMs: 0, text: "welcome", lang: "en", action: "greeting", timings: {} },
      { role: "caller", atMs: 900, text: "", lang: "en", dtmf: "2", timings: {} },
      { role: "caller", atMs: 4000, text: "at lension yojana", lang: "en", action: "question", timings: {} },
      { role: "sahayak", atMs: 4100, text: "one moment", lang: "en", action: "filler", timings: {} },
      { role: "sahayak", atMs: 4300, text: "Did you mean", lang: "en", action: "confirm", schemeIds: ["apy"], timings: {} },
    ]);
    assert.deepEqual(firstReply(record), { heard: "at lension yojana", action: "confirm", schemeIds: ["apy"] });
  });

  it("is right for an answer or a confirmation led by the scheme, wrong for a choice that lists it", () => {
    assert.equal(spokenRight({ heard: "", action: "answer", schemeIds: ["apy"] }, spoken), "answer");
    assert.equal(spokenRight({ heard: "", action: "confirm", schemeIds: ["apy"] }, spoken), "confirm");
    assert.equal(spokenRight({ heard: "", action: "clarify", schemeIds: ["apy", "pm-sym"] }, spoken), null);
    assert.equal(spokenRight({ heard: "", action: "answer", schemeIds: ["igndps"] }, spoken), null);
    assert.equal(spokenRight({ heard: "", action: "none", schemeIds: [] }, spoken), null);
  });
});

describe("dialogue scoring of a whole set", () => {
  const questions: EvalQuestion[] = [
    q({ id: "a", type: "direct", schemeId: "apy", question: "apy age", field: "eligibility", answerLang: "en", answerFacts: ["40 years"] }),
    q({ id: "b", type: "direct", schemeId: "kcc", question: "kcc who", field: "eligibility", answerLang: "en", answerFacts: ["owner cultivators"] }),
    q({ id: "c", type: "out_of_scope", schemeId: null, question: "weather" }),
    q({ id: "d", type: "out_of_scope", schemeId: null, question: "cricket" }),
  ];
  // answers apy right, refuses everything else (kcc wrongly, both out-of-scope rightly)
  const engine = {
    respond: async (u: { text: string }) => (u.text === "apy" + " age" ? { ...reply("answer", ["apy"]), text: "APY: maximum is 40 years." } : reply("out_of_scope", [])),
  } as unknown as Parameters<typeof scoreSet>[2];

  it("counts wrongly refused among the in-scope questions only, and the facts and schemes per question", async () => {
    const figures = await scoreSet("tune", questions, engine, new Map(), []);
    assert.equal(figures["tune.inScopeWronglyRefusedRate"], 1 / 2);
    assert.equal(figures["tune.outOfScopeRefusedRate"], 1);
    assert.equal(figures["tune.schemeRightRate"], 1 / 2);
    assert.equal(figures["tune.answerFactsRate"], 1 / 2);
    assert.equal(figures["tune.questions"], 4);
    assert.equal(figures["tune.schemeMissStages"], "refused as out of scope 1", "the miss counted by the stage it stopped at");
  });

  it("notes failures for dev and tune, never for the test part", async () => {
    const testNotes: string[] = [];
    await scoreSet("test", questions, engine, new Map(), testNotes);
    assert.equal(testNotes.length, 0);
    const notes: string[] = [];
    await scoreSet("tune", questions, engine, new Map(), notes);
    assert.ok(notes.some((n: string) => n.includes("kcc who")), notes.join("\n"));
  });
});

describe("a fact found in a reply", () => {
  it("is the same fact whichever way its number's unit or currency is written, in either script", () => {
    assert.equal(containsFact("ऋण राशि पर 7 प्रतिशत प्रति वर्ष की दर से", "7%"), true);
    assert.equal(containsFact("interest of 7% a year", "7 प्रतिशत"), true);
    assert.equal(containsFact("नामांकित व्यक्ति को रु. 2 लाख।", "₹ 2.00 Lakh"), true);
    assert.equal(containsFact("cover of Rs. 2 lakhs", "2 लाख"), true);
    assert.equal(containsFact("हर व्यक्ति को 5 किलोग्राम अनाज", "5 kg"), true);
    assert.equal(containsFact("up to ₹ 5,00,000 a year", "500000"), true);
  });

  it("still tells different numbers and units apart", () => {
    assert.equal(containsFact("₹20 lakh", "2 lakh"), false);
    assert.equal(containsFact("2.5 लाख", "2 lakh"), false);
    assert.equal(containsFact("70,000 रुपये", "7%"), false);
    assert.equal(containsFact("5 लाख", "5 kg"), false);
  });
});

describe("where a miss stopped", () => {
  const size = { min: 2, max: 3 };
  it("a scheme question: refused, not found, another scheme, a choice with or without it, asked which", () => {
    const accepted = ["apy"];
    assert.equal(schemeMissStage({ action: "out_of_scope", schemeIds: [] }, accepted), "refused as out of scope");
    assert.equal(schemeMissStage({ action: "no_info", schemeIds: [] }, accepted), "scheme not found");
    assert.equal(schemeMissStage({ action: "answer", schemeIds: ["igndps"] }, accepted), "another scheme answered");
    assert.equal(schemeMissStage({ action: "clarify", schemeIds: ["igndps", "apy"] }, accepted), "choice holding it");
    assert.equal(schemeMissStage({ action: "clarify", schemeIds: ["igndps", "pm-sym"] }, accepted), "choice without it");
    assert.equal(schemeMissStage({ action: "clarify", schemeIds: [] }, accepted), "asked which scheme");
  });
  it("a category question: one answered, a misfit in the choice, a choice too long, who it is for", () => {
    const fits = (id: string) => id !== "kcc";
    assert.equal(categoryMissStage({ action: "answer", schemeIds: ["apy"] }, fits, size), "one scheme answered");
    assert.equal(categoryMissStage({ action: "clarify", schemeIds: ["apy", "kcc"] }, fits, size), "choice with a scheme that does not fit");
    assert.equal(categoryMissStage({ action: "list", schemeIds: ["a", "b", "c", "d"] }, fits, size), "choice of the wrong size");
    assert.equal(categoryMissStage({ action: "clarify", schemeIds: [] }, fits, size), "asked who it is for");
    assert.equal(categoryMissStage({ action: "no_info", schemeIds: [] }, fits, size), "no details");
  });
  it("counts stages most first, and says none when nothing missed", () => {
    assert.equal(stageCounts(["scheme not found", "refused as out of scope", "scheme not found"]), "scheme not found 2, refused as out of scope 1");
    assert.equal(stageCounts([]), "none");
  });
});
