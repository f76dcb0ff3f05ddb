// A business's own offer is refused even when the caller calls it a scheme ("<brand> finance walon ki
// <kind> scheme", "<brand> की … योजना") or its words happen to be like a scheme's name: the business named
// by its trade, or as the owner of what is called a scheme, is what the question is about. In English,
// Hindi and romanised Hindi. A scheme called a scheme by a caller who names where they live, a bank the
// schemes speak of, or a scheme's own name said before "ki", is not refused.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

describe("scope: a business's own scheme", () => {
  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("o"));

  it("what a business calls its scheme, or its product whose words are like a scheme's name, is refused", async () => {
    for (const text of [
      "ज़ेफ़्रॉन फाइनेंस वालों की बाइक लोन स्कीम की किस्त कितनी बनती है?",
      "कुवारो की फ्रेंचाइज़ी योजना में कितना पैसा लगाना पड़ता है?",
      "Trivanta Finance walon ki gold loan scheme mein byaj kitna hai",
      "Kelvora Finance charged me a fee for a late fridge instalment; can it be waived?",
    ]) {
      const reply = await talk(text);
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.action} ${reply.text}`);
    }
  });

  it("a scheme asked about beside a town, a school or a bank the schemes speak of is not refused", async () => {
    for (const text of [
      "हम झुंझुनूं से हैं, स्कूल में मध्याह्न भोजन योजना में बच्चों को क्या मिलता है?",
      "SBI bank se Mudra loan scheme ka form kaise bharna hai",
      "स्वनिधि की अगली किश्त में कितना लोन मिलता है?",
      "My son studies in a government school in Ajmer. Which scholarship scheme can he apply for?",
    ]) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });
});
