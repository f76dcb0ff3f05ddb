import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { englishNumbersToDigits, parseAge, parseMonthlyIncome, questionAsks, scoreIntents } from "../../src/dialogue/nlu.js";
import { romanHindiShare } from "../../src/dialogue/language.js";

describe("intents in English, Hindi and romanised Hindi", () => {
  const cases: [string, string][] = [
    ["What is PM Kisan?", "overview"],
    ["पीएम किसान क्या है?", "overview"],
    ["Who is eligible for PM Kisan?", "eligibility"],
    ["pm kisan ke liye kaun eligible hai", "eligibility"],
    ["पीएमईजीपी के लिए कौन आवेदन कर सकता है?", "eligibility"],
    ["zarimba yojana ka paisa kisko milta hai", "eligibility"],
    ["জারিম্বা যোজনার টাকা কারা পায়?", "eligibility"],
    ["జారింబా పథకం ఎవరికి వర్తిస్తుంది?", "eligibility"],
    ["જારિમ્બા યોજનાનો લાભ કોને મળે?", "eligibility"],
    ["ज़रिम्बा योजना का लाभ किसे मिलता है?", "eligibility"],
    ["Who cannot get Ayushman Bharat?", "exclusions"],
    ["किन लोगों को लाभ नहीं मिलेगा?", "exclusions"],
    ["How much pension will I get?", "benefits"],
    ["vidhwa pension kitni milti hai", "benefits"],
    ["Which documents are needed?", "documents"],
    ["इसके लिए कौन से कागज़ चाहिए?", "documents"],
    ["How do I apply?", "apply"],
    ["ration card kaise banwayen", "apply"],
    ["पेंशन का फॉर्म कहाँ मिलेगा", "apply"],
    ["What is the helpline number?", "contact"],
    ["schemes for farmers in Karnataka", "list"],
    ["I am a widow in Bihar, what can I get?", "eligibility_check"],
    ["any similar schemes?", "related"],
    ["please repeat", "repeat"],
    ["दोबारा बताइए", "repeat"],
    ["tell me more", "more"],
    ["help", "help"],
    ["I want to talk to an agent", "human"],
    ["insaan se baat karao", "human"],
    ["thank you, that's all", "goodbye"],
    ["बस, धन्यवाद", "goodbye"],
    ["namaste", "greeting"],
    ["haan", "affirm"],
    ["nahi", "deny"],
  ];
  for (const [text, intent] of cases) it(`${text} → ${intent}`, () => assert.equal(scoreIntents(text).best, intent));
  it("nothing recognisable gives no intent", () => assert.equal(scoreIntents("Tell me a joke").best, null));
});

describe("entities", () => {
  it("ages in digits and words", () => {
    assert.equal(parseAge("I am 30, I work as a labourer"), 30);
    assert.equal(parseAge("meri umar 45 saal hai"), 45);
    assert.equal(parseAge("मेरी उम्र 62 वर्ष है"), 62);
    assert.equal(parseAge("I am thirty five years old"), 35);
    assert.equal(parseAge("I have 3 children"), undefined);
  });
  it("monthly income from month, year and lakh forms", () => {
    assert.equal(parseMonthlyIncome("I earn about 10,000 a month"), 10000);
    assert.equal(parseMonthlyIncome("my income is 1.2 lakh a year"), 10000);
    assert.equal(parseMonthlyIncome("कमाई 8000 महीना"), 8000);
    assert.equal(parseMonthlyIncome("I make 9000 a month"), 9000);
    assert.equal(parseMonthlyIncome("I have two cows"), undefined);
  });
  it("number words become digits", () => assert.equal(englishNumbersToDigits("forty two years and six thousand"), "42 years and 6000"));
  it("the kind of fact asked for: an amount, an age, a time, a distance", () => {
    assert.deepEqual(questionAsks("How much subsidy does the scheme give?"), ["amount"]);
    assert.deepEqual(questionAsks("subsidy kitni milti hai"), ["amount"]);
    assert.deepEqual(questionAsks("योजना में शामिल होने की उम्र क्या है?"), ["age"]);
    assert.deepEqual(questionAsks("What is the age limit?"), ["age"]);
    assert.ok(questionAsks("पैसा कितने दिन में आता है?").includes("duration"));
    assert.deepEqual(questionAsks("How far from home is the work given?"), ["distance"]);
    // a pension and rupees are sums paid: the figure in rupees, which a rate alone does not give
    assert.deepEqual(questionAsks("How much is the old age pension?"), ["sum"], "'old age' is not an age question");
    assert.deepEqual(questionAsks("आयुष्मान कार्ड में कितने रुपये का इलाज होता है?"), ["sum"], "'आयुष्मान' holds 'आयु' but asks no age");
    assert.deepEqual(questionAsks("Who can apply?"), []);
  });
  it("a size is asked for in all three languages; 'cover' alone asks no amount", () => {
    for (const q of ["How big will the house be?", "makaan kitna bada banega", "मकान का आकार कितना होगा?", "घर कितना बड़ा बनेगा?"]) assert.deepEqual(questionAsks(q), ["size"], q);
    assert.deepEqual(questionAsks("does it cover heart surgery?"), []);
    assert.deepEqual(questionAsks("kya isme dawai ka kharcha cover hota hai"), []);
    assert.deepEqual(questionAsks("how much cover does the insurance give"), ["amount"]);
  });
  it("a word of money in a yes/no question asks whether, not how much; in a question of what or how much it asks an amount", () => {
    for (const q of ["Is there a penalty if I repay the loan early?", "loan jaldi chukane par penalty hai kya", "क्या लोन जल्दी चुकाने पर जुर्माना लगता है?", "kya loan par koi penalty lagti hai"]) assert.deepEqual(questionAsks(q), [], q);
    for (const q of ["What is the premium?", "premium kya hai", "प्रीमियम क्या है?", "is the premium more than how much?", "क्या प्रीमियम कितना है?"]) assert.deepEqual(questionAsks(q), ["amount"], q);
  });
  it("romanised Hindi is told from English", () => {
    assert.ok(romanHindiShare("pm kisan ke liye kaun eligible hai") >= 0.45);
    assert.ok(romanHindiShare("Who is eligible for PM Kisan") < 0.2);
    // words of schemes' names count neither way
    const nameWord = (w: string) => ["awas", "yojana", "pm", "gramin"].includes(w);
    assert.equal(romanHindiShare("tell me about pm awas yojana", () => false, nameWord), 0);
    assert.equal(romanHindiShare("awas yojana kya hai", () => false, nameWord), 1);
  });
});
