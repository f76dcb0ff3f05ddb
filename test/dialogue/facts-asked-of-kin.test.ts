// Facts asked in words the answer ranker did not read as their kind: a span written in words ("three
// weeks"), a count of children ("how many daughters"), how far one has studied said with "padha" alone; and
// a question asked while the caller tells who it is for, after a choice of schemes, or "its papers" after a
// choice of several (a postposition of the question is no word of an option's Hindi name). Made-up schemes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { answersKind } from "../../src/dialogue/unit-evidence.js";
import { questionAsks } from "../../src/dialogue/nlu.js";
import { madeUpEngine, scheme } from "./engine-over.js";

describe("kinds of fact in the words records and callers use", () => {
  it("a span of time written in words answers how long", () => {
    assert.ok(answersKind("The trainee is taught for three weeks at the district centre.", "duration"));
    assert.ok(answersKind("प्रशिक्षण सात दिनों का होता है।", "duration"));
    assert.ok(!answersKind("The trainee is taught at the district centre.", "duration"));
  });

  it("a count of children answers how many of one family", () => {
    assert.ok(answersKind("At most two daughters of a household are paid the grant.", "persons"));
    assert.ok(answersKind("एक परिवार की केवल दो बेटियों को लाभ मिलेगा।", "persons"));
    for (const q of ["how many sons of one household may join", "ek ghar ki kitni betiyan le sakti hain", "एक घर के कितने बच्चे ले सकते हैं"]) assert.ok(questionAsks(q, true).includes("persons"), q);
  });

  it("'padha' alone, with how much, asks how far one has studied", () => {
    for (const q of ["beti kitni padhi honi chahiye training ke liye", "बेटी कितनी पढ़ी होनी चाहिए"]) assert.ok(questionAsks(q, true).includes("schooling"), q);
  });
});

const weaverPension = scheme({
  schemeId: "zbbp-test",
  name: { en: "Zorvani Budhe Bunkar Pension", hi: "ज़ोरवानी बूढ़े बुनकरों के लिए पेंशन" },
  description: { en: "A monthly pension for old handloom weavers of the state." },
  tags: ["Weaver", "Pension", "Handloom"],
  benefits: { en: ["A pension of ₹1,500 is paid every month to the weaver.", "Should the weaver pass away, the surviving wife or husband is paid ₹750 a month."] },
  eligibility: { criteria: { en: ["The weaver must be at least 60 years old.", "The weaver must have worked a handloom in the state for 10 years."] }, exclusions: {} },
  documents: { en: ["Weaver identity card", "Age proof"] },
});
const weaverTools = scheme({
  schemeId: "zbok-test",
  name: { en: "Zorvani Bunkar Aujar Kit", hi: "ज़ोरवानी बुनकर औज़ार किट" },
  description: { en: "A kit of loom tools for handloom weavers of the state." },
  tags: ["Weaver", "Handloom", "Tools"],
  benefits: { en: ["A kit of loom tools worth ₹12,000 is given once."] },
  eligibility: { criteria: { en: ["The weaver must be registered with the handloom board."] }, exclusions: {} },
  documents: { en: ["Handloom board registration card", "Bank passbook"] },
});

describe("a question asked after a choice of schemes", () => {
  const made = madeUpEngine("sahayak-facts-kin-", [weaverPension, weaverTools]);

  it("asks again which one when 'its papers' follows a choice of several", async () => {
    const ctx = newContext("kin-1");
    const first = await made.engine.respond({ text: "बुनकरों के लिए कौन सी योजनाएं हैं?" }, ctx);
    assert.equal(first.action, "clarify", first.text);
    const next = await made.engine.respond({ text: "उसके लिए कौन से कागज़ देने होंगे?" }, ctx);
    assert.equal(next.action, "clarify", next.text);
  });

  it("answers the fact asked of someone the caller tells of, not only whether they may", async () => {
    const ctx = newContext("kin-2");
    const first = await made.engine.respond({ text: "What schemes are there for handloom weavers?" }, ctx);
    assert.equal(first.action, "clarify", first.text);
    const next = await made.engine.respond({ text: "My father is 64 years old. Once he passes away, how much will my mother receive each month?" }, ctx);
    assert.equal(next.action, "answer", next.text);
    assert.match(next.text, /₹750/, next.text);
  });
});
