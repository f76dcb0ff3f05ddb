// The fact a caller asks for, in general language (issue 15): whether someone cannot apply ("or can men
// not apply?") is answered by who is left out, not by the steps of applying; "how many from one family" by
// a count of people, not by amounts; "the interest, and the most I may deposit" by both figures; a time the
// caller tells of ("he died last month") asks for no time; and a time limit asked ("by when, after sowing")
// is answered by the limit in whatever field the record writes it. Made-up schemes no code has seen.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { questionAsks, scoreIntents } from "../../src/dialogue/nlu.js";
import { answersKind } from "../../src/dialogue/unit-evidence.js";
import { madeUpEngine, scheme } from "./engine-over.js";

const gas = scheme({
  schemeId: "zrg-test",
  name: { en: "Zarimba Rasoi Gas Yojana", hi: "ज़रिम्बा रसोई गैस योजना" },
  description: { en: "The Zarimba Rasoi Gas Yojana gives a free cooking gas connection to poor households.", hi: "ज़रिम्बा रसोई गैस योजना गरीब परिवारों को मुफ्त रसोई गैस कनेक्शन देती है।" },
  eligibility: {
    criteria: {
      en: ["The applicant must be an adult woman of a poor household.", "The household must not already have a gas connection."],
      hi: ["आवेदक गरीब परिवार की वयस्क महिला होनी चाहिए।", "परिवार के पास पहले से गैस कनेक्शन नहीं होना चाहिए।"],
    },
    exclusions: { en: ["Male members of a household cannot apply for the scheme."], hi: ["परिवार के पुरुष सदस्य इस योजना के लिए आवेदन नहीं कर सकते।"] },
  },
  applicationProcess: {
    en: [{ mode: "Offline", steps: ["Visit the nearest gas agency with your ration card.", "Fill in the connection form and sign it.", "Choose the size of the cylinder.", "Hand the form to the agency."] }],
    hi: [{ mode: "Offline", steps: ["राशन कार्ड के साथ नज़दीकी गैस एजेंसी जाएँ।", "कनेक्शन फॉर्म भरें और हस्ताक्षर करें।", "सिलेंडर का आकार चुनें।", "फॉर्म एजेंसी को दें।"] }],
  },
});

const loan = scheme({
  schemeId: "zur-test",
  name: { en: "Zarimba Udyam Rin Yojana", hi: "ज़रिम्बा उद्यम ऋण योजना" },
  description: { en: "The Zarimba Udyam Rin Yojana lends money to start a small unit.", hi: "ज़रिम्बा उद्यम ऋण योजना छोटी इकाई शुरू करने के लिए ऋण देती है।" },
  benefits: {
    en: ["A loan of up to ₹ 8,00,000 is given for a manufacturing unit.", "A loan of up to ₹ 4,00,000 is given for a service unit.", "A subsidy of 20% of the project cost is given."],
    hi: ["विनिर्माण इकाई के लिए ₹ 8,00,000 तक का ऋण दिया जाता है।", "सेवा इकाई के लिए ₹ 4,00,000 तक का ऋण दिया जाता है।", "परियोजना लागत की 20 प्रतिशत सब्सिडी दी जाती है।"],
  },
  eligibility: {
    criteria: { en: ["The applicant must be 18 years of age or older."], hi: ["आवेदक की आयु 18 वर्ष या उससे अधिक होनी चाहिए।"] },
    exclusions: { en: ["Only one person from a family is eligible for the loan."], hi: ["एक परिवार से केवल एक व्यक्ति ऋण के लिए पात्र है।"] },
  },
});

const savings = scheme({
  schemeId: "zbp-test",
  name: { en: "Zarimba Bachat Patra", hi: "ज़रिम्बा बचत पत्र" },
  description: { en: "The Zarimba Bachat Patra is a small savings certificate for women.", hi: "ज़रिम्बा बचत पत्र महिलाओं के लिए एक छोटा बचत प्रमाणपत्र है।" },
  benefits: {
    en: ["Interest Rate: a fixed interest of 7.2% per annum is paid.", "Deposit Limit: at most ₹ 1,50,000 can be put in one account.", "The certificate matures after two years."],
  },
});

const accident = scheme({
  schemeId: "zds-test",
  name: { en: "Zarimba Durghatna Sahayata", hi: "ज़रिम्बा दुर्घटना सहायता" },
  description: { en: "The Zarimba Durghatna Sahayata helps the family of a registered worker who dies in an accident." },
  documents: { en: ["Death certificate", "Copy of the First Information Report (FIR)", "Aadhaar card of the nominee", "Bank passbook of the nominee"] },
  applicationProcess: {
    en: [{ mode: "Online", steps: ["Log in to the board's portal and fill in the claim within 90 days of the death.", "Upload the documents and submit the claim."] }],
  },
});

const crop = scheme({
  schemeId: "zfr-test",
  name: { en: "Zarimba Fasal Raksha", hi: "ज़रिम्बा फसल रक्षा" },
  description: { en: "The Zarimba Fasal Raksha insures the crops of farmers against loss.", hi: "ज़रिम्बा फसल रक्षा किसानों की फसलों का नुकसान से बीमा करती है।" },
  benefits: {
    en: ["The farmer pays a premium of 2% for kharif crops.", "For rabi crops it is 1.5% and for annual commercial crops it is 5%.", "Crops left to dry in the field are covered for up to 14 days after harvest."],
    hi: ["किसान खरीफ फसलों के लिए 2 प्रतिशत प्रीमियम देता है।", "रबी फसलों के लिए यह डेढ़ प्रतिशत और वार्षिक वाणिज्यिक फसलों के लिए 5 प्रतिशत है।", "खेत में सूखने के लिए छोड़ी गई फसलें कटाई के बाद 14 दिनों तक कवर होती हैं।"],
  },
  eligibility: {
    criteria: {
      en: ["The farmer must grow a notified crop in a notified area.", "The farmer must apply for the insurance within 2 weeks of the start of sowing."],
      hi: ["किसान को अधिसूचित क्षेत्र में अधिसूचित फसल उगानी चाहिए।", "किसान को बुवाई शुरू होने के 2 सप्ताह के भीतर बीमा के लिए आवेदन करना चाहिए।"],
    },
    exclusions: {},
  },
});

describe("who cannot apply, asked", () => {
  const { ask } = madeUpEngine("sahayak-asked-what-", [gas, loan, savings, accident, crop]);

  it("'cannot apply' asks who is left out, in English, romanised Hindi and Hindi", () => {
    for (const q of ["is it that men cannot apply?", "kya purush aavedan nahi kar sakte", "क्या पुरुष आवेदन नहीं कर सकते?"]) assert.equal(scoreIntents(q).best, "exclusions", q);
  });

  it("is answered by who is left out, not by the steps of applying", async () => {
    for (const [q, fact] of [
      ["My wife died last year. Can I apply for the Zarimba Rasoi Gas Yojana in my own name, or is it that men cannot apply?", /Male members/],
      ["kya zarimba rasoi gas yojana me purush aavedan nahi kar sakte?", /पुरुष सदस्य|Male members/],
      ["क्या ज़रिम्बा रसोई गैस योजना में पुरुष आवेदन नहीं कर सकते?", /पुरुष सदस्य/],
    ] as [string, RegExp][]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.match(r.text, fact, `${q}: ${r.text}`);
    }
  });

  it("how many people of one family is a count of people, answered by the rule of one per family", async () => {
    for (const q of ["How many people from one family can take it?", "ek parivar se kitne log le sakte hain", "एक परिवार से कितने लोग ले सकते हैं?"]) assert.ok(questionAsks(q, true).includes("persons"), `${q}: ${questionAsks(q, true).join(",")}`);
    assert.ok(answersKind("एक परिवार से केवल एक व्यक्ति पात्र है।", "persons"));
    assert.ok(answersKind("Only one member per household may join.", "persons"));
    assert.ok(!answersKind("A loan of up to ₹ 8,00,000 is given.", "persons"));
    for (const [q, fact] of [
      ["Can my wife also take a loan under the Zarimba Udyam Rin Yojana? How many people from one family can take it?", /one person from a family/],
      ["kya meri patni bhi zarimba udyam rin yojana me loan le sakti hai? ek parivar se kitne log le sakte hain?", /एक परिवार से केवल एक व्यक्ति|one person from a family/],
      ["क्या मेरी पत्नी भी ज़रिम्बा उद्यम ऋण योजना में ऋण ले सकती है? एक परिवार से कितने लोग ले सकते हैं?", /एक परिवार से केवल एक व्यक्ति/],
    ] as [string, RegExp][]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.match(r.text, fact, `${q}: ${r.text}`);
    }
  });

  it("the interest and the most one may deposit, asked together, are both answered", async () => {
    for (const q of ["How much interest is paid, and how much can I deposit at most?", "byaj kitna milta hai aur zyada se zyada kitna jama kar sakte hain", "ब्याज कितना मिलता है और ज़्यादा से ज़्यादा कितना जमा कर सकते हैं?"]) {
      const asks = questionAsks(q, true);
      assert.ok(asks.includes("sum") && asks.includes("limit"), `${q}: ${asks.join(",")}`);
    }
    for (const q of [
      "How much interest does the Zarimba Bachat Patra pay, and how much can I deposit at most?",
      "zarimba bachat patra me byaj kitna milta hai aur zyada se zyada kitna jama kar sakte hain?",
      "ज़रिम्बा बचत पत्र में ब्याज कितना मिलता है और ज़्यादा से ज़्यादा कितना जमा कर सकते हैं?",
    ]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.match(r.text, /7\.2%/, `${q}: ${r.text}`);
      assert.match(r.text, /1,50,000/, `${q}: ${r.text}`);
    }
  });

  it("a time the caller tells of asks for no time, and the papers asked are said", async () => {
    for (const q of ["He died last month. What papers do I have to give?", "pichhle mahine unki maut ho gayi, kaun se kagaz dene honge", "पिछले महीने उनकी मौत हो गई, कौन से कागज़ देने होंगे?"]) assert.ok(!questionAsks(q, true).includes("duration"), `${q}: ${questionAsks(q, true).join(",")}`);
    // asked, a time is still asked
    for (const q of ["Within how many days must I claim?", "kitne din ke andar claim karna hai", "कितने दिन के अंदर दावा करना है?"]) assert.ok(questionAsks(q, true).includes("duration"), q);
    const r = await ask("My husband was a registered worker and died at a building site last month. For the Zarimba Durghatna Sahayata, what papers do I have to give?");
    assert.equal(r.action, "answer", r.text);
    assert.match(r.text, /First Information Report/, r.text);
  });

  it("a time limit asked is answered by the limit, in whatever field it is written, not by a benefit's term", async () => {
    for (const q of ["By when must I apply after sowing?", "buvai ke baad kitne din ke andar bima karwana hota hai", "बुवाई के बाद कितने दिन के अंदर बीमा करवाना होता है?"]) assert.ok(questionAsks(q, true).includes("deadline"), `${q}: ${questionAsks(q, true).join(",")}`);
    assert.ok(answersKind("आवेदन बुवाई शुरू होने के 2 सप्ताह के भीतर।", "deadline"));
    assert.ok(answersKind("Work is given within 15 days of the application.", "deadline"));
    assert.ok(!answersKind("For annual commercial crops it is 5%.", "deadline"));
    for (const [q, fact] of [
      ["By when do I have to apply for the Zarimba Fasal Raksha after sowing?", /2 weeks/],
      ["zarimba fasal raksha me buvai ke baad kitne din ke andar bima karwana hota hai?", /2 सप्ताह|2 weeks/],
      ["ज़रिम्बा फसल रक्षा में बुवाई के बाद कितने दिन के अंदर बीमा करवाना होता है?", /2 सप्ताह/],
    ] as [string, RegExp][]) {
      const r = await ask(q);
      assert.equal(r.action, "answer", `${q}: ${r.text}`);
      assert.match(r.text, fact, `${q}: ${r.text}`);
    }
  });
});
