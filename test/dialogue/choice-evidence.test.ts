// The evidence of "answer one scheme or offer a short choice" is logged once per turn at debug level (what
// bench/choice-fit.ts fits from): a kind of help asked for carries no named scheme and the choice it would
// get, with what each scheme of it is; a scheme asked by its name carries its name's match. English,
// Hindi and romanised Hindi; the replies themselves are those of an engine without the log.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import pino from "pino";
import { DialogueEngine, newContext, type Reply } from "../../src/dialogue/index.js";
import { CHOICE_FEATURES, MEMBER_FEATURES, pluralFold, type ChoiceEvidence, type MemberEvidence } from "../../src/dialogue/choice-evidence.js";
import { realKnowledgeBase } from "../kb-fixture.js";

interface Logged {
  choice: ChoiceEvidence;
  offer: { kind: string; options?: string[]; considered?: MemberEvidence[] };
  namedId?: string;
}

describe("the choice decision's evidence is logged for fitting", () => {
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>> | undefined;
  let logged: DialogueEngine;
  let plain: DialogueEngine;
  const seen: Logged[] = [];
  before(async () => {
    fixture = await realKnowledgeBase();
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        const record = JSON.parse(chunk.toString()) as Partial<Logged>;
        if (record.choice) seen.push(record as Logged);
        done();
      },
    });
    logged = await DialogueEngine.create(fixture.kb, fixture.config, { log: pino({ level: "debug" }, sink) });
    plain = await DialogueEngine.create(fixture.kb, fixture.config);
  });
  after(() => fixture?.cleanup());

  const turn = async (text: string): Promise<{ evidence: Logged[]; reply: Reply; without: Reply }> => {
    seen.length = 0;
    const reply = await logged.respond({ text }, newContext("evidence"));
    const evidence = [...seen];
    const without = await plain.respond({ text }, newContext("evidence"));
    return { evidence, reply, without };
  };

  it("a kind of help: no scheme named, the choice it gets, and each scheme of it described", async () => {
    for (const text of ["Tell me which government schemes pay a pension to old people", "बूढ़े लोगों को पेंशन देने वाली सरकारी योजनाएँ कौन सी हैं?", "budhe logon ko pension dene wali sarkari yojanayen kaun si hain"]) {
      const { evidence, reply, without } = await turn(text);
      assert.equal(evidence.length, 1, `${text}: logged once per turn`);
      const e = evidence[0]!;
      for (const f of CHOICE_FEATURES) assert.ok(Number.isFinite(e.choice[f]), `${text}: ${f} is a number`);
      assert.equal(e.choice.named, 0, text);
      assert.ok(e.choice.telling >= 1 && e.choice.kinds >= 1 && e.choice.filed > 0, `${text}: ${JSON.stringify(e.choice)}`);
      assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
      assert.equal(e.offer.kind, "choose", text);
      assert.deepEqual(e.offer.options, reply.schemeIds, `${text}: the choice logged is the one replied`);
      const considered = e.offer.considered?.map((m) => m.schemeId) ?? [];
      assert.ok(reply.schemeIds.every((id) => considered.includes(id)), `${text}: ${considered.join(",")}`);
      for (const m of e.offer.considered ?? []) assert.ok(m.literal >= 0 && m.literal <= 1 && m.relevance >= 0 && m.relevance <= 1, `${text}: ${JSON.stringify(m)}`);
      assert.deepEqual(without.schemeIds, reply.schemeIds, `${text}: the log changes no reply`);
    }
  });

  it("a scheme asked for by its name: named, with its name's match ahead of the next", async () => {
    for (const text of ["What papers do I need for the Pradhan Mantri Ujjwala Yojana?", "प्रधानमंत्री उज्ज्वला योजना के लिए कौन से कागज़ चाहिए?", "pradhan mantri ujjwala yojana ke liye kaun se kagaz chahiye"]) {
      const { evidence, reply, without } = await turn(text);
      assert.equal(evidence.length, 1, text);
      const e = evidence[0]!.choice;
      assert.equal(e.named, 1, `${text}: ${JSON.stringify(e)}`);
      assert.ok(e.nameScore > 0 && e.nameGap > 0 && e.fieldAsked === 1, `${text}: ${JSON.stringify(e)}`);
      assert.equal(evidence[0]!.namedId, reply.schemeIds[0], text);
      assert.equal(reply.action, "answer", text);
      assert.deepEqual(without.schemeIds, reply.schemeIds, text);
    }
  });

  it("each scheme of a choice tells where its record says the help asked, its level beside the caller's, and how many of the caller's words its name and tags hold", async () => {
    const text = "Is credit given to women starting a tailoring business of their own?";
    const { evidence } = await turn(text);
    const members = evidence[0]?.offer.considered ?? [];
    assert.ok(members.length >= 2, `${text}: ${JSON.stringify(evidence[0]?.offer)}`);
    for (const m of members) {
      for (const f of MEMBER_FEATURES) assert.ok(Number.isFinite(m[f]), `${m.schemeId}: ${f} is a number`);
      for (const f of ["inTags", "inTargets", "inEligibility", "onlyDescribed", "contentWords"] as const) assert.ok(m[f] >= 0 && m[f] <= 1, `${m.schemeId}: ${f} ${m[f]}`);
      // no state told: a state's scheme is another state's, a central one is not
      assert.equal(m.otherState, m.central === 1 ? 0 : 1, m.schemeId);
      // a unit held by the name is not counted as only in the tags
      assert.ok(m.inName + m.inTags <= 1 + 1e-9, m.schemeId);
    }
    assert.ok(members.some((m) => m.contentWords > 0), `${text}: some scheme's name or tags say a word of the caller's`);
  });

  it("a word up to its plural is that word, a derived word is not", () => {
    assert.equal(pluralFold("Fishermen"), "fisherman");
    assert.equal(pluralFold("loans"), "loan");
    assert.equal(pluralFold("subsidies"), "subsidy");
    assert.notEqual(pluralFold("dairying"), pluralFold("dairy"));
    assert.equal(pluralFold("bus"), "bus");
  });
});
