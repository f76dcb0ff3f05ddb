// A which/any word right before a word of the matched name asks for a kind of help, not for that scheme:
// "is there any loan for looms" met a title holding "loan" and answered it alone.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { asksAnyOfKind } from "../../src/dialogue/any-of-kind.js";
import { wordKey } from "../../src/dialogue/name-words.js";

const keys = (...words: string[]) => new Set(words.map(wordKey));

describe("whether any of a kind is asked", () => {
  it("is asked by a which or any word before a word of the name, in three scripts", () => {
    assert.ok(asksAnyOfKind("Is there any loan for buying looms?", keys("loan", "weavers"), wordKey));
    assert.ok(asksAnyOfKind("machhuaron ke liye kaun si bima milti hai", keys("bima", "matsya"), wordKey));
    assert.ok(asksAnyOfKind("बुनकरों के लिए कोई पेंशन है?", keys("पेंशन"), wordKey));
  });

  it("is not asked when the which word stands before another word, or a name's word is only said", () => {
    assert.ok(!asksAnyOfKind("Is there any help with the weavers loan interest?", keys("loan"), wordKey));
    assert.ok(!asksAnyOfKind("loan ke liye kaise apply karein?", keys("loan"), wordKey));
    assert.ok(!asksAnyOfKind("koi bata sakta hai pension kab aayegi?", keys("pension"), wordKey));
  });
});
