// A scheme called by what it does, in the caller's words, where a name would stand ("<words> योजना",
// "<words> wali yojana"): on made-up schemes, words that all describe one scheme (by its Hindi name's words,
// or by the English meanings of romanised Hindi words) answer that scheme; the other words told (whom it is
// for) pick one of several; a name of words no scheme holds still gets "no details".
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { madeUpEngine, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });

const records = [
  scheme({
    schemeId: "npw-test",
    name: { en: "National Pension Scheme For Handloom Weavers", hi: "हथकरघा बुनकरों के लिए राष्ट्रीय पेंशन योजना" },
    tags: ["Weaver", "Pension"],
    benefits: { en: ["A pension of ₹ 3,300 a month from the age of sixty."], hi: ["साठ वर्ष की आयु से ₹ 3,300 प्रति माह पेंशन।"] },
  }),
  scheme({
    schemeId: "npd-test",
    name: { en: "National Pension Scheme For Fishermen", hi: "मछुआरों के लिए राष्ट्रीय पेंशन योजना" },
    tags: ["Fisherman", "Pension"],
    benefits: { en: ["A pension of ₹ 2,700 a month."], hi: ["₹ 2,700 प्रति माह पेंशन।"] },
  }),
  scheme({
    schemeId: "alg-test",
    name: { en: "Artificial Limb Fitting Assistance" },
    ...inState("Goa"),
    tags: ["Artificial Limbs", "Disability"],
    applicationProcess: { en: [{ mode: "Offline", url: null, steps: ["Submit the form at the district social welfare office in Panaji."] }] },
  }),
  scheme({
    schemeId: "alk-test",
    name: { en: "Artificial Limb Supply Programme" },
    ...inState("Kerala"),
    tags: ["Artificial Limbs", "Disability"],
    applicationProcess: { en: [{ mode: "Offline", url: null, steps: ["Apply at the nearest medical college hospital."] }] },
  }),
];

describe("a scheme described, not named", () => {
  const made = madeUpEngine("sahayak-described-", records);

  it("the words of a Hindi name before 'योजना', with whom it is for told beside them, are that scheme", async () => {
    const reply = await made.ask("बुनकर भाइयों वाली राष्ट्रीय पेंशन योजना की मासिक रकम कितनी है?");
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "npw-test"], reply.text);
  });

  it("the same words with another group told beside them are the other group's scheme", async () => {
    const reply = await made.ask("mere pitaji machhuare the, samundar mein jaate the. rashtriya pension yojana se unko kitna milega?");
    assert.deepEqual([reply.action, reply.schemeIds[0]], ["answer", "npd-test"], reply.text);
  });

  it("a name of words no scheme holds is still not held", async () => {
    const reply = await made.ask("Zorvani Kelptura Yojana se paisa kitna aata hai?");
    assert.equal(reply.action, "no_info", reply.text);
    assert.deepEqual(reply.schemeIds, [], reply.text);
  });
});
