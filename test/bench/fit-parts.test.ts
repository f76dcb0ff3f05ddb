// The fitting tools' choice of parts: a check part must never be read, whatever the option says.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CHECK_PARTS, NEWEST_PARTS, TUNING_PARTS, chooseParts } from "../../bench/fit/parts.js";

describe("fitting parts", () => {
  it("reads every tuning part when no part is named, and no check part among them", () => {
    const parts = chooseParts();
    assert.deepEqual(parts, [...TUNING_PARTS]);
    assert.ok(parts.every((p) => !CHECK_PARTS.has(p)));
    assert.ok([...NEWEST_PARTS].every((p) => (parts as string[]).includes(p)));
  });

  it("never fits on tune2 (never tuned on itself), but scores it for its figures beside a fit", () => {
    assert.ok(!chooseParts().includes("tune2"));
    assert.throws(() => chooseParts("tune3,tune2"), /tune2/);
    assert.deepEqual(chooseParts("tune2", true), ["tune2"]);
    assert.throws(() => chooseParts("tune2,tune5", true), /tune5/);
  });

  it("keeps the named tuning parts once each, in the order given", () => {
    assert.deepEqual(chooseParts(" tune12,dev ,tune12"), ["tune12", "dev"]);
  });

  it("refuses a check part or a part it does not know, even beside tuning parts", () => {
    assert.throws(() => chooseParts("tune3,tune20"), /tune20/);
    assert.throws(() => chooseParts("test"), /test/);
    assert.throws(() => chooseParts("tune99"), /tune99/);
  });
});
