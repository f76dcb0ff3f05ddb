// How callers name a kind of help or a group of people, read as the schemes' own tags name it: a Hindi word
// bent for the plural ("खिलाड़ियों") is its plain word's; a term of several words ("स्वयं सहायता समूह", a self
// help group) is one thing, whatever its words name alone; an English adverb ("especially") asks for nothing;
// a group's word met only by its own spelling in a few names ("bachchon") is the group, no second thing; and a
// group's everyday description ("retired") is how a caller says who they are, not what a record is about.
// English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { BackgroundLanguage, Lexicon, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("kinds of help and groups named as callers name them", () => {
  const real = realEngine();
  const lexicon = Lexicon.load();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });
  const stemsOf = (text: string) => readText(k, text).units.flatMap((u) => u.stems);
  const labelsOf = (text: string) => readText(k, text).units.map((u) => u.label);
  const tagsOf = async (id: string) => {
    const record = await real.kb.store.get(id);
    return [record?.name.en ?? "", ...(record?.tags ?? [])].join(" | ").toLowerCase();
  };

  it("a Hindi plural is its plain word's", () => {
    assert.ok(lexicon.englishFor("कुश्ती के खिलाड़ियों को इनाम").includes("sports"));
    assert.ok(lexicon.englishFor("गाँव की लड़कियाँ").includes("girl"));
  });

  it("a term of several words is one thing asked, in either script", () => {
    for (const text of ["हमारा स्वयं सहायता समूह अचार बनाता है, कोई योजना?", "hamara swayam sahayata samuh hai, kya madad milegi?", "what is there for a self help group?"]) {
      assert.ok(stemsOf(text).some((s) => s === "shg" || s === "self help group"), `${text}: ${stemsOf(text).join(", ")}`);
    }
    assert.ok(stemsOf("पिताजी की अंत्येष्टि का खर्च कौन देता है?").includes("funeral"));
    assert.ok(stemsOf("दादी के अंतिम संस्कार के लिए पैसे मिलते हैं?").includes("funeral"));
  });

  it("an English adverb asks for nothing", () => {
    const labels = labelsOf("Is there any help given specially or directly to transgender people?");
    assert.ok(!labels.includes("specially") && !labels.includes("directly"), labels.join(", "));
    assert.ok(labels.includes("transgender"));
  });

  it("a group's word met by its own spelling is the group, no second thing", () => {
    const units = readText(k, "gaon ke bachchon ke liye padhai ki yojana").units;
    assert.ok(units.some((u) => u.group === "child"));
    assert.ok(!units.some((u) => u.label === "bachchon"), units.map((u) => u.label).join(", "));
  });

  it("offers transgender persons' schemes, in English and Hindi", async () => {
    for (const text of ["Are there schemes especially for transgender people?", "किन्नर समुदाय के लिए कौन सी सरकारी योजनाएँ हैं?"]) {
      const reply = await real.engine.respond({ text }, newContext("t"));
      assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
      for (const id of reply.schemeIds) assert.match(await tagsOf(id), /transgender/, `${text}: ${id}`);
    }
  });

  it("offers blind persons' schemes to a caller asking in Hindi, in either script", async () => {
    for (const text of ["दृष्टिहीन लोगों के लिए कौन सी सरकारी योजनाएँ हैं?", "netraheen logon ke liye kaun si yojana hai?"]) {
      const reply = await real.engine.respond({ text }, newContext("b"));
      assert.equal(reply.action, "clarify", `${text}: ${reply.text}`);
      for (const id of reply.schemeIds) assert.match(await tagsOf(id), /blind|visual/, `${text}: ${id}`);
    }
  });
});
