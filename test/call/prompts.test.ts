// What the call says, measured as the caller hears it (espeak-ng, the default voice): every keypad menu of
// the real knowledge base names each choice once and is said within the menu limit in both languages;
// the opening leaves the tone within 12 s; the nudges are short.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FIXED_PROMPTS, KeypadCatalogue, KeypadMenu, openingLine, spokenMs } from "../../src/call/index.js";
import type { AnswerLang } from "../../src/dialogue/index.js";
import { EspeakEngine } from "../../src/speech/tts/index.js";
import { realKnowledgeBase } from "../kb-fixture.js";

/** Longest a nudge may take to say. */
const SHORT_NUDGE_MS = 3000;

describe("what the call says, with espeak-ng and the real knowledge base", () => {
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  let espeak: EspeakEngine;
  let catalogue: KeypadCatalogue;

  before(async () => {
    fixture = await realKnowledgeBase();
    espeak = new EspeakEngine(fixture.config.speech.tts);
    catalogue = new KeypadCatalogue(fixture.kb.store.meta());
  });

  after(async () => {
    await espeak?.close();
    await fixture?.cleanup();
  });

  async function saidMs(text: string, lang: AnswerLang): Promise<number> {
    let ms = 0;
    for await (const frame of espeak.synthesize(text, lang)) ms += (frame.samples.length / frame.sampleRate) * 1000;
    return ms;
  }

  function menu(lang: AnswerLang): KeypadMenu {
    const k = fixture.config.call.keypad;
    return new KeypadMenu(catalogue, { lang, pageSize: k.pageSize, maxMenuMs: k.maxMenuMs });
  }

  /** Every page from where `m` is, walking with 9: what it says and the choices it names. */
  function pages(m: KeypadMenu): { text: string; choices: string[] }[] {
    const out: { text: string; choices: string[] }[] = [];
    for (;;) {
      out.push({ text: m.menu(), choices: m.choices() });
      if (m.press("9").kind !== "menu") return out;
    }
  }

  function namedOnce(page: { text: string; choices: string[] }): void {
    assert.equal(new Set(page.choices).size, page.choices.length, `a choice twice: ${page.text}`);
    for (const c of page.choices) {
      assert.ok(page.text.includes(c), `"${c}" is said: ${page.text}`);
      assert.ok(!/[()]/.test(c), `"${c}" is said once, without its bracketed acronym`);
    }
  }

  for (const lang of ["hi", "en"] as const) {
    it(`${lang}: every topic once, on one page; every page of topics said within the menu limit`, async () => {
      const topics = pages(menu(lang));
      const named = topics.flatMap((p) => p.choices);
      assert.equal(named.length, catalogue.categories.length);
      assert.equal(new Set(named).size, named.length, `a topic named twice: ${named.join(" | ")}`);
      for (const p of topics) {
        namedOnce(p);
        const ms = await saidMs(p.text, lang);
        assert.ok(ms <= fixture.config.call.keypad.maxMenuMs, `${Math.round(ms)} ms: ${p.text}`);
      }
    });

    it(`${lang}: each topic's schemes: every page names each scheme once; its longest page, and the menu of its longest-named scheme, said within the limit`, async () => {
      const limit = fixture.config.call.keypad.maxMenuMs;
      const topics = pages(menu(lang));
      /** A fresh menu at the topic's scheme list. */
      const atTopic = (t: number): KeypadMenu => {
        const m = menu(lang);
        let index = t;
        let onPage = 0;
        while (index >= topics[onPage]!.choices.length) index -= topics[onPage++]!.choices.length;
        for (let p = 0; p < onPage; p++) m.press("9");
        assert.equal(m.press(String(index + 1)).kind, "menu");
        return m;
      };
      for (let t = 0; t < catalogue.categories.length; t++) {
        const schemePages = pages(atTopic(t));
        for (const sp of schemePages) namedOnce(sp);
        const longest = schemePages.reduce((a, b) => (spokenMs(b.text, lang) > spokenMs(a.text, lang) ? b : a));
        const ms = await saidMs(longest.text, lang);
        assert.ok(ms <= limit, `${Math.round(ms)} ms: ${longest.text}`);
        // the scheme with the longest name, and its own menu as said after an answer with more to hear
        let at = { page: 0, index: 0, ms: -1 };
        schemePages.forEach((p, page) => p.choices.forEach((c, index) => spokenMs(c, lang) > at.ms && (at = { page, index, ms: spokenMs(c, lang) })));
        const m = atTopic(t);
        for (let p = 0; p < at.page; p++) m.press("9");
        assert.equal(m.press(String(at.index + 1)).kind, "menu");
        const own = m.menu(true);
        const ownMs = await saidMs(own, lang);
        assert.ok(ownMs <= limit, `${Math.round(ownMs)} ms: ${own}`);
      }
    });
  }

  it("the opening: both lines and the tone within 12 s; the Hindi choice is offered within 5 s", async () => {
    const langs = fixture.config.call.languages;
    const hi = await saidMs(openingLine(langs, "hi", { welcome: true, canAsk: false }), "hi");
    const en = await saidMs(openingLine(langs, "en", { welcome: false, canAsk: true }), "en");
    assert.ok(hi <= 5000, `the Hindi line takes ${Math.round(hi)} ms`);
    assert.ok(hi + en + fixture.config.call.tone.ms <= 12_000, `the tone ends ${Math.round(hi + en + fixture.config.call.tone.ms)} ms in`);
  });

  it("the nudges are short", async () => {
    for (const key of ["nudge", "keypadNudge"] as const) {
      for (const lang of ["hi", "en"] as const) {
        const ms = await saidMs(FIXED_PROMPTS[key][lang], lang);
        assert.ok(ms <= SHORT_NUDGE_MS, `${key} in ${lang}: ${Math.round(ms)} ms`);
      }
    }
  });
});
