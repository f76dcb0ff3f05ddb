// What calls share follows the knowledge base while `serve` runs: a scheme added by an edit (or a publish
// reaching this node) is in the keypad's topic menus for the next call and in the recogniser's hotwords,
// without a restart (real knowledge base, real recogniser).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { openCallServices, type CallServices } from "../../src/call/index.js";
import { ModelStore } from "../../src/ops/models.js";
import type { SchemeRecord } from "../../src/knowledge/index.js";
import { realKnowledgeBase } from "../kb-fixture.js";
import { schemesFile, tempDir, until } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

/** A central scheme with full details, under a new id and a name no record has. */
function newCentralScheme(): SchemeRecord {
  const records = readFileSync(schemesFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SchemeRecord);
  const model = records.find((r) => r.level === "central" && r.detailLevel === "full" && r.categories.includes("agriculture-rural-environment"));
  assert.ok(model, "the data has a central agriculture scheme with full details");
  return { ...model, schemeId: "gram-sahayata-test", shortTitle: "GSY", name: { ...model.name, en: "Gram Sahayata Yojana" } };
}

describe("call services follow the knowledge base (real engines)", () => {
  const models = tempDir("sahayak-models-");
  let fixture: Awaited<ReturnType<typeof realKnowledgeBase>>;
  let services: CallServices;

  before(async () => {
    new ModelStore(models.path).import(englishModelDir, { lang: "en" });
    fixture = await realKnowledgeBase({ modelsDir: models.path });
    services = await openCallServices(fixture.config);
  });
  after(async () => {
    await services?.close();
    await fixture?.cleanup();
    models.cleanup();
  });

  it("a scheme added while serving is in the next call's topic menu and the recogniser's hotwords", async () => {
    const recogniser = services.recogniser!;
    const hotwordsBefore = recogniser.hotwordsFile;
    assert.ok(hotwordsBefore, "the recogniser starts biased to the schemes' names");
    const menuBefore = services.keypad;
    assert.ok(!menuBefore.schemes("agriculture-rural-environment").some((s) => s.schemeId === "gram-sahayata-test"));

    const scheme = newCentralScheme();
    await services.knowledgeBase!.store.apply({ upserts: [scheme], deletes: [] }, { actor: "test", reason: "a new scheme", op: "update" });

    assert.equal(services.keypad, menuBefore, "the menu a call reads is not rebuilt inside the change");
    // rebuilt in slices soon after, between calls' audio and turns
    await until(() => services.keypad.schemes("agriculture-rural-environment").some((s) => s.schemeId === "gram-sahayata-test"), 10_000);
    await until(() => recogniser.hotwordsFile !== hotwordsBefore, 60_000);
    assert.match(readFileSync(recogniser.hotwordsFile!, "utf8"), /^GRAM SAHAYATA YOJANA$/m);
    await until(() => recogniser.workers === 1, 10_000);
    assert.equal(recogniser.state, "running");
    // a call started now hears on the new worker
    const stream = recogniser.createStream("en");
    stream.dispose();
  });
});
