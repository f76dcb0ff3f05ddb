// No state known, central schemes come first, but only when they hold what was asked as fully as other states'
// schemes do: central schemes for the group alone (workers' insurance, workers' pensions) are no answer to a
// kind of help only states' schemes give (artificial limbs for workers). English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { madeUpEngine, otherKinds, scheme } from "./engine-over.js";

const central = (schemeId: string, en: string, tags: string[]) => scheme({ schemeId, name: { en }, tags, categories: ["social-welfare"], level: "central", state: null, applicableStates: [] });
const ofState = (schemeId: string, en: string, tags: string[], state: string) => scheme({ schemeId, name: { en }, tags, categories: ["social-welfare"], level: "state", state, applicableStates: [state] });
const records = [
  central("zwai-test", "Zarimba Workers Accident Insurance", ["Workers", "Accident", "Insurance"]),
  central("zwpn-test", "Zarimba Shramik Pension", ["Unorganised Workers", "Pension"]),
  central("zwsk-test", "Zarimba Workers Skill Grant", ["Workers", "Skill Training"]),
  ofState("zal1-test", "Zarimba Shramik Divyang Sahayata", ["Artificial Limbs", "Workers", "Disability"], "Haryana"),
  ofState("zal2-test", "Zarimba Limb Fitting Aid", ["Artificial Limbs", "Workers"], "Kerala"),
];
const others = otherKinds(["Library", "Sports", "Road", "Museum", "Tourism", "Film", "Drinking Water", "Solar Energy", "Forest", "Startup", "Broadband", "Bridge"]);

describe("no state known: central schemes only when they hold what was asked", () => {
  const { ask } = madeUpEngine("sahayak-choice-central-holds-", [...records, ...others]);
  for (const text of [
    "Is there any help for workers who need artificial limbs?",
    "मज़दूरों के लिए कृत्रिम अंग की कोई योजना है?",
    "mazdooron ko artificial limb lagwane ke liye koi yojana hai?",
  ]) {
    it(`the states' schemes that give it: "${text}"`, async () => {
      const reply = await ask(text);
      assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.every((id) => ["zal1-test", "zal2-test"].includes(id)), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    });
  }

  it("central schemes still come first when they hold it", async () => {
    const reply = await ask("Is there accident insurance or a pension for workers?");
    assert.ok(reply.schemeIds.length >= 1 && reply.schemeIds.every((id) => id.startsWith("zw")), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
  });
});
