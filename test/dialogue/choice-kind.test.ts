// The schemes a choice for a kind of help ranks: when none holds everything asked, each one holds the
// help asked for (whom it is for comes after), and a scheme whose own categories are named for what was
// asked comes before one that only lists it among its tags.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rankFitting, unitsFiledUnder } from "../../src/dialogue/choice.js";
import type { ConceptFit, ConceptUnit, SchemeMeta } from "../../src/knowledge/index.js";

function meta(schemeId: string, fields: Partial<SchemeMeta> = {}): SchemeMeta {
  return { schemeId, name: schemeId, nameHi: "", shortTitle: "", aliases: [], level: "central", state: "", states: ["All"], categories: [], beneficiaries: [], detailLevel: "full", prior: 1, duplicates: [], ...fields };
}

const fit = (schemeId: string, held: boolean[]): ConceptFit => ({ schemeId, held, matched: held.filter(Boolean).length, inName: 0 });

describe("a choice holds the help asked for", () => {
  // "help for a daughter's marriage": the groups woman and child, the kind marriage
  const units: ConceptUnit[] = [
    { label: "woman", group: "woman", stems: [] },
    { label: "child", group: "child", stems: [] },
    { label: "shaadi", stems: ["marriag", "vivah"] },
  ];
  const kinds = [false, false, true];
  const metas = new Map([meta("girl-marriage"), meta("girls-school"), meta("marriage-grant")].map((m) => [m.schemeId, m]));
  const fits = [fit("girl-marriage", [true, false, true]), fit("girls-school", [true, true, false]), fit("marriage-grant", [false, false, true])];

  it("leaves out a scheme for the same people that is not the help asked for", () => {
    const ranked = rankFitting(fits, units.length, (id) => metas.get(id), { kinds, units });
    assert.deepEqual(
      ranked.map((r) => r.schemeId),
      ["girl-marriage", "marriage-grant"],
    );
    assert.equal(ranked[0]!.best, true);
  });

  it("ranks as before when one scheme holds everything asked", () => {
    const all = [...fits, fit("all-three", [true, true, true])];
    const ranked = rankFitting(all, units.length, (id) => metas.get(id) ?? meta(id), { kinds, units });
    assert.equal(ranked[0]!.schemeId, "all-three");
  });
});

describe("a scheme filed under what was asked comes first", () => {
  // "a loan for business": the kind loan, the group entrepreneur
  const units: ConceptUnit[] = [
    { label: "loan", stems: ["loan"] },
    { label: "entrepreneur", group: "entrepreneur", stems: [] },
  ];
  const bank = meta("a-bank-loan", { categories: ["banking-finance-insurance", "Banking,Financial Services and Insurance"] });
  const business = meta("b-business-loan", { categories: ["business-entrepreneurship", "Business & Entrepreneurship"] });
  const metas = new Map([bank, business].map((m) => [m.schemeId, m]));

  it("counts the units a scheme's categories are named for", () => {
    assert.equal(unitsFiledUnder(business, units), 1);
    assert.equal(unitsFiledUnder(bank, units), 0);
  });

  it("offers the business loan before the bank loan", () => {
    const fits = [fit("a-bank-loan", [true, true]), fit("b-business-loan", [true, true])];
    const ranked = rankFitting(fits, units.length, (id) => metas.get(id), { kinds: [true, false], units });
    assert.deepEqual(
      ranked.map((r) => r.schemeId),
      ["b-business-loan", "a-bank-loan"],
    );
  });
});

describe("the help asked for is held by a scheme's name or own tags", () => {
  // "help for a daughter's marriage": the group woman, the kind marriage; a scheme for deserted women is
  // filed in the category "Marriage" without being marriage help
  const units: ConceptUnit[] = [
    { label: "woman", group: "woman", stems: [] },
    { label: "shaadi", stems: ["marriag", "vivah"] },
  ];
  const metas = new Map([meta("a-deserted-women"), meta("b-marriage-grant")].map((m) => [m.schemeId, m]));
  const fits: ConceptFit[] = [
    { ...fit("a-deserted-women", [true, true]), firm: [true, false] },
    { ...fit("b-marriage-grant", [false, true]), firm: [false, true] },
  ];

  it("offers the marriage grant, not the scheme only filed under marriage", () => {
    const ranked = rankFitting(fits, units.length, (id) => metas.get(id), { kinds: [false, true], units });
    assert.deepEqual(
      ranked.map((r) => r.schemeId),
      ["b-marriage-grant"],
    );
  });

  it("keeps a category's schemes when no scheme's own tags hold the help", () => {
    const loose = fits.map((f) => ({ ...f, firm: [f.held[0]!, false] }));
    const ranked = rankFitting(loose, units.length, (id) => metas.get(id), { kinds: [false, true], units });
    assert.equal(ranked[0]!.schemeId, "a-deserted-women");
  });
});

describe("the caller's state's own schemes come first among those holding as much", () => {
  const units: ConceptUnit[] = [{ label: "pension", stems: ["pension"] }];
  const central = meta("a-central-pension", { prior: 2 });
  const own = meta("b-state-pension", { level: "state", states: ["Bihar"], prior: 0 });
  const metas = new Map([central, own].map((m) => [m.schemeId, m]));
  const fits = [fit("a-central-pension", [true]), fit("b-state-pension", [true])];

  it("puts Bihar's pension first for a caller in Bihar, whatever the central one's prior", () => {
    const ranked = rankFitting(fits, units.length, (id) => metas.get(id), { kinds: [true], units, state: "Bihar" });
    assert.deepEqual(
      ranked.map((r) => r.schemeId),
      ["b-state-pension", "a-central-pension"],
    );
  });
});
