// A kind of help named in words the curated lexicon lacks, by a caller who says where they live and what
// they do: a dictionary word beside another makes a tag of the knowledge base ("सिलाई मशीन", "nirman
// mazdoor"), what the caller does for a living ("सिलाई का काम करती हूँ") is not the help asked for, and the
// caller's state's own schemes come before a central one only filed under the help asked for.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Reply } from "../../src/dialogue/index.js";
import { madeUpEngine, otherKinds, scheme } from "./engine-over.js";

const state = (name: string) => ({ level: "state", state: name, applicableStates: [name] });
const records = [
  scheme({ schemeId: "zsh-test", name: { en: "Zarimba Sewing Machine Sahayata" }, ...state("Haryana"), tags: ["Sewing Machine", "Woman Worker"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zsk-test", name: { en: "Zarimba Free Supply of Sewing Machines" }, ...state("Kerala"), tags: ["Sewing Machine", "Destitute"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zre-test", name: { en: "Zarimba Rural Employment Guarantee" }, tags: ["Employment", "Job", "Labour"], categories: ["skills-employment"] }),
  scheme({ schemeId: "zct-test", name: { en: "Zarimba Tools Grant (BOCW)" }, ...state("Bihar"), tags: ["Construction Worker", "Building Worker", "Labour"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zca-test", name: { en: "Zarimba Accident Aid (BOCW)" }, ...state("Bihar"), tags: ["Construction Worker", "Labour", "Accident"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zsb-test", name: { en: "Zarimba Shramik Bima" }, tags: ["Labour", "Unorganised Worker", "Insurance"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zkv-test", name: { en: "Zarimba Kanya Vivah Yojana" }, ...state("Bihar"), tags: ["Marriage", "Girl"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zav-test", name: { en: "Zarimba Antarjatiya Vivah Protsahan" }, ...state("Bihar"), tags: ["Marriage Grant", "Inter-caste Marriage"], categories: ["social-welfare"] }),
  // about women deserted by their husbands: filed under marriage by its sub-category alone
  scheme({ schemeId: "zla-test", name: { en: "Zarimba Legal Aid for Deserted Women" }, tags: ["Legal Assistance", "Women"], subCategories: ["Marriage"], categories: ["public-safety-law-justice"], categoryLabels: ["Public Safety,Law & Justice"] }),
  scheme({ schemeId: "zop-test", name: { en: "Zarimba Old Age Pension Scheme" }, ...state("Uttar Pradesh"), tags: ["Old Age", "Pension"], categories: ["social-welfare"] }),
  scheme({ schemeId: "zsc-test", name: { en: "Zarimba Senior Citizen Pension" }, tags: ["Pension", "Senior Citizen"], categories: ["social-welfare"] }),
];
// schemes of other kinds, so that the concepts asked for are what a few schemes are filed under
const others = otherKinds(["Library", "Sports", "Road", "Museum", "Tourism", "Film", "Drinking Water", "Solar Energy", "Forest", "Broadband", "Dairy", "Fisheries"]);

describe("a kind of help in words the lexicon lacks, with the caller's state and livelihood", () => {
  const { ask } = madeUpEngine("sahayak-choice-state-", [...records, ...others]);
  const shown = (reply: Reply) => `${reply.action} ${reply.schemeIds.join(",")}: ${reply.text}`;

  for (const text of ["सिलाई मशीन मिलने वाली कोई योजना है क्या?", "मैं सिलाई का काम करती हूँ, सिलाई मशीन की कोई योजना बताइए", "main silai ka kaam karti hoon, silai machine wali yojana batao", "is there a scheme that gives a sewing machine?"]) {
    it(`sewing machine schemes, not work in general: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "clarify", shown(reply));
      assert.deepEqual([...reply.schemeIds].sort(), ["zsh-test", "zsk-test"], shown(reply));
    });
  }

  for (const text of ["Bihar me nirman mazdooron ke liye kya kya yojana hai?", "मैं बिहार में निर्माण मजदूर हूँ, मेरे लिए कौन सी योजना है?", "which schemes are there for construction workers in Bihar?"]) {
    it(`construction workers' schemes of Bihar: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "clarify", shown(reply));
      assert.deepEqual([...reply.schemeIds].sort(), ["zca-test", "zct-test"], shown(reply));
    });
  }

  for (const text of ["Bihar me beti ki shaadi ke liye kaun si yojana hai", "बिहार में बेटी की शादी के लिए कौन सी योजना है?", "which scheme helps with my daughter's marriage in Bihar?"]) {
    it(`the state's own marriage schemes before a central one only filed under marriage: "${text}"`, async () => {
      const reply = await ask(text);
      assert.equal(reply.action, "clarify", shown(reply));
      assert.deepEqual(reply.schemeIds.slice(0, 2).sort(), ["zav-test", "zkv-test"], shown(reply));
    });
  }

  // the father mentioned with the honorific, the mason's trade in one word: no scheme names
  for (const text of ["बुढ़ापा पेंशन के लिए कौन सी योजना है? पिताजी 68 साल के हैं", "budhapa pension ki kaun si yojana hai? pitaji 68 saal ke hain", "which old age pension scheme is there? my father is 68", "मैं राजमिस्त्री हूँ, बुढ़ापा पेंशन की कौन सी योजना है?"]) {
    it(`old-age pensions, not "no details" of a word of kin or trade: "${text}"`, async () => {
      const reply = await ask(text);
      assert.notEqual(reply.action, "no_info", shown(reply));
      assert.ok(reply.schemeIds.length > 0 && reply.schemeIds.every((id) => ["zop-test", "zsc-test"].includes(id)), shown(reply));
    });
  }
});
