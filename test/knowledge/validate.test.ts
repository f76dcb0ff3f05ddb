import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findInvalidUtf8, validateFile, type ValidationLimits } from "../../src/knowledge/validate.js";
import { jsonl, sampleRecords, testConfig } from "../helpers.js";

const limits: ValidationLimits = testConfig("/nonexistent").knowledge;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const [a, b, c] = sampleRecords(["pm-kisan", "apy", "fadsp1012e"]);

describe("validateFile", () => {
  it("accepts real records as JSON Lines and as a JSON array", () => {
    const lines = validateFile(enc(jsonl([a, b, c])), limits);
    assert.equal(lines.ok, true);
    assert.equal(lines.format, "jsonl");
    assert.deepEqual(lines.records.map((r) => r.line), [1, 2, 3]);
    const array = validateFile(enc(JSON.stringify([a, b, c], null, 2)), limits);
    assert.equal(array.ok, true);
    assert.equal(array.format, "json-array");
    assert.equal(array.records.length, 3);
    assert.equal(array.records[1]!.line > 1, true, "array elements know their starting line");
  });

  it("accepts one pretty-printed record", () => {
    const r = validateFile(enc(JSON.stringify(a, null, 2)), limits);
    assert.equal(r.ok, true);
    assert.equal(r.records[0]!.record.schemeId, "pm-kisan");
  });

  it("names malformed JSON by line and column", () => {
    const text = `${JSON.stringify(a)}\n{"schemeId": "x", oops}\n`;
    const r = validateFile(enc(text), limits);
    assert.equal(r.ok, false);
    assert.equal(r.records.length, 0, "no record is usable when the file is bad");
    assert.equal(r.problems[0]!.line, 2);
    assert.match(r.problems[0]!.reason, /malformed JSON at column \d+/);
  });

  it("names a malformed JSON array by line", () => {
    const r = validateFile(enc(`[\n${JSON.stringify(a)},\n{"a": }\n]`), limits);
    assert.equal(r.ok, false);
    assert.equal(r.problems[0]!.line, 3);
  });

  it("reports wrong types with field paths", () => {
    const bad = { ...structuredClone(b), tags: "not a list", level: "district" };
    const r = validateFile(enc(jsonl([a, bad])), limits);
    assert.equal(r.ok, false);
    const paths = r.problems.map((p) => `${p.line}:${p.path}`);
    assert.ok(paths.includes("2:tags"), paths.join(" "));
    assert.ok(paths.includes("2:level"), paths.join(" "));
    assert.ok(r.problems.every((p) => p.schemeId === "apy"));
  });

  it("reports missing required fields", () => {
    const bad = structuredClone(a) as Record<string, unknown>;
    delete bad.description;
    delete (bad.name as Record<string, unknown>).en;
    const r = validateFile(enc(jsonl([bad])), limits);
    const byPath = new Map(r.problems.map((p) => [p.path, p.reason]));
    assert.match(byPath.get("description") ?? "", /missing required field/);
    assert.match(byPath.get("name.en") ?? "", /English/);
  });

  it("reports unknown language codes and unknown fields", () => {
    const bad = structuredClone(a) as Record<string, unknown>;
    (bad.name as Record<string, string>).xx = "nonsense";
    (bad.benefits as Record<string, string[]>).klingon = ["?"];
    bad.eligibilty = {};
    const r = validateFile(enc(jsonl([bad])), limits);
    const reasons = r.problems.map((p) => `${p.path}: ${p.reason}`).join("\n");
    assert.match(reasons, /name\.xx: unknown language code "xx"/);
    assert.match(reasons, /benefits\.klingon: unknown language code/);
    assert.match(reasons, /unknown field\(s\): eligibilty/);
  });

  it("reports duplicate schemeIds with both lines", () => {
    const r = validateFile(enc(jsonl([a, b, a])), limits);
    assert.equal(r.ok, false);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.line, 3);
    assert.match(r.problems[0]!.reason, /duplicate schemeId "pm-kisan" \(first on line 1\)/);
  });

  it("names non-UTF-8 bytes with their line and offset", () => {
    const good = enc(jsonl([a]));
    const bytes = new Uint8Array([...good, ...enc('{"schemeId": "caf'), 0xe9, ...enc('"}\n')]);
    const r = validateFile(bytes, limits);
    assert.equal(r.ok, false);
    assert.equal(r.problems[0]!.line, 2);
    assert.match(r.problems[0]!.reason, /invalid UTF-8 byte 0xe9 at byte offset \d+/);
  });

  it("finds overlong and surrogate UTF-8 encodings", () => {
    assert.deepEqual(findInvalidUtf8(new Uint8Array([0xc0, 0xaf])), [0, 1]);
    assert.deepEqual(findInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80])), [0, 1, 2]);
    assert.deepEqual(findInvalidUtf8(enc("किसान ✓ 🙂")), []);
  });

  it("refuses absurd sizes: file, record, text, record count", () => {
    const tiny = { ...limits, maxFileBytes: 100 };
    assert.match(validateFile(enc(jsonl([a])), tiny).problems[0]!.reason, /larger than the limit of 100 bytes/);
    const small = { ...limits, maxRecordBytes: 500 };
    const r1 = validateFile(enc(jsonl([a])), small);
    assert.match(r1.problems[0]!.reason, /record is \d+ bytes, larger than the limit of 500/);
    const long = structuredClone(c)!;
    long.description.en = "x".repeat(limits.maxTextChars + 1);
    const r2 = validateFile(enc(jsonl([long])), limits);
    assert.equal(r2.problems[0]!.path, "description.en");
    assert.match(r2.problems[0]!.reason, /longer than/);
    const few = { ...limits, maxRecordsPerFile: 2 };
    assert.match(validateFile(enc(jsonl([a, b, c])), few).problems[0]!.reason, /holds 3 records, more than the limit of 2/);
  });

  it("an empty file and a non-object line are named", () => {
    assert.match(validateFile(enc("  \n"), limits).problems[0]!.reason, /empty/);
    const r = validateFile(enc(`${JSON.stringify(a)}\n42\n`), limits);
    assert.equal(r.problems[0]!.line, 2);
    assert.match(r.problems[0]!.reason, /expected a JSON object/);
  });

  it("reports every problem, not just the first", () => {
    const bad1 = { ...structuredClone(a), level: 7 };
    const bad2 = { ...structuredClone(b), languages: ["en", "zz"] };
    const r = validateFile(enc(jsonl([bad1, c, bad2, "oops"])), limits);
    assert.deepEqual([...new Set(r.problems.map((p) => p.line))], [1, 3, 4]);
  });
});
