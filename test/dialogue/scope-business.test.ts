// A business the caller deals with, named by a name the knowledge base never uses before a kind of
// business ("<brand> bank", "<brand> finance") or called private, sells its own products: refused politely,
// not met with "no details of <brand>" nor with a scheme's documents. A scheme named beside a bank, or asked
// for by its kind, is still answered; a scheme the knowledge base lacks, called a scheme, still gets "no
// details". English, Hindi and romanised Hindi.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext } from "../../src/dialogue/index.js";
import { realEngine } from "./engine-over.js";

type Engine = ReturnType<typeof realEngine>;

/** Each text, asked afresh, gets (or, with `not`, does not get) the action. */
async function expectAction(real: Engine, texts: readonly string[], action: string, not = false): Promise<void> {
  for (const text of texts) {
    const reply = await real.engine.respond({ text }, newContext("s"));
    if (not) assert.notEqual(reply.action, action, `${text}: ${reply.text}`);
    else assert.equal(reply.action, action, `${text}: ${reply.text}`);
  }
}

describe("scope: a business's own products", () => {
  const real = realEngine();

  it("a named bank's, lender's or hospital's product, or a private institution's, is refused", async () => {
    await expectAction(real, [
      "ICICI bank ka home loan kitne byaj pe milta hai",
      "Muthoot Finance mein gold loan ka rate kya hai",
      "Fortis hospital mein operation ka kharcha kitna hai",
      "what documents does the Zorvex Bank want for a car loan?",
      "प्राइवेट स्कूल की फीस कितनी है",
      "आईसीआईसीआई बैंक से होम लोन कैसे मिलेगा",
    ], "out_of_scope");
  });

  it("a scheme beside a bank, a kind of help, or a private school's pupils' scheme is not refused", async () => {
    await expectAction(real, ["which bank gives the Mudra loan", "सहकारी बैंक से किसान क्रेडिट कार्ड कैसे बनेगा", "mujhe bank se business ke liye loan chahiye", "private school mein padhne wale bachon ke liye koi yojana hai?"], "out_of_scope", true);
  });

  it("a scheme the knowledge base lacks, called a scheme, still gets no details", async () => {
    await expectAction(real, ["Sukhsagar Vikas Yojana mein kitne paise milte hain"], "no_info");
  });
});

describe("scope: a kind of help for a group, told inside the caller's story", () => {
  const real = realEngine();

  it("is not refused however many everyday words tell the story", async () => {
    await expectAction(real, [
      "My cousin's husband passed away in a road accident last winter and she now lives with her parents in a small town. Is there any pension for widows?",
      "मेरी ननद के पति पिछले साल गुज़र गए, वो अपने मायके में रहती है, अब दोबारा शादी की बात चल रही है, क्या विधवा पेंशन बंद हो जाएगी?",
      "meri bhabhi ke pati pichhle saal guzar gaye, ab woh dubara shadi karna chahti hai, kya vidhwa pension band ho jayegi?",
    ], "out_of_scope", true);
  });

  it("but a request for something else, told after such a story, is still refused", async () => {
    await expectAction(real, ["My daughter's wedding is in May, suggest a good caterer", "बेटी की शादी अगले हफ्ते है, कोई अच्छा बैंड बाजा वाला बताइए", "beti ki shaadi agle hafte hai, koi achha band baja wala batao"], "out_of_scope");
  });
});

describe("scope: a scheme the knowledge base lacks, named in words only schemes' names use", () => {
  const real = realEngine();

  it("gets no details, not a refusal, whatever land or money words stand beside it", async () => {
    await expectAction(real, ["how much does Rythu Bandhu pay a farmer for one acre?", "Rythu Bandhu mein ek acre ka kitna paisa milta hai"], "no_info");
  });
});

describe("scope: a question about the schemes just offered, with the caller's circumstances told after it", () => {
  const real = realEngine();

  it("answers for the scheme asked about, not a refusal", async () => {
    for (const [first, then] of [
      ["What is the central government's old age pension scheme?", "Where should my grandfather apply? He lives in a small town."],
      ["केंद्र सरकार की विधवा पेंशन योजना क्या है?", "फॉर्म कहाँ जमा करना होगा? वो गाँव में रहती हैं।"],
      ["kendra sarkar ki vidhwa pension yojana kya hai?", "form kahan jama karna hai? hum gaon mein rehte hain."],
    ] as const) {
      const ctx = newContext("f");
      await real.engine.respond({ text: first }, ctx);
      const reply = await real.engine.respond({ text: then }, ctx);
      assert.notEqual(reply.action, "out_of_scope", `${then}: ${reply.text}`);
      assert.equal(reply.action, "answer", `${then}: ${reply.text}`);
    }
  });
});
