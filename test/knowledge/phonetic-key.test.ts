// phoneticKey reads the consonants in one pass and runs a vowel's rule only when its letters are there (the
// name matcher keys ~36,000 words when it is built): it must key every word exactly as the rules written one
// after the other do, kept here as the reference.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { phoneticKey } from "../../src/knowledge/text.js";

const VOWELS = new Set(["a", "e", "i", "o", "u"]);

/** The key as the rules say it, one replacement after another. */
function referenceKey(token: string): string {
  let s = token.toLowerCase();
  if (/^\d+$/.test(s)) return s;
  s = s
    .replace(/ph/g, "f")
    .replace(/ch/g, "C")
    .replace(/sh/g, "s")
    .replace(/([kgcjtdpbC])h/g, "$1")
    .replace(/c/g, "k")
    .replace(/C/g, "c")
    .replace(/q/g, "k")
    .replace(/x/g, "ks")
    .replace(/w/g, "v")
    .replace(/z/g, "j")
    .replace(/ee|ii/g, "i")
    .replace(/oo|uu/g, "u")
    .replace(/ai|ei|aya?$/g, "e")
    .replace(/(?<=[^aeiou])ey$/, "e")
    .replace(/au|ou/g, "o")
    .replace(/b/g, "p")
    .replace(/d/g, "t")
    .replace(/g/g, "k")
    .replace(/j/g, "c")
    .replace(/(?<=.)m(?=[^aeioumpv])/g, "n");
  let out = s[0] ?? "";
  for (let i = 1; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "a" || (ch === "h" && !VOWELS.has(s[i - 1]!)) || ch === out[out.length - 1]) continue;
    out += ch;
  }
  if (out.length > 3 && VOWELS.has(out[out.length - 1]!)) out = out.slice(0, -1);
  return out;
}

describe("phoneticKey keys as its rules applied one after another", () => {
  it("names' and callers' words", () => {
    const words = "pradhan mantri kisan samman nidhi ayushman bharat jan arogya yojana ujjwala chhattisgarh shramik bhavan khadi gramodyog jhunjhunu dhan thakkar bapa sukanya samriddhi beti bachao padhao mudra swanidhi awaas gramin mukhyamantri ladli behna chief minister's kamdhenu ghar pucca mehnat jyoti vyapar Diggy theek mudrey bimey aayi oupchaarik xerox quiz zameen 2024 PMAY-G kaushal".split(" ");
    for (const w of words) assert.equal(phoneticKey(w), referenceKey(w), w);
  });

  it("every string of the letters the rules read, up to 9 long (200,000 drawn)", () => {
    const letters = "aeiouyhhhpcskgjtdbqxwzmnvrlfaaeeiioouu019CPHSİß\u0915-_ ";
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 200_000; n++) {
      let w = "";
      for (let i = Math.floor(next() * 10); i > 0; i--) w += letters[Math.floor(next() * letters.length)];
      assert.equal(phoneticKey(w), referenceKey(w), JSON.stringify(w));
    }
  });
});
