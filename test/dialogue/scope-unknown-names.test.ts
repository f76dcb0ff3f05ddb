// "No details of <name>" is the reply to a question about a scheme the knowledge base lacks, not to every
// question with a name in it: an everyday question naming a card, an app, a shop or a product is out of
// scope, judged by the rest of the question (the name taken out) as any question is. A scheme the knowledge
// base lacks, asked about as a scheme, still gets "no details". English, Hindi and romanised Hindi.
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

describe("scope: a name the knowledge base lacks", () => {
  const real = realEngine();

  it("an everyday question with a name in it is refused, not met with no details", async () => {
    await expectAction(real, OUT, "out_of_scope");
  });

  it("a scheme the knowledge base lacks, asked about as a scheme, still gets no details", async () => {
    await expectAction(real, IN, "no_info");
  });
});

/** Everyday questions naming a card or an app no scheme speaks of. */
const OUT = [
  "How do I recharge my Fastag card?",
  "My Fastag card got blocked, how to unblock it?",
  "Paytm card ka PIN kaise badlein",
  "fastag card recharge kaise kare",
  "मेट्रो कार्ड में बैलेंस कैसे डालें?",
  "मेरा पेटीएम कार्ड ब्लॉक कैसे करूँ?",
  "मेरा फास्टैग कार्ड रिचार्ज कैसे होगा?",
] as const;

/** Schemes the knowledge base lacks, called schemes or named in words like the schemes' own. */
const IN = [
  "Who can apply for the Gramoday Shakti scheme?",
  "What is the Vardaan Jeevan Yojana?",
  "Kalpataru scheme se kitna paisa milta hai",
  "Harit Dhara yojana mein paisa kab milega",
  "Sukanya Samriddhi khata kaise kholein",
  "तरंगिणी सहायता योजना के लिए कौन पात्र है?",
  "हरित धारा योजना के लिए कौन से कागज़ चाहिए?",
] as const;
