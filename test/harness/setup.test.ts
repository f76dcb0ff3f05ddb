// test/setup.ts makes a hang a failure: a test past its timeout fails, and a failing assert.ok without a
// message fails at once instead of sending Node's message reader into a loop over tsx's one-line output.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "../../src/config.js";

function runTestFile(source: string, env: Record<string, string> = {}): { status: number | null; output: string; ms: number } {
  // inside the project, so tsx and node:test resolve as for every test file
  const dir = mkdtempSync(join(projectRoot, "test", "harness", ".probe-"));
  try {
    const file = join(dir, "probe.test.ts");
    writeFileSync(file, source);
    const started = Date.now();
    const r = spawnSync(process.execPath, ["--import", "tsx", "--import", join(projectRoot, "test", "setup.ts"), "--test", "--test-timeout=60000", file], {
      cwd: projectRoot,
      encoding: "utf8",
      // a child of a test file would otherwise take itself for part of this run and run nothing
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_TEST_CONTEXT")), ...env },
      timeout: 90_000,
    });
    return { status: r.status, output: r.stdout + r.stderr, ms: Date.now() - started };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("test harness (test/setup.ts)", () => {
  it("fails a test that does not end within its timeout", () => {
    const r = runTestFile(`import { it } from "node:test";\nit("never ends", () => new Promise((r) => setTimeout(r, 5000)));\n`, { SAHAYAK_TEST_TIMEOUT_MS: "1500" });
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /timed out after 1500ms/);
  });

  it("keeps a test's own timeout", () => {
    const r = runTestFile(`import { it } from "node:test";\nit("own", { timeout: 800 }, () => new Promise((r) => setTimeout(r, 3000)));\n`, { SAHAYAK_TEST_TIMEOUT_MS: "30000" });
    assert.match(r.output, /timed out after 800ms/, r.output);
  });

  it("fails a message-less assert.ok far along tsx's one-line output at once", () => {
    // the check sits past column 1,000 of the transformed file, beyond the end of the source's first line
    const padding = Array.from({ length: 60 }, (_, i) => `  const v${i} = ${i} * 2;`).join("\n");
    const r = runTestFile(`// probe\nimport assert from "node:assert/strict";\nimport { it } from "node:test";\nit("fails", async () => {\n${padding}\n  await new Promise((r) => setTimeout(r, 5));\n  assert.ok(v59 < 0);\n});\n`);
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /assert\.ok: the value is falsy/);
    assert.ok(r.ms < 30_000, `took ${r.ms} ms`);
  });
});
