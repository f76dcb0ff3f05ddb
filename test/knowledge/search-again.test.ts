import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SchemeSearch, type KnowledgeBase, type SearchHit } from "../../src/knowledge/index.js";
import type { Config } from "../../src/config.js";
import { realKnowledgeBase } from "../kb-fixture.js";

describe("the same words searched twice in a row", () => {
  let kb: KnowledgeBase;
  let config: Config;
  let cleanup: () => Promise<void>;
  let fullTextQueries = 0;

  before(async () => {
    ({ kb, config, cleanup } = await realKnowledgeBase());
    // count the full-text queries sent to the table (both languages' each time words are searched afresh)
    const search = kb.search as unknown as { fullText: (...args: unknown[]) => Promise<unknown> };
    const fullText = search.fullText.bind(kb.search);
    search.fullText = (...args: unknown[]) => {
      fullTextQueries++;
      return fullText(...args);
    };
  });
  after(() => cleanup());

  const words = "stitching unit loan help, a widowed mother in her village";

  it("asks the table once and answers a longer list whose head is the shorter one", async () => {
    const short = await kb.search.search(words, { limit: 4 });
    const sent = fullTextQueries;
    assert.ok(sent > 0);
    const long = await kb.search.search(words, { limit: 12 });
    assert.equal(fullTextQueries, sent, "the second search reads the first one's hits");
    assert.ok(long.length > short.length);
    assert.deepEqual(long.slice(0, short.length), short);
  });

  it("gives what a search of its own would give, whatever a caller did to the hits it was given", async () => {
    const given = await kb.search.search(words, { limit: 12 });
    given[0]!.matched.push("changed by the caller");
    given[1]!.via.length = 0;
    given[2]!.score = -1;
    const again = await kb.search.search(words, { limit: 12 });
    const fresh = await new SchemeSearch(kb.store, config.knowledge).search(words, { limit: 12 });
    assert.deepEqual(again, fresh);
  });

  it("searches other words, or the same words heard rather than typed, afresh", async () => {
    const sent = fullTextQueries;
    await kb.search.search("a pension for an old farmer", { limit: 4 });
    assert.ok(fullTextQueries > sent);
    const heard = fullTextQueries;
    const typed: SearchHit[] = await kb.search.search("a pension for an old farmer", { limit: 4, heard: true });
    assert.ok(fullTextQueries > heard);
    assert.ok(typed.length > 0);
  });
});
