// appliance/install refuses a bundle that does not verify before it runs anything from it: a changed byte,
// a missing file, a file SHA256SUMS does not list, a link. (A small bundle with the same layout; the
// whole bundle is installed by e2e.test.ts.)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, beforeEach, describe, it } from "node:test";
import { writeSums } from "../../src/admin/manifest.js";
import { projectRoot } from "../../src/config.js";
import { tempDir } from "../helpers.js";

describe("appliance/install checks the bundle first", () => {
  const dir = tempDir();
  const bundle = join(dir.path, "sahayak-0.0.0");
  after(() => dir.cleanup());

  beforeEach(async () => {
    rmSync(bundle, { recursive: true, force: true });
    mkdirSync(join(bundle, "app", "node", "bin"), { recursive: true });
    mkdirSync(join(bundle, "app", "dist", "admin"), { recursive: true });
    copyFileSync(join(projectRoot, "appliance", "install"), join(bundle, "install"));
    writeFileSync(join(bundle, "bundle.json"), "{}");
    writeFileSync(join(bundle, "app", "dist", "admin", "install-main.js"), "");
    // a stand-in for the bundled node: it shows what the shell would run once the bundle verifies
    writeFileSync(join(bundle, "app", "node", "bin", "node"), '#!/bin/sh\necho "node would run: $*"\n');
    chmodSync(join(bundle, "app", "node", "bin", "node"), 0o755);
    writeFileSync(join(bundle, "app", "data with space.txt"), "a file name with a space");
    await writeSums(bundle);
  });

  const install = () => spawnSync(join(bundle, "install"), ["--dry-run"], { encoding: "utf8" });

  it("a bundle that verifies is handed to its own node, with --bundle and the arguments", () => {
    const r = install();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split("\n").at(-1), `node would run: ${bundle}/app/dist/admin/install-main.js --bundle ${bundle} --dry-run`);
  });

  it("a changed byte, a missing file, an unlisted file or a link: exit 3, and nothing of the bundle runs", () => {
    const cases: [string, () => void, RegExp][] = [
      ["changed", () => appendFileSync(join(bundle, "bundle.json"), " "), /bundle\.json: FAILED[\s\S]*the bundle is damaged/],
      ["missing", () => rmSync(join(bundle, "app", "data with space.txt")), /the bundle is damaged/],
      ["unlisted", () => writeFileSync(join(bundle, "app", "extra.js"), "x"), /files SHA256SUMS does not list: app\/extra\.js/],
      ["link", () => symlinkSync("/etc/passwd", join(bundle, "app", "link")), /links or special files/],
      ["no sums", () => rmSync(join(bundle, "SHA256SUMS")), /is not a Sahayak bundle/],
    ];
    for (const [name, damage, pattern] of cases) {
      damage();
      const r = install();
      assert.equal(r.status, 3, `${name}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout + r.stderr, pattern, name);
      assert.doesNotMatch(r.stdout, /node would run/, `${name}: nothing from the bundle ran`);
      rmSync(join(bundle, "app", "link"), { force: true });
      rmSync(join(bundle, "app", "extra.js"), { force: true });
      writeFileSync(join(bundle, "bundle.json"), "{}");
      writeFileSync(join(bundle, "app", "data with space.txt"), "a file name with a space");
      if (name === "no sums") break;
    }
  });
});
