// A question of two kinds ("how much at most, and for how many years?") is answered in both within the
// turn's words: where the best sentence of one kind is too long to leave the other room, a nearly-as-good
// shorter sentence of that kind leads instead. A made-up scheme no code has seen.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const savings = scheme({
  schemeId: "zmby-test",
  name: { en: "Zorvani Masik Bachat Yojana", hi: "ज़ोरवानी मासिक बचत योजना" },
  description: { en: "The Zorvani Masik Bachat Yojana keeps a deposit and pays interest every month.", hi: "ज़ोरवानी मासिक बचत योजना जमा राशि रखती है और हर महीने ब्याज देती है।" },
  benefits: {
    en: [
      "If the account is closed before 3 years are complete, 2% of the deposit is cut; if it is closed after 3 years but before 5 years, 1% of the deposit is cut, and the rest of the deposit is paid back to the holder at the post office where the account is kept, on a written request.",
      "The account matures 5 years after the date it is opened.",
      "The most one person may deposit in a single account is ₹ 4,50,000.",
    ],
    hi: [
      "यदि खाता 3 साल पूरे होने से पहले बंद किया जाता है तो जमा राशि का 2 प्रतिशत काटा जाता है; यदि 3 साल के बाद पर 5 साल से पहले बंद किया जाता है तो जमा राशि का 1 प्रतिशत काटा जाता है, और बाकी जमा राशि लिखित अनुरोध पर उसी डाकघर में खाताधारक को लौटा दी जाती है जहाँ खाता रखा गया है।",
      "खाता खोलने की तारीख से 5 साल बाद खाता परिपक्व हो जाता है।",
      "एक व्यक्ति एकल खाते में अधिकतम ₹ 4,50,000 जमा कर सकता है।",
    ],
  },
});

describe("a question of two kinds is answered in both within the turn", () => {
  const dir = tempDir("sahayak-two-kinds-room-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), savings])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const both = async (q: string, sum: RegExp, years: RegExp) => {
    const r: Reply = await engine.respond({ text: q }, newContext("t"));
    assert.equal(r.action, "answer", `${q}: ${r.text}`);
    assert.deepEqual(r.schemeIds, ["zmby-test"], `${q}: ${r.text}`);
    assert.match(r.text, sum, `${q}: ${r.text}`);
    assert.match(r.text, years, `${q}: ${r.text}`);
  };

  it("says the most that may be deposited and the years it is kept", async () => {
    await both("How much money can one person deposit at most in the Zorvani Masik Bachat Yojana, and for how many years?", /4,50,000/, /5 years/);
    await both("ज़ोरवानी मासिक बचत योजना में एक व्यक्ति ज़्यादा से ज़्यादा कितना पैसा जमा कर सकता है, और कितने साल के लिए?", /4,50,000/, /5 साल/);
    await both("zorvani masik bachat yojana me ek aadmi zyada se zyada kitna paisa jama kar sakta hai, aur kitne saal ke liye?", /4,50,000/, /5 साल/);
  });
});
