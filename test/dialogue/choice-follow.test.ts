// Category questions get a short choice (central first, the caller's state first where it is known, the
// kind of help asked for before whom it is for); follow-ups switch to another kind named, stay with "they",
// and ask which scheme when the scheme cannot be resolved. English, Hindi and romanised Hindi alike.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, type DialogueContext, type Reply } from "../../src/dialogue/index.js";
import { prompts } from "../../src/dialogue/prompts.js";
import { realEngine } from "./engine-over.js";

describe("category choices and follow-ups on the real knowledge base", () => {
  const real = realEngine();

  const talk = async (ctx: DialogueContext, text: string): Promise<Reply> => real.engine.respond({ text }, ctx);
  const fits = async (id: string, pattern: RegExp): Promise<boolean> => {
    const r = (await real.kb.store.get(id))!;
    return pattern.test([r.name.en, r.shortTitle ?? "", ...r.tags].join(" | "));
  };
  const isChoice = (reply: Reply, text: string) => {
    assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
    assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.length <= 3, `${text}: ${reply.text}`);
  };

  it("states written in Devanagari are known by their sound", () => {
    assert.equal(real.kb.search.stateIn("बिहार में लोन"), "Bihar");
    assert.equal(real.kb.search.stateIn("राजस्थान के किसान"), "Rajasthan");
    assert.equal(real.kb.search.stateIn("उत्तर प्रदेश में घर"), "Uttar Pradesh");
    assert.equal(real.kb.search.stateIn("मुझे पेंशन के बारे में बताइए"), undefined);
  });

  it("the caller's state, said in Devanagari, comes first; other states' schemes are not offered", async () => {
    const text = "राजस्थान में विधवा पेंशन वाली योजनाएं बताइए";
    const reply = await talk(newContext("s1"), text);
    isChoice(reply, text);
    assert.equal(real.kb.store.metaOf(reply.schemeIds[0]!)!.state, "Rajasthan");
    for (const id of reply.schemeIds) {
      const m = real.kb.store.metaOf(id)!;
      assert.ok(m.level === "central" || m.states.includes("Rajasthan"), id);
    }
  });

  it("no state known: the central government's schemes are offered, not other states'", async () => {
    for (const text of ["business loans for opening a small shop", "व्यापार के लिए दुकान खोलने पर लोन वाली योजनाएं बताइए", "vyapar ke liye dukan kholne par loan wali yojana batao"]) {
      const reply = await talk(newContext("c"), text);
      isChoice(reply, text);
      for (const id of reply.schemeIds) assert.equal(real.kb.store.metaOf(id)!.level, "central", `${text}: ${id}`);
      for (const id of reply.schemeIds) assert.ok(await fits(id, /loan|credit/i), `${text}: ${id}`);
    }
  });

  it("a kind asked for in its own words gets a choice, not one scheme whose name holds those words", async () => {
    for (const text of ["which scholarships are there for SC students", "SC chhatron ke liye scholarship wali koi yojana batao"]) {
      const reply = await talk(newContext("k"), text);
      isChoice(reply, text);
      for (const id of reply.schemeIds) {
        assert.ok(await fits(id, /scholarship/i), `${text}: ${id}`);
        assert.ok(await fits(id, /scheduled caste|\bSC\b/i), `${text}: ${id}`);
      }
    }
    // "pension" names the kind, it asks no amount: "which pension scheme" is a choice
    for (const text of ["which pension schemes are there for disabled people?", "विकलांग लोगों के लिए पेंशन वाली कौन सी योजना है?", "viklang logon ke liye pension wali yojana kaun si hai"]) {
      const reply = await talk(newContext("p"), text);
      isChoice(reply, text);
      assert.equal(reply.schemeIds[0], "igndps", text);
      for (const id of reply.schemeIds) assert.ok(await fits(id, /pension/i) && (await fits(id, /disab|divyang|viklang|pwd/i)), `${text}: ${id}`);
    }
  });

  it("none holds everything: the help asked for comes before whom it is for (a daughter's marriage)", async () => {
    for (const text of ["help for my daughter's marriage in Bihar", "बिहार में बेटी की शादी के लिए कोई योजना है?", "Bihar me beti ki shaadi ke liye koi yojana hai"]) {
      const reply = await talk(newContext("m"), text);
      assert.equal(reply.action, "clarify", text);
      assert.ok(await fits(reply.schemeIds[0]!, /marriage|vivah/i), `${text}: ${reply.text}`);
    }
  });

  it("after a request for several schemes, a question about 'it' asks the choice again, and the pick answers that question", async () => {
    const cases: [string, string][] = [
      ["Which schemes are there for fishermen?", "how do I apply for it?"],
      ["machhuaron ke liye kaun kaun si yojana hai", "iske liye kya documents lagte hain"],
      ["किसानों के लिए कौन कौन सी योजनाएं हैं?", "इसके लिए कौन से कागज़ चाहिए?"],
    ];
    for (const [first, then] of cases) {
      const ctx = newContext("f");
      const offered = await talk(ctx, first);
      isChoice(offered, first);
      const again = await talk(ctx, then);
      assert.deepEqual([again.action, again.schemeIds], ["clarify", offered.schemeIds], `${then}: ${again.text}`);
      const picked = await real.engine.respond({ text: "", dtmf: "2" }, ctx);
      // an answer, or "the record has no such details", for the scheme picked
      assert.ok(["answer", "no_info"].includes(picked.action), `${then}: ${picked.text}`);
      assert.equal(picked.schemeIds[0], offered.schemeIds[1], then);
      assert.notEqual(picked.intent, "overview", then);
    }
  });

  it("after an open question over what help there is, a question about 'that one' asks the choice again", async () => {
    const cases: [string, string][] = [
      ["What help is there for people who catch fish?", "and how much money do they give in that one?"],
      ["मछली पकड़ने वालों के लिए क्या क्या मदद मिलती है?", "उसमें कितना पैसा मिलता है?"],
      ["machli pakadne walon ke liye kaun si madad milti hai?", "usme paisa kitna milta hai?"],
    ];
    for (const [first, then] of cases) {
      const ctx = newContext("o");
      const offered = await talk(ctx, first);
      isChoice(offered, first);
      const again = await talk(ctx, then);
      assert.deepEqual([again.action, again.schemeIds], ["clarify", offered.schemeIds], `${then}: ${again.text}`);
    }
  });

  it("a fact asked with no scheme spoken of asks which scheme", async () => {
    for (const [text, lang] of [["how much money do I get?", "en"], ["मुझे कितना पैसा मिलेगा?", "hi"], ["mujhe kitna paisa milega", "hi"]] as const) {
      const reply = await talk(newContext("n"), text);
      assert.deepEqual([reply.action, reply.text], ["clarify", prompts.noSchemeYet[lang]], text);
    }
  });

  it("a follow-up naming another kind of help switches to it, after an answer or a choice", async () => {
    const cases: [string, string][] = [
      ["What is the Indira Gandhi National Widow Pension Scheme?", "and the disability pension, how much is it?"],
      ["इंदिरा गांधी राष्ट्रीय विधवा पेंशन योजना क्या है?", "और विकलांग पेंशन वाली योजना में कितना पैसा मिलता है?"],
      ["indira gandhi national widow pension scheme kya hai", "aur viklang pension wali yojana me kitna paisa milta hai"],
      ["widow pension ke baare me batao", "aur viklang pension me kitna paisa milta hai"],
    ];
    for (const [first, then] of cases) {
      const ctx = newContext("w");
      await talk(ctx, first);
      const reply = await talk(ctx, then);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "igndps"], `${then}: ${reply.text}`);
    }
  });

  it("'they' after an answer is the scheme spoken of, in every language", async () => {
    for (const [first, then] of [
      ["What is Janani Shishu Suraksha Karyakram?", "do they pay for the ambulance too?"],
      ["जननी शिशु सुरक्षा कार्यक्रम क्या है?", "क्या वे लोग अस्पताल तक गाड़ी भी देते हैं?"],
      ["janani shishu suraksha karyakram kya hai", "kya wo log hospital tak gaadi bhi dete hain"],
    ] as const) {
      const ctx = newContext("t");
      await talk(ctx, first);
      const reply = await talk(ctx, then);
      assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "jssk"], `${then}: ${reply.text}`);
    }
  });
});
