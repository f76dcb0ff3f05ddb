// A business named as the one the caller deals with ("<brand> bank", "<brand> finance", "a private
// hospital"): its loans, policies, admissions and jobs are its own products, not a government scheme's,
// however many words of schemes (loan, documents, form) the question shares with them. What marks the
// business: a word for a kind of business (general English, met in Hindi through its meaning or as the
// English word written in Devanagari) led by a name the knowledge base never uses, or by the word for the
// private sector. Names of schemes, of the banks schemes run through and of states are words the
// knowledge base uses, so they never mark one.
import { nativeTokens, stemEnglish } from "../knowledge/text.js";
import { telling } from "./category.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { DESIGNATOR, PERSON_WORDS, TIME_WORDS } from "./nlu.js";
import { dictionaryForm } from "./ordinary.js";
import type { Reading } from "./reading.js";
import { residenceWords } from "./residence.js";

/**
 * Kinds of business, in general English: the trade is the business's own. Not insurance: a kind of help
 * schemes give too, as often in an unknown scheme's name ("<name> health insurance") as a business's.
 */
const BUSINESS_KINDS = new Set(
  ("bank finance finserv company companies ltd limited pvt motors telecom " +
    "college university academy coaching school hospital clinic showroom store shop mall mart supermarket " +
    "travels airline airlines warehouse factory firm dealer dealership").split(" "),
);

/** The private sector, as English says it: a business, whatever it is called. */
const PRIVATE = new Set(["private", "pvt"]);

/** A mark of the private sector stands at most this many words before the kind of business it marks. */
const PRIVATE_REACH = 2;

/** A word of the knowledge base's own at most this many schemes use is a name it never uses. */
const NEVER_USED = 2;

/** The English a caller's word says: itself, the English word written in Devanagari, or its Hindi meanings. */
function englishSaid(k: DialogueKnowledge, word: string): string[] {
  const loan = k.background.loanwordOf(word);
  return [word, ...(loan ? [loan] : []), ...k.background.englishOf(word)];
}

/**
 * A name the knowledge base never uses: no scheme's name, concept or text, no everyday or Hindi word, no
 * state or town. `listedToo`: a Devanagari word the spelling dictionary lists as it stands, without a
 * meaning, may be a name too (it lists firms' and families' names), as it is before a kind of business.
 */
function unusedName(k: DialogueKnowledge, word: string, listedToo = false): boolean {
  // (nor a Devanagari word bent from one the dictionary knows, "बुढ़ापे" of "बुढ़ापा", old age)
  const form = /[\u0900-\u097f]/.test(word) ? dictionaryForm(word, k.background) : undefined;
  const known = form !== undefined && !(listedToo && form === word && k.background.englishOf(form).length === 0);
  // (nor a word of time, "ek baar ka <aid>": once, no owner of what follows)
  if (/\d/.test(word) || word.length < 2 || k.background.isFunctionWord(word) || TIME_WORDS.has(word) || known || k.kb.search.isPlace(word)) return false;
  const own = k.background.loanwordOf(word) ?? word;
  const used = (w: string) => k.concepts.df(w) > NEVER_USED || k.concepts.conceptCount(stemEnglish(w)) > 0 || k.concepts.isNameWord(w);
  if (used(word) || used(own)) return false;
  // a word with a meaning counts as a name only when no scheme uses that meaning either: a dictionary
  // may gloss a family name ("बजाज": a draper), never one the schemes speak of ("सहकारी": cooperative)
  if (k.kb.store.lexicon.englishFor(word).length > 0) return false;
  if (k.background.englishOf(word).some((m) => nativeTokens(m).some((w) => !k.background.isFunctionWord(w) && (used(w) || k.background.isEveryday(w))))) return false;
  return !k.background.isEveryday(own) && !k.kb.search.stateIn(word);
}

/** Words that make the name before them the owner of what follows ("<brand> ki dukan", "<brand>'s"). */
const POSSESSIVE_MARKS = new Set(["ka", "ki", "ke", "का", "की", "के", "s"]);
/** Words that make the name before them the owner or the source of what follows ("<name> ki policy", "<name> से लोन"). */
const OWNER_MARKS = new Set(["ka", "ki", "ke", "se", "का", "की", "के", "से"]);
/** Words after "ke" that make it "for" ("ke liye", "के लिए"): whom something is for. */
const FOR_MARKS = new Set(["liye", "liya", "lie", "लिए", "लिये"]);
/** Words that make the name after them the source of what came before ("a loan from <name>"). */
const SOURCE_MARKS = new Set(["from"]);

/** A kind of help owned stands at most this many words after the mark. */
const OWNED_REACH = 3;

/**
 * The business the caller names as the one they deal with, in their words ("<brand> bank", "प्राइवेट
 * अस्पताल"), if any: the kind of business led by a name the knowledge base never uses (the
 * nearest word before it but for function words: "<brand> की दुकान"), or by "private" within two words.
 */
export function namedBusiness(k: DialogueKnowledge, r: Reading): string | undefined {
  return businessOfKind(k, r) ?? ownerOfKind(k, r);
}

/**
 * A kind of business led by a name the knowledge base never uses (or by the private sector's word): the
 * business the caller names by its trade ("<brand> finance", "<brand> की दुकान"), the surest of the marks.
 * `byNameOnly`: a business of its own name, not "a private school" (whose pupils schemes may be for).
 */
export function businessOfKind(k: DialogueKnowledge, r: Reading, byNameOnly = false): string | undefined {
  const { tokens } = r;
  for (let i = 1; i < tokens.length; i++) {
    if (!englishSaid(k, tokens[i]!).some((w) => BUSINESS_KINDS.has(w))) continue;
    // (across the words that make it the name's, "<brand> की दुकान", "<brand> ke showroom", not across a verb)
    let j = i - 1;
    while (j > 0 && POSSESSIVE_MARKS.has(tokens[j]!)) j--;
    if (unusedName(k, tokens[j]!, true)) return tokens.slice(j, i + 1).join(" ");
    if (byNameOnly) continue;
    for (let p = Math.max(0, i - PRIVATE_REACH); p < i; p++) {
      if (englishSaid(k, tokens[p]!).some((w) => PRIVATE.has(w))) return tokens.slice(p, i + 1).join(" ");
    }
  }
  return undefined;
}

/**
 * A name the knowledge base never uses, said as the owner or source of a kind of help ("<brand> ki health
 * insurance policy", "<brand> से पर्सनल लोन"): a seller of its own product. A scheme's name is the help itself,
 * owning only its money, its form or its instalment, none of them a kind of help of its own.
 */
function ownerOfKind(k: DialogueKnowledge, r: Reading): string | undefined {
  const { tokens } = r;
  // (what a fifth of all schemes give, "paisa", "money", is a scheme's own as much as a seller's: "<name> का
  // पैसा" is a scheme's money asked of, no kind of help owned)
  const kinds = new Set(telling(k, r.units).filter((u) => u.group === undefined).flatMap((u) => u.label.split(" ")));
  // a word everyday speech knows in any sense ("logon" of "logon ke liye") is no name here: only one no one uses
  // (nor where the caller lives, "<town> se hain")
  const home = residenceWords(r);
  const name = (w: string) => unusedName(k, w) && !k.background.commonness(w).known && !PERSON_WORDS.has(w) && !home.has(w);
  // (or what the caller calls a scheme: "<brand> ki <…> yojana" is the brand's offer, not the government's)
  // (a scheme's name owns nothing: a name any scheme's text uses at all, "<name> की किश्त", is no owner of one)
  const owned = (w: string, owner: string) => kinds.has(w) || (callsAScheme(k, w) && k.concepts.df(owner) === 0 && !k.concepts.isNameWord(owner));
  for (let i = 1; i + 1 < tokens.length; i++) {
    // ("<word> ke liye", "<word> के लिए" says whom something is for, never whose it is)
    if (FOR_MARKS.has(tokens[i + 1]!)) continue;
    if (OWNER_MARKS.has(tokens[i]!) && name(tokens[i - 1]!) && !askedOfItself(r, i - 1, kinds) && tokens.slice(i + 1, i + 1 + OWNED_REACH).some((w) => owned(w, tokens[i - 1]!))) return tokens.slice(i - 1, i + 1).join(" ");
    if (SOURCE_MARKS.has(tokens[i]!) && name(tokens[i + 1]!) && !askedOfItself(r, i + 1, kinds) && tokens.slice(Math.max(0, i - OWNED_REACH), i).some((w) => kinds.has(w))) return tokens.slice(i, i + 2).join(" ");
  }
  return undefined;
}

/** Words before a name that make it what is asked about ("eligible for <name>", "tell me about <name>"). */
const ASKED_OF = new Set(["for", "about"]);
/** Words after "ke" that make the name before it what is asked about ("<name> ke liye", "<name> ke baare"). */
const ASKED_OF_AFTER = new Set([...FOR_MARKS, "baare", "bare", "बारे"]);

/**
 * The name at `at` is also said on its own as what a scheme's field is asked of ("who is eligible for
 * <name>?", "<name> ke liye kaun patra hai"): the name of a scheme, not a seller's, though another of its
 * mentions makes it the source of a kind of help ("a scholarship from <name>").
 */
function askedOfItself(r: Reading, at: number, kinds: ReadonlySet<string>): boolean {
  const { tokens } = r;
  if (!r.strongField) return false;
  const ke = (w: string | undefined) => w === "ke" || w === "के";
  return tokens.some((w, j) => {
    if (j === at || w !== tokens[at]) return false;
    // ("for <name> loan" asks of the loan)
    const before = ASKED_OF.has(tokens[j - 1] ?? "") && !kinds.has(tokens[j + 1] ?? "");
    const after = ke(tokens[j + 1]) && ASKED_OF_AFTER.has(tokens[j + 2] ?? "");
    return before || after;
  });
}

/** "The people of" a business ("<brand> walon ki", "<brand> वालों की"). */
const PEOPLE_OF = new Set(["wale", "walon", "walo", "wala", "वाले", "वालों"]);

/** What the caller calls a scheme stands at most this many words of its own after the business that owns it. */
const SCHEME_REACH = 3;

/**
 * The business the caller names, when what they call a scheme is its own ("<brand> finance walon ki <kind>
 * scheme", "<brand> की <…> योजना"): a seller's offer, whatever scheme its words are like. The business stands
 * before the word that calls it a scheme, with at most SCHEME_REACH words between that are not function words.
 */
export function businessScheme(k: DialogueKnowledge, r: Reading): string | undefined {
  const business = namedBusiness(k, r);
  if (!business) return undefined;
  const span = business.split(" ");
  const end = r.tokens.findIndex((_, i) => span.every((w, j) => r.tokens[i + j] === w)) + span.length - 1;
  if (end < span.length - 1) return undefined;
  const designator = r.tokens.findIndex((w, i) => i > end && callsAScheme(k, w));
  if (designator < 0) return undefined;
  // (owned: "<brand> ki <…> scheme", "<brand> finance walon ki"; not a place the caller is from, "<town> se")
  const words = r.tokens.slice(end + 1, designator);
  const between = words.filter((w) => !k.background.isFunctionWord(w));
  // (the mark right after the business, or after its "walon": "<brand> finance walon ki"; "private school mein
  // padhne wale bachon ke liye" is a scheme for its pupils, not the school's own)
  const after = words.filter((w, i) => !(i === 0 && PEOPLE_OF.has(w)));
  const ownedBy = POSSESSIVE_MARKS.has(span.at(-1)!) || POSSESSIVE_MARKS.has(after[0] ?? "");
  return ownedBy && between.length <= SCHEME_REACH ? business : undefined;
}

/** A word that calls something a scheme, in English written in Devanagari too ("स्कीम"). */
function callsAScheme(k: DialogueKnowledge, word: string): boolean {
  return DESIGNATOR.test(word) || DESIGNATOR.test(k.background.loanwordOf(word) ?? "");
}
