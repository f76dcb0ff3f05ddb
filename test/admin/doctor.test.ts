// `sahayak doctor` for each failing check an operator meets: the exact message (it says what to do) and
// the exit code (0 ok, 1 warnings, 2 failures).
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { availableParallelism, userInfo } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseUnitGrants, realtimeChecks } from "../../src/admin/doctor.js";
import { ModelStore } from "../../src/ops/models.js";
import { AmiSimulator } from "../../src/telephony/sim/ami.js";
import { PbxSimulator } from "../../src/telephony/sim/server.js";
import { freePort, runCliAsync, tempDir, testConfig } from "../helpers.js";
import { englishModelDir } from "../speech/asr-fixture.js";

interface Report {
  status: string;
  checks: { name: string; status: string; message: string }[];
}

const SIM = { user: "sahayak", password: "simulator" };
const AMI = { user: "sahayak", password: "manager" };

describe("sahayak doctor", () => {
  const work = tempDir("sahayak-doctor-");
  const dataDir = join(work.path, "data");
  const modelsDir = join(work.path, "models");
  let pbx: PbxSimulator;
  let ami: AmiSimulator;

  before(async () => {
    mkdirSync(dataDir);
    mkdirSync(modelsDir);
    pbx = new PbxSimulator(SIM);
    await pbx.start();
    ami = new AmiSimulator(pbx, AMI.user, AMI.password);
    await ami.start();
  });
  after(async () => {
    await ami?.stop();
    await pbx?.stop();
    work.cleanup();
  });

  /** doctor --json with this config (written to a file); Asterisk is the simulator unless the config says otherwise. */
  async function doctor(config: Record<string, unknown>, raw?: string): Promise<{ status: number | null; report: Report; stderr: string }> {
    const file = join(work.path, `config-${Math.random().toString(36).slice(2)}.json`);
    const base = { dataDir, modelsDir, ops: { serviceUser: userInfo().username }, telephony: { ari: { url: pbx.url, ...SIM }, ami: { host: "127.0.0.1", port: ami.port, ...AMI } } };
    writeFileSync(file, raw ?? JSON.stringify(merge(base, config)), { mode: 0o600 });
    const r = await runCliAsync(["--config", file, "doctor", "--json"], { dataDir: (config.dataDir as string | undefined) ?? dataDir });
    return { status: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
  }
  const find = (report: Report, name: string) => report.checks.filter((c) => c.name === name);

  it("an unknown config key: exit 2, naming the key and the nearest valid one", async () => {
    const { status, report } = await doctor({}, JSON.stringify({ telephony: { ari: { pasword: "x" } }, stor: {} }));
    assert.equal(status, 2);
    assert.equal(report.checks.length, 1);
    const [config] = report.checks;
    assert.equal(config!.status, "fail");
    assert.match(config!.message, /^invalid configuration in .*config-\w+\.json:\n/);
    assert.ok(config!.message.includes('  (root): unknown key "stor" (did you mean "store"?); valid keys here: dataDir, modelsDir, log, ops, knowledge, dialogue, speech, telephony, call, store'), config!.message);
    assert.ok(config!.message.includes('  telephony.ari: unknown key "pasword" (did you mean "password"?); valid keys here: url, user, password, app, reconnectMs, maxReconnectMs, requestTimeoutMs'), config!.message);
  });

  it("a wrong ARI password", async () => {
    const { status, report } = await doctor({ telephony: { ari: { password: "wrong" } } });
    assert.equal(status, 2);
    assert.deepEqual(find(report, "ari"), [{ name: "ari", status: "fail", message: `Asterisk refused the ARI user "sahayak" at ${pbx.url} (401 Authentication required): make telephony.ari.user and password match ari.conf (\`sahayak asterisk config\` renders both)` }]);
    // the rest of Asterisk is fine
    assert.equal(find(report, "ami")[0]?.status, "ok");
  });

  it("a wrong AMI password", async () => {
    const { status, report } = await doctor({ telephony: { ami: { password: "wrong" } } });
    assert.equal(status, 2);
    assert.deepEqual(find(report, "ami"), [{ name: "ami", status: "fail", message: 'AMI refused the login of "sahayak" (Authentication failed): make telephony.ami.user and password match manager.conf (`sahayak asterisk config` renders both)' }]);
  });

  it("Asterisk down: ARI and AMI unreachable", async () => {
    const port = await freePort();
    const { status, report } = await doctor({ telephony: { ari: { url: `http://127.0.0.1:${port}` }, ami: { port } } });
    assert.equal(status, 2);
    assert.deepEqual(find(report, "ari"), [{ name: "ari", status: "fail", message: `cannot reach Asterisk's ARI at http://127.0.0.1:${port} (ECONNREFUSED): start Asterisk, and check that http.conf's bindaddr/bindport match telephony.ari.url` }]);
    assert.deepEqual(find(report, "ami"), [{ name: "ami", status: "fail", message: `cannot reach AMI at 127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}): start Asterisk, and check that manager.conf enables AMI on that address and port (telephony.ami)` }]);
  });

  it("a module the transport needs is not loaded", async () => {
    ami.modules.delete("chan_rtp.so");
    try {
      const { status, report } = await doctor({});
      assert.equal(status, 2);
      assert.deepEqual(find(report, "modules")[0], { name: "modules", status: "fail", message: "Asterisk has not loaded chan_rtp.so (needed for the rtp transport): load them in modules.conf (`sahayak asterisk config` renders it) and restart Asterisk" });
    } finally {
      ami.modules.add("chan_rtp.so");
    }
  });

  it("a directory the service user cannot write", async () => {
    const locked = join(work.path, "locked");
    mkdirSync(locked);
    const root = process.getuid?.() === 0;
    // root checks as the service user; anyone else as themselves, so the directory is made read-only
    const user = root ? "nobody" : userInfo().username;
    if (!root) chmodSync(locked, 0o500);
    else chmodSync(locked, 0o755);
    const uid = root ? 65534 : userInfo().uid;
    const { status, report } = await doctor({ dataDir: locked, ops: { serviceUser: user } });
    assert.equal(status, 2);
    assert.deepEqual(find(report, "data_dir"), [{ name: "data_dir", status: "fail", message: `user ${user} (uid ${uid}) cannot read and write the data directory ${locked}: chown -R ${user} ${locked}` }]);
  });

  it("a damaged model: reported with onnxruntime's reason, never a crash", async () => {
    // a truncated encoder imported as it is: its checksum matches, only loading it finds the damage
    const bundle = join(work.path, "en-damaged");
    cpSync(englishModelDir, bundle, { recursive: true });
    const encoder = readdirSync(bundle).find((f) => f.startsWith("encoder") && f.endsWith(".onnx"))!;
    truncateSync(join(bundle, encoder), 100_000);
    rmSync(join(bundle, "SHA256SUMS"), { force: true });
    const damagedModels = join(work.path, "damaged-models");
    new ModelStore(damagedModels).import(bundle, { lang: "en" });
    const { status, report } = await doctor({ modelsDir: damagedModels });
    assert.equal(status, 2);
    const [asr] = find(report, "models");
    assert.equal(asr?.status, "fail");
    assert.equal(asr?.message, `en-damaged crashed the loading process (SIGABRT): Load model from ${join(damagedModels, "asr", "en-damaged", encoder)} failed:Protobuf parsing failed.: re-import the model bundle with \`sahayak models import\`; until then its calls use the keypad`);

    // a file changed after it was installed: the checksum names it
    copyFileSync(join(englishModelDir, "tokens.txt"), join(damagedModels, "asr", "en-damaged", "tokens.txt"));
    writeFileSync(join(damagedModels, "asr", "en-damaged", "tokens.txt"), "changed\n", { flag: "a" });
    const second = await doctor({ modelsDir: damagedModels });
    assert.equal(second.status, 2);
    assert.equal(find(second.report, "models")[0]?.message, "en-damaged: tokens.txt does not match its checksum: re-import the model bundle with `sahayak models import`; until then its calls use the keypad");
  });

  it("fallback sounds: missing ones are a failure naming them; once `asterisk sounds` has rendered them, ok", async () => {
    const sounds = join(work.path, "sounds");
    const missing = await doctor({ telephony: { asterisk: { soundsDir: sounds } } });
    const check = find(missing.report, "fallback_sounds")[0]!;
    assert.equal(check.status, "fail");
    assert.match(check.message, new RegExp(`${sounds}/sahayak/fallback-apology-hi: does not exist in any format.*and 4 more: run \`sahayak asterisk sounds\``));
    const rendered = await runCliAsync(["asterisk", "sounds", "--out", sounds], { dataDir });
    assert.equal(rendered.status, 0, rendered.stderr);
    const after = await doctor({ telephony: { asterisk: { soundsDir: sounds } } });
    assert.equal(find(after.report, "fallback_sounds")[0]?.status, "ok");
  });

  it("a password still at its shipped default: a warning naming the setting and what to do, never the password", async () => {
    // ARI and AMI have passwords of their own here; the metrics password is left at the shipped one
    const { report } = await doctor({});
    assert.deepEqual(find(report, "secrets").filter((c) => c.status !== "ok"), [
      { name: "secrets", status: "warn", message: "telephony.asterisk.metrics.password is still the shipped default password, which anyone who knows Sahayak knows: set new ones in the config and the same in Asterisk's ari.conf, manager.conf and prometheus.conf (appliance/install generates them)" },
    ]);
    const all = await doctor({ telephony: { ari: { password: "sahayak" }, ami: { password: "sahayak" } } });
    assert.match(find(all.report, "secrets").find((c) => c.status === "warn")!.message, /^telephony\.ari\.password, telephony\.ami\.password, telephony\.asterisk\.metrics\.password are still the shipped default password/);
  });

  it("warnings only: exit 1 (no recogniser installed, the Stasis app not registered, no knowledge base is a failure)", async () => {
    const { status, report } = await doctor({});
    // this data directory has no knowledge base: that is a failure
    assert.equal(find(report, "knowledge_base")[0]?.status, "fail");
    assert.equal(status, 2);
    assert.deepEqual(find(report, "ari")[0], { name: "ari", status: "warn", message: `ARI at ${pbx.url} works (Asterisk 23.4.1, user sahayak), but the Stasis app "sahayak" is not registered: start \`sahayak serve\` (systemctl start sahayak)` });
    assert.equal(find(report, "models").find((c) => c.message.startsWith("no speech recogniser"))?.status, "warn");
  });
});

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v && typeof v === "object" && !Array.isArray(v) && typeof out[k] === "object" ? merge(out[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

describe("sahayak doctor run by hand on an installed appliance (outside the unit that runs serve)", () => {
  const config = testConfig("/var/lib/sahayak", { telephony: { media: { senderRealtimePriority: 10, bulkCpuShare: 0.8 } } });
  const outside = { sysNice: false, cgroup: { where: "/sys/fs/cgroup/user.slice", writable: false } };
  /** What `systemctl show -p LoadState -p AmbientCapabilities -p LimitRTPRIO -p Delegate sahayak` prints for the shipped unit. */
  const SHIPPED = "AmbientCapabilities=cap_sys_nice\nLimitRTPRIO=10\nDelegate=yes\nLoadState=loaded\n";

  it("reads what systemd grants the unit, and nothing for a unit systemd does not have", () => {
    assert.deepEqual(parseUnitGrants("sahayak", SHIPPED), { unit: "sahayak", sysNice: true, rtprio: 10, delegate: true });
    assert.deepEqual(parseUnitGrants("sahayak", "AmbientCapabilities=\nLimitRTPRIO=infinity\nDelegate=no\nLoadState=loaded\n"), { unit: "sahayak", sysNice: false, rtprio: Infinity, delegate: false });
    assert.equal(parseUnitGrants("sahayak", "AmbientCapabilities=\nLimitRTPRIO=0\nDelegate=no\nLoadState=not-found\n"), undefined);
  });

  it("real-time and CPU headroom are what the unit grants serve, not what doctor's own process has", () => {
    assert.deepEqual(realtimeChecks(config, { ...outside, unit: parseUnitGrants("sahayak", SHIPPED) }), [
      { name: "realtime", status: "ok", message: "sahayak.service lets serve run the RTP sender real-time (CAP_SYS_NICE, LimitRTPRIO 10); doctor itself runs outside it" },
      { name: "cpu_headroom", status: "ok", message: "sahayak.service delegates its cgroup (Delegate=yes): serve keeps CPU headroom for the RTP sender there; doctor itself runs outside it" },
    ]);
    // a drop-in that took the grants away, or a real-time priority above what the unit allows
    const bare = parseUnitGrants("sahayak", "AmbientCapabilities=\nLimitRTPRIO=5\nDelegate=no\nLoadState=loaded\n");
    assert.deepEqual(realtimeChecks(config, { ...outside, unit: bare }), [
      { name: "realtime", status: "warn", message: "sahayak.service does not let serve run the RTP sender real-time (SCHED_FIFO 10): reply audio may break up on a busy machine; give it AmbientCapabilities=CAP_SYS_NICE and LimitRTPRIO=10 (systemctl edit sahayak)" },
      { name: "cpu_headroom", status: "warn", message: "sahayak.service does not delegate its cgroup, so serve cannot keep CPU headroom for the RTP sender: give it Delegate=yes, or CPUQuota=" + Math.round(0.8 * 100 * availableParallelism()) + "% for the whole service (systemctl edit sahayak)" },
    ]);
    // no systemd unit (a checkout): the process's own permissions are all there is
    assert.deepEqual(realtimeChecks(config, outside).map((c) => c.status), ["warn", "warn"]);
    assert.deepEqual(realtimeChecks(config, { sysNice: true, cgroup: { where: "/sys/fs/cgroup/system.slice/sahayak.service", writable: true } }).map((c) => c.status), ["ok", "ok"]);
  });
});
