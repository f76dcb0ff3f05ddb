// Sahayak's Asterisk files beside a shop's own /etc/asterisk: its files are never written over, Sahayak's
// sections go into sahayak-*.conf for the shop to #include, shared settings are listed, not changed.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { planAsteriskFiles, writeAsteriskPlan } from "../../src/admin/asterisk-files.js";
import { parseAsteriskFile, renderAsteriskConfig } from "../../src/telephony/asterisk-config.js";
import { runCli, tempDir, testConfig, treeDigest } from "../helpers.js";

const SHOP = {
  "pjsip.conf": "[transport-shop]\ntype = transport\nprotocol = udp\nbind = 0.0.0.0:5060\n\n[reception]\ntype = endpoint\ncontext = default\n",
  "extensions.conf": "[general]\nstatic = yes\nwriteprotect = no\n\n[globals]\n\n[default]\nexten => 100,1,Dial(PJSIP/reception)\n",
  "http.conf": "[general]\nenabled = no\nbindaddr = 0.0.0.0\n",
  "modules.conf": "[modules]\nautoload = yes\nnoload => res_ari.so\n",
};

describe("Sahayak's Asterisk files in a shop's /etc/asterisk", () => {
  const dir = tempDir();
  const etc = join(dir.path, "asterisk");
  const config = testConfig(join(dir.path, "data"), { telephony: { ari: { password: "ari-secret-1" }, ami: { password: "ami-secret-1" } } });
  const agents = { operator1: "agent-secret-1" };
  after(() => dir.cleanup());

  it("writes beside the shop's files, never over them, and lists what the sysadmin must do", () => {
    mkdirSync(etc);
    for (const [name, text] of Object.entries(SHOP)) writeFileSync(join(etc, name), text);
    const shop = treeDigest(etc);
    const plan = planAsteriskFiles(config, etc, agents);
    const lines: string[] = [];
    writeAsteriskPlan(plan, (l) => lines.push(l));
    const after = treeDigest(etc);
    for (const name of Object.keys(SHOP)) assert.equal(after[name], shop[name], `${name} is the shop's own, untouched`);
    // files the shop did not have are written whole
    const rendered = renderAsteriskConfig(config);
    assert.equal(readFileSync(join(etc, "ari.conf"), "utf8"), rendered["ari.conf"]);
    assert.equal(readFileSync(join(etc, "manager.conf"), "utf8"), rendered["manager.conf"]);
    // Sahayak's own sections into fragments the shop includes; shared sections left to the shop
    const ext = readFileSync(join(etc, "sahayak-extensions.conf"), "utf8");
    const extSections = parseAsteriskFile(ext).sections.map((s) => s.name);
    assert.ok(extSections.includes("from-telco") && extSections.includes("sahayak-fallback"));
    assert.equal(extSections.includes("general") || extSections.includes("globals"), false);
    const combined = parseAsteriskFile(`${SHOP["extensions.conf"]}\n${ext}`);
    assert.deepEqual(combined.errors, []);
    assert.equal(new Set(combined.sections.map((s) => s.name)).size, combined.sections.length, "no context is defined twice");
    // the shop has a transport: Sahayak's endpoints use it instead of a second one on the same port
    const pjsip = readFileSync(join(etc, "sahayak-pjsip.conf"), "utf8");
    assert.doesNotMatch(pjsip, /type = transport/);
    assert.doesNotMatch(pjsip, /^transport =/m);
    assert.match(pjsip, /\[telco\]\ntype = endpoint/);
    // the agents' passwords in a file of their own that Asterisk's group alone reads, included by Sahayak's pjsip sections
    assert.match(pjsip, /^#include pjsip_sahayak_agents\.conf$/m);
    assert.match(readFileSync(join(etc, "pjsip_sahayak_agents.conf"), "utf8"), /\[operator1-auth\][\s\S]*password = agent-secret-1/);
    assert.equal(statSync(join(etc, "pjsip_sahayak_agents.conf")).mode & 0o777, 0o640);
    assert.equal(statSync(join(etc, "ari.conf")).mode & 0o777, 0o640);
    assert.equal(existsSync(join(etc, "sahayak-http.conf")), false, "http.conf has nothing of Sahayak's own");
    const todo = plan.todo.join("\n");
    assert.match(todo, /add the line `#include sahayak-pjsip\.conf` at the end of .*pjsip\.conf/);
    assert.match(todo, /add the line `#include sahayak-extensions\.conf`/);
    assert.match(todo, /http\.conf \[general\], Sahayak needs enabled = yes \(it is no\)/);
    assert.match(todo, /http\.conf \[general\], Sahayak needs bindaddr = 127\.0\.0\.1 \(it is 0\.0\.0\.0\)/);
    assert.match(todo, /modules\.conf \[modules\], Sahayak needs load => res_ari\.so/);
    assert.doesNotMatch(todo, /load => res_stasis\.so/, "autoload loads what noload does not name");
    assert.doesNotMatch(todo, /ari-secret-1|ami-secret-1|agent-secret-1/, "passwords are never printed");
  });

  it("a second run writes nothing; an #include added is no longer asked for; a fragment changed by hand gets a .new beside it", () => {
    const before = treeDigest(etc);
    assert.deepEqual(planAsteriskFiles(config, etc, agents).writes, []);
    writeFileSync(join(etc, "extensions.conf"), `${SHOP["extensions.conf"]}#include sahayak-extensions.conf\n`);
    assert.doesNotMatch(planAsteriskFiles(config, etc, agents).todo.join("\n"), /#include sahayak-extensions\.conf/);
    writeFileSync(join(etc, "sahayak-extensions.conf"), `${readFileSync(join(etc, "sahayak-extensions.conf"), "utf8")}; a local change\n`);
    const edited = readFileSync(join(etc, "sahayak-extensions.conf"), "utf8");
    const plan = planAsteriskFiles(config, etc, agents);
    writeAsteriskPlan(plan, () => undefined);
    assert.equal(readFileSync(join(etc, "sahayak-extensions.conf"), "utf8"), edited, "the changed file stays");
    assert.ok(existsSync(join(etc, "sahayak-extensions.conf.new")));
    assert.match(plan.todo.join("\n"), /sahayak-extensions\.conf differs from what this release renders/);
    assert.equal(treeDigest(etc)["pjsip.conf"], before["pjsip.conf"]);
  });

  it("sahayak asterisk config --out a folder of the shop's files (/etc/asterisk) writes beside them as the installer does, and says what to add", () => {
    const shopDir = join(dir.path, "etc-asterisk");
    mkdirSync(shopDir);
    for (const [name, text] of Object.entries(SHOP)) writeFileSync(join(shopDir, name), text);
    const shop = treeDigest(shopDir);
    const sounds = join(dir.path, "sounds");
    const r = runCli(["asterisk", "config", "--out", shopDir, "--sounds-dir", sounds, "--json"], { dataDir: join(dir.path, "cli-data") });
    assert.equal(r.status, 0, r.stderr);
    const after = treeDigest(shopDir);
    for (const name of Object.keys(SHOP)) assert.equal(after[name], shop[name], `${name} is the shop's own, untouched`);
    const result = JSON.parse(r.stdout) as { files: string[]; todo: string[] };
    assert.ok(result.files.includes("sahayak-pjsip.conf") && result.files.includes("ari.conf") && !result.files.includes("pjsip.conf"), result.files.join(", "));
    assert.ok(result.todo.some((t) => t === `add the line \`#include sahayak-pjsip.conf\` at the end of ${join(shopDir, "pjsip.conf")}`), result.todo.join("\n"));
    // without --json, the same list for the sysadmin
    const again = runCli(["asterisk", "config", "--out", shopDir, "--sounds-dir", sounds], { dataDir: join(dir.path, "cli-data") });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /wrote nothing new to .*etc-asterisk/);
    assert.match(again.stdout, /still to do:\n( {2}- .*\n)* {2}- add the line `#include sahayak-pjsip\.conf` at the end of /);
  });
});
