// Figures asked beyond the first one a record gives: a sum asked of a scheme that gives its benefit only as a
// share ("60% of the daily wage"), and two amounts asked at once by a caller who tells an age ("how much at sixty,
// and how much later?"). Made-up schemes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { amountsAsked } from "../../src/dialogue/nlu.js";
import { madeUpEngine, scheme } from "./engine-over.js";

const idleWeavers = scheme({
  schemeId: "zkrb-test",
  name: { en: "Zandolia Karigar Rahat Bhatta", hi: "ज़ांडोलिया कारीगर राहत भत्ता" },
  description: { en: "Relief for registered artisans whose workshop has shut down." },
  benefits: {
    en: ["The scheme gives relief to the extent of 60% of the average daily earnings of the artisan.", "The relief amount is paid for at most 120 days of idleness in a lifetime, once the artisan has worked two years.", "The artisan keeps free treatment at the state dispensary for as long as the relief is being paid to the artisan by the board.", "The money is paid by the board straight into the artisan's own savings account at a bank or post office every fortnight, after the district officer checks that the workshop has stayed shut."],
  },
  eligibility: { criteria: { en: ["The artisan must have been registered with the board for three years."] }, exclusions: {} },
});
const elderBoatmen = scheme({
  schemeId: "zmnp-test",
  name: { en: "Zenthal Machhuara Nav Pension", hi: "ज़ेंथल मछुआरा नाव पेंशन" },
  description: { en: "A pension for old boatmen of the state." },
  benefits: { en: ["Boatmen aged 60 to 74 years are paid ₹900 a month.", "Boatmen aged 75 years and above are paid ₹1,400 a month.", "The pension is paid by the fisheries department straight into the boatman's bank account in the first week of every month, and it goes on being paid for as long as the boatman lives in the state."] },
  eligibility: { criteria: { en: ["The boatman must be 60 years or older."] }, exclusions: {} },
});

describe("figures beyond the first", () => {
  const made = madeUpEngine("sahayak-facts-figures-", [idleWeavers, elderBoatmen]);

  it("counts the amounts a question asks, each by its word", () => {
        assert.equal(amountsAsked("pehle saal kitna milega, doosre saal kitna"), 2);
        assert.equal(amountsAsked("how much will come to me, and over how many days"), 1);
  });

  it("a sum asked of a share: the share, and the time asked with it", async () => {
    const r = await made.ask("What money is given to an idle artisan by the Zandolia Karigar Rahat Bhatta, and up to what number of days?");
    assert.equal(r.action, "answer", r.text);
    assert.match(r.text, /60%/, r.text);
    assert.match(r.text, /120 days/, r.text);
  });

  it("two amounts asked beside an age told: both figures", async () => {
    const r = await made.ask("Grandpa is 78 now. In the Zenthal Machhuara Nav Pension, how much does a boatman of sixty draw, and how much does it rise to later?");
    assert.equal(r.action, "answer", r.text);
    assert.match(r.text, /₹900/, r.text);
    assert.match(r.text, /1,400/, r.text);
  });
});
