// What a caller says of the call itself (a check of the line, who gave them the helpline's number and what
// for) is read past, so a bare request after it starts the guided choice instead of being refused for the
// giver's words; a person asked for is heard in the sentence that asks, not in a story of someone else's
// customer care; the government's help asked for is a question about schemes; "<word> ke liye" says whom
// something is for, not whose; a name asked of on its own ("who can get <name>?") is a scheme's, though
// another mention makes it the source of help; "<town> se ek … hoon" says where the caller is from; an
// everyday thing awaited ("when will the result come?") is an errand, a pension awaited is not.
// English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { isCallTalk, withoutCallTalk } from "../../src/dialogue/call-talk.js";
import { residenceWords } from "../../src/dialogue/residence.js";
import { nativeTokens } from "../../src/knowledge/text.js";
import { realEngine } from "./engine-over.js";

describe("scope: talk of the call itself, and requests for the government's help", () => {
  it("tells the sentences about the call from the question", () => {
    assert.ok(isCallTalk("Hello, do you hear me?"));
    assert.ok(isCallTalk("My neighbour gave me this number, she said you explain government schemes."));
    assert.ok(isCallTalk("मेरी बहू ने यह नंबर दिया, कहा यहाँ सरकारी मदद के बारे में बताते हैं।"));
    assert.ok(isCallTalk("Pradhan ji ne ye number diya, bole yahan sarkari yojana ki baat hoti hai."));
    // a scheme named in it is what the caller asks of
    assert.ok(!isCallTalk("My neighbour gave me this number for the Zorgulpa yojana."));
    // nothing said of the government: the caller's own topic
    assert.ok(!isCallTalk("My friend gave me this number for my broken fridge."));
    assert.equal(withoutCallTalk("My daughter-in-law gave me this number, she said you explain government schemes. What can I get?"), "What can I get?");
    // nothing else said: the text as it stands
    assert.equal(withoutCallTalk("Is this the number for government schemes?"), "Is this the number for government schemes?");
  });

  it("reads where the caller is from, a few words before their 'hoon'", () => {
    const home = residenceWords({ tokens: nativeTokens("main Zorgulpa Gujarat se ek chhota kisan hoon, kya milega") });
    assert.ok(home.has("zorgulpa"));
    assert.ok(!home.has("main"));
  });

  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("c"));

  it("meets a bare request after the story of the call with the guided choice", async () => {
    for (const text of [
      "Hello? Hello, do you hear me? My neighbour gave me this number, she said you explain government schemes. I need something, what do you do?",
      "नमस्ते, मेरी बहू ने यह नंबर दिया, कहा यहाँ सरकारी मदद के बारे में बताते हैं। मुझे कुछ जानना है।",
      "Pradhan ji ne ye number diya, bole yahan sarkari yojana ki baat hoti hai. Mujhe kuch poochna hai.",
    ]) {
      const reply = await talk(text);
      assert.equal(reply.action, "clarify", `${text}: ${reply.action} ${reply.text}`);
    }
  });

  it("still refuses an errand told after the story of the call", async () => {
    const reply = await talk("My friend gave me this number. My refrigerator stopped cooling yesterday, can you send a mechanic?");
    assert.equal(reply.action, "out_of_scope", reply.text);
  });

  it("hears a person asked for only in the sentence that asks", async () => {
    const reply = await talk("My broadband router has been blinking red for two days and their customer care never answers. Can you send someone to repair it?");
    assert.notEqual(reply.action, "transfer", reply.text);
    assert.equal((await talk("I have a question about pensions, please let me talk to a human")).action, "transfer");
  });

  it("takes the government's help asked for as a question about schemes", async () => {
    for (const text of ["Meri behan ki shaadi hai, sarkar se koi madad milegi?", "मेरी बहन की शादी है, सरकार से कोई सहायता मिलेगी?", "My sister is getting married, is there any government help?"]) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });

  it("reads 'ke liye' as whom schemes are for, and the plural 'yojanayein'", async () => {
    const reply = await talk("Fauj se retire hokar Zorgulpa, Gujarat mein rehta hoon. Hum jaise bhootpurv sainik ke liye sarkar ki kaunsi yojanayein hain?");
    assert.notEqual(reply.action, "out_of_scope", reply.text);
  });

  it("refuses an everyday thing awaited, not help a scheme gives", async () => {
    for (const text of ["When will the university exam result come out?", "बारहवीं का रिजल्ट कब आएगा?", "bhaiya bus kab aayegi station pe"]) {
      const reply = await talk(text);
      assert.equal(reply.action, "out_of_scope", `${text}: ${reply.action} ${reply.text}`);
    }
    for (const text of ["Pension kab aayegi?", "When will the scholarship money come?"]) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "out_of_scope", `${text}: ${reply.text}`);
    }
  });

  it("answers 'no details' of a name asked of on its own, though said as the source of help", async () => {
    const reply = await talk("My niece says she will get a scholarship from Zorgulpashree. Who is eligible for Zorgulpashree?");
    assert.equal(reply.action, "no_info", reply.text);
    assert.match(reply.text, /zorgulpashree\./i);
    // a bank said as the source of a loan is still a seller
    const bank = await talk("I want a personal loan from Zorgulpa Bank, what interest will they charge?");
    assert.equal(bank.action, "out_of_scope", bank.text);
  });
});
