// Every facts miss of the readable parts, with what the answer ranker saw, sorted into causes (issue 15):
//   SAHAYAK_SHARED=… node --import tsx bench/facts-misses.ts [--parts dev,tune,tune3,tune4,tune6,tune7,tune8] [--full]
// (a) right scheme, the fact in a sentence the ranker did not choose; (b) the fact in no sentence the answer
// reads (another field, or text the pool leaves out); (c) a chosen-worthy sentence cut by the turn's word
// budget (it is chosen when the budget is lifted); (d) a Hindi answer to a caller whose facts are English:
// (d1) the Hindi said the sentence parallel to the English one holding the fact (the same field and item),
// (d2) it did not; (e) other (wrong scheme, no answer, a clarification). The (d1)/(d2) split is a guide
// to be checked by eye (--full prints the answer and the sentences holding each fact). Only the readable
// parts: tune2 and the test part are never looked at here.
// Results (2026-12-06, at dd35ed1, 70 misses, each checked by eye; (b) taken as "the fact is in another field
// than the one the answer was asked about", as every field is in the pool; one cause a miss, the first):
//   dev    a 1, b 0, c 4, d1 1, d2 0, e 0   (c: "who can apply" lists whose item asked is past the 40 words)
//   tune   a 1, b 1, c 1, d1 4, d2 2, e 2
//   tune3  a 1, b 0, c 1, d1 7, d2 0, e 5   (e: wrong scheme or a clarification 2, other languages 2, a link said without "www.")
//   tune4  a 7, b 4, c 4, d1 2, d2 7, e 5
//   tune6  a 1, b 3, c 0, d1 2, d2 0, e 4   (b: an age told, "26 years old", read as an age asked, 2)
//   all    a 11, b 8, c 10, d1 16, d2 9, e 16
// At 321cbe2 with tune7 read (the rule "who cannot apply", a count of people, two figures of money, a time
// told; tune7 a 6 -> 2 by it): dev a 5, d1 1; tune a 5, d2 4, e 2; tune3 a 1, c 1, d1 5, d2 3, e 4; tune4 a 15,
// c 2, d1 2, d2 4, e 4; tune6 a 1, c 1, d1 2, e 4; tune7 a 2, d1 1, e 10. The 11 (d1) read by eye: 10 say the
// fact asked in Hindi ("12 महीनों के भीतर" for "12 months", "80 प्रतिशत से अधिक", "कैशलेस प्रसव"), all to
// romanised-Hindi callers whose facts are written in English; one (t4-e-041) does not say it.
// 2026-12-06 (facts10, tune8 read too; causes read by eye for the misses with the scheme right): after the
// yes/no "may a man / my husband apply" reading, years of service as a span, and a percentage told, 52 left:
// the bench's English string cannot see a Hindi reply's fact 15; the Hindi record lacks or differs 8; the
// voice budget 7 (unguided "who is eligible" lists 4); the right sentence ranked low 10; several facts asked
// and one said 5; the field chosen wrong 3; other languages' words unread 4. tune8 has none left with the
// scheme right (t8-022 answers the prior turn's wrong scheme: identification, not the answer).
// 2026-12-06 (facts11, tune9 read too): at 2b258f1, 59 misses with the scheme right on dev..tune9 (tune2 never
// read), causes read by eye: the bench's English string cannot see a Hindi reply's fact 14 (tune9: t9-101
// "14 से 45 वर्ष", t9-110 "प्रखंड कृषि अधिकारी"); the right sentence ranked low 13 (yes/no of a thing the record
// names otherwise, "batai" of sharecroppers 4); the Hindi record lacks or differs 9; the voice budget 8
// (unguided "who is eligible" lists 5, two facts asked and the second past the words 3); several facts asked and
// one said 4 (t6-034, t4-e-010, t4-e-026, t9-043); an age told choosing a band 3 (t6-009, t9-003, t7-055);
// other languages 4; a record's table glued (pmmvy's instalments, "3,000/-Second Instalment") 3; the fact in no
// sentence as written 1 (t9-052). Fixed by general methods: an age told chooses the band and is no age asked
// (t6-009, t9-003), "age" no longer read inside "Languages" (t9-043). At decb684: 56 (dev a 5, d1 1; tune a 5,
// d2 4; tune3 a 1, c 1, d1 5, d2 3; tune4 a 13, c 2, d1 2, d2 4; tune6 a 1, d1 2; tune7 a 2, d1 1; tune9 a 1,
// b 1, d1 2). t7-055 went from (c) to (a): the caller of 72 asks both bands ("60 ke upar aur 70 ke upar") and
// only the 70+ one is said now (it was missed before too, past the words).
// 2026-12-06 (facts12, tune10 read too): at ac48046 tune10 had 10 misses with the scheme right, each a class:
// a kind asked in words the ranker did not read (a span in words "six days", a count of "children", "padha" for
// schooling, a helpline asked with "where I can…", a licence asked beside an age), the field of who may apply
// not taken as asked (an income asked in a question naming a loan), a second fact past the words (a rule and its
// long proviso in one sentence), a question asked after a choice answered only as "may I", and a documents list
// written as one run cut at its first remark (also t9-052). Left: t10-014 (marks asked; the record gives 50% in
// its rules and 60% in its papers), t10-026 (the Hindi says "40 से 79 वर्ष"), t6-034 ("what do I need" beside
// an age: no word names a paper).
// 2026-12-07 (facts13, tune11 read too): at ce80044 tune11 had 6 misses with the scheme right (a 6), each a
// class: a schooling level asked by its class (by its class), a loan's size asked,
// a benefit already had from another scheme (the rule on other pensions), two amounts asked beside an age
// told, and a sum asked of a record giving only a share (with a time asked beside it); and a follow-up naming
// the pension the caller already has took it as the new scheme. At c7f2605: a 1 (t11-097: the Hindi says
// "18 से 45 वर्ष", the bench's English "45 years" cannot see it). Left (e): identification, scope and a
// follow-up's "isme" beside a kind the lexicon reads as another ("anudan" → subsidy, the record says "grant").
// 2026-12-07 (stop 44, tune13 and tune14 read too; at 73cb1af): tune11 a 1, e 19; tune12 e 8; tune13 a 3, c 1,
// e 14; tune14 c 2, d1 1, e 17. (e) is 58 of the 66: the scheme not found (16 "no details of" a scheme the
// knowledge base holds, 21 clarifications, 18 answers of another scheme, 2 confirmations, 1 refusal), which is
// identification, not the answer ranker. Of the 8 others two say the fact in Hindi ("18 से 45 वर्ष", "14 से 45
// वर्ष") to a romanised-Hindi caller whose fact is written in English, three are a second sentence past the
// words (a long first sentence nearly as good), one a follow-up asking what a scheme pays read as no field.
// 2026-12-07 (stop 48, tune14–tune18 at 7d3945c): 82 misses, 64 (e) (identification). The 18 with the scheme
// right, read by eye: the field read from a field word in the caller's story, or from "can the <name> …"
// taken as who may have it 4 (t15-014, t17-007, t15-017, t18-110); the fact in another field
// than the one read (a land holding asked as a Hindi requirement, a deadline written with no word of one, years
// of work asked in a follow-up, a maximum deposit beside a duration) 4 (t18-105, t16-073, t17-076, t18-053); the
// Hindi reply says the fact in Hindi, the bench's English string cannot see it 4 (t14-083, t18-058, t17-012,
// t18-037); a short form said bare where the record spells it out elsewhere ("BDO") 2 (t14-111, t15-055); the
// right field, the sentence ranked low (no word of the caller's in it) 3 (t18-014, t16-053, t18-074);
// the voice budget 1 (t14-098). Tried: the field read from the sentences that ask, the name said as "it"
// (fixes its own 4 lines only, validation unchanged, so not kept); a spelt-out short form
// said in full wherever it is used bare (tune14 and tune15 +1 line each, tune2 facts 0.917 → 0.833 and tune4
// 0.766 → 0.738: dropped; facts written with the short form lose it); glossed after the sentence instead
// ("BDO means …": its own 2 lines only, validation unchanged, so not kept).
import { newContext } from "../src/dialogue/index.js";
import { RANK_WEIGHTS, selectUnits, unitScores } from "../src/dialogue/compose.js";
import { unitEvidence, type QuestionWords } from "../src/dialogue/unit-evidence.js";
import type { Asks } from "../src/dialogue/nlu.js";
import type { AnswerLang, Field } from "../src/dialogue/types.js";
import { unitPool, type Unit } from "../src/dialogue/units.js";
import { answersForScheme } from "./dialogue.js";
import { TUNING_PARTS, containsFact } from "./eval/set.js";
import { partQuestions, withEngine } from "./fit/engine-run.js";

const READABLE: readonly string[] = TUNING_PARTS;

interface Logged {
  schemeId: string;
  field: Field;
  words: QuestionWords;
  asks: Asks[];
  budget: number;
  lang: AnswerLang;
  fieldAsked: boolean;
  income?: number;
  whether?: boolean;
  age?: number;
}

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const parts = (arg("parts") ?? READABLE.join(",")).split(",").filter((p) => READABLE.includes(p));
const full = process.argv.includes("--full");

type Cause = "a" | "b" | "c" | "d1" | "d2" | "e";

const seen: Logged[] = [];
await withEngine(
  "facts-misses",
  async (engine, kb) => {
    const counts = new Map<string, number>();
    for (const part of parts) {
      for (const q of partQuestions(part)) {
        if (!q.schemeId || !q.answerFacts?.length) continue;
        const ctx = newContext(q.id);
        if (q.priorTurn) await engine.respond({ text: q.priorTurn.question }, ctx);
        seen.length = 0;
        const reply = await engine.respond({ text: q.question }, ctx);
        const missing = q.answerFacts.filter((f) => !containsFact(reply.text, f));
        if (!missing.length) continue;
        const logged = seen.at(-1);
        const lines: string[] = [];
        let cause: Cause = "e";
        let why = "";
        if (!answersForScheme(reply, q) || reply.action !== "answer" || !logged || logged.schemeId !== reply.schemeIds[0]) {
          why = `${reply.action} [${reply.schemeIds.join(",")}]`;
        } else {
          const record = (await kb.store.get(logged.schemeId))!;
          const pool = unitPool(record, logged.lang, logged.budget);
          const ev = unitEvidence(pool, logged.field, logged.words, logged.asks, logged.lang, logged.fieldAsked, logged.income, logged.whether, logged.age);
          const scores = unitScores(pool, ev);
          const ranking = selectUnits(pool, ev, logged.field, logged.budget);
          const lifted = selectUnits(pool, ev, logged.field, logged.budget * 100);
          const best = Math.max(...scores);
          const said = new Set(ranking.order.slice(0, Math.max(ranking.picked, 1)));
          const englishFacts = missing.every((f) => !/[\u0900-\u097f]/.test(f));
          const causes: Cause[] = [];
          for (const f of missing) {
            const holders = pool.flatMap((u, i) => (containsFact(u.text, f) ? [i] : []));
            const show = (i: number, p: Unit[] = pool) => `   #${i} ${p[i]!.field}/${p[i]!.item}${p[i]!.faq ? "/faq" : ""} ${p === pool ? `score ${(scores[i]! / best).toFixed(2)} rank ${ranking.order.indexOf(i)}` : ""} ${p[i]!.text.slice(0, 200)}`;
            if (logged.lang === "hi" && englishFacts && !holders.length) {
              // the caller's facts are English, the answer Hindi: did it say the Hindi twin of the English sentence?
              const en = unitPool(record, "en", logged.budget);
              const enHolders = en.flatMap((u, i) => (containsFact(u.text, f) ? [i] : []));
              const twins = enHolders.flatMap((i) => pool.flatMap((u, j) => (u.field === en[i]!.field && u.item === en[i]!.item && !u.faq && !en[i]!.faq ? [j] : [])));
              const saidTwin = twins.some((j) => said.has(j));
              causes.push(saidTwin ? "d1" : "d2");
              lines.push(`  "${f}" (d${saidTwin ? 1 : 2}) English holders:`, ...enHolders.map((i) => show(i, en)), "  Hindi twins:", ...twins.map((j) => show(j)));
              continue;
            }
            if (!holders.length) {
              causes.push("b");
              lines.push(`  "${f}" (b) in no sentence of the pool`);
              continue;
            }
            const liftedSaid = new Set(lifted.order.slice(0, lifted.picked));
            const c: Cause = holders.some((i) => liftedSaid.has(i)) ? "c" : "a";
            causes.push(c);
            lines.push(`  "${f}" (${c}) holders:`, ...holders.map((i) => show(i)));
          }
          cause = causes.includes("a") ? "a" : causes.includes("b") ? "b" : causes.includes("c") ? "c" : causes.includes("d2") ? "d2" : causes[0] ?? "e";
          why = `${logged.field} ${logged.lang} asks [${logged.asks.join(",")}] picked ${ranking.picked}: ${[...said].join(",")}`;
          if (full) lines.push("  picked:", ...[...said].map((i) => `   #${i} ${pool[i]!.field}/${pool[i]!.item} score ${(scores[i]! / best).toFixed(2)} ${pool[i]!.text.slice(0, 200)}`));
        }
        counts.set(`${part} ${cause}`, (counts.get(`${part} ${cause}`) ?? 0) + 1);
        console.log(`${part} (${cause}) ${q.id} ${q.lang} "${q.question}" missing ${JSON.stringify(missing)} — ${why}`);
        if (full) console.log(`  reply: ${reply.text}`);
        if (full || cause !== "e") for (const l of lines) console.log(l);
      }
    }
    console.log("\ncounts by part and cause:");
    for (const part of parts) console.log(`  ${part}: ${["a", "b", "c", "d1", "d2", "e"].map((c) => `${c} ${counts.get(`${part} ${c}`) ?? 0}`).join(", ")}`);
  },
  { onRecord: (record: { ranking?: Logged }) => void (record.ranking && seen.push(record.ranking)) },
);
