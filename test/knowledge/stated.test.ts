// What a scheme's own record files it as: the words of its name, tags and sub-categories, never a broad shelf.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StatedKinds } from "../../src/knowledge/stated.js";

describe("stated kinds", () => {
  const shelf = "Banking,Financial Services and Insurance";
  const rows = [
    // a name that says nothing of its kind; its labels do
    { schemeId: "worker-saving", ft_name_en: "Shramik Suraksha Maan Nidhi", ft_tags_en: `Pensions\nLabour\n${shelf}` },
    // the kind only in a broad shelf: the record does not say it is of that kind
    { schemeId: "farm-pension", ft_name_en: "Krishak Maan Nidhi", ft_tags_en: `Pension\nSmall Farmers\n${shelf}` },
    { schemeId: "health-cover", ft_name_en: "Jan Swasthya Yojana", ft_tags_en: "Health\nHealth Insurance\nHospitalisation" },
    { schemeId: "crop-cover", ft_name_en: "Fasal Suraksha Insurance Scheme", ft_tags_en: "Crop\nFarmers" },
  ];
  const stated = StatedKinds.of(rows, new Set([shelf]));
  const ids = (groups: string[][]) => [...stated.holding(groups)].sort();

  it("a kind is held where the record files it, in its name or its labels, in any inflection", () => {
    assert.deepEqual(ids([["pension"]]), ["farm-pension", "worker-saving"]);
    assert.deepEqual(ids([["insurances", "bima"]]), ["crop-cover", "health-cover"]);
    assert.deepEqual(ids([["pension"], ["farmer"]]), ["farm-pension"]);
    assert.deepEqual(ids([["crop"], ["insurance"]]), ["crop-cover"]);
  });

  it("a broad shelf holding many kinds files no scheme under them", () => {
    assert.ok(!stated.holding([["insurance"]]).has("farm-pension"));
    assert.ok(!stated.holding([["banking"]]).has("worker-saving"));
    assert.deepEqual(ids([]), []);
  });
});
