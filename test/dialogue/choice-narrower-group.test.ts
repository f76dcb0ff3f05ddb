// A word that narrows the group the caller says they belong to ("unorganised" of workers), as the schemes'
// tags pair the two, is whom the help is for even when said only in the caller's account of themselves
// before the question: the choice is of the schemes for that narrower group, not of every workers' scheme.
// English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { madeUpEngine, otherKinds, scheme } from "./engine-over.js";

const welfare = (schemeId: string, en: string, tags: string[]) => scheme({ schemeId, name: { en }, tags, categories: ["social-welfare"] });
const records = [
  welfare("zcw1-test", "Zarimba Shramik Housing Grant", ["Construction Workers", "Housing"]),
  welfare("zcw2-test", "Zarimba Labour Tool Kit", ["Labour", "Tools", "Construction Workers"]),
  welfare("zuw1-test", "Zarimba Shram Yogi Pension", ["Unorganised Worker", "Pension"]),
  welfare("zuw2-test", "Zarimba Karmakar Suraksha", ["Unorganised Workers", "Insurance"]),
];
const others = otherKinds(["Library", "Sports", "Road", "Museum", "Tourism", "Film", "Drinking Water", "Solar Energy", "Forest", "Startup", "Broadband", "Bridge"]);

describe("a word narrowing the caller's group, said in their account of themselves", () => {
  const { ask } = madeUpEngine("sahayak-choice-narrower-group-", [...records, ...others]);
  for (const text of ["I work as an unorganised worker in the city. Which schemes are there for me?", "मैं शहर में असंगठित मज़दूर हूँ। मेरे लिए कौन सी योजनाएँ हैं?", "Main shahar mein asangathit mazdoor hoon. Mere liye kaunsi yojanayein hain?"]) {
    it(`offers the narrower group's schemes: "${text}"`, async () => {
      const reply = await ask(text);
      assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.every((id) => id.startsWith("zuw")), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    });
  }
});
