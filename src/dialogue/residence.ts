// Where the caller says they live or call from ("Dhanauli se bol raha hoon", "हम <town> से हैं", "near
// <town>", "I live in <town>"): a town's or a village's name, whether or not the gazetteer knows it (it holds
// only the larger ones), never a scheme's nor a business's. Read from the general words of saying where one
// is, in English, Hindi and romanised Hindi.
import type { Reading } from "./reading.js";

/** "From" and "in" after the place, in Hindi and romanised Hindi ("<town> se", "<town> में"). */
const AFTER_FROM = new Set(["se", "से", "mein", "me", "में"]);
/** What follows "<town> se": being or speaking there ("se hoon", "से बोल रहा", "में रहते"). */
const BEING_THERE = new Set("hoon hun hu hain hai bol bolta bolti rehta rehti rehte rahta rahti rahte हूँ हूं हैं है बोल रहता रहती रहते".split(" "));
/** The caller's own being ("hoon", "हूँ"), at most this many words after "se", says where they are from. */
const FIRST_PERSON_BEING = new Set("hoon hun hu हूँ हूं".split(" "));
const FIRST_PERSON_REACH = 4;
/** A place's name before "se" is of at most this many words ("<town> <state> se"). */
const PLACE_WORDS = 2;
/** Words before "se" that are no place: the caller ("main"), and what is had or got ("<scheme> se"). */
const NOT_A_PLACE = new Set("main mai mein me hum ham ek मैं हम एक".split(" "));
/** Words that make the place before them one ("<town> side", "<town> ke paas", "<town> district"). */
const PLACE_AFTER = new Set(["side", "district", "dist", "zila", "zile", "jila", "jile", "जिला", "जिले", "ज़िला", "ज़िले", "paas", "पास", "village", "gaon", "gaanv", "gav", "गाँव", "गांव"]);
/** Words that make the place after them one ("near <town>", "live in <town>"). */
const PLACE_BEFORE = new Set(["near", "nearby"]);
/** Two words that make the place after them one ("close to <town>"). */
const PLACE_BEFORE_PAIR = new Set(["close to", "next to"]);
/** Being or living somewhere, before "in"/"from" ("I live in", "we are from"). */
const LIVING = new Set(["live", "living", "lives", "stay", "staying", "am", "are", "i'm", "based"]);
/** Words between the place and a word after it that makes it one ("<town> ke paas"). */
const LINKS = new Set(["ke", "के"]);

/** The caller's words that say where they are (the word of the place, not the words around it). */
export function residenceWords(r: Pick<Reading, "tokens">): Set<string> {
  return residence(r).places;
}

/**
 * The words of saying where the caller lives: the verb of living or speaking there ("rehte", "live", "bol") and
 * the place, where `isPlaceName` takes it for one ("<trouble> me hoon" says how, not where, one is); they tell
 * the caller's story, neither a question about schemes nor one about everyday life.
 */
export function residenceTellingWords(r: Pick<Reading, "tokens">, isPlaceName: (word: string) => boolean): Set<string> {
  const { places, living } = residence(r);
  return new Set([...[...places].filter(isPlaceName), ...living]);
}

function residence(r: Pick<Reading, "tokens">): { places: Set<string>; living: Set<string> } {
  const t = r.tokens;
  const found = new Set<string>();
  const living = new Set<string>();
  for (let i = 0; i < t.length; i++) {
    const next = t[i + 1];
    const afterNext = t[i + 2];
    // "<town> me rehte", "live in <town>": the place, and the word of being or living there
    const beingThere = next !== undefined && AFTER_FROM.has(next) && afterNext !== undefined && BEING_THERE.has(afterNext);
    const livingIn = i > 1 && (t[i - 1] === "in" || t[i - 1] === "from") && LIVING.has(t[i - 2]!);
    const place =
      beingThere ||
      (next !== undefined && PLACE_AFTER.has(next)) ||
      (next !== undefined && LINKS.has(next) && afterNext !== undefined && PLACE_AFTER.has(afterNext)) ||
      (i > 0 && PLACE_BEFORE.has(t[i - 1]!)) ||
      (i > 1 && PLACE_BEFORE_PAIR.has(`${t[i - 2]} ${t[i - 1]}`)) ||
      livingIn;
    if (place) found.add(t[i]!);
    if (beingThere) living.add(afterNext);
    if (livingIn) living.add(t[i - 2]!);
    // "main <town>, <state> se ek kisan hoon": the caller's own "hoon" a few words after "se" says where
    // they are from, the one or two words before "se" the place
    if (AFTER_FROM.has(t[i]!) && i > 0 && t.slice(i + 1, i + 1 + FIRST_PERSON_REACH).some((w) => FIRST_PERSON_BEING.has(w))) {
      for (const w of t.slice(Math.max(0, i - PLACE_WORDS), i)) if (!NOT_A_PLACE.has(w)) found.add(w);
    }
  }
  return { places: found, living };
}
