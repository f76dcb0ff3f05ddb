// Other Indian scripts written as Devanagari, and their everyday words (and Marathi's) put into Hindi:
// a scheme's name said in Bengali, Tamil or Telugu meets the name the knowledge base holds.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toDevanagari, hasOtherIndic } from "../../src/knowledge/indic.js";
import { IndicGloss } from "../../src/knowledge/indic-gloss.js";
import { MarathiGloss } from "../../src/knowledge/marathi.js";
import { phoneticKeys } from "../../src/knowledge/text.js";

describe("other Indian scripts as Devanagari", () => {
  it("a name is the same word in every script", () => {
    assert.equal(toDevanagari("আয়ুষ্মান ভারত"), "आयुष्मान भारत");
    assert.equal(toDevanagari("ଆୟୁଷ୍ମାନ ଭାରତ"), "आयुष्मान भारत");
    assert.equal(toDevanagari("ಮನರೇಗಾ"), "मनरेगा");
    assert.equal(toDevanagari("મનરેગા"), "मनरेगा");
    assert.equal(toDevanagari("ਕਿਸਾਨ"), "किसान");
  });

  it("what the offsets get wrong is written as Hindi hears it", () => {
    // Tamil: a word closes on a dead consonant Hindi leaves bare; its lone ca is "s"; its alveolar n is n
    assert.equal(toDevanagari("கிசான்"), "किसान");
    assert.equal(toDevanagari("பச்சை"), "पच्चै");
    // Telugu's final anusvara is said "m"; Bengali's khanda ta is a dead t; Malayalam's chillu n is a dead n
    assert.equal(toDevanagari("పీఎం"), "पीएम");
    assert.equal(toDevanagari("চিকিৎসা"), "चिकित्सा");
    assert.equal(toDevanagari("പെൻഷൻ"), "पेन्षन");
    // digits of any script are the digits callers type
    assert.equal(toDevanagari("৫০০০ টাকা"), "5000 टाका");
  });

  it("Latin and Devanagari are left as they are", () => {
    assert.equal(toDevanagari("PM किसान yojana"), "PM किसान yojana");
    assert.equal(hasOtherIndic("PM किसान yojana"), false);
    assert.equal(hasOtherIndic("পিএম কিষাণ"), true);
  });

  it("names in Bengali, Tamil and Telugu sound as in Hindi, romanised Hindi and English", () => {
    const keys = phoneticKeys("pm kisan");
    assert.deepEqual(phoneticKeys("पीएम किसान"), keys);
    assert.deepEqual(phoneticKeys("பிஎம் கிசான்"), keys);
    assert.deepEqual(phoneticKeys("పీఎం కిసాన్"), keys);
    assert.deepEqual(phoneticKeys("আয়ুষ্মান ভারত"), phoneticKeys("Ayushman Bharat"));
  });
});

describe("everyday words of other languages in Hindi", () => {
  const gloss = IndicGloss.load();
  it("words of asking and of schemes are glossed, endings and all; names are left alone", () => {
    assert.equal(gloss.toHindi(toDevanagari("আয়ুষ্মান ভারতে কত টাকা")), "आयुष्मान भारते कितना पैसे");
    assert.equal(gloss.toHindi(toDevanagari("திட்டத்தில் எவ்வளவு")), "योजना कितना");
    assert.equal(gloss.toHindi(toDevanagari("పథకంలో ఎంత డబ్బు")), "योजना कितना पैसे");
  });
});

describe("Marathi in Hindi", () => {
  const marathi = MarathiGloss.load();
  it("Marathi's own words and postpositions become Hindi", () => {
    assert.equal(marathi.toHindi("घरकुल योजनेसाठी अर्ज कसा करावा"), "आवास योजना के लिए आवेदन कैसे करें");
    assert.equal(marathi.toHindi("शेतकऱ्यांना पीक विम्याचे किती पैसे मिळतात"), "किसानों को फसल बीमा के कितना पैसे मिलते हैं");
  });
  it("Hindi is not Marathi, and Hindi words that end as a Marathi postposition stay whole", () => {
    assert.equal(marathi.share("किसान योजना में कितने पैसे मिलते हैं"), 0);
    assert.equal(marathi.share("पेंशन वाला खेत मेला"), 0);
    assert.ok(marathi.share("मला पेन्शन कधी मिळेल") >= 0.5);
    assert.equal(marathi.toHindi("भारत"), "भारत");
  });
});
