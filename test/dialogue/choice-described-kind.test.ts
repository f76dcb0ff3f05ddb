// A crop said in the words that describe a farmer ("we grow paddy") is a kind of help of its own when schemes'
// own tags file far fewer schemes under it than under farmers: the choice is of the schemes for that crop (here
// only states' ones), not of central schemes for farmers that share a broad kind word ("incentive") with the question.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { madeUpEngine, otherKinds, scheme } from "./engine-over.js";

const central = (schemeId: string, en: string, tags: string[]) => scheme({ schemeId, name: { en }, tags, categories: ["agriculture-rural-environment"], level: "central", state: null, applicableStates: [] });
const ofState = (schemeId: string, en: string, tags: string[], state: string) => scheme({ schemeId, name: { en }, tags, categories: ["agriculture-rural-environment"], level: "state", state, applicableStates: [state] });
// many schemes for farmers, so that a crop's few are a narrower kind
const forFarmers = Array.from({ length: 12 }, (_, i) => central(`zfi${i}-test`, `Zarimba Krishak Yojana ${"ABCDEFGHIJKL"[i]}`, ["Farmer", "Incentive", "Agriculture"]));
const records = [
  ...forFarmers,
  ofState("zpd1-test", "Zarimba Paddy Growers Bonus", ["Paddy", "Farmer", "Incentive"], "Odisha"),
  ofState("zpd2-test", "Zarimba Paddy Procurement Incentive", ["Paddy", "Farmer"], "Chhattisgarh"),
];
const others = otherKinds(["Library", "Sports", "Road", "Museum", "Tourism", "Film", "Drinking Water", "Solar Energy", "Forest", "Startup", "Broadband", "Bridge"]);

describe("a crop the caller grows, said as what farmers do, is the kind of help asked", () => {
  const { ask } = madeUpEngine("sahayak-choice-described-kind-", [...records, ...others]);
  for (const text of ["On our three acres my uncle and I grow paddy. What incentive do paddy farmers like us get?", "This kharif we grow paddy again; is some incentive paid to farmers that grow paddy?"]) {
    it(`the crop's schemes, not farmers' schemes at large: "${text}"`, async () => {
      const reply = await ask(text);
      assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.every((id) => id.startsWith("zpd")), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    });
  }

  it("farmers asked for alone still get central schemes for farmers", async () => {
    const reply = await ask("Tell me the incentive schemes meant for farmers.");
    assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.every((id) => !id.startsWith("zpd")), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
  });
});
