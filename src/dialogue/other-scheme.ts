// A scheme pointed at as "the other one" the caller has in mind but does not name ("that other scheme" an uncle
// joined, "wo doosri wali yojana jo …", "वह दूसरी योजना जिसमें …"). Whatever the question asks of it, the scheme
// talked about is not it, and no scheme a stray word of the story matches is meant: which one is asked.
// Not what else there is ("any other scheme?", "koi aur yojana", "और कोई योजना": related schemes), which asks
// for no one scheme.

const OTHER = String.raw`(?:other|dusri|doosri|dusra|doosra|dusre|doosre|दूसरी|दूसरा|दूसरे)`;
const ANOTHER = String.raw`(?:another|ek aur|aur ek|एक और|और एक)`;
const WALI = String.raw`(?:\s+(?:wali|wala|vali|vala|waali|waala|वाली|वाला))?`;
const SCHEME = String.raw`(?:scheme|yojana|yojna|one|programme|program|स्कीम|योजना)`;
/** Said just before "other": the one the caller has in mind. */
const DEFINITE = String.raw`(?:that|the|this|wo|woh|vo|voh|vah|us|uss|वो|वह|उस)`;
/** Said after it: the story that picks it out ("… which my neighbour got", "jo … mili thi", "जिसमें …"). */
const RELATIVE = /(?:^|[^a-z\u0900-\u097f])(?:that|which|who|jo|jis|jisme|jismein|jiske|jiska|जो|जिस|जिसमें|जिसके|जिसका|जिसकी)(?=$|[^a-z\u0900-\u097f])/iu;
/** What else there is, not one scheme: "any other", "koi aur", "कोई दूसरी". */
const ANY = /(?:^|[^a-z\u0900-\u097f])(?:any|some|koi|kuch|कोई|कुछ)\s+(?:aur\s+|और\s+)?$/iu;

const DEFINITE_OTHER = new RegExp(String.raw`(?:^|[^a-z\u0900-\u097f])${DEFINITE}\s+${OTHER}${WALI}\s+${SCHEME}(?=$|[^a-z\u0900-\u097f])`, "iu");
const OTHER_PICKED_OUT = new RegExp(String.raw`(?:^|[^a-z\u0900-\u097f])(?:${OTHER}|${ANOTHER})${WALI}\s+${SCHEME}(?=$|[^a-z\u0900-\u097f])`, "giu");

/** Whom it is for, said at it ("… scheme for widows", "vidhwaon ke liye wo dusri yojana"): a kind, offered as one. */
const FOR_AFTER = /^\s+(?:for|ke liye|ke liya|के लिए|के लिये)(?=$|[^a-z\u0900-\u097f])/iu;
const FOR_BEFORE = /(?:for|ke liye|ke liya|के लिए|के लिये)\s+(?:\S+\s+)?$/iu;

/** The text points at one other scheme, unnamed: "that other scheme", or "another scheme" picked out by the story after it. */
export function pointsAtUnnamedOther(text: string): boolean {
  const forAKind = (m: RegExpExecArray | RegExpMatchArray) => FOR_AFTER.test(text.slice(m.index! + m[0].length)) || FOR_BEFORE.test(text.slice(0, m.index! + 1));
  const definite = DEFINITE_OTHER.exec(text);
  if (definite && !forAKind(definite)) return true;
  for (const m of text.matchAll(OTHER_PICKED_OUT)) {
    if (forAKind(m) || ANY.test(text.slice(0, m.index! + (m[0].length - m[0].trimStart().length)))) continue;
    if (RELATIVE.test(text.slice(m.index! + m[0].length))) return true;
  }
  return false;
}
