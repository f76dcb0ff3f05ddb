// Releases on disk (install, verify, switch, the upgrade log, pruning) and the rule an upgrade is judged by:
// the new release does no worse than the old one did.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { upgradeFailure, type Before } from "../../src/admin/install.js";
import { writeSums } from "../../src/admin/manifest.js";
import { Releases } from "../../src/admin/release.js";
import type { DoctorResult, Readiness } from "../../src/admin/service.js";
import { tempDir } from "../helpers.js";

async function fakeBundle(dir: string, marker: string): Promise<string> {
  mkdirSync(join(dir, "app", "bin"), { recursive: true });
  writeFileSync(join(dir, "app", "bin", "sahayak"), `#!/bin/sh\necho ${marker}\n`);
  writeFileSync(join(dir, "bundle.json"), "{}");
  await writeSums(dir);
  return dir;
}

describe("releases on disk", () => {
  const dir = tempDir();
  const releases = new Releases(join(dir.path, "opt"));
  after(() => dir.cleanup());

  it("installs a bundle's app, verifies it, switches current atomically, refuses other files under a known version", async () => {
    const a = await fakeBundle(join(dir.path, "a"), "a");
    assert.equal(await releases.install(a, "1.0"), "installed");
    assert.equal(await releases.install(a, "1.0"), "present", "the same files again change nothing");
    assert.deepEqual(await releases.verify("1.0"), []);
    releases.switchTo("1.0");
    assert.equal(releases.current(), "1.0");
    assert.equal(readlinkSync(join(dir.path, "opt", "current")), "releases/1.0", "a relative link");
    const other = await fakeBundle(join(dir.path, "a2"), "not a");
    await assert.rejects(releases.install(other, "1.0"), /already installed .* with other files/);
    writeFileSync(join(releases.dir("1.0"), "bin", "sahayak"), "tampered");
    assert.match((await releases.verify("1.0")).join(), /bin\/sahayak does not match its checksum/);
    writeFileSync(join(releases.dir("1.0"), "bin", "sahayak"), "#!/bin/sh\necho a\n");
    assert.throws(() => releases.switchTo("9.9"), /not installed/);
  });

  it("keeps the upgrade log, finds the upgrade to undo, and prunes old releases but never current or the way back", async () => {
    for (const v of ["2.0", "3.0", "4.0"]) await releases.install(await fakeBundle(join(dir.path, v), v), v);
    // installation times, oldest first
    ["1.0", "2.0", "3.0", "4.0"].forEach((v, i) => utimesSync(releases.dir(v), new Date(2026, 0, i + 1), new Date(2026, 0, i + 1)));
    releases.switchTo("4.0");
    releases.recordUpgrade({ from: "1.0", to: "4.0", at: "2026-12-01T00:00:00.000Z", backup: "/b/one" });
    assert.equal(releases.lastUpgrade()?.from, "1.0");
    const removed = releases.prune(1);
    assert.deepEqual(removed.sort(), ["2.0", "3.0"], "kept: current (4.0) and the way back (1.0)");
    assert.ok(existsSync(releases.dir("1.0")));
    releases.markRolledBack(releases.lastUpgrade()!);
    assert.equal(releases.lastUpgrade(), undefined, "an undone upgrade is not undone twice");
  });
});

describe("an upgrade does no worse than the release before it", () => {
  const ready = (ok: boolean, checks: Record<string, boolean> = {}): Readiness => ({
    ready: ok,
    status: ok ? 200 : 503,
    checks: Object.fromEntries(Object.entries(checks).map(([n, c]) => [n, { ok: c, detail: c ? "fine" : `${n} is broken` }])),
  });
  const doctor = (failures: string[] = []): DoctorResult => ({ exit: failures.length ? 2 : 0, failures: failures.map((name) => ({ name, message: `${name} failed` })), warnings: [] });
  const before = (r: Readiness | null, d: DoctorResult | null = doctor()): Before => ({ ready: r, doctor: d });

  it("ready before: must be ready after", () => {
    assert.equal(upgradeFailure(before(ready(true)), ready(true), doctor()), null);
    assert.match(upgradeFailure(before(ready(true)), ready(false, { ari: true, models: false }), doctor())!, /\/readyz is not ready \(models: models is broken\)/);
  });

  it("not ready before (no Asterisk yet): only checks that passed before must pass after", () => {
    const was = before(ready(false, { ari: false, models: true }), doctor(["ari"]));
    assert.equal(upgradeFailure(was, ready(false, { ari: false, models: true }), doctor(["ari"])), null);
    assert.match(upgradeFailure(was, ready(false, { ari: false, models: false }), doctor(["ari"]))!, /models passed before the upgrade and fail now/);
  });

  it("nothing answering is a failure, and so is a doctor check that newly fails", () => {
    assert.match(upgradeFailure(before(null, null), { ready: false, status: null, checks: {}, problem: "nothing answered" }, doctor())!, /nothing answered/);
    assert.match(upgradeFailure(before(ready(true), doctor(["ami"])), ready(true), doctor(["ami", "database"]))!, /doctor fails: database: database failed/);
    assert.equal(upgradeFailure(before(ready(true), doctor(["ami"])), ready(true), doctor(["ami"])), null);
  });
});
