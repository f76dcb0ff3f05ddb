// A name the knowledge base lacks, told apart by what it is made of. Several Hindi words called a yojana,
// one no everyday word, are a scheme's name though the dictionary knows each ("no details", never refused);
// a scheme found by a word of its name is not meant when it is another state's than the one the caller
// names (their own state's scheme, one the knowledge base lacks: "no details", not the other's answer);
// and a card named by a bank's name and everyday English words is a bank's, whose question is judged by
// its other words (out of scope), though the bank is named in schemes' text. English, Hindi, romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

type Engine = ReturnType<typeof realEngine>;

/** Each text, asked afresh, gets the action with no scheme answered. */
async function expectAction(real: Engine, texts: readonly string[], action: string): Promise<void> {
  for (const text of texts) {
    const reply = await real.engine.respond({ text }, newContext("s"));
    assert.equal(reply.action, action, `${text}: ${reply.text}`);
    assert.deepEqual(reply.schemeIds, [], `${text}: ${reply.text}`);
  }
}

describe("scope: what a name the knowledge base lacks is made of", () => {
  const real = realEngine();

  it("Hindi words the dictionary knows, called a yojana, name a scheme: no details", async () => {
    await expectAction(real, HINDI_WORDS_NAME, "no_info");
  });

  it("a word of another state's scheme's name, the caller's state named: no details of their own", async () => {
    await expectAction(real, OTHER_STATES_WORD, "no_info");
  });

  it("that scheme is still answered when the caller names its own state, or none", async () => {
    for (const text of ["Dehradun mein Mahalakshmi scheme ka paisa kitna milta hai?", "Mahalakshmi scheme ke baare mein batao, kisko milta hai?"]) {
      const reply = await real.engine.respond({ text }, newContext("s"));
      // (answered from its record, whatever field it lacks)
      assert.equal(reply.schemeIds.length, 1, `${text}: ${reply.text}`);
    }
  });

  it("a bank's card in everyday English words is refused with the everyday question", async () => {
    await expectAction(real, BANK_CARD, "out_of_scope");
  });
});

const HINDI_WORDS_NAME = [
  "चावल भाग्य योजना में इस बार कितना पैसा आएगा?",
  "Who gets money from the Chawal Bhagya scheme?",
  "chawal bhagya yojana mein is mahine kitne paise milenge",
] as const;

const OTHER_STATES_WORD = [
  "I live in Chennai. How much does the Mahalakshmi scheme give to women every month?",
  "Pune mein Mahalakshmi scheme ka paisa har mahine kitna milta hai?",
  "चेन्नई से बोल रही हूँ, महालक्ष्मी योजना की रकम कब और कितनी आती है?",
] as const;

const BANK_CARD = [
  "I have an ICICI Coral credit card. Why did my online order not get the cashback?",
  "ICICI Coral credit card ka cashback abhi tak kyon nahi aaya?",
  "मेरे आईसीआईसीआई कोरल क्रेडिट कार्ड का कैशबैक क्यों नहीं आया?",
] as const;
