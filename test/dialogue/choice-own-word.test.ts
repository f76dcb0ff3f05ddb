// A kind of help asked by a word of its own ("dairy") whose concept is broader ("animal husbandry",
// "livestock"): the schemes whose names or tags say that word are offered before those met only through
// the concept, which may be about another part of it (breeding cattle, pig units), when at least two do.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { madeUpEngine, otherKinds, scheme } from "./engine-over.js";

const livestock = (schemeId: string, en: string, tags: string[]) => scheme({ schemeId, name: { en }, tags, categories: ["agriculture-rural-environment"] });
const records = [
  // met through the concept only, with many of its words: the usual order puts these first
  livestock("zlb-test", "Zarimba Indigenous Breed Conservation Mission", ["Animal Husbandry", "Livestock", "Cattle", "Dairying", "Breeding"]),
  livestock("zpu-test", "Zarimba Piggery and Goat Unit Grant", ["Animal Husbandry", "Livestock", "Cattle", "Dairying", "Goat"]),
  livestock("zvt-test", "Zarimba Veterinary Camp Programme", ["Animal Husbandry", "Livestock", "Cattle", "Veterinary"]),
  // saying the caller's own word
  livestock("zdu-test", "Zarimba Mini Dairy Unit Subsidy", ["Dairy", "Subsidy"]),
  livestock("zde-test", "Zarimba Dairy Entrepreneurship Scheme", ["Dairy", "Entrepreneur"]),
];
const others = otherKinds(["Library", "Sports", "Road", "Museum", "Tourism", "Film", "Drinking Water", "Solar Energy", "Forest", "Startup", "Broadband", "Bridge"]);

describe("the schemes saying the caller's own word for the help are offered", () => {
  const { ask } = madeUpEngine("sahayak-choice-own-word-", [...records, ...others]);
  for (const text of ["Which government schemes help someone set up a dairy?", "मुझे डेयरी चलानी है, सरकार की कौन सी योजनाएँ हैं?", "dairy ka kaam karna hai, sarkar ki kaun si yojana hai"]) {
    it(`dairy schemes, not livestock ones of another kind: "${text}"`, async () => {
      const reply = await ask(text);
      assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.every((id) => ["zdu-test", "zde-test"].includes(id)), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    });
  }
});
