// Answers that hold the fact asked for, on made-up schemes no code has seen: a catalogue stub beside the
// full record of the same scheme, list items under a heading, a Hindi field that lacks the figure asked for,
// romanised Hindi full of English nouns.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { rankUnits } from "../../src/dialogue/compose.js";
import { questionWords } from "../../src/dialogue/unit-evidence.js";
import { newContext, type DialogueEngine, type Reply } from "../../src/dialogue/index.js";
import { unitPool } from "../../src/dialogue/units.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

/** A catalogue stub: a line of description, and Hindi detail without English. */
const stub = scheme({
  schemeId: "zpy-stub",
  shortTitle: "ZPY",
  detailLevel: "catalog",
  name: { en: "Zarimba Poshan Yojana", hi: "ज़रिम्बा पोषण योजना" },
  description: { en: "The Zarimba Poshan Yojana gives nutrition support to patients.", hi: "ज़रिम्बा पोषण योजना मरीज़ों को पोषण सहायता देती है।" },
  benefits: { hi: ["इलाज के दौरान हर मरीज़ को ₹750 प्रति माह पोषण सहायता दी जाती है।"] },
  eligibility: { criteria: { hi: ["मरीज़ का नाम ज़रिम्बा पोर्टल पर दर्ज होना चाहिए।"] }, exclusions: {} },
});

/** The full record of the same scheme, its name saying more, unflagged as a duplicate. */
const full = scheme({
  schemeId: "zpy-full",
  shortTitle: "ZPYNS",
  name: { en: "Zarimba Poshan Yojana (Nutrition Support To Village Patients)" },
  description: { en: "An incentive scheme that supports the nutrition of village patients during their treatment." },
  benefits: { en: ["A cash incentive of ₹750 per month is paid to each notified patient for the duration of the treatment.", "The amount is paid into the patient's bank account."] },
  eligibility: { criteria: { en: ["The patient must be notified on the Zarimba portal.", "The patient must have a bank account."] }, exclusions: {} },
  documents: { en: ["Aadhaar Card", "Bank passbook"] },
  applicationProcess: { en: [{ mode: "Offline", url: null, steps: ["The treating health centre registers the patient."] }] },
});

// words enough that an answer holds only a few items, as a real record's do
const PAID = ", paid into the bank account of the unit once the district committee has checked the project on the ground.";
const PAID_HI = ", जो ज़िला समिति द्वारा परियोजना की ज़मीनी जाँच के बाद इकाई के बैंक खाते में दिया जाता है।";
const NEAREST = ", given at the nearest government health centre on showing the mother and child card.";
const NEAREST_HI = ", जो माँ और बच्चे का कार्ड दिखाने पर नज़दीकी सरकारी स्वास्थ्य केंद्र में दिया जाता है।";

/** Benefits by category, each category's figures enumerated under it. */
const byCategory = scheme({
  schemeId: "zuy-test",
  name: { en: "Zarimba Udyam Yojana", hi: "ज़रिम्बा उद्यम योजना" },
  description: { en: "The Zarimba Udyam Yojana helps people set up small units with a subsidy.", hi: "ज़रिम्बा उद्यम योजना छोटी इकाइयाँ लगाने में सब्सिडी से मदद करती है।" },
  benefits: {
    en: [
      "Categories of applicants: General Category",
      `(i) Own contribution: 10% of the project cost${PAID}`,
      `(ii) Subsidy: 15% in towns, 25% in villages${PAID}`,
      "Categories of applicants: Special Category (women, SC, ST)",
      `(i) Own contribution: 5% of the project cost${PAID}`,
      `(ii) Subsidy: 25% in towns, 35% in villages${PAID}`,
    ],
    hi: [
      "आवेदकों की श्रेणियाँ: सामान्य श्रेणी",
      `(i) अपना योगदान: परियोजना लागत का 10%${PAID_HI}`,
      `(ii) सब्सिडी: कस्बों में 15%, गाँवों में 25%${PAID_HI}`,
      "आवेदकों की श्रेणियाँ: विशेष श्रेणी (महिलाएँ, एससी, एसटी)",
      `(i) अपना योगदान: परियोजना लागत का 5%${PAID_HI}`,
      `(ii) सब्सिडी: कस्बों में 25%, गाँवों में 35%${PAID_HI}`,
    ],
  },
});

/** Benefits listed under headings of whom they are for. */
const underHeadings = scheme({
  schemeId: "zmsy-test",
  name: { en: "Zarimba Matri Seva Yojana", hi: "ज़रिम्बा मातृ सेवा योजना" },
  description: { en: "The Zarimba Matri Seva Yojana gives free care to mothers and their babies.", hi: "ज़रिम्बा मातृ सेवा योजना माताओं और उनके बच्चों को मुफ्त देखभाल देती है।" },
  benefits: {
    en: ["For pregnant women", `Free ambulance from home to the hospital${NEAREST}`, `Free meals during the stay${NEAREST}`, "For newborn babies", `Free ambulance between hospitals when referred${NEAREST}`, `Free medicines${NEAREST}`],
    hi: ["गर्भवती महिलाओं के लिए", `घर से अस्पताल तक मुफ्त एम्बुलेंस${NEAREST_HI}`, `रहने के दौरान मुफ्त भोजन${NEAREST_HI}`, "नवजात शिशुओं के लिए", `रेफर होने पर अस्पतालों के बीच मुफ्त एम्बुलेंस${NEAREST_HI}`, `मुफ्त दवाइयाँ${NEAREST_HI}`],
  },
});

/** A pension scheme: "pension" is a word of its name, and its exit rules sit under a heading. */
const pensionScheme = scheme({
  schemeId: "zpen-test",
  name: { en: "Zarimba Pension Yojana", hi: "ज़रिम्बा पेंशन योजना" },
  description: { en: "The Zarimba Pension Yojana gives a monthly pension in old age to workers who save with it.", hi: "ज़रिम्बा पेंशन योजना बचत करने वाले कामगारों को बुढ़ापे में मासिक पेंशन देती है।" },
  benefits: {
    en: [
      "Pension on reaching 60 years",
      "Each member receives a guaranteed pension of ₹2,000 per month from the age of 60 years until death, paid into the member's savings bank account.",
      "Early exit (leaving before 60 years of age):",
      "The member is refunded only the contributions made by the member, with the interest earned on them, after deducting the account maintenance charges, and the account is closed once the amount is paid back to the member.",
    ],
    hi: [
      "60 वर्ष की आयु पूरी होने पर पेंशन",
      "प्रत्येक सदस्य को 60 वर्ष की आयु से मृत्यु तक ₹2,000 प्रति माह की गारंटीकृत पेंशन मिलती है, जो सदस्य के बचत बैंक खाते में दी जाती है।",
      "जल्दी बाहर निकलना (60 वर्ष से पहले छोड़ना):",
      "सदस्य को केवल उसके द्वारा किया गया अंशदान, उस पर अर्जित ब्याज के साथ, खाते के रखरखाव शुल्क काटने के बाद वापस किया जाता है।",
    ],
  },
  eligibility: {
    criteria: {
      en: ["The exit age of the scheme is 60 years for every member who has joined.", "Members exit the scheme at 60 years of age and the pension starts then.", "The applicant must have worked for at least 5 years with a registered employer."],
      hi: ["योजना से बाहर निकलने की आयु हर सदस्य के लिए 60 वर्ष है।", "सदस्य 60 वर्ष की आयु पर योजना से बाहर निकलते हैं और तब पेंशन शुरू होती है।", "आवेदक ने किसी पंजीकृत नियोक्ता के साथ कम से कम 5 वर्ष काम किया हो।"],
    },
    exclusions: {},
  },
});

/** A pension that stops on an event, not after a time. */
const widowPension = scheme({
  schemeId: "zvpy-test",
  name: { en: "Zarimba Vidhva Pension Yojana", hi: "ज़रिम्बा विधवा पेंशन योजना" },
  description: { en: "The Zarimba Vidhva Pension Yojana gives a monthly pension to widows.", hi: "ज़रिम्बा विधवा पेंशन योजना विधवाओं को मासिक पेंशन देती है।" },
  benefits: { en: ["A pension of ₹300 per month is given to widows aged 40 to 79 years."], hi: ["40 से 79 वर्ष की विधवाओं को ₹300 प्रति माह पेंशन दी जाती है।"] },
  eligibility: {
    criteria: { en: ["The applicant must be a widow aged 40 to 79 years.", "In case of remarriage of the widow, the pension will be discontinued."], hi: ["आवेदक 40 से 79 वर्ष की विधवा होनी चाहिए।", "विधवा के पुनर्विवाह के मामले में पेंशन बंद कर दी जाएगी।"] },
    exclusions: {},
  },
});

/** A scheme known by a word of its own that is not in its name ("Vayuveer"), beside one named for a "package". */
const recruits = scheme({
  schemeId: "zrsy-test",
  name: { en: "Zarimba Rashtriya Sena Yojana", hi: "ज़रिम्बा राष्ट्रीय सेना योजना" },
  description: { en: "Under the Zarimba Rashtriya Sena Yojana every Vayuveer recruit serves for four years." },
  tags: ["Youth", "Vayuveer", "Armed Forces"],
  benefits: { en: ["Each Vayuveer gets a yearly package of ₹4,50,000 in the first year."] },
});
const packageScheme = scheme({
  schemeId: "zgkp-test",
  name: { en: "Zarimba Garib Kalyan Package" },
  description: { en: "A relief package of free food grain and a yearly cash package for poor families." },
  benefits: { en: ["Each poor family gets a yearly package of ₹6,000."] },
});

describe("answers that hold the fact asked for", () => {
  const dir = tempDir("sahayak-answers-");
  let kb: KnowledgeBase;
  let engine: DialogueEngine;
  before(async () => ({ kb, engine } = await engineOver(dir.path, [...sampleRecords(), stub, full, byCategory, underHeadings, pensionScheme, widowPension, recruits, packageScheme])));
  after(async () => {
    await kb.close();
    dir.cleanup();
  });
  const talk = (text: string): Promise<Reply> => engine.respond({ text }, newContext("a"));
  /** Each question's reply holds its fact and not the other one (another item's figure). */
  const saysNotOther = async (cases: [string, RegExp, RegExp][]) => {
    for (const [q, fact, other] of cases) {
      const r = await talk(q);
      assert.match(r.text, fact, q);
      assert.doesNotMatch(r.text, other, q);
    }
  };

  it("answers a catalogue stub's name from the full record of the same scheme when that has more in the caller's language", async () => {
    const english = await talk("How much does Zarimba Poshan Yojana give each month?");
    assert.deepEqual([english.action, english.schemeIds[0]], ["answer", "zpy-full"], english.text);
    assert.match(english.text, /₹750 per month/);
  });

  it("keeps the stub for a Hindi caller when only the stub has Hindi detail", async () => {
    for (const q of ["ज़रिम्बा पोषण योजना में हर महीने कितना पैसा मिलता है?", "zarimba poshan yojana me har mahine kitna paisa milta hai"]) {
      const hindi = await talk(q);
      assert.deepEqual([hindi.action, hindi.schemeIds[0], hindi.lang], ["answer", "zpy-stub", "hi"], `${q}: ${hindi.text}`);
      assert.match(hindi.text, /₹750 प्रति माह/, q);
    }
  });

  it("hears an enumerated item under the item it follows ('(ii) Subsidy' of the special category)", async () => {
    const cases: [string, RegExp, RegExp][] = [
      ["How much subsidy does the special category get under Zarimba Udyam Yojana?", /25% in towns, 35% in villages/, /15% in towns/],
      ["ज़रिम्बा उद्यम योजना में विशेष श्रेणी को कितनी सब्सिडी मिलती है?", /कस्बों में 25%, गाँवों में 35%/, /कस्बों में 15%/],
      ["zarimba udyam yojana me vishesh shreni ko kitni subsidy milti hai", /कस्बों में 25%, गाँवों में 35%/, /कस्बों में 15%/],
    ];
    await saysNotOther(cases);
  });

  it("hears a list item under its heading ('For newborn babies')", async () => {
    const cases: [string, RegExp, RegExp][] = [
      ["Is there a free ambulance for newborn babies under Zarimba Matri Seva Yojana?", /between hospitals when referred/, /from home to the hospital/],
      ["ज़रिम्बा मातृ सेवा योजना में नवजात शिशुओं के लिए मुफ्त एम्बुलेंस मिलती है क्या?", /अस्पतालों के बीच मुफ्त एम्बुलेंस/, /घर से अस्पताल तक/],
      ["zarimba matri seva yojana me navjat shishu ke liye muft ambulance milti hai kya", /अस्पतालों के बीच मुफ्त एम्बुलेंस/, /घर से अस्पताल तक/],
    ];
    await saysNotOther(cases);
  });

  it("reads the kind of fact asked for beyond the scheme's name, and an item under a heading for the heading's words ('pension' of 'Zarimba Pension Yojana' asks for no amount)", async () => {
    const cases: [string, RegExp, RegExp][] = [
      ["zarimba pension yojana early exit before 60 what happens", /refunded only the contributions/, /₹2,000/],
      ["ज़रिम्बा पेंशन योजना में 60 वर्ष से पहले छोड़ने पर क्या होता है?", /केवल उसके द्वारा किया गया अंशदान/, /₹2,000/],
      ["zarimba pension yojana se jaldi bahar nikalna ho to kya hota hai", /केवल उसके द्वारा किया गया अंशदान/, /₹2,000/],
    ];
    await saysNotOther(cases);
    // the name's word still asks for an amount when the rest of the question does
    assert.match((await talk("how much is the pension under zarimba pension yojana")).text, /₹2,000 per month/);
  });

  it("answers romanised Hindi in Hindi though its English nouns and the words both languages use ('me', 'se', 'par') outnumber its Hindi words", async () => {
    const cases: [string, string][] = [
      ["zarimba udyam yojana me bank loan jaldi chukane par penalty hai kya", "hi"],
      ["zarimba udyam yojana me hospital me bharti se pehle ke kitne din ka kharcha milta hai", "hi"],
      ["ज़रिम्बा उद्यम योजना में लोन जल्दी चुकाने पर जुर्माना है क्या", "hi"],
      ["tell me about zarimba udyam yojana, is it for me", "en"],
      ["is the bank loan of zarimba udyam yojana for me or for my son", "en"],
    ];
    for (const [q, lang] of cases) assert.equal((await talk(q)).lang, lang, q);
  });

  it("hears how much an applicant must have as a question of who can apply; a Hindi 'should be' of what is given stays a benefit", async () => {
    const english = await talk("How many years of work must a person have for Zarimba Pension Yojana?");
    assert.equal(english.field, "eligibility", english.text);
    assert.match(english.text, /at least 5 years/);
    for (const q of ["ज़रिम्बा पेंशन योजना में पेंशन कितनी होनी चाहिए?", "zarimba pension yojana me pension kitni honi chahiye"]) assert.equal((await talk(q)).field, "benefits", q);
  });

  it("names a scheme by a word only it uses ('Vayuveer') though other words of the question rank another first", async () => {
    for (const q of ["What is the yearly package for a Vayuveer?", "vayuveer ko saal me kitna package milta hai"]) {
      const r = await talk(q);
      assert.deepEqual([r.action, r.schemeIds[0]], ["answer", "zrsy-test"], `${q}: ${r.text}`);
    }
  });
});

describe("sentence ranking", () => {
  it("picks the item under a heading, not the heading that only names it", () => {
    const pool = unitPool(pensionScheme, "en", 40);
    const words = questionWords(["early", "exit", "before", "60"], () => []);
    const ranking = rankUnits(pool, "benefits", words, [], 40, "en", false);
    const picked = ranking.order.slice(0, ranking.picked).map((i) => pool[i]!.text);
    assert.ok(picked.some((t) => /refunded only the contributions/.test(t)), picked.join(" | "));
    assert.ok(!picked.some((t) => /^Early exit/.test(t)), picked.join(" | "));
  });

  it("meets the caller's English words in the record's Hindi by their consonants ('digital cashback' → 'डिजिटल … कैशबैक')", () => {
    const record = scheme({
      schemeId: "zvn-test",
      name: { en: "Zarimba Vyapari Nidhi", hi: "ज़रिम्बा व्यापारी निधि" },
      benefits: { hi: ["पहली किश्त में ₹10,000 तक का ऋण मिलता है।", "दूसरी किश्त में ₹20,000 तक का ऋण मिलता है।", "डिजिटल लेनदेन पर हर महीने ₹100 तक का कैशबैक मिलता है।"], en: [] },
    });
    const pool = unitPool(record, "hi", 40);
    for (const said of [["digital", "cashback"], ["dijital", "keshbek"]]) {
      const ranking = rankUnits(pool, "benefits", questionWords(said, () => []), ["amount"], 40, "hi");
      assert.match(pool[ranking.order[0]!]!.text, /कैशबैक/, said.join(" "));
    }
  });

  it("meets a Hindi word in the record's other Hindi word for the same thing, through the lexicon's English ('लोन' → 'ऋण')", () => {
    const record = scheme({ schemeId: "zvl-test", name: { en: "Zarimba Vidya Loan" }, benefits: { hi: ["छात्रावास में ₹ 2,000 की छूट मिलती है।", "किताबों के लिए ₹ 5,000 मिलते हैं।", "पढ़ाई के लिए ₹ 10,00,000 तक का ऋण मिलता है।"], en: [] } });
    const pool = unitPool(record, "hi", 40);
    const englishFor = (w: string) => (w === "लोन" ? ["loan"] : []);
    const hindiFor = (w: string) => (w === "loan" ? ["ऋण", "लोन"] : []);
    const ranking = rankUnits(pool, "benefits", questionWords(["लोन"], englishFor, hindiFor), [], 40, "hi");
    assert.match(pool[ranking.order[0]!]!.text, /ऋण/);
  });

  it("meets a romanised Hindi word in the record's Hindi through the lexicon's English ('beti' → 'बालिका')", () => {
    const record = scheme({ schemeId: "zbk-test", name: { en: "Zarimba Bal Kosh" }, benefits: { hi: ["खाता खोलने पर ₹ 500 जमा होते हैं।", "बालिका को पढ़ाई के लिए ₹ 3,000 मिलते हैं।", "खाते पर हर साल ब्याज मिलता है।"], en: [] } });
    const pool = unitPool(record, "hi", 40);
    const englishFor = (w: string) => (w === "beti" ? ["girl"] : []);
    const hindiFor = (w: string) => (w === "girl" ? ["बालिका", "बेटी"] : []);
    const ranking = rankUnits(pool, "benefits", questionWords(["beti"], englishFor, hindiFor), [], 40, "hi");
    assert.match(pool[ranking.order[0]!]!.text, /बालिका/);
  });

  it("holds an amount only with a figure: a word of money alone ('राशि रुपये में', 'rupees') gives none", () => {
    const record = scheme({ schemeId: "zra-test", name: { en: "Zarimba Rashi Yojana" }, benefits: { hi: ["राशि रुपये में बैंक खाते में दी जाती है।", "हर किश्त में ₹ 3,000 की राशि दी जाती है।"], en: ["The amount is paid in rupees into the bank account.", "An amount of ₹ 3,000 is paid in each instalment."] } });
    for (const [lang, said] of [["hi", "राशि"], ["en", "amount"]] as const) {
      const pool = unitPool(record, lang, 40);
      const ranking = rankUnits(pool, "benefits", questionWords([said], () => []), ["amount"], 40, lang);
      assert.match(pool[ranking.order[0]!]!.text, /3,000/, lang);
    }
  });

  it("answers 'when' with the event something waits on ('in case of remarriage'), not only with a time", () => {
    for (const lang of ["en", "hi"] as const) {
      const pool = unitPool(widowPension, lang, 40);
      const ranking = rankUnits(pool, "eligibility", questionWords([], () => []), ["duration"], 40, lang);
      const picked = ranking.order.slice(0, ranking.picked).map((i) => pool[i]!.text);
      assert.ok(picked.some((t) => /In case of remarriage|पुनर्विवाह के मामले में/.test(t)), `${lang}: ${picked.join(" | ")}`);
    }
  });
});

