// The appliance end to end, as a district data centre meets it: a bundle built by `sahayak bundle build`;
// a clean Debian 12 machine (debootstrap, systemd) with no network (its own network namespace, loopback
// only); the bundle installed from its archive, a second run that changes nothing, the shop's Asterisk
// files left alone beside Sahayak's, the PBX simulator standing in for Asterisk, the real knowledge base
// imported and searched, doctor and /readyz, a simulated call; an upgrade that fails its checks and rolls
// itself back, an upgrade to the second bundle, and `sahayak rollback`, with the database and the
// knowledge base intact at each step. Needs root (mount, nspawn), debootstrap and systemd-container
// (make setup). `make test` runs it on its own with APPLIANCE_TEST_TIMEOUT_MS: it takes several minutes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildBundle } from "../../src/admin/bundle.js";
import { sha256Of } from "../../src/admin/manifest.js";
import { loadConfig } from "../../src/config.js";
import { schemesFile, tempDir } from "../helpers.js";
import { bootMachine, cachedRoot, type DebianMachine } from "./debian-root.js";

const log = (line: string) => process.stderr.write(`# ${new Date().toISOString().slice(11, 19)} ${line}\n`);

/**
 * The PBX simulator standing in for Asterisk (ARI on the configured port, AMI beside it, its port written
 * to /run/pbx-sim.json) with the credentials the installer generated; a service of the machine's own.
 */
const PBX_SCRIPT = `
import { readFileSync, writeFileSync } from "node:fs";
const app = "/opt/sahayak/current/dist";
const { PbxSimulator } = await import(app + "/telephony/sim/server.js");
const { AmiSimulator } = await import(app + "/telephony/sim/ami.js");
const config = JSON.parse(readFileSync("/etc/sahayak/config.json", "utf8"));
const pbx = new PbxSimulator({ user: "sahayak", password: config.telephony.ari.password, port: 8088 });
await pbx.start();
const ami = new AmiSimulator(pbx, "sahayak", config.telephony.ami.password);
await ami.start();
writeFileSync("/run/pbx-sim.json", JSON.stringify({ ami: ami.port }));
`;

const NODE = "/opt/sahayak/current/node/bin/node";

/** A shop's own Asterisk files: a transport and a phone of its own, its own dialplan. */
const SHOP_ASTERISK = {
  "pjsip.conf": "[transport-shop]\ntype = transport\nprotocol = udp\nbind = 0.0.0.0:5060\n\n[reception]\ntype = endpoint\ncontext = default\n",
  "extensions.conf": "[general]\nstatic = yes\n\n[default]\nexten => 100,1,Dial(PJSIP/reception)\n",
};

/**
 * The upgrade's bundle: the unpacked first one copied under a new version, bundle.json's version changed and
 * its SHA256SUMS line with it. The same program under a second version is what the upgrade and rollback
 * mechanics need, without a second build.
 */
async function secondBundle(first: string, version: string): Promise<string> {
  const folder = join(dirname(first), `sahayak-${version}`);
  cpSync(first, folder, { recursive: true, preserveTimestamps: true });
  const info = JSON.parse(readFileSync(join(folder, "bundle.json"), "utf8")) as { version: string };
  writeFileSync(join(folder, "bundle.json"), `${JSON.stringify({ ...info, version }, null, 2)}\n`);
  const sum = await sha256Of(join(folder, "bundle.json"));
  const sums = readFileSync(join(folder, "SHA256SUMS"), "utf8").replace(/^[0-9a-f]{64}  bundle\.json$/m, `${sum}  bundle.json`);
  writeFileSync(join(folder, "SHA256SUMS"), sums);
  return folder;
}

describe("the appliance on a clean Debian 12 machine with no network", { timeout: 40 * 60_000 }, () => {
  const work = tempDir("sahayak-e2e-");
  let machine: DebianMachine;
  const A = "0.0.1-e2e.a";
  const B = "0.0.1-e2e.b";

  before(async () => {
    if (process.getuid?.() !== 0) throw new Error("the appliance test needs root (mount, systemd-nspawn): run make test as root");
    for (const tool of ["debootstrap", "systemd-nspawn", "nsenter"]) {
      if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) throw new Error(`${tool} is missing: make apt installs it`);
    }
    const config = loadConfig({ path: "", env: {} });
    const t = Date.now();
    await buildBundle({ out: join(work.path, `sahayak-${A}.tar.gz`), version: A, config });
    log(`bundle ${A} (archive) built in ${Math.round((Date.now() - t) / 1000)} s`);
    const root = cachedRoot(log);
    if (root.builtMs !== null) log(`debootstrap (cold) took ${Math.round(root.builtMs / 1000)} s`);
    machine = await bootMachine(root.dir, log);
    for (const file of [`sahayak-${A}.tar.gz`, `sahayak-${A}.tar.gz.sha256`]) machine.copyIn(join(work.path, file), `/root/${file}`);
    machine.copyIn(schemesFile, "/root/schemes.jsonl");
    writeFileSync(join(machine.root, "root", "pbx-sim.mjs"), PBX_SCRIPT);
    // the shop's own Asterisk configuration, which the installer must leave as it is
    mkdirSync(join(machine.root, "etc", "asterisk"));
    mkdirSync(join(machine.root, "var", "lib", "asterisk", "sounds"), { recursive: true });
    for (const [name, text] of Object.entries(SHOP_ASTERISK)) writeFileSync(join(machine.root, "etc", "asterisk", name), text);
  });
  after(async () => {
    await machine?.stop();
    work.cleanup();
  });

  /** A command inside the machine that must succeed. */
  const ok = (command: string, timeoutMs?: number): string => {
    const r = machine.sh(command, { timeoutMs });
    assert.equal(r.status, 0, `${command}\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  const json = <T>(command: string): T => JSON.parse(ok(command)) as T;
  /** /readyz from inside the machine; status 0 while nothing answers (serve starting). */
  const readyz = () => json<{ status: number; body: { ready: boolean; checks: Record<string, { ok: boolean; detail: string }> } }>(`${NODE} -e "fetch('http://127.0.0.1:9464/readyz').then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.json() })), () => console.log(JSON.stringify({ status: 0, body: { ready: false, checks: {} } })))"`);
  /** /readyz once it is ready (up to two minutes), or as it last stood. */
  const waitReady = async () => {
    let ready = readyz();
    for (let i = 0; i < 120 && !ready.body.ready; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      ready = readyz();
    }
    return ready;
  };
  const current = () => ok("readlink /opt/sahayak/current").trim();
  /** What must survive every step: the knowledge base's versions and records, and the calls on record. */
  const data = () => ({
    versions: json<unknown[]>("sahayak kb versions --json"),
    stats: json<{ version: number; schemes: number }>("sahayak kb stats --json"),
    records: ok("sahayak kb export - | sha256sum"),
    calls: json<{ calls: unknown[] }>("sahayak calls list --all --json").calls,
  });

  it("installs from the archive with no network: user, config with fresh passwords, release, data, service", { timeout: 600_000 }, () => {
    assert.match(ok("cat /proc/net/dev"), /^\s*lo:/m);
    assert.doesNotMatch(ok("cat /proc/net/dev | tail -n +3"), /^\s*(?!lo:)\w+:/m, "no network interface but loopback");
    ok(`cd /root && sha256sum -c sahayak-${A}.tar.gz.sha256 && tar -xzf sahayak-${A}.tar.gz`);
    const started = Date.now();
    const out = ok(`cd /root/sahayak-${A} && ./install`, 15 * 60_000);
    log(`fresh install took ${Math.round((Date.now() - started) / 1000)} s`);
    assert.match(out, /installed \d+ package\(s\): .*espeak-ng/);
    assert.match(out, new RegExp(`Sahayak ${A.replace(/\./g, "\\.")} is installed`));
    assert.equal(ok("id -u sahayak && stat -c %U:%a /var/lib/sahayak && stat -c %U:%G:%a /etc/sahayak/config.json").trim().split("\n").slice(1).join(" "), "sahayak:750 root:sahayak:640");
    const config = JSON.parse(ok("cat /etc/sahayak/config.json")) as { telephony: { ari: { password: string }; ami: { password: string } } };
    assert.ok(config.telephony.ari.password.length >= 20 && config.telephony.ari.password !== "sahayak", "a generated ARI password");
    assert.notEqual(config.telephony.ami.password, config.telephony.ari.password);
    assert.equal(current(), `releases/${A}`);
    assert.equal(ok("systemctl is-enabled sahayak; systemctl is-active sahayak").trim(), "enabled\nactive");
    assert.equal(ok("systemctl show -p User --value sahayak").trim(), "sahayak");
    assert.equal(ok("stat -c %U /proc/$(systemctl show -p MainPID --value sahayak)").trim(), "sahayak");
    // with the real-time permission the unit grants (CAP_SYS_NICE is capability 23)
    assert.equal((BigInt(`0x${/^CapAmb:\s*([0-9a-f]+)$/m.exec(ok("cat /proc/$(systemctl show -p MainPID --value sahayak)/status"))![1]}`) >> 23n) & 1n, 1n);
    // the installed unit verifies on the machine it runs on
    const verify = machine.sh("systemd-analyze verify /etc/systemd/system/sahayak.service");
    assert.equal(verify.status, 0, verify.stderr);
    assert.equal(verify.stderr.trim(), "", "systemd-analyze has nothing to say about the unit");
    // the console's own unit, for a box that takes no calls: in place and verified, not enabled (serve serves the console here)
    const verifyConsole = machine.sh("systemd-analyze verify /etc/systemd/system/sahayak-console.service");
    assert.equal(verifyConsole.status, 0, verifyConsole.stderr);
    assert.equal(verifyConsole.stderr.trim(), "", "systemd-analyze has nothing to say about the console's unit");
    assert.equal(machine.sh("systemctl is-enabled sahayak-console").stdout.trim(), "disabled");
    // the model store is in the data directory, and the bundle's node is the one running
    assert.match(ok("sahayak models list"), /en-gigaspeech-zipformer-3\.3m/);
    assert.match(ok("ls /var/lib/sahayak/models"), /manifest\.json/);
    assert.match(ok(`cat /proc/$(systemctl show -p MainPID --value sahayak)/cmdline | tr '\\0' ' '`), /\/opt\/sahayak\/releases\/.*\/node\/bin\/node /);
    // Sahayak's Asterisk files beside the shop's, which stay as they were; the sysadmin is told what to include
    for (const [name, text] of Object.entries(SHOP_ASTERISK)) assert.equal(ok(`cat /etc/asterisk/${name}`), text, `${name} is the shop's own`);
    assert.match(ok("cat /etc/asterisk/sahayak-extensions.conf"), /^\[from-telco\]$/m);
    assert.match(ok("cat /etc/asterisk/sahayak-pjsip.conf"), /^\[telco\]$/m);
    assert.equal(ok("stat -c %a /etc/asterisk/ari.conf /etc/asterisk/pjsip_sahayak_agents.conf").trim(), "640\n640");
    assert.match(ok("cat /etc/asterisk/ari.conf"), new RegExp(`password = ${config.telephony.ari.password}`));
    assert.match(out, /add the line `#include sahayak-pjsip\.conf` at the end of \/etc\/asterisk\/pjsip\.conf/);
    assert.match(ok("ls /var/lib/asterisk/sounds/sahayak"), /\w/);
    // not ready yet: no Asterisk, no knowledge base; and the installer said so
    assert.equal(readyz().status, 503);
    assert.match(out, /still to do:/);
  });

  it("runs a second time without changing anything", { timeout: 180_000 }, () => {
    const pid = ok("systemctl show -p MainPID --value sahayak").trim();
    const out = ok(`cd /root/sahayak-${A} && ./install`);
    assert.match(out, /is installed: checking every part of it/);
    assert.match(out, /every file as the bundle has it/);
    assert.equal(ok("systemctl show -p MainPID --value sahayak").trim(), pid, "the service was not restarted");
  });

  it("with Asterisk (the simulator) and the knowledge base: ready, doctor passes, a simulated call is answered", { timeout: 600_000 }, async () => {
    ok(`systemd-run --unit pbx-sim ${NODE} /root/pbx-sim.mjs`);
    let ports: { ami: number } | undefined;
    for (let i = 0; i < 600 && !ports; i++) {
      const r = machine.sh("cat /run/pbx-sim.json");
      if (r.status === 0 && r.stdout) ports = JSON.parse(r.stdout) as { ami: number };
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(ports, `the simulator did not start: ${machine.sh("journalctl -u pbx-sim --no-pager | tail -20").stdout}`);
    // the sysadmin points Sahayak at Asterisk's manager port, imports the schemes, restarts the service
    ok(`${NODE} -e "const f='/etc/sahayak/config.json';const fs=require('fs');const c=JSON.parse(fs.readFileSync(f));c.telephony.ami.port=${ports.ami};fs.writeFileSync(f,JSON.stringify(c,null,2))"`);
    const imported = json<{ version: number; added: number }>("sahayak kb import - --json --reason 'first import' < /root/schemes.jsonl");
    assert.equal(imported.version, 1);
    assert.ok(imported.added > 3000);
    assert.equal(json<{ schemeId: string }[]>("sahayak kb search pm kisan --json")[0]!.schemeId, "pm-kisan");
    ok("systemctl restart sahayak");
    const ready = await waitReady();
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
    const doctor = machine.sh("sahayak doctor --json");
    const report = JSON.parse(doctor.stdout) as { checks: { name: string; status: string; message: string }[] };
    assert.ok(doctor.status === 0 || doctor.status === 1, `doctor: ${doctor.stdout}`);
    assert.deepEqual(report.checks.filter((c) => c.status === "fail"), []);
    log(`doctor run by hand: ${report.checks.filter((c) => c.status === "warn").map((c) => `WARN ${c.name}: ${c.message}`).join(" | ") || "no warnings"}`);
    assert.equal(report.checks.some((c) => c.name === "secrets" && /default password/.test(c.message)), false, "no default password in use");
    // run by hand (as the service user, outside the unit), doctor reports what the unit grants serve, not its own lack
    for (const name of ["realtime", "cpu_headroom"]) assert.deepEqual(report.checks.filter((c) => c.name === name).map((c) => c.status), ["ok"], JSON.stringify(report.checks.filter((c) => c.name === name)));
    // the installed config is the one doctor checks, permissions included
    assert.ok(report.checks.some((c) => c.name === "config" && c.message === "/etc/sahayak/config.json is valid"), JSON.stringify(report.checks[0]));
    assert.ok(report.checks.some((c) => c.name === "secrets" && c.status === "ok" && /\/etc\/sahayak\/config\.json is not world-readable/.test(c.message)));
    const call = json<{ outcome: string; turns: { role: string; action?: string; schemeIds: string[] }[] }>(`sahayak simulate --lang en --hurry --say "what is pm kisan" --say goodbye --json`);
    const answer = call.turns.find((t) => t.role === "sahayak" && t.action === "answer");
    assert.deepEqual(answer?.schemeIds, ["pm-kisan"], JSON.stringify(call.turns));
    assert.equal(call.outcome, "goodbye");
  });

  it("on a box that takes no calls, the console's own unit serves the console as the service user, and installing again leaves the helpline off", { timeout: 300_000 }, async () => {
    // the sysadmin makes this a console box: the helpline disabled, the console's own unit enabled
    ok("systemctl disable --now sahayak && systemctl enable --now sahayak-console");
    const login = () => machine.sh(`${NODE} -e "fetch('http://127.0.0.1:8090/login').then((r) => console.log(r.status), () => console.log(0))"`).stdout.trim();
    let status = login();
    for (let i = 0; i < 120 && status !== "200"; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      status = login();
    }
    assert.equal(status, "200", machine.sh("journalctl -u sahayak-console --no-pager | tail -20").stdout);
    assert.equal(ok("stat -c %U /proc/$(systemctl show -p MainPID --value sahayak-console)").trim(), "sahayak");
    // installing again keeps the sysadmin's choice: the helpline neither re-enabled nor started
    const again = ok(`cd /root/sahayak-${A} && ./install`);
    assert.match(again, /sahayak\.service is disabled on this machine and was left so/);
    assert.equal(machine.sh("systemctl is-enabled sahayak").stdout.trim(), "disabled");
    assert.equal(machine.sh("systemctl is-active sahayak").stdout.trim(), "inactive");
    assert.equal(machine.sh("systemctl is-active sahayak-console").stdout.trim(), "active");
    ok("systemctl disable --now sahayak-console && systemctl enable --now sahayak");
    const ready = await waitReady();
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
  });

  it("an upgrade whose release does not come up ready rolls itself back", { timeout: 600_000 }, async () => {
    await secondBundle(join(machine.root, "root", `sahayak-${A}`), B);
    const before = data();
    assert.ok(before.calls.length >= 1, "the call above is on record");
    const r = machine.sh(`cd /root/sahayak-${B} && SAHAYAK_FAULT=upgrade:not-ready ./install`, { timeoutMs: 15 * 60_000 });
    assert.equal(r.status, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /the upgrade to .* failed: \/readyz is not ready/);
    assert.match(r.stdout, new RegExp(`Release ${A.replace(/\./g, "\\.")} runs again`));
    assert.equal(current(), `releases/${A}`);
    assert.equal(readyz().status, 200);
    assert.deepEqual(data(), before);
    assert.equal(ok("systemctl is-active sahayak").trim(), "active");
  });

  it("upgrades to the second bundle with a backup, and the data comes through intact", { timeout: 600_000 }, () => {
    const before = data();
    const dry = ok(`cd /root/sahayak-${B} && ./install --dry-run`);
    assert.match(dry, /would: back up the data/);
    assert.equal(current(), `releases/${A}`, "a dry run changes nothing");
    const started = Date.now();
    const out = ok(`cd /root/sahayak-${B} && ./install`, 15 * 60_000);
    log(`upgrade took ${Math.round((Date.now() - started) / 1000)} s`);
    assert.match(out, new RegExp(`upgrading Sahayak ${A.replace(/\./g, "\\.")} to ${B.replace(/\./g, "\\.")}`));
    assert.match(out, /the running release .* is ready/);
    assert.equal(current(), `releases/${B}`);
    assert.equal(readyz().status, 200);
    assert.deepEqual(data(), before);
    assert.match(ok("ls /var/lib/sahayak/backups"), new RegExp(`pre-upgrade-${A.replace(/\./g, "\\.")}-to-`));
  });

  it("sahayak rollback goes back to the first release and its data", { timeout: 600_000 }, () => {
    const before = data();
    const dry = ok("sahayak rollback --dry-run");
    assert.match(dry, /would go back from .* to /);
    const out = ok("sahayak rollback", 15 * 60_000);
    assert.match(out, new RegExp(`release ${A.replace(/\./g, "\\.")} runs again`));
    assert.equal(current(), `releases/${A}`);
    assert.equal(readyz().status, 200);
    assert.deepEqual(data(), before);
    assert.equal(machine.sh("sahayak rollback").status, 4, "nothing further to roll back to");
  });

});
