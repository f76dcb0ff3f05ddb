// How far the sound matcher reaches names an English recogniser has garbled: every record's name is bent
// as such a recogniser bends words it does not know (a seeded transform, the same for every name: vowels
// changed, j/y, v/w/b, sh/s traded, an aspirate's h dropped, long words split, short ones run together) and
// matched by sound alone; counted are the names found first, found first surely enough to be offered, and
// the names for which another scheme would be offered instead.
// node --import tsx bench/sound-reach.ts [--step N] [--seed S]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { openKnowledgeBase } from "../src/knowledge/index.js";
import { mulberry32 } from "./caller-voice.js";
import { importSchemes } from "./questions.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const VOWEL_SWAP: Record<string, string[]> = { a: ["o", "e", "u"], e: ["i", "a"], i: ["e", "ee"], o: ["u", "oa"], u: ["o", "oo"] };
const CONSONANT_SWAP: Record<string, string[]> = { j: ["y", "g"], y: ["j"], v: ["w", "b"], w: ["v"], b: ["v", "p"], sh: ["s"], s: ["sh"], k: ["c"], d: ["t"], t: ["d"] };

/** A name as an English recogniser might write it. */
export function garble(name: string, rnd: () => number): string {
  const words = name.toLowerCase().replace(/[^a-z ]+/g, " ").split(/\s+/).filter(Boolean);
  const bent = words.map((w) => {
    let out = "";
    for (let i = 0; i < w.length; i++) {
      const two = w.slice(i, i + 2);
      if (CONSONANT_SWAP[two] && rnd() < 0.3) {
        out += CONSONANT_SWAP[two]![Math.floor(rnd() * CONSONANT_SWAP[two]!.length)];
        i++;
        continue;
      }
      const ch = w[i]!;
      if (ch === "h" && i > 0 && !"aeiou".includes(w[i - 1]!) && rnd() < 0.5) continue;
      const swaps = VOWEL_SWAP[ch] ?? CONSONANT_SWAP[ch];
      out += swaps && rnd() < (VOWEL_SWAP[ch] ? 0.25 : 0.15) ? swaps[Math.floor(rnd() * swaps.length)] : ch;
    }
    // a long word heard as two
    if (out.length >= 7 && rnd() < 0.3) {
      const cut = 3 + Math.floor(rnd() * (out.length - 5));
      return `${out.slice(0, cut)} ${out.slice(cut)}`;
    }
    return out;
  });
  // short words run together
  const said: string[] = [];
  for (const w of bent) {
    if (said.length > 0 && w.length <= 4 && rnd() < 0.25) said[said.length - 1] += w;
    else said.push(w);
  }
  return said.join(" ");
}

const step = arg("--step", 4);
const seed = arg("--seed", 43);
const dataDir = mkdtempSync(join(tmpdir(), "sound-reach-"));
try {
  importSchemes(dataDir);
  const config = loadConfig({ overrides: { dataDir } });
  const kb = await openKnowledgeBase(config);
  const rnd = mulberry32(seed);
  let n = 0;
  let first = 0;
  let offered = 0;
  let wrongOffered = 0;
  const metas = kb.store.meta();
  for (let i = 0; i < metas.length; i += step) {
    const m = metas[i]!;
    const heard = garble(m.name, rnd);
    if (heard.replace(/ /g, "").length < 6) continue;
    n++;
    const [top] = kb.search.soundMatch(heard, 1);
    const same = top !== undefined && (top.schemeId === m.schemeId || m.duplicates.includes(top.schemeId));
    if (same) first++;
    if (same && top.score >= config.dialogue.soundConfirm) offered++;
    if (!same && top !== undefined && top.score >= config.dialogue.soundConfirm) wrongOffered++;
    if (process.argv.includes("--verbose") && !same) console.log(`${m.name} → "${heard}" → ${top?.schemeId ?? "-"} ${top?.score.toFixed(2) ?? ""}`);
  }
  console.log(JSON.stringify({ names: n, foundFirst: first, offered, wrongOffered, seed, step }));
  await kb.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
