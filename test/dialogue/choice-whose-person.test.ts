// A word that only says whose someone is ("garib ghar ki beti": a daughter of a poor home) describes the
// person the help is for; it is no second kind of help asked beside the one asked ("shaadi"): the choice
// is of marriage schemes, not of housing ones for girls.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { madeUpEngine, otherKinds, scheme } from "./engine-over.js";

const welfare = (schemeId: string, en: string, tags: string[]) => scheme({ schemeId, name: { en }, tags, categories: ["social-welfare"] });
const records = [
  welfare("zkv-test", "Zarimba Kanya Vivah Sahayata", ["Marriage", "Girl", "Below Poverty Line"]),
  welfare("zsm-test", "Zarimba Shagun Marriage Grant", ["Marriage Grant", "Marriage", "Daughter", "Poor"]),
  welfare("zgh-test", "Zarimba Girls Housing Assistance", ["Housing", "House", "Girl", "Poor"]),
  welfare("zha-test", "Zarimba Awas Grant for Women", ["Housing", "House", "Women"]),
];
const others = otherKinds(["Library", "Sports", "Road", "Museum", "Tourism", "Film", "Drinking Water", "Solar Energy", "Forest", "Startup", "Broadband", "Bridge"]);

describe("a word that says whose the person is, is no kind of help asked", () => {
  const { ask } = madeUpEngine("sahayak-choice-whose-person-", [...records, ...others]);
  for (const text of ["Is there any support for the marriage of a daughter of a poor house?", "हमारे गरीब घर की बेटी की शादी तय हुई है, कोई सरकारी सहायता मिलेगी?", "garib ghar ki beti ka vivah hai, sarkar kya sahayata deti hai"]) {
    it(`marriage schemes only: "${text}"`, async () => {
      const reply = await ask(text);
      assert.ok(reply.schemeIds.length >= 2 && reply.schemeIds.every((id) => ["zkv-test", "zsm-test"].includes(id)), `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`);
    });
  }
});
