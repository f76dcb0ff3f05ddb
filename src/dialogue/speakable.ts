// Record text made fit for the ear: the scaffolding of a web page ("Step 1:", "Online:", "Click here")
// is not read out, a link is said as its address without "https://www", and a short form is written the
// way people say it ("PM-KISAN" → "PM Kisan": letters where people say letters, a word where they say a
// word). Only the form changes; no word, figure or address is dropped.
import type { Segment } from "./types.js";

const STEP_PREFIX = /^\s*(?:step|चरण|स्टेप)\s*[-–]?\s*\d+\s*[:.)-]\s*/i;
const MODE_PREFIX = /^\s*(?:online|offline|ऑनलाइन|ऑफलाइन)\s*(?:mode)?\s*[:-]\s*/i;
const CLICK_HERE = /\b(?:please\s+)?click\s+(?:on\s+)?(?:here|this link)\s*[:-]?\s*/gi;
const URL = /\bhttps?:\/\/[^\s)\]]+|\bwww\.[^\s)\]]+/gi;

/** A link as it is said: no scheme or "www.", no closing slash or full stop. */
export function spokenLink(url: string): string {
  return url.replace(/^https?:\/\//i, "").replace(/^www\./i, "").replace(/[/.,;]+$/, "");
}

/** "KISAN", "KUSUM", "SVANIDHI" are said as words; "PMJAY", "AICTE", "MGNREGA" letter by letter or as written. */
function sayableAsWord(letters: string): boolean {
  const w = letters.toLowerCase();
  if (w.length < 4 || /[^aeiou]{3}/.test(w) || /^[aeiou]{2}/.test(w)) return false;
  // an opening pair of consonants only as Indian words open ("sva", "pra", "kha"), not "pm", "nr"
  if (/^[^aeiou]{2}/.test(w) && !/^(?:[bcdfgkpt][hrlvwy]|s[hvwtkpmn]|j[hn])/.test(w)) return false;
  return (w.match(/[aeiou]/g)?.length ?? 0) / w.length >= 0.34;
}

/** "PM-KISAN" → "PM Kisan", "PM SVANIDHI" → "PM Svanidhi"; acronyms said as letters stay as they are. */
export function speakableShortForm(text: string): string {
  return text.replace(/\b([A-Z]{2,})(?:[-\s]+)([A-Z]{4,})\b/g, (m, a: string, b: string) => (sayableAsWord(b) ? `${a} ${b[0]}${b.slice(1).toLowerCase()}` : m));
}

/** One sentence of a record, ready to be said. */
export function forTheEar(sentence: string): string {
  let s = sentence.replace(STEP_PREFIX, "").replace(MODE_PREFIX, "").replace(STEP_PREFIX, "");
  s = s.replace(CLICK_HERE, "");
  // "(https://pmkisan.gov.in/)" → ": pmkisan.gov.in" (one colon, after a label that had one)
  s = s.replace(/\s*:?\s*\(\s*((?:https?:\/\/|www\.)[^\s)]+)\s*\)/gi, (_m, url: string) => `: ${spokenLink(url)}`);
  s = s.replace(URL, (url) => spokenLink(url));
  s = s.replace(/\s+:/g, ":").replace(/^[:\s]+/, "").replace(/\s{2,}/g, " ").trim();
  return speakableShortForm(s);
}

/** Each link is said once in a reply: later mentions of an address already said are dropped. */
export function sayEachLinkOnce(segments: Segment[]): Segment[] {
  const said = new Set<string>();
  const link = /\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+(?:\/[^\s]*)?/gi;
  return segments.map((seg) => ({
    ...seg,
    text: seg.text
      .replace(link, (m) => {
        // a domain-like word that is a sentence end ("Rs. 5.") is not a link
        if (!/\.(?:gov|nic|in|org|com|net|co)\b/i.test(m)) return m;
        const key = m.toLowerCase().replace(/[/.]+$/, "");
        if (said.has(key)) return "";
        said.add(key);
        return m;
      })
      .replace(/\(\s*\)|:\s*(?=[.।])/g, "")
      .replace(/\s{2,}/g, " ")
      .trim(),
  }));
}

/**
 * A parenthesis that shortens the name it follows: each of its words is a word of the name ("KISAN") or
 * letters of the name's initials in order ("PM", "SVANidhi", "PMFBY"), not words of its own ("All Ranks").
 */
export function isShortFormOf(short: string, name: string): boolean {
  const rest = name.replace(/\([^)]*\)/g, " ");
  const words = new Set(rest.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
  // the name's word initials and inner capitals ("AtmaNirbhar"), in order
  const initials = rest.replace(/(^|[^A-Za-z])([a-z])/g, (_m, before: string, c: string) => before + c.toUpperCase()).replace(/[^A-Z]/g, "");
  const inOrder = (letters: string): boolean => {
    let at = 0;
    for (const c of letters) {
      at = initials.indexOf(c, at) + 1;
      if (at === 0) return false;
    }
    return true;
  };
  const tokens = short.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return tokens.length > 0 && tokens.every((t) => words.has(t.toLowerCase()) || (t.replace(/[^A-Z]/g, "").length >= 2 && inOrder(t.replace(/[^A-Z]/g, ""))));
}
