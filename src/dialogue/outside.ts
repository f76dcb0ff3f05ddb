// What lies outside what the helpline can answer: how much a question is about schemes at all (the
// evidence the calibrated out-of-scope decision weighs), and a scheme the caller names that the
// knowledge base does not hold.
import { nativeTokens } from "../knowledge/text.js";
import { asksGovernmentHelp, asksHelpFor } from "./call-talk.js";
import { telling } from "./category.js";
import { readBySound } from "../knowledge/dictionary-forms.js";
import type { Identified } from "./identify.js";
import { readText, type DialogueKnowledge } from "./knowledge.js";
import { DESIGNATOR, FOR_WHOM, FRAME_WORDS, HELP_WORDS, HINDI_FOR, OPEN_SCHEME_QUESTION, PERSON_WORDS, RUNNER_WORDS, scoreIntents, TIME_WORDS, turnSentences } from "./nlu.js";
import { askingSentences, asksPrivateThing, STRONG_FIELD } from "./private-ask.js";
import type { Reading } from "./reading.js";
import { isOrdinaryWord } from "./ordinary.js";
import { residenceTellingWords, residenceWords } from "./residence.js";
import { NAME_ENDS } from "./unheld.js";
import { domainLean, inScopeProbability, isReadable, scopeEvidence, type ScopeEvidence } from "./scope.js";

/** The scripts the helpline reads (a word of another, a Bengali or Tamil one, is judged only by its meaning if known). */
const READ_SCRIPT = /^[a-z0-9\u0900-\u097f]+$/i;

/** Words that call the words before them a scheme's name. */
const CALLED_A_SCHEME = /^(?:schemes?|yojana|yojna|योजना|card|कार्ड|abhiyan|mission)$/;

/** A name broken by recognition comes in at least this many pieces. */
const NAME_PIECES = 2;

/** A word of names at most this many schemes use is a rare one: a name of its own, not a kind of help. */
const RARE_NAME_SCHEMES = 5;

/** An unknown name is answered "no details" when the question is at least this share of in-scope-enough. */
const UNKNOWN_NAME_SCOPE = 0.6;

/** The evidence that a question is about schemes, from the caller's words and the best name score. */
export function questionEvidence(k: DialogueKnowledge, r: Reading, nameScore: number, nameless?: ReadonlySet<string>): ScopeEvidence {
  // (a romanised word read by the dictionary meaning it was met by by sound is the kind asked when schemes are
  // asked for, no sign that they are: sound meets across everyday words; so is a word of everyday speech read
  // by the tag schemes carry of its meaning, "चाय", tea)
  const weighed = r.units.filter((u) => !RUNNER_WORDS.has(u.label) && !readBySound(u) && !u.everyday);
  const evidence = scopeEvidence(
    {
      content: r.content,
      named: nameScore,
      // (the government's help asked for calls it a scheme as "yojana" does, and so does help asked for someone)
      frame: r.frame || asksGovernmentHelp(r.text) || asksHelpFor(r.text),
      // a concept a fifth of all schemes are filed under ("financial assistance", from "rupaye") is no sign
      // of a question about schemes: prices and wages speak of money too
      conceptCounts: telling(k, weighed).map((u) => (u.group ? k.concepts.schemeCount : Math.max(0, ...u.stems.map((s) => k.concepts.conceptCount(s))))),
      // nor do its words make a share of the words that name a concept, nor lean by how much the schemes'
      // text uses them ("rupees" fills it): they say nothing either way
      conceptWords: conceptWordCount(k, { ...r, units: telling(k, weighed) }),
      described: describedWords(k, r),
      // (nor does where the caller lives: "hum <town> me rehte hain" is the caller's story, as a description is)
      neutral: new Set([...broadUnits(k, r).flatMap((u) => nativeTokens(u.label)), ...residenceTellingWords(r, (w) => k.kb.search.isPlaceOfAnySize(w) || !k.background.commonness(w).known)]),
      nameless,
    },
    k.concepts,
    k.background,
    (w) => k.kb.store.lexicon.englishFor(w),
  );
  // asking for help ("madad", "सहायता") or for what a fifth of all schemes give ("paisa", "money") says what
  // schemes are, not which: a request made of such words alone is a bare one, met with "who is it for?"
  const broad = new Set(broadUnits(k, r).map((u) => u.label));
  return { ...evidence, content: r.content.filter((w) => !HELP_WORDS.has(w) && !broad.has(w)).length };
}

/**
 * The evidence of a question that names a scheme the knowledge base lacks, the words of the name counted
 * neutral (nobody's name is everyday speech nor a scheme's), so that what the caller asks about it is what
 * is judged ("recharge", "cashback" or "apply", "documents"); `content`: how many of the other words are
 * in a script the helpline reads (English, Hindi) or have a meaning it knows.
 */
export function restEvidence(k: DialogueKnowledge, r: Reading, nameScore: number, name: string): ScopeEvidence {
  const nameWords = new Set(nativeTokens(name));
  const units = r.units.filter((u) => !nativeTokens(u.label).every((w) => nameWords.has(w)));
  const meanings = (w: string) => k.kb.store.lexicon.englishFor(w);
  const evidence = questionEvidence(k, { ...r, units }, nameScore, nameWords);
  const read = r.content.filter((w) => !nameWords.has(w) && !HELP_WORDS.has(w) && (READ_SCRIPT.test(w) || isReadable(w, k.background, meanings, k.concepts)));
  return { ...evidence, content: read.length };
}

/**
 * A name the knowledge base lacks is answered "no details of it" only when the question is about a scheme:
 * the name called one ("<name> yojana"), or made of words the schemes' own text uses or Hindi words (a
 * state's scheme spoken of in words like theirs), nothing else said that the helpline can read, or the question, the name
 * counted neutral, judged in scope by the same calibrated decision as any question. An everyday question
 * naming what no scheme speaks of (a card, an app, a shop) is out of scope, whatever the name.
 */
export function unknownNameInScope(k: DialogueKnowledge, name: string, rest: ScopeEvidence): boolean {
  // (a name of everyday words before "scheme", a "credit card scheme", is a bank's or a shop's offer)
  const words = nativeTokens(name);
  const everyday = (w: string) => k.background.isEveryday(w) || k.background.isEveryday(k.background.loanwordOf(w) ?? "");
  const calledAScheme = DESIGNATOR.test(words.at(-1) ?? "") && words.slice(0, -1).some((w) => !everyday(w));
  // or of Hindi words of their kind ("samriddhi", glossed by the dictionary, no English word); the word that
  // ends a name, "card", "khata", says nothing of whose it is
  // (a Latin word by the schemes' names, not their running text: a bank's or a company's name is in the
  // text of the schemes it serves, "<bank> credit card" no scheme's; nor an everyday English word, "credit")
  const ownWord = (w: string) => (/[\u0900-\u097f]/.test(w) ? k.concepts.df(w) > 0 : k.concepts.isNameWord(w));
  const schemesWord = (w: string) => (ownWord(w) || k.background.englishOf(w).length > 0) && !everyday(w);
  const schemesWords = words.some((w) => !NAME_ENDS.test(w) && !k.background.isFunctionWord(w) && schemesWord(w));
  return calledAScheme || schemesWords || rest.content === 0 || inScopeProbability(rest) >= k.config.minInScopeProbability;
}

/** The concepts a fifth of all schemes are filed under ("financial assistance", "help"): what schemes are, not which. */
function broadUnits(k: DialogueKnowledge, r: Reading): Reading["units"] {
  return r.units.filter((u) => telling(k, [u]).length === 0);
}

/**
 * A name nobody knows, asked about as a scheme ("how much does <name> give"): the caller's words for it,
 * unless the rest of the words are about something else altogether (a ticket to <city>).
 */
export function unknownNameAsked(k: DialogueKnowledge, r: Reading, evidence: ScopeEvidence): string | undefined {
  // a word bent or borrowed the way everyday Hindi does ("lagenge", "परसेंट") is no name, nor the unit a
  // number is counted in ("80 saal", "5 bigha")
  const counted = (w: string) => r.tokens.some((t, i) => t === w && i > 0 && /^\d+$/.test(r.tokens[i - 1]!));
  // nor where the caller lives ("near <town>", "<town> se bol raha hoon"), a town the gazetteer may not hold
  const home = residenceWords(r);
  // nor, where schemes are asked for someone ("<people> ke liye kaun si yojana", "schemes for <people>"), the
  // words of whom they are for: only a word right before the word that calls a scheme stands where a name does
  const forSomeone = schemesAskedFor(r.text);
  const nameSlot = (w: string) => r.tokens.some((t, i) => t === w && DESIGNATOR.test(r.tokens[i + 1] ?? ""));
  const unfamiliar = r.unfamiliar.filter((w) => !isOrdinaryWord(w, k.background) && !counted(w) && !home.has(w) && (!forSomeone || nameSlot(w)));
  // words only a few schemes' names use, said in a row and asked about as a scheme is, are a scheme's
  // name as surely as "yojana" calls one: whatever else is said, no question of everyday life (any fact
  // asked of them, "how much money per acre", not only one asked as a scheme's field is)
  if (!(r.strongField || r.designator)) return r.fieldIntent ? rareNameRun(k, r) : undefined;
  if (unfamiliar.length === 0) return rareNameRun(k, r);
  const name = unknownName(r, unfamiliar);
  // a lone word no one knows, not called a scheme ("yojana", "card"), is as often a bank, a shop or a
  // hospital as a scheme, whatever everyday words stand beside it ("<brand> delivery charges"): it lowers
  // the bar for "no details" only when said as a scheme's name is, with the word that calls it one or in
  // several words of a name's own
  const words = name.split(" ");
  const everyday = (w: string) => k.background.isEveryday(w) || k.background.isEveryday(k.background.loanwordOf(w) ?? "");
  const saidAsScheme = CALLED_A_SCHEME.test(words.at(-1)!) || words.filter((w) => !everyday(w)).length > 1;
  const bar = k.config.minInScopeProbability * (saidAsScheme ? UNKNOWN_NAME_SCOPE : 1);
  return inScopeProbability(evidence) >= bar ? name : undefined;
}

/**
 * A scheme asked about by a name not made out: the question asks for a field of a scheme ("who is eligible
 * for", "kaun apply kar sakta hai", "किसके लिए दस्तावेज़") or spells letters out, and every word it says of
 * its topic is a piece of a name broken into several, as recognised speech breaks one ("m egp", "grey
 * manu"). Which scheme is asked back: such a question is never out of scope, nor is a guess at its scheme
 * answered. One whole word no one knows is as often an app, a shop or a coin as a scheme: that is left to
 * the scope decision.
 */
export function nameNotMadeOut(r: Reading): boolean {
  const spelt = r.nameBits.some((w) => !r.content.includes(w));
  // who runs a scheme and the word said after it ("PM <…>", "मुख्यमंत्री <…>") in such a question are a name's too
  const led = r.frame ? r.tokens.flatMap((t, i) => (i > 0 && RUNNER_WORDS.has(r.tokens[i - 1]!) && !RUNNER_WORDS.has(t) ? [r.tokens[i - 1]!, t] : [])) : [];
  const pieces = new Set([...r.nameBits, ...led]);
  return pieces.size >= NAME_PIECES && (r.frame || spelt) && r.content.every((w) => pieces.has(w));
}

/**
 * A kind of help and the people it is for, said together as a scheme's name says them ("pension for
 * the disabled", "विकलांग पेंशन"): a question about schemes, however many everyday words tell the caller's story
 * around them ("my uncle lost a leg at work and cannot farm any more").
 */
export function kindForGroupNamed(k: DialogueKnowledge, r: Reading): boolean {
  // said in the question itself, the group in the caller's own words for it ("disabled", not a group
  // guessed from "my daughter"): the story around a request ("my daughter is getting married, …") is no
  // question about schemes
  const paired = (units: Reading["units"]) => units.some((u) => u.group !== undefined && (u.own?.length ?? 0) > 0) && units.some((u) => u.group === undefined);
  if (!paired(telling(k, r.units))) return false;
  const told = kindsAsked(k, r, true);
  if (!paired(told)) return false;
  const groups = told.filter((u) => u.group !== undefined && (u.own?.length ?? 0) > 0).map((u) => ({ label: u.label, stems: u.own! }));
  const kinds = told.filter((u) => u.group === undefined);
  const inName = (id: string, units: Reading["units"]) => units.some((u) => k.concepts.fit(id, u) === 2);
  // (from the schemes filed under the group's own words, fewer than those under a kind of help)
  return k.concepts.fitting(groups).some((f) => f.inName > 0 && inName(f.schemeId, kinds));
}

/**
 * The kinds of help the question itself names: those of the sentences that ask ("How does he apply?"), not
 * of those that tell about the caller ("He sells fruit in a small town."); all of them when no sentence is
 * marked as a question.
 */
export function kindsAsked(k: DialogueKnowledge, r: Reading, lastClause = false): Reading["units"] {
  const part = askingPart(r, lastClause);
  const told = telling(k, r.units);
  if (part === undefined) return told;
  // the units the asking part says: a kind by the caller's own word for it, a group by any of its words
  const words = new Set(nativeTokens(part));
  const groups = k.kb.store.lexicon.beneficiariesIn(part);
  return told.filter((u) => (u.group !== undefined ? groups.includes(u.group) : nativeTokens(u.label).every((w) => words.has(w))));
}

/**
 * The evidence of the part of the question that asks (the last sentence, "what help is there for the old?"), when the
 * caller first tells a story (their age, their village, who does not look after them): what is asked is
 * judged by the words that ask it, the story's everyday words leaning nowhere. Undefined when the whole
 * question asks, or the asking part names no kind of help or group the schemes are filed under.
 */
export function askedEvidence(k: DialogueKnowledge, r: Reading, nameScore: number): ScopeEvidence | undefined {
  const sentences = turnSentences(r.text);
  const asking = sentences.filter((x) => /[?？]$/.test(x));
  const part = (asking.length > 0 ? asking : sentences.slice(-1)).join(" ");
  if (part === r.text.trim()) return undefined;
  const asked = readText(k, part);
  if (telling(k, asked.units).length === 0) return undefined;
  return questionEvidence(k, asked, nameScore);
}

/** The sentences of the question that ask, when only some do; undefined when the whole question asks. */
function askingPart(r: Reading, lastClause: boolean): string | undefined {
  const sentences = r.text.split(/(?<=[?？])/).map((s) => s.trim()).filter(Boolean);
  let asking = sentences.filter((s) => /[?？]$/.test(s));
  // unmarked, a request comes after what the caller tells ("the wedding is in May, name a good band")
  if (asking.length === 0 && lastClause) asking = r.text.split(/[,;.।]/).map((s) => s.trim()).filter(Boolean).slice(-1);
  if (asking.length === 0 || asking.join(" ") === r.text.trim()) return undefined;
  return asking.join(" ");
}

/**
 * Help asked in general words for a group of people schemes are named for, the group in the caller's own
 * word ("what help is there for widows", "विधवा को कौन सी सहायता मिलती है"): a question about schemes, however
 * much of the caller's story comes before it.
 */
export function helpForGroupAsked(k: DialogueKnowledge, r: Reading): boolean {
  const part = askingPart(r, true) ?? r.text;
  if (!nativeTokens(part).some((w) => HELP_WORDS.has(w))) return false;
  const groups = kindsAsked(k, r, true)
    .filter((u) => u.group !== undefined && (u.own?.length ?? 0) > 0)
    .map((u) => ({ label: u.label, stems: u.own! }));
  return groups.length > 0 && k.concepts.fitting(groups).some((f) => f.inName > 0);
}

/**
 * Words that make the words before them (in Hindi) or after "for" (in English) a kind of people: "<trade>
 * walon", "<work> log", "<caste> samaj", "<…> families" — general language for any group, whatever its trade
 * (nlu's words for people, and those of a trade's or a community's people).
 */
const PEOPLE_WORDS: ReadonlySet<string> = new Set([
  ...PERSON_WORDS,
  ..."workers owners folk folks community communities walo walon wale vale valo valon samaj samaaj samuday samudaay वाले वालों समाज समुदाय".split(" "),
]);
/** Romanised spellings of "sahayata" callers write besides the lexicon's. */
const HELP_SPELLINGS = new Set(["sahayta", "sahaayta", "sahaayata", "sahayata"]);
/** "For" in English: the people it is for come after it, within this many words. */
const FOR_REACH = 4;

/**
 * The sentence that asks, asks whether there is any scheme or help for a kind of people ("is there any
 * scheme for <trade> people", "<kaam> walon ke liye koi sahayta hai?", "<…> लोगों के लिए कोई योजना?"):
 * the helpline's own subject whoever the people are, so never refused even when no scheme is filed under
 * them (then the choice of a kind of help is offered). Not when the sentence asks for a product, a price
 * or a booking instead.
 */
export function schemesAskedForPeople(k: DialogueKnowledge, text: string): boolean {
  const part = askingSentences(text);
  const tokens = nativeTokens(part);
  if (!OPEN_SCHEME_QUESTION.test(part) || !FOR_WHOM.test(part)) return false;
  if (!(DESIGNATOR.test(part) || tokens.some((w) => HELP_WORDS.has(w) || HELP_SPELLINGS.has(w)))) return false;
  if (asksPrivateThing(text)) return false;
  // Hindi: a people word (or a group the lexicon knows) right before "ke liye"/"के लिए"
  const beforeFor = tokens.flatMap((w, i) => ((w === "ke" || w === "के") && /^(?:liye|liya|lie|लिए|लिये)$/.test(tokens[i + 1] ?? "") && i > 0 ? [tokens[i - 1]!] : []));
  // English: a people word (or a known group) among the few words after "for"
  const afterFor = tokens.flatMap((w, i) => (w === "for" ? tokens.slice(i + 1, i + 1 + FOR_REACH) : []));
  const people = (w: string) => PEOPLE_WORDS.has(w) || k.kb.store.lexicon.beneficiariesIn(w).length > 0;
  return [...beforeFor, ...afterFor].some(people);
}

/** Nouns of help a caller names a scheme's aid by ("sahayata", "assistance"): not the verb "help" ("help me book"). */
const AID_NOUNS = new Set(["assistance", "aid", "welfare", "madad", "sahayata", "sahaita", "sahyog", "मदद", "सहायता", "सहयोग", ...HELP_SPELLINGS]);
/** The fields that ask what an aid gives or asks of one: how much, who, which papers, how to apply. */
const AID_FIELDS = ["benefits", "eligibility", "documents", "apply"] as const;

/**
 * The sentence that asks, asks a field of an aid it calls by a noun of help ("how much is given in the
 * <…> sahayata", "<…> की मदद में कितना मिलता है", "who gets the <…> assistance"): a scheme asked of as surely as
 * one called "yojana", however everyday the things it is for (a net, a jacket, a roof).
 */
export function aidFieldAsked(text: string): boolean {
  const part = askingSentences(text);
  if (!nativeTokens(part).some((w) => AID_NOUNS.has(w))) return false;
  const scores = scoreIntents(part).scores;
  return AID_FIELDS.some((f) => (scores[f] ?? 0) >= STRONG_FIELD);
}

/** The words of an everyday description of a group of people ("sell vegetables on the road"): they speak of the group. */
function describedWords(k: DialogueKnowledge, r: Reading): Set<string> {
  return new Set(k.kb.store.lexicon.describedSpans(r.text).flatMap((span) => nativeTokens(span)));
}

/** How many of the caller's content words name a concept (a unit's word, or a word of a group). */
function conceptWordCount(k: DialogueKnowledge, r: Reading): number {
  const labels = new Set(r.units.filter((u) => !u.group).flatMap((u) => u.label.split(" ")));
  const groups = r.units.filter((u) => u.group).map((u) => u.group!);
  const described = describedWords(k, r);
  return r.content.filter((w) => labels.has(w) || described.has(w) || k.kb.store.lexicon.beneficiariesIn(w).some((g) => groups.includes(g))).length + (groups.length && !r.content.some((w) => k.kb.store.lexicon.beneficiariesIn(w).length || described.has(w)) ? 1 : 0);
}


/**
 * The words the caller called a scheme by, when no scheme of the knowledge base has that name: the
 * words before "yojana"/"scheme" that are neither concepts, nor words of asking, nor a scheme's name.
 */
export function unknownScheme(k: DialogueKnowledge, r: Reading, identified: Identified): string | undefined {
  if (!r.designator || identified.nameScore >= k.config.nameThreshold) return undefined;
  const designatorAt = r.tokens.findIndex((w, i) => i > 0 && /^(?:schemes?|yojana|yojna|योजना|abhiyan|mission|अभियान|मिशन|card|कार्ड|programme|karyakram|कार्यक्रम)$/.test(w));
  if (designatorAt < 1) return undefined;
  const span: string[] = [];
  for (let i = designatorAt - 1; i >= 0 && span.length < 4; i--) {
    const w = r.tokens[i]!;
    if (k.background.isFunctionWord(w) || FRAME_WORDS.has(w) || /^\d+$/.test(w)) break;
    span.unshift(w);
  }
  if (span.length === 0) return undefined;
  // (a Hindi word read only by its dictionary meaning, "चावल" rice, is a word names are made of, as before it was read)
  const conceptWords = new Set(r.units.filter((u) => !u.dictionary).flatMap((u) => nativeTokens(u.label)));
  const groupWords = (w: string) => k.kb.store.lexicon.beneficiariesIn(w).length > 0;
  // words everyday speech knows ("drop table") are not a scheme's name
  const explained = (w: string) => conceptWords.has(w) || groupWords(w) || k.kb.search.isPlace(w) || k.concepts.conceptCount(w) >= 2;
  const unexplained = span.filter((w) => !explained(w) && !k.background.isFamiliar(w));
  // a name of several Hindi words, one of them no everyday word ("<grain> <fortune> yojana"), is a scheme's
  // name as the schemes' own are made (Hindi and Sanskrit words of their kind), though the dictionary knows each
  const hindiName = span.length >= NAME_PIECES && span.some((w) => !explained(w) && k.background.englishOf(w).length > 0 && !k.background.isEveryday(w));
  if (unexplained.length === 0 && !hindiName) return undefined;
  return [...span, r.tokens[designatorAt]!].join(" ");
}

/**
 * Several words in a row that only a few schemes' names use, none an everyday word (a state's scheme, two words of other schemes' names): the
 * name of a scheme, one the knowledge base does not hold when no scheme's name is made out of them.
 */
function rareNameRun(k: DialogueKnowledge, r: Reading): string | undefined {
  const rare = (w: string) =>
    r.content.includes(w) && k.concepts.isNameWord(w) && k.concepts.df(w) <= RARE_NAME_SCHEMES && !k.background.isEveryday(w) && !FRAME_WORDS.has(w) && !k.kb.search.isPlace(w);
  let best: string[] = [];
  let run: string[] = [];
  for (const w of r.tokens) {
    run = rare(w) ? [...run, w] : [];
    if (run.length > best.length) best = run;
  }
  return best.length >= NAME_PIECES ? best.join(" ") : undefined;
}

/** "For" said before the word that calls a scheme, in Hindi's order ("<log> के लिए कोई योजना"), or right after it in English's ("schemes for"). */
const FOR_THEN_SCHEME = new RegExp(`(?:${HINDI_FOR.source})[^.?!।]*?(?:${DESIGNATOR.source})`, "i");
const SCHEME_THEN_FOR = /(?:^|[^a-z])(?:schemes?|yojanas?|programmes?|programs?)\s+(?:(?:are|is)\s+(?:there\s+)?|available\s+)?for(?:$|[^a-z])/i;

/** Schemes asked for someone ("<people> ke liye kaun si yojana hai", "any scheme for <people>"): the words of whom are no name. */
export function schemesAskedFor(text: string): boolean {
  return turnSentences(text).some((s) => FOR_THEN_SCHEME.test(s) || SCHEME_THEN_FOR.test(s));
}

/** The caller's words for a scheme the knowledge base does not hold: the unfamiliar words and their neighbours up to "yojana". */
function unknownName(r: Reading, unfamiliar: string[]): string {
  // the unfamiliar words and the name-like words next to them ("Sukanya Samriddhi")
  const nameLike = (w: string | undefined) => w !== undefined && r.content.includes(w) && !FRAME_WORDS.has(w);
  // (the first run of them: a name said twice, "… from <name>. Who is eligible for <name>?", is one name)
  const unknownWord = new Set(unfamiliar);
  let first = r.tokens.indexOf(unfamiliar[0]!);
  let last = first;
  while (last + 1 < r.tokens.length && unknownWord.has(r.tokens[last + 1]!)) last++;
  while (first > 0 && nameLike(r.tokens[first - 1])) first--;
  while (last + 1 < r.tokens.length && nameLike(r.tokens[last + 1])) last++;
  const designator = r.tokens.findIndex((w, i) => i > last && CALLED_A_SCHEME.test(w));
  const end = designator >= 0 && designator - last <= 2 ? designator : last;
  return r.tokens.slice(first, end + 1).join(" ");
}

/**
 * "When will <it> come?" asked of the thing awaited, in English, Hindi and romanised Hindi ("<thing> kab
 * aayega", "<thing> कब आएगा", "when will the <thing> come"): the thing is the word before "kab"/"कब" (past
 * "ka"/"का"), or the last word before "come"/"arrive" after "when will".
 */
const AWAITED_HINDI = /(\S+)\s+(?:(?:ka|ki|ke|का|की|के)\s+)?(?:kab|कब)\s+(?:tak\s+|तक\s+)?(?:aayega|aayegi|aayenge|aaega|aaegi|aaenge|ayega|ayegi|ayenge|aega|aegi|niklega|niklegi|nikalega|आएगा|आएगी|आएंगे|आयेगा|आयेगी|निकलेगा|निकलेगी)(?![\p{L}\p{M}])/iu;
const AWAITED_ENGLISH = /\bwhen\s+will\s+(?:the\s+|my\s+|our\s+)?(?:[a-z]+\s+){0,3}?([a-z]+)\s+(?:come|come out|arrive|be declared|be out|be announced)\b/i;

/**
 * A thing of everyday life awaited ("when will the exam result come?", "बिजली कब आएगी"), no scheme named:
 * an errand of the caller's, not a scheme's rules, as surely as "when will my parcel come". The thing is
 * judged by how much the schemes' text uses its word against everyday speech: a pension or an instalment
 * awaited is a scheme's (their text speaks of them), a result, a train or the electricity is not.
 */
export function everydayThingAwaited(k: DialogueKnowledge, r: Reading): boolean {
  const m = AWAITED_HINDI.exec(r.text) ?? AWAITED_ENGLISH.exec(r.text);
  if (!m) return false;
  const thing = nativeTokens(m[1]!)[0];
  // (a time said before "kab", "is saal kab tak", is when, not what; a scheme called one is asked of)
  if (thing === undefined || k.background.isFunctionWord(thing) || TIME_WORDS.has(thing) || r.designator) return false;
  // (a word of a concept schemes are filed under, "money", "paisa", is what schemes give, however everyday)
  if (r.units.some((u) => nativeTokens(u.label).includes(thing))) return false;
  return domainLean(thing, k.concepts, k.background, (w) => k.kb.store.lexicon.englishFor(w)) < 0;
}
