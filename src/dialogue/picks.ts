// A pending question answered: which offered scheme or group the caller picked ("the rural one", "पहला",
// "2", the option's own name words), or which candidate fits what they told about themselves.
import { foldSpelling, nativeTokens, romanTokens } from "../knowledge/text.js";
import type { DialogueKnowledge } from "./knowledge.js";
import { FRAME_WORDS } from "./nlu.js";
import { profileFit } from "./profile.js";
import type { DialogueContext } from "./types.js";

/** The candidate that fits what the caller told about themselves best. */
export async function bestForProfile(k: DialogueKnowledge, candidates: string[], ctx: DialogueContext): Promise<string | undefined> {
  const records = await k.kb.store.getMany(candidates);
  const fits = candidates
    .map((id, i) => ({ id, score: profileFit(k.kb.store.metaOf(id)!, records.get(id), ctx.profile).score - i * 0.01 }))
    .filter((f) => Number.isFinite(f.score))
    .sort((a, b) => b.score - a.score);
  return fits[0]?.id;
}

/** Picks an option from "the rural one", "पहला", "gramin", "2" or the option's name. */
export function resolveChoice(k: DialogueKnowledge, text: string, options: string[]): string | undefined {
  const ordinal = ordinalIn(text);
  if (ordinal !== undefined && ordinal < options.length) return options[ordinal];
  return choiceByName(k, text, options);
}

/** The option whose own name words the caller said, themselves or translated ("rural" → "gramin"). */
export function choiceByName(k: DialogueKnowledge, text: string, options: string[]): string | undefined {
  const lexicon = k.kb.store.lexicon;
  const saidText = [text, ...lexicon.englishFor(text), ...lexicon.romanFor(text)].join(" ");
  // (a function word goes in every script: "लिए" of "उसके लिए" is not the "lie" of a name's "के लिए")
  const content = nativeTokens(saidText).filter((w) => !k.background.isFunctionWord(w) && !FRAME_WORDS.has(w));
  const said = new Set([...content, ...romanTokens(content.join(" "))].filter((w) => !k.background.isFunctionWord(w) && !FRAME_WORDS.has(w)).map((w) => foldSpelling(w).slice(0, 5)));
  const nameWords = (id: string): Set<string> => {
    const meta = k.kb.store.metaOf(id);
    const nameText = meta ? [meta.name, meta.nameHi, meta.shortTitle, ...meta.aliases].join(" ") : "";
    return new Set([...nativeTokens(nameText), ...romanTokens(nameText)].map((w) => foldSpelling(w).slice(0, 5)));
  };
  const words = new Map(options.map((id) => [id, nameWords(id)]));
  let best: { id: string; score: number } | undefined;
  for (const id of options) {
    let score = 0;
    for (const w of said) {
      if (w.length < 3 || !words.get(id)!.has(w)) continue;
      // words every option shares ("pradhan", "awas") decide nothing
      if (!options.every((o) => words.get(o)!.has(w))) score++;
    }
    if (score > 0 && (!best || score > best.score)) best = { id, score };
    else if (best && score === best.score) best = undefined;
  }
  return best?.id;
}

/** Picks a group from its number or the caller's words for it. */
export function resolveTopic(k: DialogueKnowledge, text: string, options: string[]): string | undefined {
  const ordinal = ordinalIn(text);
  if (ordinal !== undefined && ordinal < options.length) return options[ordinal];
  return k.kb.store.lexicon.beneficiariesIn(text).find((g) => options.includes(g)) ?? k.kb.store.lexicon.beneficiariesIn(text)[0];
}

// "one"/"ek" count only on their own ("the rural one" is not the first option)
const ORDINALS: [RegExp, number][] = [
  [/(?:^|[^a-z])(first|1st|pehla|pahla|pehli|pahli|pehle wala)(?:$|[^a-z])|^\s*(?:number |option )?(?:one|ek|1)\s*$|पहला|पहली|पहले वाला/i, 0],
  [/(?:^|[^a-z])(second|2nd|dusra|doosra|dusri|doosri)(?:$|[^a-z])|^\s*(?:number |option )?(?:two|do|2)\s*$|दूसरा|दूसरी|दूसरे वाला/i, 1],
  [/(?:^|[^a-z])(third|3rd|teesra|tisra|teesri)(?:$|[^a-z])|^\s*(?:number |option )?(?:three|teen|3)\s*$|तीसरा|तीसरी/i, 2],
  [/(?:^|[^a-z])(fourth|4th|chautha|chauthi)(?:$|[^a-z])|^\s*(?:number |option )?(?:four|char|4)\s*$|चौथा|चौथी/i, 3],
  [/(?:^|[^a-z])(fifth|5th|panchva|panchvi)(?:$|[^a-z])|^\s*(?:number |option )?(?:five|paanch|panch|5)\s*$|पाँचवाँ|पांचवां|पाँचवीं/i, 4],
];

function ordinalIn(text: string): number | undefined {
  for (const [re, n] of ORDINALS) if (re.test(text)) return n;
  return undefined;
}
