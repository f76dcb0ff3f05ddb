// The sentences that answer the question asked, on made-up records: a word of the scheme's name asks for
// no field, "how often" wants how often, the sentences picked are all said, and letters spelt out with
// dots meet the word a caller writes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { rankUnits, speakFrom } from "../../src/dialogue/compose.js";
import { questionWords } from "../../src/dialogue/unit-evidence.js";
import { newContext, type DialogueEngine } from "../../src/dialogue/index.js";
import { questionAsks } from "../../src/dialogue/nlu.js";
import { sentences, unitPool } from "../../src/dialogue/units.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const BUDGET = 40;

/** The texts of the units a ranking picks as the answer. */
function pickedTexts(pool: ReturnType<typeof unitPool>, ranking: ReturnType<typeof rankUnits>): string[] {
  return ranking.order.slice(0, ranking.picked).map((i) => pool[i]!.text);
}

/** A savings scheme whose name says "certificate", a word that otherwise asks for documents. */
const savings = scheme({
  schemeId: "zbc-test",
  name: { en: "Zarimba Bachat Certificate", hi: "ज़रिम्बा बचत प्रमाण पत्र" },
  description: { en: "The Zarimba Bachat Certificate is a small savings scheme for women.", hi: "ज़रिम्बा बचत प्रमाण पत्र महिलाओं के लिए एक छोटी बचत योजना है।" },
  benefits: {
    en: ["Interest of 7% a year is paid on the deposit, added every quarter.", "A maximum of ₹1,50,000 may be deposited in all the accounts of one holder."],
    hi: ["जमा राशि पर हर साल 7% ब्याज मिलता है, जो हर तिमाही जोड़ा जाता है।", "एक खाताधारक के सभी खातों में अधिकतम ₹1,50,000 जमा किए जा सकते हैं।"],
  },
  eligibility: { criteria: { en: ["Any woman may open an account."], hi: ["कोई भी महिला खाता खोल सकती है।"] }, exclusions: {} },
  documents: { en: ["Aadhaar Card", "PAN Card", "Passport size photograph"], hi: ["आधार कार्ड", "पैन कार्ड", "पासपोर्ट साइज फोटो"] },
});

/** A scheme whose name says "Pension": what it is says no figure, its benefits do. */
const pension = scheme({
  schemeId: "zsp-test",
  name: { en: "Zarimba Shramik Pension Sahayata", hi: "ज़रिम्बा श्रमिक पेंशन सहायता" },
  description: { en: "The Zarimba Shramik Pension Sahayata supports old building workers of the state.", hi: "ज़रिम्बा श्रमिक पेंशन सहायता राज्य के बुज़ुर्ग भवन श्रमिकों की सहायता करती है।" },
  detailedDescription: { en: "It was started to give registered workers security in old age.", hi: "इसे पंजीकृत श्रमिकों को बुढ़ापे में सुरक्षा देने के लिए शुरू किया गया।" },
  benefits: { en: ["A pension of ₹ 1,500 is paid every month."], hi: ["हर महीने ₹ 1,500 की पेंशन दी जाती है।"] },
});

/** A scheme whose steps say how to register first and, last, where to see an application's status. */
const tracked = scheme({
  schemeId: "zkv-test",
  name: { en: "Zarimba Krishak Vetan", hi: "ज़रिम्बा कृषक वेतन" },
  applicationProcess: {
    en: [{ mode: "Online", steps: ["Visit the portal zkv.gov.in and open the farmers corner on its home page.", "Click on the New Registration option and choose your state and district from the lists.", "Enter your Aadhaar number and mobile number, then the one time password sent to that mobile.", "Fill in the form with your land records and bank account and upload the documents.", "Click on Submit and note the registration number shown on the screen.", "Know your status: zkv.gov.in/ApplicationStatus.aspx."] }],
    hi: [{ mode: "ऑनलाइन", steps: ["पोर्टल zkv.gov.in पर जाएँ और उसके मुख्य पृष्ठ पर किसान कोना खोलें।", "नया पंजीकरण विकल्प पर क्लिक करें और सूची से अपना राज्य और ज़िला चुनें।", "अपना आधार नंबर और मोबाइल नंबर दर्ज करें, फिर उस मोबाइल पर आया ओटीपी डालें।", "अपनी ज़मीन के कागज़ और बैंक खाते के साथ फॉर्म भरें और दस्तावेज़ अपलोड करें।", "जमा करें पर क्लिक करें और स्क्रीन पर दिखा पंजीकरण नंबर लिख लें।", "अपनी स्थिति जानें: zkv.gov.in/ApplicationStatus.aspx।"] }],
  },
});

describe("a word of the scheme's name asks for no field", () => {
  const dir = tempDir("sahayak-asked-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(["pm-kisan", "apy"]), savings, pension, tracked])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });

  it("answers how much may be deposited, not the documents, though the name says 'certificate' ('प्रमाण पत्र')", async () => {
    const cases: [string, RegExp][] = [
      ["What is the maximum I can deposit in Zarimba Bachat Certificate?", /₹1,50,000/],
      ["ज़रिम्बा बचत प्रमाण पत्र में अधिकतम कितना पैसा जमा कर सकते हैं?", /₹1,50,000/],
      ["zarimba bachat certificate me maximum kitna paisa jama kar sakte hai", /₹1,50,000/],
    ];
    for (const [q, fact] of cases) {
      const r = await engine.respond({ text: q }, newContext("a"));
      assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "zbc-test"], `${q}: ${r.text}`);
      assert.notEqual(r.field, "documents", `${q}: ${r.text}`);
      assert.match(r.text, fact, q);
    }
  });

  for (const q of ["What is the pension under Zarimba Shramik Pension Sahayata?", "ज़रिम्बा श्रमिक पेंशन सहायता में पेंशन क्या है?", "zarimba shramik pension sahayata me pension kya hai"]) {
    it(`asks by a word of the name said a second time, away from the name: "${q}"`, async () => {
      const r = await engine.respond({ text: q }, newContext("p"));
      assert.equal(r.schemeIds[0], "zsp-test", `${q}: ${r.text}`);
      // answered from the sentence with the sum, not told what the scheme is
      assert.equal(r.field, "benefits", `${q}: ${r.text}`);
      assert.match(r.text, /1,500/, q);
    });
  }

  it("answers how to check the status with the status step, not the first steps of registering (the link says 'Status')", async () => {
    for (const q of ["How do I check my application status for Zarimba Krishak Vetan?", "ज़रिम्बा कृषक वेतन का status कैसे check करें?", "zarimba krishak vetan ka status kaise check kare"]) {
      const r = await engine.respond({ text: q }, newContext("s"));
      assert.equal(r.schemeIds[0], "zkv-test", `${q}: ${r.text}`);
      assert.match(r.text, /ApplicationStatus/, `${q}: ${r.text}`);
    }
  });

  it("still answers with the documents when the question's own words ask for them", async () => {
    for (const q of ["What documents do I need for Zarimba Bachat Certificate?", "ज़रिम्बा बचत प्रमाण पत्र के लिए कौन से दस्तावेज़ चाहिए?", "zarimba bachat certificate ke liye kaun se documents chahiye"]) {
      const r = await engine.respond({ text: q }, newContext("b"));
      assert.equal(r.field, "documents", `${q}: ${r.text}`);
    }
  });
});

describe("sentences for the question asked", () => {
  it("reads 'how often' as asking how often, not any time", () => {
    for (const q of ["how often do I pay the contribution", "contribution kitni baar dena hota hai", "अंशदान कितनी बार देना होता है"]) assert.deepEqual(questionAsks(q), ["frequency"], q);
    assert.deepEqual(questionAsks("how long does the payment take"), ["duration"]);
  });

  it("answers 'how often' with how often ('monthly, quarterly'), not with an event ('upon exit at 60')", () => {
    const record = scheme({
      schemeId: "zab-test",
      name: { en: "Zarimba Ansh Bachat" },
      benefits: { en: ["Upon exit at 60 years, the contributions are returned with the pension."], hi: ["60 वर्ष पर बाहर निकलने पर अंशदान पेंशन के साथ लौटाया जाता है।"] },
      eligibility: {
        criteria: { en: ["The contribution is paid by auto-debit on a monthly, quarterly or half-yearly basis."], hi: ["अंशदान बचत खाते से मासिक, तिमाही या छमाही आधार पर ऑटो-डेबिट से जमा होता है।"] },
        exclusions: {},
      },
    });
    // the kind of fact alone decides: both sentences hold the caller's other words
    const cases: [string, "en" | "hi"][] = [
      ["how often is the contribution paid", "en"],
      ["contribution kitni baar dena hota hai", "hi"],
      ["अंशदान कितनी बार देना होता है", "hi"],
    ];
    for (const [q, lang] of cases) {
      const pool = unitPool(record, lang, BUDGET);
      const ranking = rankUnits(pool, "description", questionWords([], () => []), questionAsks(q), BUDGET, lang, false);
      const picked = pickedTexts(pool, ranking);
      assert.ok(picked.some((t) => /monthly|मासिक/.test(t)), `${q}: ${picked.join(" | ")}`);
      assert.ok(!picked.some((t) => /Upon exit|बाहर निकलने/.test(t)), `${q}: ${picked.join(" | ")}`);
    }
  });

  it("picks a sentence that is said with the best one within about the budget, not a weaker one for being shorter", () => {
    const record = scheme({
      schemeId: "zfr-test",
      name: { en: "Zarimba Fasal Raksha" },
      benefits: {
        en: [
          "Low premiums: the most premium a farmer pays is 2% of the sum insured for the crops of the rainy season.",
          "For farmers of the hill districts and the islands, the government pays all of the premium for them.",
          "For the crops of the winter season the farmer pays a premium of 1.5% and for the yearly garden crops 5% of the sum insured. The rest of the premium is paid by the government.",
        ],
        hi: [
          "कम प्रीमियम: किसान बरसात के मौसम की फसलों के लिए बीमा राशि का अधिकतम 2% प्रीमियम देता है और बाकी सरकार देती है।",
          "पहाड़ी ज़िलों और द्वीपों के किसानों के लिए पूरा प्रीमियम सरकार अपनी ओर से देती है।",
          "सर्दी के मौसम की फसलों के लिए किसान 1.5% प्रीमियम और सालाना बागवानी फसलों के लिए बीमा राशि का 5% देता है। प्रीमियम का बाकी हिस्सा सरकार देती है।",
        ],
      },
    });
    const hindiFor = (w: string) => (w === "premium" ? ["प्रीमियम"] : w === "farmer" ? ["किसान"] : []);
    const cases: [string[], "en" | "hi"][] = [
      [["premium", "farmer"], "en"],
      [["premium", "farmer"], "hi"],
      [["प्रीमियम", "किसान"], "hi"],
    ];
    for (const [words, lang] of cases) {
      const pool = unitPool(record, lang, BUDGET);
      const ranking = rankUnits(pool, "benefits", questionWords(words, () => [], hindiFor), ["amount"], BUDGET, lang);
      assert.ok(pickedTexts(pool, ranking).some((t) => /1\.5%/.test(t)), `${words.join(" ")} (${lang}): ${pickedTexts(pool, ranking).join(" | ")}`);
    }
  });

  it("meets letters spelt out with dots ('एल. आई. जी.', 'L.I.G.') in the word a caller writes ('एलआईजी', 'LIG')", () => {
    const record = scheme({
      schemeId: "zgy-test",
      name: { en: "Zarimba Griha Yojana" },
      eligibility: {
        criteria: {
          en: ["(a) E.W.S. families with a yearly income up to ₹3,00,000.", "(b) L.I.G. families with a yearly income from ₹3,00,001 to ₹6,00,000."],
          hi: ["क) ई. डब्ल्यू. एस. परिवार जिनकी वार्षिक आय ₹3,00,000 तक है।", "ख) एल. आई. जी. परिवार जिनकी वार्षिक आय ₹3,00,001 से ₹6,00,000 तक है।"],
        },
        exclusions: {},
      },
    });
    const cases: [string[], "en" | "hi"][] = [
      [["lig"], "en"],
      [["एलआईजी"], "hi"],
      [["lig", "wale"], "en"],
    ];
    for (const [words, lang] of cases) {
      const pool = unitPool(record, lang, BUDGET);
      const picked = pickedTexts(pool, rankUnits(pool, "eligibility", questionWords(words, () => []), [], BUDGET, lang));
      assert.equal(picked.length, 1, `${words.join(" ")}: ${picked.join(" | ")}`);
      assert.match(picked[0]!, /6,00,000/, words.join(" "));
    }
  });

  it("keeps an abbreviation spelt letter by letter in one sentence, whatever the length of a letter's name", () => {
    const cases: [string, number][] = [
      ["क) ई. डब्ल्यू. एस. परिवार जिनकी वार्षिक आय ₹3,00,000 तक है। ख) दूसरा परिवार।", 2],
      ["विधवा पेंशन योजना (आई. जी. एन. डब्ल्यू. पी. एस.) के तहत पात्रता मानदंड ये हैं।", 1],
      ["Apply under the P. M. E. G. P. scheme. Then visit the bank.", 2],
    ];
    for (const [text, n] of cases) assert.equal(sentences(text).length, n, `${text}: ${sentences(text).join(" | ")}`);
  });

  it("reads a word of money as the topic of a question for documents, and a sum lent or paid apart from a rate", () => {
    for (const q of ["what documents are needed for the zarimba loan", "zarimba loan ke liye kya document chahiye", "ज़रिम्बा लोन के लिए कौन से दस्तावेज़ चाहिए"]) assert.deepEqual(questionAsks(q), [], q);
    for (const q of ["how much loan can a student get", "student ko kitna loan milta hai", "छात्र को कितना लोन मिलता है"]) assert.deepEqual(questionAsks(q), ["sum"], q);
    for (const q of ["how much interest is paid on the loan", "loan par kitna byaj lagta hai", "लोन पर कितना ब्याज लगता है"]) assert.deepEqual(questionAsks(q), ["amount"], q);
  });

  it("answers how much is lent with the sum in rupees, not with a rate or a sentence without a figure", () => {
    const record = scheme({
      schemeId: "zvr-test",
      name: { en: "Zarimba Vidya Rin" },
      description: { en: "Students admitted to a listed college get a loan of up to ₹10,00,000 for their studies.", hi: "सूची के कॉलेज में दाखिला पाने वाले छात्रों को पढ़ाई के लिए ₹10,00,000 तक की वित्तीय सहायता मिलती है।" },
      benefits: {
        en: ["An interest subvention of 3% is given on the loan during the course.", "The loan needs no collateral and no guarantor from the student."],
        hi: ["पढ़ाई के दौरान ऋण पर 3 प्रतिशत ब्याज छूट दी जाती है।", "ऋण के लिए छात्र से कोई गारंटी या जमानत नहीं ली जाती।"],
      },
    });
    const englishFor = (w: string) => (w === "लोन" ? ["loan"] : []);
    const hindiFor = (w: string) => (w === "loan" ? ["ऋण", "लोन"] : []);
    const cases: [string, string[], "en" | "hi"][] = [
      ["how much loan can a student get", ["loan", "student"], "en"],
      ["student ko kitna loan milta hai", ["loan", "student"], "hi"],
      ["छात्र को कितना लोन मिलता है", ["लोन", "छात्र"], "hi"],
    ];
    for (const [q, words, lang] of cases) {
      const pool = unitPool(record, lang, BUDGET);
      const picked = pickedTexts(pool, rankUnits(pool, "benefits", questionWords(words, englishFor, hindiFor), questionAsks(q), BUDGET, lang));
      assert.ok(picked.some((t) => /10,00,000/.test(t)), `${q}: ${picked.join(" | ")}`);
    }
  });

  it("hears a request for money without a question word as asking for the sum, once the scheme is known", () => {
    for (const q of ["money for a pregnant woman", "garbhvati mahila ke liye paisa", "गर्भवती महिला के लिए पैसा"]) {
      assert.deepEqual(questionAsks(q, true), ["sum"], q);
      // before the scheme is known the same words name a kind of help
      assert.deepEqual(questionAsks(q), [], q);
    }
  });

  it("says a strong second sentence with the best one whichever comes first in the record", () => {
    const long = "The village health worker enters the name, the place, the ration card number and the mobile number of the family in the portal and checks them against the list of families";
    const record = scheme({
      schemeId: "zak-test",
      name: { en: "Zarimba Arogya Card" },
      applicationProcess: {
        en: [{ mode: "Offline", url: null, steps: [`${long}.`, "To get the card for yourself and your family, visit the health centre.", "Bring the papers the worker asks for."] }],
        hi: [{ mode: "ऑफलाइन", url: null, steps: ["गाँव का स्वास्थ्य कार्यकर्ता परिवार का नाम, स्थान, राशन कार्ड संख्या और मोबाइल संख्या पोर्टल में दर्ज करता है और उन्हें परिवारों की सूची से मिलाकर जाँचता है ताकि परिवार की पहचान हो सके।", "अपने और अपने परिवार के लिए कार्ड पाने के लिए स्वास्थ्य केंद्र पर जाएँ।", "कार्यकर्ता जो कागज़ माँगे वे साथ लाएँ।"] }],
      },
    });
    const cases: [string[], "en" | "hi"][] = [
      [["card", "family"], "en"],
      [["card", "parivar"], "hi"],
      [["कार्ड", "परिवार"], "hi"],
    ];
    for (const [words, lang] of cases) {
      const pool = unitPool(record, lang, BUDGET);
      const ranking = rankUnits(pool, "application", questionWords(words, () => [], (w) => (w === "card" ? ["कार्ड"] : [])), [], BUDGET, lang);
      const said = speakFrom(pool, { schemeId: "zak-test", field: "application", lang, order: ranking.order, position: 0 }, BUDGET, ranking.picked).segments.map((x) => x.text).join(" ");
      assert.match(said, /card for yourself and your family|अपने परिवार के लिए कार्ड/, `${words.join(" ")}: ${said}`);
    }
  });

  it("says only the items of the list heading the caller named, not another heading's", () => {
    const record = scheme({
      schemeId: "zsu-test",
      name: { en: "Zarimba Swarozgar Udyam" },
      benefits: {
        en: ["General Category:", "(i) Subsidy: 15% of the cost.", "(ii) Loan: up to ₹5 lakh.", "Special Category (women, SC, ST):", "(i) Subsidy: 25% of the cost.", "(ii) Loan: up to ₹10 lakh."],
        hi: ["सामान्य श्रेणी:", "(i) सब्सिडी: लागत का 15%।", "(ii) ऋण: ₹5 लाख तक।", "विशेष श्रेणी (महिलाएँ, एससी, एसटी):", "(i) सब्सिडी: लागत का 25%।", "(ii) ऋण: ₹10 लाख तक।"],
      },
    });
    const hindiFor = (w: string) => (w === "subsidy" ? ["सब्सिडी"] : []);
    const cases: [string[], "en" | "hi"][] = [
      [["special", "category", "subsidy"], "en"],
      [["vishesh", "shreni", "subsidy"], "hi"],
      [["विशेष", "श्रेणी", "सब्सिडी"], "hi"],
    ];
    for (const [words, lang] of cases) {
      const pool = unitPool(record, lang, BUDGET);
      const picked = pickedTexts(pool, rankUnits(pool, "benefits", questionWords(words, () => [], hindiFor), ["amount"], BUDGET, lang));
      assert.ok(picked.some((t) => /25%/.test(t)), `${words.join(" ")}: ${picked.join(" | ")}`);
      assert.ok(!picked.some((t) => /15%|₹5 ला/.test(t)), `${words.join(" ")}: ${picked.join(" | ")}`);
    }
  });
});
