// A state's scheme whose name is made of kind-of-help words ("<Kind> <Kind>/<Kind> Scheme"), said by its first
// words by a caller of that state: their state's scheme, when no other scheme they may use (central, or of
// their state) has a name starting so; the same words of another state's scheme are no rival, as the caller
// cannot use it. Made-up schemes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newContext, type DialogueEngine } from "../../src/dialogue/index.js";
import type { KnowledgeBase } from "../../src/knowledge/index.js";
import { sampleRecords, tempDir } from "../helpers.js";
import { engineOver, scheme } from "./engine-over.js";

const inState = (state: string) => ({ level: "state", state, applicableStates: [state] });
const tags = ["Solar Pump", "Irrigation", "Farmer"];

const records = [
  scheme({ schemeId: "spde-kl-test", name: { en: "Solar Pump/Drip Equipment Scheme" }, ...inState("Kerala"), tags, benefits: { en: ["A subsidy of 60% of the pump's cost for a farmer in Kerala."] } }),
  scheme({ schemeId: "spds-goa-test", name: { en: "Solar Pump and Drip Supply Scheme" }, ...inState("Goa"), tags, benefits: { en: ["A subsidy of 75% of the pump's cost for a farmer in Goa."] } }),
  // the kind's words are many schemes' (a kind of help, not a name): their names or tags hold them
  ...["Assam", "Bihar", "Punjab", "Haryana"].map((state, i) =>
    scheme({ schemeId: `kus-${i}-test`, name: { en: `Kisan Urja Solar Pump Sahayata ${["Ek", "Do", "Teen", "Char"][i]}` }, ...inState(state), tags, benefits: { en: [`A pump for a farmer in ${state}.`] } }),
  ),
  scheme({ schemeId: "dripc-test", name: { en: "Drip Equipment Grant" }, ...inState("Bihar"), tags: ["Drip Equipment", "Irrigation"], benefits: { en: ["A grant for drip pipes."] } }),
];

describe("a state's scheme named by its kind words, by a caller of that state", () => {
  const dir = tempDir("sahayak-own-state-kind-");
  let made: { kb: KnowledgeBase; engine: DialogueEngine };
  before(async () => (made = await engineOver(dir.path, [...sampleRecords(), ...records])));
  after(() => made.kb.close().finally(() => dir.cleanup()));
  const reply = (text: string) => made.engine.respond({ text }, newContext("s"));

  for (const [text, id] of [
    ["Kerala se bol raha hoon, solar pump wali yojana me subsidy kitna milega?", "spde-kl-test"],
    ["Our fields lie near Panaji in Goa. What subsidy is given by the solar pump scheme?", "spds-goa-test"],
  ] as const) {
    it(`their state's: "${text}"`, async () => {
      const r = await reply(text);
      assert.deepEqual([r.action, r.schemeIds[0]], ["answer", id], r.text);
    });
  }

  it("asked for several, it stays a kind: no one scheme answered", async () => {
    const r = await reply("Kerala ke liye solar pump wali saari yojanaen ginao");
    assert.notEqual(r.action, "answer", r.text);
  });
});
