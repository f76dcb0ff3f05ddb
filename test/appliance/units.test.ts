// The appliance's systemd units (appliance/systemd): each verifies with systemd-analyze, the console has a
// unit of its own for a box that takes no calls, and the installer puts every unit in place. (The booted
// Debian machine of e2e.test.ts runs them; this checks them in seconds.)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { installUnits } from "../../src/admin/install.js";
import { projectRoot } from "../../src/config.js";
import { cliCommand, tempDir } from "../helpers.js";

const UNITS = join(projectRoot, "appliance", "systemd");
const COMMAND = "/opt/sahayak/current/bin/sahayak";

/** A unit's settings: key → values in order (a key may repeat). */
function settings(unit: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(join(UNITS, unit), "utf8").split("\n")) {
    const m = /^(\w+)=(.*)$/.exec(line);
    if (m) out.set(m[1]!, [...(out.get(m[1]!) ?? []), m[2]!]);
  }
  return out;
}

describe("the appliance's systemd units", () => {
  const dir = tempDir("sahayak-units-");
  after(() => dir.cleanup());

  it("ships the helpline's unit and the console's own", () => {
    assert.deepEqual(readdirSync(UNITS).sort(), ["sahayak-console.service", "sahayak.service"]);
  });

  it("each verifies with systemd-analyze, with nothing to say", () => {
    // a root holding systemd's own units and the installed command, as on the appliance
    const root = join(dir.path, "root");
    mkdirSync(join(root, "usr", "lib", "systemd"), { recursive: true });
    cpSync("/usr/lib/systemd/system", join(root, "usr", "lib", "systemd", "system"), { recursive: true });
    mkdirSync(join(root, "etc", "systemd", "system"), { recursive: true });
    mkdirSync(join(root, COMMAND, ".."), { recursive: true });
    writeFileSync(join(root, COMMAND), "#!/bin/sh\n");
    chmodSync(join(root, COMMAND), 0o755);
    for (const unit of readdirSync(UNITS)) {
      cpSync(join(UNITS, unit), join(root, "etc", "systemd", "system", unit));
      const r = spawnSync("systemd-analyze", ["verify", `--root=${root}`, unit], { encoding: "utf8" });
      assert.equal(r.status, 0, `${unit}: ${r.stderr}`);
      assert.equal(r.stderr.trim(), "", `${unit}: systemd-analyze has nothing to say`);
    }
    // and it does say something about a mistyped setting (the check can fail)
    writeFileSync(join(root, "etc", "systemd", "system", "sahayak-console.service"), readFileSync(join(UNITS, "sahayak-console.service"), "utf8").replace("ProtectSystem=", "ProtectSytem="));
    const typo = spawnSync("systemd-analyze", ["verify", `--root=${root}`, "sahayak-console.service"], { encoding: "utf8" });
    assert.match(typo.stderr, /Unknown key 'ProtectSytem'/);
  });

  it("the console's unit runs `sahayak console` as the service user on the installed config, without the helpline's real-time rights", () => {
    const main = settings("sahayak.service");
    const standalone = settings("sahayak-console.service");
    assert.deepEqual(standalone.get("ExecStart"), [main.get("ExecStart")![0]!.replace(/ serve$/, " console")]);
    for (const key of ["User", "Group", "WorkingDirectory", "ReadWritePaths", "ProtectSystem", "NoNewPrivileges", "PrivateTmp", "UMask", "Restart"]) {
      assert.deepEqual(standalone.get(key), main.get(key), key);
    }
    assert.deepEqual(standalone.get("CapabilityBoundingSet"), [""]);
    assert.equal(standalone.get("AmbientCapabilities"), undefined);
    assert.equal(standalone.get("Delegate"), undefined);
    // it does not stop the helpline when started by mistake where serve runs (serve serves the console itself)
    assert.equal(standalone.get("Conflicts"), undefined);
  });

  it("the installer puts every unit in place (the helpline's under its configured name), and a second run changes nothing", () => {
    const release = join(dir.path, "release");
    cpSync(UNITS, join(release, "appliance", "systemd"), { recursive: true });
    const systemd = join(dir.path, "etc-systemd");
    assert.deepEqual(installUnits(release, systemd, "helpline.service"), { installed: ["sahayak-console.service", "helpline.service"], changed: ["sahayak-console.service", "helpline.service"] });
    assert.deepEqual(readdirSync(systemd).sort(), ["helpline.service", "sahayak-console.service"]);
    assert.equal(readFileSync(join(systemd, "helpline.service"), "utf8"), readFileSync(join(UNITS, "sahayak.service"), "utf8"));
    assert.deepEqual(installUnits(release, systemd, "helpline.service").changed, []);
    writeFileSync(join(release, "appliance", "systemd", "sahayak-console.service"), "[Unit]\nDescription=changed\n");
    assert.deepEqual(installUnits(release, systemd, "helpline.service").changed, ["sahayak-console.service"]);
  });
});

describe("sahayak console, as its unit runs it", () => {
  it("on a node whose PostgreSQL cannot be reached: a failure the unit retries (not exit 6, which stops it), saying which database to check", () => {
    const dir = tempDir("sahayak-console-pg-");
    try {
      const config = join(dir.path, "config.json");
      writeFileSync(config, JSON.stringify({ store: { backend: "postgres", postgres: { url: "postgres://sahayak:x@127.0.0.1:1/sahayak" } } }));
      const r = spawnSync(process.execPath, [...cliCommand(), "--config", config, "--data-dir", dir.path, "console"], {
        cwd: projectRoot,
        encoding: "utf8",
        env: { ...process.env, SAHAYAK_CONFIG: "" },
        timeout: 60_000,
      });
      assert.equal(r.status, 1, `${r.signal ?? ""} ${r.stderr}`);
      assert.equal(settings("sahayak-console.service").get("RestartPreventExitStatus")?.[0], "6");
      assert.equal(settings("sahayak-console.service").get("Restart")?.[0], "on-failure");
      assert.match(r.stderr, /cannot use the PostgreSQL database at postgres:\/\/sahayak:\*\*\*@127\.0\.0\.1:1\/sahayak: .*Check store\.postgres\.url/);
      assert.doesNotMatch(r.stderr, /sahayak:x@/, "the password is not printed");
    } finally {
      dir.cleanup();
    }
  });
});
