// What a question asks of the scheme it names, once the scheme is known: the caller's words for choosing
// sentences and the kind of fact asked for, both without the words of the scheme's own name. A name says
// which scheme, not what about it: "exit before 60" of "Atal Pension Yojana" asks for no amount, though
// "pension" is a word of money; "how much is the pension" still does.
import type { BackgroundLanguage, Lexicon, SchemeRecord } from "../knowledge/index.js";
import { canonicalTokens, nativeTokens, phoneticKey } from "../knowledge/text.js";
import { questionWords, type QuestionWords } from "./unit-evidence.js";
import { FRAME_WORDS, questionAsks, scoreIntents, type Asks } from "./nlu.js";
import { withLoanwords, type Reading } from "./reading.js";

export interface SchemeQuestion {
  words: QuestionWords;
  asks: Asks[];
  /** The question's text without the words of the scheme's name. */
  rest: string;
  /**
   * The question's text without the name's words as written: a word that only sounds like one of the
   * name's ("jana", to go, beside "Jan") still says what is asked ("kahan jana" → where to apply).
   */
  asking: string;
}

/** The question's words beyond the scheme's name (its names, short title, state and aliases). */
export function schemeQuestion(r: Reading, record: SchemeRecord, aliases: string[], lexicon: Lexicon, background: BackgroundLanguage): SchemeQuestion {
  const nameText = [record.name.en, record.name.hi ?? "", record.shortTitle ?? "", record.state ?? "", ...aliases].join(" ");
  const nameKeys = new Set(canonicalTokens(nameText).map(phoneticKey));
  const nameWords = new Set(nativeTokens(nameText));
  // what the name's words mean ("Awaas" → house): a caller's word for the same thing names the scheme too
  const nameMeanings = new Set([...nameWords].flatMap((w) => lexicon.englishFor(w)));
  // a name said in pieces ("PM-JAY" → "pm", "jay") is the name, not a word of the question
  const joinedName = new Set<number>();
  r.tokens.forEach((w, i) => {
    const next = r.tokens[i + 1];
    if (next && (nameWords.has(w + next) || nameKeys.has(phoneticKey(w + next)))) joinedName.add(i).add(i + 1);
  });
  const ofName = (w: string, i: number) =>
    joinedName.has(i) ||
    nameWords.has(w) ||
    // a word the name says in Hindi ("housing" of "Awaas") names the scheme, it asks about nothing
    lexicon.romanFor(w).some((x) => nameKeys.has(phoneticKey(x))) ||
    lexicon.englishFor(w).some((e) => nameMeanings.has(e)) ||
    canonicalTokens(w).some((t) => nameKeys.has(phoneticKey(t)));
  // a name's word said twice, once within the name ("… Pension Yojana") and once alone away from it ("the
  // pension"), asks about what that word says alone
  const inName = r.tokens.map((w, i) => ofName(w, i));
  const alone = (i: number) => !inName[i - 1] && !inName[i + 1];
  const askedToo = (w: string, i: number) => alone(i) && r.tokens.some((x, j) => j !== i && x === w && inName[j] && !alone(j));
  const rest = r.tokens.filter((w, i) => !inName[i] || askedToo(w, i));
  // only the plainest function words go: "work", "home", "given" say what a question is about
  // a word that frames a question without asking for a field ("status", "check") still says what about
  const said = rest.filter((w) => !lexicon.isNoise(w) && !background.isHindiFunctionWord(w) && (!FRAME_WORDS.has(w) || /^\d+$/.test(w) || (!background.isFunctionWord(w) && scoreIntents(w).best === null)));
  return {
    words: questionWords(
      said,
      // a word the knowledge base's lexicon lacks has the everyday dictionary's meaning ("दिन" → day)
      (w) => {
        const meanings = lexicon.englishFor(w);
        return meanings.length ? meanings : background.englishOf(w);
      },
      (w) => lexicon.hindiFor(w),
      (w) => lexicon.englishSynonyms(w).filter((s) => s !== w),
    ),
    asks: questionAsks(withLoanwords(rest.join(" "), background), true),
    rest: rest.join(" "),
    asking: withLoanwords(r.tokens.filter((w, i) => !(joinedName.has(i) || nameWords.has(w)) || askedToo(w, i)).join(" "), background),
  };
}
