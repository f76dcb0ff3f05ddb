// Who runs a scheme, said before its name ("Pradhanmantri", "Mukhyamantri"): callers write it as they say it
// ("mukyamantri", "mukhmantri"), and the records write it in full. Written as one word and read by its sound,
// it is one short form whatever the spelling ("pm", "cm"), as the written spellings already are (text.ts): a
// name's own words are then weighed without it, and a caller's spelling of it is never a word of a name.
// (Its two words said apart a sound off, "mukh mantri", were read so too: two validation parts lost a line
// each, so only the spellings text.ts lists are read as two words.)
import { distance } from "fastest-levenshtein";

/** The two words of each designator and the short form that stands for it. */
const DESIGNATORS: readonly { first: string; second: string; short: string }[] = [
  { first: "pradhan", second: "mantri", short: "pm" },
  { first: "mukhya", second: "mantri", short: "cm" },
];
/** A designator written as one word is this long at least in sound letters: one edit off it is no other word. */
const ONE_WORD_MIN_KEY = 7;
interface Keys {
  joined: string;
  short: string;
}

let keysMade: Keys[] | undefined;
/** The designators' sound keys, made once on first use (`key` is text.ts's phoneticKey, which imports this module). */
function designatorKeys(key: (w: string) => string): Keys[] {
  keysMade ??= DESIGNATORS.map((d) => ({ joined: key(d.first + d.second), short: d.short }));
  return keysMade;
}

/** Within one edit, for a key long enough that one edit leaves it no other word's. */
const nearKey = (a: string, b: string, min: number): boolean => a === b || (Math.min(a.length, b.length) >= min && distance(a, b) <= 1);

/**
 * The tokens with each designator written as one word as it sounds, within an edit of its sound, as its short
 * form: "mukyamantri" and "mukhmantri" as "cm", "pradhanmantry" as "pm". A word of it alone is never read so
 * ("pradan" is also the Hindi for "giving").
 */
export function designatorsBySound(tokens: readonly string[], key: (w: string) => string): string[] {
  const designators = designatorKeys(key);
  const out: string[] = [];
  for (const t of tokens) {
    if (!/^[a-z]+$/.test(t) || t === "pm" || t === "cm") {
      out.push(t);
      continue;
    }
    const k = key(t);
    const one = k.length >= ONE_WORD_MIN_KEY ? designators.find((d) => nearKey(k, d.joined, ONE_WORD_MIN_KEY)) : undefined;
    if (one) {
      out.push(one.short);
      continue;
    }
    out.push(t);
  }
  return out;
}
