// bin/sahayak, the command the systemd unit and a sysadmin run: it limits glibc's malloc arenas before the
// runtime starts (glibc reads the limit only then), as serve grew with every call without it (issue 16).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { projectRoot } from "../../src/config.js";
import { tempDir } from "../helpers.js";

/** bin/sahayak in a tree of its own whose "program" prints the allocator setting it was started with. */
function launcherTree(dir: string): string {
  mkdirSync(join(dir, "bin"), { recursive: true });
  mkdirSync(join(dir, "dist", "cli"), { recursive: true });
  copyFileSync(join(projectRoot, "bin", "sahayak"), join(dir, "bin", "sahayak"));
  writeFileSync(join(dir, "dist", "cli", "main.js"), "process.stdout.write(String(process.env.MALLOC_ARENA_MAX));\n");
  return join(dir, "bin", "sahayak");
}

function launch(command: string, env: Record<string, string | undefined>): string {
  const r = spawnSync("/bin/sh", [command, "serve"], { encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe("bin/sahayak: the allocator serve runs with", () => {
  const dir = tempDir("sahayak-launcher-");
  after(() => dir.cleanup());
  const command = launcherTree(dir.path);

  it("limits malloc arenas when the environment does not, and keeps a limit the sysadmin set", () => {
    assert.equal(launch(command, {}), "2");
    assert.equal(launch(command, { MALLOC_ARENA_MAX: "4" }), "4");
  });

  it("the systemd unit sets the same limit the command does by hand", () => {
    const unit = readFileSync(join(projectRoot, "appliance", "systemd", "sahayak.service"), "utf8");
    const set = [...unit.matchAll(/^Environment=MALLOC_ARENA_MAX=(\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(set, [launch(command, {})]);
  });
});
