// Which of a reading's concept units are what the caller asks about, for the in-scope evidence (outside.ts
// questionEvidence): not a place word said as where something happens ("in our village", "ghar pe", "घर पर",
// "गाँव में") — the village and the home are where a story happens far more often than the rural or housing
// help asked for, which callers ask for with other words ("ghar banane ke liye", "housing scheme"). Not where
// the caller lives ("gaon mein rehte hain", "I live in a village", "from a village"): that tells which help.
// Nor in a question that asks for help or calls something a scheme. Only the scope evidence reads units
// this way; the choice of schemes reads them all.
import type { Reading } from "./reading.js";

/** Words of the places a life happens in (general language, three ways of writing): "where", when said as one. */
const PLACE_WORDS = new Set("village villages home house gaon gaanv gav ghar गाँव गांव घर".split(" "));
/** Postpositions after a Hindi place word that make it where ("gaon me", "घर पर"). */
const AT_AFTER = new Set("me mein mei men pe par main में पे पर".split(" "));
/** English prepositions before a place word that make it where ("in our village", "at home"). */
const AT_BEFORE = new Set(["in", "at", "to", "inside", "around"]);
/** Living somewhere (general language, three ways of writing): a place said with it is the caller's home. */
const LIVING = new Set("live lives living lived stay stays staying reside resident rehta rehti rehte rehna rahta rahti rahte rahna रहता रहती रहते रहना रहें".split(" "));
/** A word of living this many words before or after the place makes it where the caller lives. */
const LIVING_REACH = 3;
/** Words that may stand between the preposition and the place ("in our village", "at the house"). */
const BETWEEN = new Set(["my", "our", "the", "a", "his", "her", "their", "your"]);

/** The caller's place words said as where ("in the village", "ghar pe"), not as a kind of help. */
export function placesSaidAsWhere(tokens: readonly string[]): Set<string> {
  const where = new Set<string>();
  tokens.forEach((w, i) => {
    if (!PLACE_WORDS.has(w)) return;
    if (tokens.slice(Math.max(0, i - LIVING_REACH), i + 1 + LIVING_REACH).some((t) => LIVING.has(t))) return;
    if (AT_AFTER.has(tokens[i + 1] ?? "")) where.add(w);
    const before = BETWEEN.has(tokens[i - 1] ?? "") ? tokens[i - 2] : tokens[i - 1];
    if (AT_BEFORE.has(before ?? "")) where.add(w);
  });
  return where;
}

/**
 * The units of a reading that name what is asked about (see the head); `asksHelp`: the question asks for help
 * or calls something a scheme, and every unit stays.
 */
export function askedAboutUnits(r: Pick<Reading, "tokens" | "units">, asksHelp: boolean): Reading["units"] {
  if (asksHelp) return r.units;
  const where = placesSaidAsWhere(r.tokens);
  return r.units.filter((u) => u.group !== undefined || !where.has(u.label));
}
