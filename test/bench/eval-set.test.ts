// The evaluation set (bench/eval/) checked against the real records, so a fact the data no longer holds,
// a renamed scheme or a category nothing fits fails `make test` before it skews a benchmark.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadSchemeRecords } from "../../bench/eval/set.js";
import { readEvalFiles, validateEvalSet, type EvalFiles } from "../../bench/eval/validate.js";
import { schemesFile } from "../helpers.js";

const records = loadSchemeRecords(schemesFile);

/** The files with one line of the tuning part changed by `change`. */
function withChange(pick: (files: EvalFiles) => object, change: (line: Record<string, unknown>) => void): EvalFiles {
  const files = structuredClone(readEvalFiles());
  change(pick(files) as Record<string, unknown>);
  return files;
}

describe("evaluation set", () => {
  it("every line checks out against the records: schema, schemes, facts in their fields, category predicates, voices", () => {
    assert.deepEqual(validateEvalSet(readEvalFiles(), records), []);
  });

  it("holds enough of each kind for issue 15 (≥300 text, ≥60 out of scope, ≥30 category, ≥40 spoken) in both parts", () => {
    const files = readEvalFiles();
    const text = files.questions.flatMap((f) => f.lines);
    assert.ok(text.length >= 300, `${text.length} text questions`);
    assert.ok(text.filter((q) => q.type === "out_of_scope").length >= 60);
    assert.ok(text.filter((q) => q.type === "category").length >= 30);
    assert.ok(files.spoken.flatMap((f) => f.lines).length >= 40);
    for (const part of [...files.questions, ...files.spoken]) assert.ok(part.lines.length >= 20, `${part.file} is nearly empty`);
  });

  it("reports a fact the record does not hold", () => {
    const files = withChange((f) => f.questions[0]!.lines.find((q) => q.answerFacts?.length)!, (q) => ((q.answerFacts as string[])[0] = "₹ 99,99,999 per fortnight"));
    assert.match(validateEvalSet(files, records).join("\n"), /fact "₹ 99,99,999 per fortnight" is not in/);
  });

  it("reports a scheme id the knowledge base does not have, in text and spoken questions", () => {
    const text = withChange((f) => f.questions[0]!.lines.find((q) => q.schemeId)!, (q) => (q.schemeId = "pm-kisan-renamed"));
    assert.match(validateEvalSet(text, records).join("\n"), /scheme "pm-kisan-renamed" is not in the knowledge base/);
    const spoken = withChange((f) => f.spoken[1]!.lines[0]!, (q) => (q.schemeId = "no-such-scheme"));
    assert.match(validateEvalSet(spoken, records).join("\n"), /scheme "no-such-scheme" is not in the knowledge base/);
  });

  it("reports a category predicate that fits fewer than two schemes, and a voice the benchmark cannot make", () => {
    const category = withChange((f) => f.questions[1]!.lines.find((q) => q.type === "category")!, (q) => (q.category = { match: [{ words: ["zzz-nothing-is-called-this"] }] }));
    assert.match(validateEvalSet(category, records).join("\n"), /fits 0 scheme\(s\)/);
    const voice = withChange((f) => f.spoken[0]!.lines[0]!, (q) => (q.voice = "flite:rms"));
    assert.match(validateEvalSet(voice, records).join("\n"), /voice "flite:rms" is not one of/);
  });
});
