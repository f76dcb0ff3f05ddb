// How many of the caller's words a name says: a name word the caller said as two words counts both.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { callerWordsSaid } from "../../src/dialogue/said-forms.js";

describe("the caller's words a name says", () => {
  it("a word said as it is, or in the singular, counts one", () => assert.equal(callerWordsSaid(["Lanterns", "Boatmen"], "a solar lantern for boatmen"), 2));
  it("a one-word name said apart counts the two words", () => assert.equal(callerWordsSaid(["Taarakiranam"], "the taara kiranam help"), 2));
  it("a word not said counts nothing", () => assert.equal(callerWordsSaid(["Taarakiranam"], "the lantern help"), 0));
});
