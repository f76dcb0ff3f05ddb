import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalTokens, detectScript, joinSpelledLetters, lightKey, looseKey, phoneticKey, phoneticKeys, romanise, romanTokens, romanTokensOfWords, spelledAcronym, stemEnglish } from "../../src/knowledge/text.js";
import { substringDistance } from "../../src/knowledge/matcher.js";

describe("phonetic keys absorb spelling and recognition variants", () => {
  const same: [string, string][] = [
    ["kisan", "kissan"],
    ["kisan", "kisaan"],
    ["yojana", "yojna"],
    ["ayushman", "aayushman"],
    ["awas", "awaas"],
    ["bima", "beema"],
    ["nrega", "narega"],
    ["swanidhi", "svanidhi"],
    // a recogniser's English spelling of a final vowel
    ["ujjwala", "ujjwaley"],
    ["bima", "bimey"],
  ];
  for (const [a, b] of same) it(`${a} ~ ${b}`, () => assert.equal(phoneticKey(a), phoneticKey(b)));

  it("a final 'y' alone is not a vowel: 'Diggy' does not sound as 'theek'", () => assert.notEqual(phoneticKey("diggy"), phoneticKey("theek")));

  it("Devanagari and romanised Hindi meet", () => {
    assert.deepEqual(phoneticKeys("प्रधानमंत्री किसान सम्मान निधि"), phoneticKeys("pradhan mantri kisan samman nidhi"));
    assert.deepEqual(phoneticKeys("आयुष्मान"), phoneticKeys("ayushman"));
    assert.deepEqual(phoneticKeys("आयुषमान"), phoneticKeys("aayushman"));
  });

  it("other Indian scripts are romanised too", () => {
    assert.deepEqual(phoneticKeys("ஆயுஷ்மான்"), phoneticKeys("ayushman"));
    assert.match(romanise("ಮನರೇಗಾ"), /manareg/i);
  });

  it("office names fold to pm/cm", () => {
    assert.deepEqual(canonicalTokens("Pradhan Mantri Awas"), ["pm", "awas"]);
    assert.deepEqual(canonicalTokens("प्रधानमंत्री आवास"), ["pm", "avasa"]);
    assert.deepEqual(canonicalTokens("Mukhya Mantri Yojana"), ["cm", "yojana"]);
  });

  it("spelt-out acronyms in Devanagari become letters", () => {
    assert.equal(spelledAcronym("पीएमईजीपी"), "pmegp");
    assert.equal(spelledAcronym("पीएम"), "pm");
    assert.equal(spelledAcronym("किसान"), null);
    assert.equal(spelledAcronym("के"), null, "a lone letter name is a word, not an acronym");
  });

  it("script detection", () => {
    assert.equal(detectScript("पीएम किसान"), "devanagari");
    assert.equal(detectScript("pm kisan ke liye"), "latin");
    assert.equal(detectScript("கிசான்"), "other-indic");
    assert.equal(detectScript("🙂 123"), "none");
  });

  it("letters said one by one are joined into the acronym they spell", () => {
    assert.equal(joinSpelledLetters("p m e g p ka loan"), "pmegp ka loan");
    assert.equal(joinSpelledLetters("पी एम ई जी पी के लिए"), "pmegp के लिए");
    assert.equal(joinSpelledLetters("ek card"), "ek card", "one letter is a word");
  });

  it("a light English stem meets plural and common endings", () => {
    assert.equal(stemEnglish("farmers"), stemEnglish("farmer"));
    assert.equal(stemEnglish("fishermen"), stemEnglish("fisherman"));
    assert.equal(stemEnglish("scholarships"), stemEnglish("scholarship"));
    assert.equal(stemEnglish("houses"), stemEnglish("housing"));
    assert.notEqual(stemEnglish("pensioner"), stemEnglish("pension"));
  });

  it("a light sound key keeps voicing apart where the phonetic key does not", () => {
    assert.equal(lightKey("kisaan"), lightKey("kisan"));
    assert.notEqual(lightKey("kisan"), lightKey("ghisna"));
    assert.equal(phoneticKey("kisan"), phoneticKey("kisne"), "the phonetic key cannot tell them (why familiar words match exactly)");
  });

  it("approximate substring distance finds a name inside run-together words", () => {
    assert.equal(substringDistance("atlpension", "atlensionyoaken"), 1);
    assert.equal(substringDistance("abc", "xxabcxx"), 0);
    assert.equal(substringDistance("abc", ""), 3);
  });
});

describe("English words written in Devanagari", () => {
  it("the open o and e signs keep a word whole", () => {
    assert.deepEqual(canonicalTokens("ऑनलाइन फॉर्म"), ["onalaina", "phorma"]);
    assert.deepEqual(canonicalTokens("डॉक्टर की कॉल"), ["doktara", "ki", "kola"]);
    assert.deepEqual(canonicalTokens("ऍडमिशन"), ["edamishana"]);
  });
});

describe("loose keys meet a word spelt with a sound traded for another", () => {
  const loose = (word: string) => looseKey(phoneticKey(canonicalTokens(word)[0]!));
  it("'v' or 'w' for 'b', a 'y' after a consonant dropped, 'e' for the short 'a' before 'h': in both scripts", () => {
    for (const [a, b] of [
      ["vima", "bima"],
      ["वीमा", "bima"],
      ["joti", "jyoti"],
      ["जोति", "jyoti"],
      ["बहना", "behna"],
      ["mehnat", "mahnat"],
    ] as [string, string][]) {
      assert.notEqual(phoneticKey(canonicalTokens(a)[0]!), phoneticKey(canonicalTokens(b)[0]!), `${a} ~ ${b} already one key`);
      assert.equal(loose(a), loose(b), `${a} ~ ${b}`);
    }
  });
  it("other words stay apart", () => {
    assert.notEqual(loose("kisan"), loose("kiran"));
    assert.notEqual(loose("pension"), loose("mission"));
  });
});

describe("romanTokensOfWords reads many words as romanTokens reads each", () => {
  it("Devanagari words (consonant endings, English vowel signs, nukta, a virama last), and a word in another script", () => {
    const words = ["किसान", "कॉलेज", "ऑनलाइन", "ज़मीन", "सम्मान", "पत्नी", "क्", "अंश", "दुःख", "ऍडमिशन"];
    assert.deepEqual(romanTokensOfWords(words), words.map((w) => romanTokens(w)));
    const mixed = [...words, "কিষাণ", "kisan"];
    assert.deepEqual(romanTokensOfWords(mixed), mixed.map((w) => romanTokens(w)));
  });
});
