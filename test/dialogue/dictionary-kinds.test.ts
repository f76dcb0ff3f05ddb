// A Hindi word the curated lexicon lacks ("बीज", seed; "अनाथ", orphan) was no kind of help at all: the choice
// was made from the caller's group alone (farmers: agriculture scholarships; children: girls' scholarships).
// It is read by its dictionary meaning, the sense schemes are filed under ("seed", not "grain"), unless it is
// a word of everyday speech ("दिन", "उम्र") whose meanings are anything's. A degree written with dots ("B.Sc")
// is one word, not the Scheduled Castes. English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { readText, type DialogueKnowledge } from "../../src/dialogue/knowledge.js";
import { BackgroundLanguage, SchemeConcepts } from "../../src/knowledge/index.js";
import { testConfig } from "../helpers.js";
import { realEngine } from "./engine-over.js";

describe("a Hindi word the lexicon lacks, read by its dictionary sense", () => {
  const real = realEngine();
  let k: DialogueKnowledge;
  before(async () => {
    k = { kb: real.kb, config: testConfig("/tmp").dialogue, background: BackgroundLanguage.load(), concepts: await SchemeConcepts.build(real.kb.store) };
  });
  const stemsOf = (text: string) => readText(k, text).units.flatMap((u) => u.stems);

  it("is the kind of help asked, in the sense schemes are filed under", () => {
    const seeds = stemsOf("धान के बीज कहाँ से सस्ते मिलेंगे, कोई सरकारी योजना है?");
    assert.ok(seeds.includes("seed") && !seeds.includes("grain"), seeds.join(", "));
    assert.ok(stemsOf("खेत में डालने के लिए खाद पर सब्सिडी मिलती है?").includes("fertilizer"));
    assert.ok(stemsOf("अनाथ लड़कियों की पढ़ाई के लिए कुछ है?").includes("orphan"));
  });

  it("but not a word of everyday speech", () => {
    for (const text of ["बच्चे को दो दिन से खाँसी है", "विधवा पेंशन में उम्र कितनी चाहिए?", "मेरे पास छोटा खेत है"]) {
      const labels = readText(k, text).units.map((u) => u.label);
      assert.ok(!labels.some((l) => ["दिन", "उम्र", "छोटा", "पास"].includes(l)), `${text}: ${labels.join(", ")}`);
    }
  });

  it("offers schemes for orphans to a caller asking for orphans in Hindi", async () => {
    const reply = await real.engine.respond({ text: "हम चेन्नई में रहते हैं, मेरा भांजा अनाथ है। अनाथ बच्चों को सरकार से क्या सहायता मिलती है?" }, newContext("o"));
    assert.equal(reply.action, "clarify", reply.text);
    for (const id of reply.schemeIds) {
      const record = await real.kb.store.get(id);
      assert.ok((record?.tags ?? []).some((t) => /orphan/i.test(t)) || /orphan/i.test(record?.name.en ?? ""), `${id}: ${record?.name.en}`);
    }
  });

  it("a degree written with dots is no group of its letters", () => {
    for (const text of ["My daughter is in B.Sc, is there a loan for her studies?", "meri beti B.Sc kar rahi hai, padhai ke liye loan milega?", "मेरी बेटी B.Sc में है, पढ़ाई के लिए लोन मिलेगा?"]) {
      const groups = readText(k, text).units.flatMap((u) => (u.group ? [u.group] : []));
      assert.ok(!groups.includes("sc"), `${text}: ${groups.join(", ")}`);
    }
    // the caste written with dots is still the caste
    assert.ok(readText(k, "S.C. students ke liye scholarship").units.some((u) => u.group === "sc"));
  });
});
