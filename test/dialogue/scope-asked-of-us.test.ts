// What the caller asks of the helpline itself, on both sides of the scope decision: the helpline's number
// said to be for schemes in the plural ("you tell people about schemes", "yojanaon ki jaankari") is talk of
// the call, read past so the bare request after it gets the guided choice; a person is asked for in words
// that ask for one, not told of in the caller's story ("their agent no longer answers"); help asked for a
// kind of people ("any help for the children of prisoners?") is asked of the schemes. English, Hindi and
// romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { asksForPerson, asksHelpFor, isCallTalk } from "../../src/dialogue/call-talk.js";
import { realEngine } from "./engine-over.js";

describe("scope: what is asked of the helpline itself", () => {
  it("reads the number said to be for schemes in the plural as talk of the call", () => {
    assert.ok(isCallTalk("I got this number from my brother-in-law, he said you explain schemes to people."));
    assert.ok(isCallTalk("Mere chacha ne ye number diya, kehte hain yahan yojanaon ki jaankari milti hai."));
    assert.ok(isCallTalk("यह नंबर मेरी बहन से मिला, उसने कहा यहाँ से योजनाओं की बातें पता चलती हैं।"));
    // one scheme named is what the caller asks of
    assert.ok(!isCallTalk("My cousin gave me this number for the Zorgulpa scheme."));
  });

  it("hears a person asked for, not one told of", () => {
    for (const s of ["Please connect me to an operator.", "agent please", "एजेंट से बात कराइए", "mujhe kisi insaan se baat karni hai"]) assert.ok(asksForPerson(s), s);
    for (const s of ["Their agent no longer answers my calls.", "उस कंपनी का एजेंट अब फोन नहीं उठाता।", "dukaan ka agent ab phone nahi uthata"]) assert.ok(!asksForPerson(s), s);
  });

  it("reads help asked for a kind of people", () => {
    assert.ok(asksHelpFor("Is there any help for the children of prisoners?"));
    assert.ok(asksHelpFor("Kaidiyon ke parivar ke liye koi madad hai?"));
    assert.ok(asksHelpFor("कैदियों के परिवारों के लिए कोई सहायता है?"));
    assert.ok(!asksHelpFor("Can you help me fix my fridge?"));
  });

  const real = realEngine();
  const talk = (text: string) => real.engine.respond({ text }, newContext("c"));

  it("meets a bare request after the number said to be for schemes with the guided choice", async () => {
    for (const text of [
      "Good evening, I got this number from my brother-in-law, he said you explain schemes to people. I have a question too.",
      "Mere chacha ne ye number diya, kehte hain yahan yojanaon ki jaankari milti hai. Mujhe bhi kuch poochna hai.",
      "यह नंबर मेरी बहन से मिला, उसने कहा यहाँ से योजनाओं की बातें पता चलती हैं। मेरा भी एक सवाल है।",
    ]) {
      const reply = await talk(text);
      assert.equal(reply.action, "clarify", `${text}: ${reply.action} ${reply.text}`);
    }
  });

  it("does not put the caller through for someone else's agent in their story", async () => {
    for (const text of [
      "I bought a phone on instalments from a shop last year and now they want more money. Their agent no longer answers my calls.",
      "उस कंपनी का एजेंट अब फोन नहीं उठाता।",
    ]) {
      const reply = await talk(text);
      assert.notEqual(reply.action, "transfer", `${text}: ${reply.text}`);
    }
    for (const text of ["agent please", "एजेंट से बात कराइए", "My pension has not come for months, please connect me to an operator."]) {
      assert.equal((await talk(text)).action, "transfer", text);
    }
  });

  it("does not refuse help asked for the families of prisoners after the caller's story", async () => {
    const reply = await talk("My son-in-law went to prison last year and my daughter works in the fields to feed her children. Is there any help for such families?");
    assert.notEqual(reply.action, "out_of_scope", reply.text);
  });
});
