// Where a caller lives and what they say around it: a name that is one state's district and a town there is
// that town, beside a larger town of the name elsewhere; romanised Hindi with "e" for the short "a" before a
// closing "h" ("rehte", "kehte", "pehle") is the Hindi word it writes, not a word no one knows.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BackgroundLanguage } from "../../src/knowledge/background.js";
import { Gazetteer } from "../../src/knowledge/places.js";

describe("a district's town", () => {
  const rows = [
    // a made-up name: a town in two states, the one elsewhere counted larger, and a district of one of them
    { name: "Zorakpur", adminCode: "10", population: 900_000 },
    { name: "Zorakpur", adminCode: "36", population: 500_000 },
    { name: "Zorakpur", adminCode: "36", population: 20_000, district: true },
    // a district with no town of its name in its state, beside a town of the name elsewhere
    { name: "Velampur", adminCode: "19", population: 250_000 },
    { name: "Velampur", adminCode: "37", population: 20_000, district: true },
  ];
  const gazetteer = new Gazetteer(rows, { minPopulation: 20_000, dominance: 10, isWord: () => false });

  it("is its district's state, whatever the other town's count", () => {
    assert.equal(gazetteer.placeIn("we live in Zorakpur")?.state, "Uttar Pradesh");
    assert.equal(gazetteer.placeIn("hum Zorakpur mein rehte hain")?.state, "Uttar Pradesh");
  });

  it("a district without a town of its name there decides nothing against a large town elsewhere", () => {
    assert.equal(gazetteer.placeIn("I am from Velampur")?.state, "Karnataka");
  });
});

describe("romanised Hindi's 'e' before a closing 'h'", () => {
  const background = BackgroundLanguage.load();
  for (const word of ["rehte", "kehte", "pehle"]) {
    it(`"${word}" is a Hindi word`, () => assert.equal(background.commonness(word).known, true));
  }
  it("an English word is still English", () => assert.deepEqual(background.englishOf("behind"), []));
});

describe("a town English spells with 'deo' where Hindi writes 'dev'", () => {
  // a made-up town in Jharkhand (state code 38)
  const gazetteer = new Gazetteer([{ name: "Deosundar", adminCode: "38", population: 150_000 }], { minPopulation: 20_000, dominance: 10, isWord: () => false });

  it("is met in Devanagari and as romanised the Hindi way", () => {
    assert.equal(gazetteer.placeIn("हमारा घर देवसुंदर के पास है")?.state, "Jharkhand");
    assert.equal(gazetteer.placeIn("ham Devsundar ke paas rehte hain")?.state, "Jharkhand");
  });

  it("leaves a 'v' before a vowel as it is", () => {
    assert.equal(gazetteer.placeIn("हमारा घर देवीसुंदर के पास है"), undefined);
  });
});
