// Agents' phones must prove who they are: generated credentials (kept 0600 under the data directory, rendered
// into an auth section pjsip.conf includes) and/or an IP allow-list; SIP binds to a named address. Whether a
// phone may register is decided by the simulator's model of res_pjsip (endpoint ACL, contact ACL, digest auth)
// on the rendered files: the softphone of issue 16, on another address with no credentials, is turned away.
import assert from "node:assert/strict";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AGENT_AUTH_FILE, AgentSecretsError, loadAgentPasswords } from "../../src/telephony/agent-auth.js";
import { checkAsteriskConfig, renderAsteriskConfig } from "../../src/telephony/asterisk-config.js";
import { register } from "../../src/telephony/sim/pjsip.js";
import { runCli, tempDir, testConfig } from "../helpers.js";

const intruder = { endpoint: "operator1", source: "203.0.113.66" };

describe("agents authenticate; SIP listens on a named address", () => {
  it("an agent endpoint with neither a password nor an allow-list is refused: any phone could register as it", () => {
    const config = testConfig("/tmp/unused", { telephony: { asterisk: { agentAuth: { credentials: false } } } });
    const files = renderAsteriskConfig(config);
    // what issue 16 saw on a real Asterisk: a phone from elsewhere, no credentials, registered
    assert.deepEqual(register(files, intruder), { accepted: true });
    assert.match(checkAsteriskConfig(files, config).join("\n"), /pjsip\.conf \[operator1\]: an agent endpoint with neither a password nor an allow-list/);
  });

  it("generated credentials: kept 0600, stable across renders, new agents get their own; a phone without them is turned away", () => {
    const dir = tempDir();
    try {
      const config = testConfig(dir.path);
      const first = loadAgentPasswords(config);
      assert.deepEqual(first.created, ["operator1"]);
      assert.equal(statSync(first.file).mode & 0o777, 0o600);
      assert.equal(statSync(join(dir.path, "secrets")).mode & 0o777, 0o700);
      const password = first.passwords.operator1!;
      assert.match(password, /^[A-Za-z0-9_-]{24}$/);
      const again = loadAgentPasswords(config);
      assert.deepEqual([again.created, again.passwords.operator1], [[], password], "phones already set up keep working");
      const two = loadAgentPasswords(testConfig(dir.path, { telephony: { asterisk: { agents: ["PJSIP/operator1", "PJSIP/operator2"] } } }));
      assert.deepEqual(two.created, ["operator2"]);
      assert.equal(two.passwords.operator1, password);
      assert.notEqual(two.passwords.operator2, password);

      const files = renderAsteriskConfig(config, first.passwords);
      assert.deepEqual(checkAsteriskConfig(files, config), []);
      assert.match(files["pjsip.conf"]!, /^auth = operator1-auth$/m);
      assert.match(files["pjsip.conf"]!, new RegExp(`^#include ${AGENT_AUTH_FILE}$`, "m"));
      assert.doesNotMatch(files["pjsip.conf"]!, new RegExp(password), "the password is only in the included file");
      assert.match(files[AGENT_AUTH_FILE]!, new RegExp(`^password = ${password}$`, "m"));
      assert.deepEqual(register(files, intruder), { accepted: false, why: "401 challenge, no credentials" });
      assert.deepEqual(register(files, { ...intruder, username: "operator1", password: "guess" }), { accepted: false, why: "Failed to authenticate" });
      assert.deepEqual(register(files, { ...intruder, username: "operator1", password }), { accepted: true });
      // an auth section without its password (the secrets file lost) is no authentication
      assert.match(checkAsteriskConfig(renderAsteriskConfig(config, {}), config).join("\n"), /neither a password nor an allow-list/);
      writeFileSync(first.file, "{ not json");
      assert.throws(() => loadAgentPasswords(config), AgentSecretsError);
    } finally {
      dir.cleanup();
    }
  });

  it("an allow-list alone: only the named addresses, IPv4 and IPv6 alike, for the request and its Contact", () => {
    const config = testConfig("/tmp/unused", { telephony: { asterisk: { agentAuth: { credentials: false, allowFrom: ["10.20.0.0/24", "192.168.5.9"] } } } });
    const files = renderAsteriskConfig(config);
    assert.deepEqual(checkAsteriskConfig(files, config), []);
    assert.equal(files[AGENT_AUTH_FILE], undefined);
    assert.deepEqual(register(files, { endpoint: "operator1", source: "10.20.0.7" }), { accepted: true });
    assert.deepEqual(register(files, { endpoint: "operator1", source: "192.168.5.9" }), { accepted: true });
    assert.deepEqual(register(files, intruder), { accepted: false, why: "Not match Endpoint ACL" });
    assert.deepEqual(register(files, { endpoint: "operator1", source: "2001:db8::5" }), { accepted: false, why: "Not match Endpoint ACL" });
    assert.deepEqual(register(files, { endpoint: "operator1", source: "10.20.0.7", contact: "203.0.113.66" }), { accepted: false, why: "Not match Endpoint Contact ACL" });
    // both: the address and the password
    const both = testConfig("/tmp/unused", { telephony: { asterisk: { agentAuth: { allowFrom: ["10.20.0.0/24"] } } } });
    const bothFiles = renderAsteriskConfig(both, { operator1: "pw-from-the-secrets-file" });
    assert.deepEqual(checkAsteriskConfig(bothFiles, both), []);
    assert.equal(register(bothFiles, { endpoint: "operator1", source: "10.20.0.7" }).accepted, false);
    assert.equal(register(bothFiles, { ...intruder, username: "operator1", password: "pw-from-the-secrets-file" }).accepted, false);
    assert.equal(register(bothFiles, { endpoint: "operator1", source: "10.20.0.7", username: "operator1", password: "pw-from-the-secrets-file" }).accepted, true);
    const bad = testConfig("/tmp/unused", { telephony: { asterisk: { agentAuth: { credentials: false, allowFrom: ["10.0.0.0/33", "agent-pc"] } } } });
    assert.match(checkAsteriskConfig(renderAsteriskConfig(bad), bad).join("\n"), /"10\.0\.0\.0\/33", "agent-pc" is not an address or address\/prefix/);
  });

  it("SIP binds to the configured address; a wildcard is refused", () => {
    const passwords = { operator1: "x" };
    const named = testConfig("/tmp/unused", { telephony: { asterisk: { sipBind: "10.1.2.3", sipPort: 5070 } } });
    assert.match(renderAsteriskConfig(named, passwords)["pjsip.conf"]!, /^bind = 10\.1\.2\.3:5070$/m);
    assert.match(renderAsteriskConfig(testConfig("/tmp/unused"), passwords)["pjsip.conf"]!, /^bind = 127\.0\.0\.1:5060$/m);
    const v6 = testConfig("/tmp/unused", { telephony: { asterisk: { sipBind: "2001:db8::1" } } });
    assert.match(renderAsteriskConfig(v6, passwords)["pjsip.conf"]!, /^bind = \[2001:db8::1\]:5060$/m);
    for (const wildcard of ["0.0.0.0", "::"]) {
      const open = testConfig("/tmp/unused", { telephony: { asterisk: { sipBind: wildcard } } });
      assert.match(checkAsteriskConfig(renderAsteriskConfig(open, passwords), open).join("\n"), /\[transport-udp\]: binds to every address/);
    }
  });

  it("sahayak asterisk config writes the agents' auth file 0640 and the secrets 0600, and refuses an unauthenticated agent", () => {
    const dir = tempDir();
    try {
      const out = join(dir.path, "etc");
      const r = runCli(["asterisk", "config", "--out", out, "--sounds-dir", join(dir.path, "sounds"), "--json"], { dataDir: join(dir.path, "data") });
      assert.equal(r.status, 0, r.stderr);
      const result = JSON.parse(r.stdout) as { agentSecrets: string; agentsCreated: string[] };
      assert.deepEqual(result.agentsCreated, ["operator1"]);
      assert.equal(statSync(result.agentSecrets).mode & 0o777, 0o600);
      assert.equal(statSync(join(out, AGENT_AUTH_FILE)).mode & 0o777, 0o640);
      const password = (JSON.parse(readFileSync(result.agentSecrets, "utf8")) as Record<string, string>).operator1!;
      assert.ok(readFileSync(join(out, AGENT_AUTH_FILE), "utf8").includes(`password = ${password}`));
      const cfg = join(dir.path, "open.json");
      writeFileSync(cfg, JSON.stringify({ telephony: { asterisk: { agentAuth: { credentials: false } } } }));
      const refused = runCli(["--config", cfg, "asterisk", "config", "--out", join(dir.path, "etc2"), "--sounds-dir", join(dir.path, "sounds")], { dataDir: join(dir.path, "data") });
      assert.equal(refused.status, 3, refused.stderr);
      assert.match(refused.stderr, /neither a password nor an allow-list/);
    } finally {
      dir.cleanup();
    }
  });
});
