// What a question asks carries the in-scope evidence, not the story it tells: a scheme asked for as such,
// something asked of the government as its giver, and the caller's own need of help said beside how they
// came to call. Sentences written for this test.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { schemeAskedAsSuch, titledSchemeName, whatIsAsked } from "../../src/dialogue/scheme-asked.js";
import { askedOfGovernment, isCallTalk } from "../../src/dialogue/call-talk.js";
import { nativeTokens } from "../../src/knowledge/text.js";

describe("a scheme asked for as such", () => {
  it("hears which scheme or whether any, in each way callers say it", () => {
    assert.ok(schemeAskedAsSuch("Shahad utpadak kisan ko koi yojana milti hai?"));
    assert.ok(schemeAskedAsSuch("Which scheme pays for a tin roof after a storm?"));
    assert.ok(schemeAskedAsSuch("गाय पालने वालों को किस योजना से पैसा मिलता है?"));
    assert.ok(schemeAskedAsSuch("मछली पकड़ने वालों को कौन सी योजना फायदा देती है?"));
    assert.ok(schemeAskedAsSuch("kaun si yojna me bunkaron ko dhaga milta hai"));
  });
  it("does not take a scheme told of for one asked for", () => {
    assert.ok(!schemeAskedAsSuch("Our temple committee made a donation scheme for the fair, how many plates to order?"));
    assert.ok(!schemeAskedAsSuch("bhai ki sagai ki yojana bana li hai, mehmaan kitne bulaye?"));
  });
});

describe("something asked of the government as its giver", () => {
  it("hears what comes from the government or what it hands out", () => {
    assert.ok(askedOfGovernment("Madhumakkhi palne ko sarkar se kuch paisa milega kya"));
    assert.ok(askedOfGovernment("सरकार बाढ़ वालों को तिरपाल बाँटती है क्या?"));
    assert.ok(askedOfGovernment("Can my mother get a hearing machine from the government?"));
    assert.ok(whatIsAsked("Can my mother get a hearing machine from the government?"));
  });
  it("does not take the government's adjective, nor the government merely told of, for its giving", () => {
    assert.ok(!askedOfGovernment("Sarkari daftar ki canteen me chai kitne ki milti hai?"));
    assert.ok(!askedOfGovernment("The government declared a holiday, will we get paid at the mill?"));
  });
});

describe("the caller's need of help beside how they came to call", () => {
  it("keeps a sentence that asks for help, though it speaks of the number", () => {
    assert.ok(!isCallTalk("Shopkeeper handed me this number; we want help from sarkar."));
  });
  it("still reads past a sentence that only tells how the caller came to call", () => {
    assert.ok(isCallTalk("A shopkeeper handed me this number, saying you explain sarkari schemes."));
  });
});

describe("a government scheme's name said with its title", () => {
  it("reads the words between the title and the scheme word as a name, everyday words or not", () => {
    assert.equal(titledSchemeName(nativeTokens("kerala ki mukhyamantri beej bhandar yojana kab khulti hai")), "mukhyamantri beej bhandar yojana");
    assert.equal(titledSchemeName(nativeTokens("What does the Prime Minister's Village Lamp Scheme pay?")), "prime minister s village lamp scheme");
    assert.equal(titledSchemeName(nativeTokens("प्रधानमंत्री नाव सहायता योजना की रकम बताइए")), "प्रधानमंत्री नाव सहायता योजना");
  });
  it("finds none without the title or the scheme word", () => {
    assert.equal(titledSchemeName(nativeTokens("the chief minister visited our district fair")), undefined);
    assert.equal(titledSchemeName(nativeTokens("hamare mohalle ki safai yojana kaisi rahi")), undefined);
  });
});
