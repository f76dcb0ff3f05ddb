// A kind of help said by a Hindi word the curated lexicon lacks, read by its dictionary meaning ("उत्पादकता":
// productivity), is the caller's own word for the help as the English word would be: the choice is of schemes
// saying it, not of schemes met only through a broader concept. English, Hindi, romanised Hindi.
import { describe, it } from "node:test";
import { offersOnlySchemesSaying, realEngine } from "./engine-over.js";

describe("a kind of help said by a word the dictionary reads", () => {
  const real = realEngine();

  const offersOnly = (text: string, word: RegExp) => offersOnlySchemesSaying(real, text, word);

  it("offers the schemes that say its meaning", async () => {
    for (const text of ["Which schemes are there to raise productivity?", "उत्पादकता बढ़ाने के लिए कौन सी योजनाएँ हैं?", "utpadakata badhane ke liye kaun si yojanayen hain?"]) await offersOnly(text, /productivity/i);
  });
});
