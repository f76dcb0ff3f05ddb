import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scoreAlias, spellingForm, type Alias, type QueryRead } from "../../src/knowledge/name-score.js";
import { foldSpelling, phoneticKey } from "../../src/knowledge/text.js";

/** A one-word name as the matcher builds it: its words' folded and compared spellings made once, with it. */
function oneWordName(word: string): Alias {
  return { schemeId: "s", text: word, kind: "name", keys: [phoneticKey(word)], words: [word], optional: [false], weights: [3], folded: [foldSpelling(word)], spellings: [spellingForm(word)] };
}

/** A typed query's read; `forms`: the words its spelling forms and keys were made from (its own words unless said). */
function typed(words: string[], forms: string[] = words): QueryRead {
  return { qWords: new Set(words.map(foldSpelling)), romanWords: new Set(words), romanKeys: new Set(forms.map(phoneticKey)), romanSpellings: forms.map(spellingForm), heard: false, support: new Set(), exact: new Set(), broken: new Set(), bySound: false };
}

describe("a name's score compares spellings made once, not for every name scored", () => {
  it("a word's spelling as compared: folded, 'sh' as 's', without its last vowel", () => {
    assert.equal(spellingForm("kishane"), "kisan");
    assert.equal(spellingForm("Saarthi".toLowerCase()), "sarth");
  });

  it("typed, a one-word name only sounded by a word spelt as another is not said; spelt nearly, it is", () => {
    const name = oneWordName("sarthi");
    const near = new Map([[name.keys[0]!, 1]]);
    assert.equal(scoreAlias(name, near, typed(["sardi"]), 3), 0);
    assert.ok(scoreAlias(name, near, typed(["saarthi"]), 3) > 0);
  });

  it("the caller's spelling forms are the query read's (made once per query by the matcher), not worked out again per name", () => {
    const name = oneWordName("sarthi");
    const near = new Map([[name.keys[0]!, 1]]);
    // the read's forms say the caller spelt the name nearly: the score follows them
    assert.ok(scoreAlias(name, near, typed(["sardi"], ["saarthi"]), 3) > 0);
  });
});
