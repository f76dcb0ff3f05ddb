// The ways a caller may say a scheme's name, in English letters as the recogniser writes them, derived
// the same way for every scheme from what the knowledge base holds: its name, the name's parts (the bit
// in brackets, each side of a dash or colon), its short title and its Latin-script aliases, each read
// the way the helpline's own voice reads it ("PMAY-G" → "P M A Y G", "2.0" → "two point zero"); then
// the forms callers use for any name: "Pradhan Mantri" said as "PM" and the other way round, the office
// left out ("Fasal Bima Yojana"), and the closing "Yojana"/"Scheme" left out ("Atal Pension").
import type { SchemeMeta } from "../../knowledge/index.js";
import { normaliseText } from "../normalise/index.js";

/** What a scheme's spoken names are made from. */
export type NamedScheme = Pick<SchemeMeta, "schemeId" | "name" | "shortTitle" | "aliases">;

export interface SpokenName {
  schemeId: string;
  /** Upper-case words, as the recogniser spells them. */
  text: string;
}

/** Longest name part (in words) a caller is taken to say in one go; longer official names come in parts. */
const MAX_WORDS = 8;

/** The office a name starts with, in its written forms, and how it is also said. */
const OFFICES: { written: RegExp; said: string[] }[] = [
  { written: /^(PRADHAN MANTRI|PRADHANMANTRI|P M|PRIME MINISTER'?S?) /, said: ["PRADHAN MANTRI", "P M"] },
  { written: /^(MUKHYA MANTRI|MUKHYAMANTRI|C M|CHIEF MINISTER'?S?) /, said: ["MUKHYAMANTRI", "C M"] },
];

/** Words that close many names and that callers leave out. */
const CLOSING_WORDS = /( (YOJANA|YOJNA|SCHEME|ABHIYAN|PROGRAMME|PROGRAM|MISSION))+$/;

function parts(name: string): string[] {
  const out = new Set<string>();
  const bare = name.replace(/\([^)]*\)/g, " ").trim();
  out.add(bare);
  for (const m of name.matchAll(/\(([^)]+)\)/g)) out.add(m[1]!.trim());
  for (const piece of bare.split(/\s[-–:]\s|:\s/)) out.add(piece.trim());
  return [...out].filter(Boolean);
}

/** A written name as the helpline's voice would read it, in the recogniser's upper-case letters. */
export function spokenForm(written: string): string {
  return normaliseText(written.replace(/[’‘`]/g, "'"), "en")
    .toUpperCase()
    .replace(/[^A-Z']+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Short capitalised or vowel-less words ("APY", "KCC") are also said letter by letter. */
function spelt(written: string): string | null {
  let changed = false;
  const words = written.split(/[^A-Za-z0-9']+/).map((w) => {
    if (w.length < 2 || w.length > 4 || !/^[A-Za-z]+$/.test(w) || !(w === w.toUpperCase() || !/[aeiouAEIOU]/.test(w))) return w;
    changed = true;
    return w.toUpperCase().split("").join(" ");
  });
  return changed ? words.join(" ") : null;
}

/** A caller's form of a name says enough to single a scheme out: a few letters at least. */
function sayable(form: string): boolean {
  const words = form.split(" ");
  const letters = words.join("").length;
  return words.every((w) => w.length === 1) ? letters >= 3 : letters >= 4;
}

function variants(form: string): string[] {
  const out = new Set([form]);
  for (const office of OFFICES) {
    const m = office.written.exec(form);
    if (!m) continue;
    const rest = form.slice(m[0].length);
    // "P M A Y" is an acronym, not the office followed by a name
    if (rest.split(" ")[0]!.length < 2) continue;
    for (const said of office.said) out.add(`${said} ${rest}`);
    if (rest.split(" ").length >= 2) out.add(rest);
  }
  for (const v of [...out]) {
    const short = v.replace(CLOSING_WORDS, "");
    if (short !== v && short.split(" ").length >= 2) out.add(short);
  }
  return [...out];
}

/** Every spoken form of a scheme's names (deduplicated). */
export function spokenNames(meta: NamedScheme): SpokenName[] {
  const written = [meta.name, meta.shortTitle, ...meta.aliases].filter((n) => n && !/[\u0900-\u0dff]/.test(n));
  const out = new Set<string>();
  for (const name of written) {
    for (const part of parts(name)) {
      for (const reading of [part, spelt(part)]) {
        if (!reading) continue;
        const form = spokenForm(reading);
        if (!form || form.split(" ").length > MAX_WORDS) continue;
        variants(form)
          .filter(sayable)
          .forEach((v) => out.add(v));
      }
    }
  }
  return [...out].map((text) => ({ schemeId: meta.schemeId, text }));
}
