import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { AmiClient, AmiError, pbxStatus } from "../../src/telephony/ami.js";
import { checkAsteriskConfig, parseAsteriskFile, renderAsteriskConfig } from "../../src/telephony/asterisk-config.js";
import { AmiSimulator } from "../../src/telephony/sim/ami.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { runCli, runCliAsync, tempDir, testConfig } from "../helpers.js";

describe("Asterisk configuration", () => {
  const config = testConfig("/tmp/unused");

  const passwords = { operator1: "a-generated-password" };

  it("renders files that parse and whose references all exist", () => {
    const files = renderAsteriskConfig(config, passwords);
    assert.deepEqual(Object.keys(files).sort(), ["ari.conf", "chan_websocket.conf", "extensions.conf", "http.conf", "manager.conf", "modules.conf", "musiconhold.conf", "pjsip.conf", "pjsip_sahayak_agents.conf", "prometheus.conf", "queues.conf", "rtp.conf"]);
    assert.deepEqual(checkAsteriskConfig(files, config), []);
    const ext = parseAsteriskFile(files["extensions.conf"]!);
    assert.ok(ext.sections.some((s) => s.name === "from-telco" && s.entries.some((e) => e.value.includes("Stasis(sahayak)"))));
    assert.match(files["pjsip.conf"]!, /dtmf_mode = rfc4733/);
    assert.match(files["pjsip.conf"]!, /match = 192\.0\.2\.10/);
  });

  it("enables Asterisk's res_prometheus on its loopback HTTP server, with Basic auth, and checks it", () => {
    const files = renderAsteriskConfig(config, passwords);
    assert.match(files["modules.conf"]!, /^load => res_prometheus\.so$/m);
    const prom = parseAsteriskFile(files["prometheus.conf"]!).sections.find((s) => s.name === "general")!;
    const value = (key: string) => prom.entries.find((e) => e.key === key)?.value;
    assert.equal(value("enabled"), "yes");
    assert.equal(value("uri"), "metrics");
    assert.equal(value("auth_username"), config.telephony.asterisk.metrics.user);
    assert.equal(value("auth_password"), config.telephony.asterisk.metrics.password);
    assert.match(files["http.conf"]!, /bindaddr = 127\.0\.0\.1/);
    const noAuth = { ...files, "prometheus.conf": files["prometheus.conf"]!.replace(/auth_password = .*\n/, "") };
    assert.deepEqual(checkAsteriskConfig(noAuth, config), ["prometheus.conf: Asterisk's metrics need Basic auth (auth_username and auth_password)"]);
    const off = { ...config, telephony: { ...config.telephony, asterisk: { ...config.telephony.asterisk, metrics: { ...config.telephony.asterisk.metrics, enabled: false } } } };
    assert.equal(renderAsteriskConfig(off)["prometheus.conf"], undefined);
    assert.doesNotMatch(renderAsteriskConfig(off)["modules.conf"]!, /res_prometheus/);
  });

  it("loads chan_websocket only for the websocket media transport, and checks it is there", () => {
    assert.doesNotMatch(renderAsteriskConfig(config, passwords)["modules.conf"]!, /load => chan_websocket/);
    const ws = testConfig("/tmp/unused", { telephony: { media: { transport: "websocket" } } });
    const files = renderAsteriskConfig(ws, passwords);
    assert.match(files["modules.conf"]!, /load => chan_websocket\.so/);
    assert.deepEqual(checkAsteriskConfig(files, ws), []);
    const without = { ...files, "modules.conf": files["modules.conf"]!.replace("load => chan_websocket.so\n", "") };
    assert.match(checkAsteriskConfig(without, ws).join("\n"), /chan_websocket.so is not loaded/);
  });

  it("the checker finds broken references and unreadable lines", () => {
    const files = renderAsteriskConfig(config, passwords);
    const broken = {
      ...files,
      "extensions.conf": files["extensions.conf"]!.replace("Goto(sahayak-fallback,s,1)", "Goto(nowhere,s,1)").replace("[sahayak-queue]", "[other-queue]"),
      "pjsip.conf": files["pjsip.conf"]!.replace("context = from-telco", "context = missing-ctx") + "\nthis line is not asterisk syntax\n",
      "modules.conf": files["modules.conf"]!.replace("load => res_ari.so\n", ""),
    };
    const problems = checkAsteriskConfig(broken, config).join("\n");
    assert.match(problems, /Goto to missing context "nowhere"/);
    assert.match(problems, /context "missing-ctx" is not in extensions.conf/);
    assert.match(problems, /cannot read "this line is not asterisk syntax"/);
    assert.match(problems, /sahayak-queue" is missing/);
    assert.match(problems, /res_ari.so is not loaded/);
  });

  it("sahayak asterisk config --out writes the checked files, from the sysadmin's config", () => {
    const dir = tempDir();
    const cfg = join(dir.path, "sahayak.json");
    writeFileSync(cfg, JSON.stringify({ telephony: { asterisk: { gatewayHost: "10.20.30.40" }, ari: { app: "helpline" } } }));
    const r = runCli(["--config", cfg, "asterisk", "config", "--out", join(dir.path, "out"), "--sounds-dir", join(dir.path, "sounds"), "--json"], { dataDir: join(dir.path, "d") });
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(dir.path, "out", "pjsip.conf"), "utf8"), /match = 10\.20\.30\.40/);
    assert.match(readFileSync(join(dir.path, "out", "extensions.conf"), "utf8"), /Stasis\(helpline\)/);
    dir.cleanup();
  });
});

describe("AMI: pbx status", () => {
  const pbx = new PbxSimulator({ user: "u", password: "p" });
  const ami = new AmiSimulator(pbx, "sahayak", "amisecret", "telco");
  before(async () => {
    await pbx.start();
    await ami.start();
  });
  after(async () => {
    await ami.stop();
    await pbx.stop();
  });

  const amiConfig = () => ({ ...testConfig("/tmp/unused").telephony.ami, port: ami.port, password: "amisecret" });

  it("reports version, channels, trunk and modules", async () => {
    const client = await AmiClient.connect(amiConfig());
    ami.modules.delete("app_queue.so");
    const s = await pbxStatus(client, "telco");
    client.close();
    assert.equal(s.version, "23.4.1");
    assert.equal(s.activeChannels, 0);
    assert.deepEqual([s.trunk.state, s.trunk.contacts[0]?.status], ["Not in use", "Reachable"]);
    assert.equal(s.modules["res_ari.so"], true);
    assert.equal(s.modules["app_queue.so"], false);
    ami.modules.add("app_queue.so");
  });

  it("a wrong password or no Asterisk is a clear error", async () => {
    await assert.rejects(AmiClient.connect({ ...amiConfig(), password: "wrong" }), AmiError);
    await assert.rejects(AmiClient.connect({ ...amiConfig(), port: 1 }, 1000), /cannot reach AMI|no answer/);
  });

  it("sahayak pbx status --json", async () => {
    const dir = tempDir();
    const cfg = join(dir.path, "c.json");
    writeFileSync(cfg, JSON.stringify({ telephony: { ami: { port: ami.port, password: "amisecret" } } }));
    const r = await runCliAsync(["--config", cfg, "pbx", "status", "--json"], { dataDir: join(dir.path, "d") });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).version, "23.4.1");
    dir.cleanup();
  });
});
