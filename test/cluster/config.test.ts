// `sahayak cluster config`: what it renders from a cluster file, Debian's Kamailio accepting it (`kamailio -c`),
// and the rendered Kamailio running on loopback: calls from the telco go only to nodes whose Sahayak health
// responder says ready, and move when readiness changes.
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import type { Socket } from "node:dgram";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { sipResponse, startSipHealth, type SipHealthResponder } from "../../src/admin/sip-health.js";
import { parseCluster, type Cluster } from "../../src/cluster/cluster-file.js";
import { nodeConfig, renderCluster } from "../../src/cluster/render.js";
import { loadConfig } from "../../src/config.js";
import { AGENT_AUTH_FILE } from "../../src/telephony/agent-auth.js";
import { inCI, runCli, sleep, tempDir, until } from "../helpers.js";
import { freeUdpPort, probeOptions, udpSocket } from "./sip-probe.js";

const KAMAILIO = "/usr/sbin/kamailio";
const noKamailio = existsSync(KAMAILIO) ? undefined : "Debian's kamailio is not installed (make setup installs it)";
if (noKamailio && inCI) throw new Error(noKamailio);

function cluster(overrides: Partial<Cluster> = {}, kamailioDir = "/etc/kamailio", ports = { kamailio: 5060, a: 5060, b: 5060, healthA: 5070, healthB: 5070 }): Cluster {
  return parseCluster({
    kamailio: { address: "127.0.0.1", port: ports.kamailio, configDir: kamailioDir, probeIntervalSeconds: 1, probeThreshold: 1, inviteTimeoutMs: 1000 },
    telco: { address: "127.0.0.1", port: 5099 },
    postgres: { url: "postgres://sahayak:db-secret@10.0.0.4:5432/sahayak" },
    sahayak: { telephony: { ari: { password: "ari-secret" } } },
    nodes: [
      { name: "node-a", address: "127.0.0.2", sipPort: ports.a, healthPort: ports.healthA },
      { name: "node-b", address: "127.0.0.3", sipPort: ports.b, healthPort: ports.healthB, weight: 30, sahayak: { telephony: { maxCalls: 4 } } },
    ],
    ...overrides,
  });
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

describe("cluster config: rendering", () => {
  it("renders Kamailio's dispatcher list (each node's Asterisk, probed through its health responder) and each node's config", () => {
    const { files, problems } = renderCluster(cluster(), { operator1: "agent-secret-1234567890ab" });
    assert.deepEqual(problems, []);
    const list = files["kamailio/dispatcher.list"]!.split("\n").filter((l) => /^\d/.test(l));
    assert.deepEqual(list, ["1 sip:127.0.0.2:5060 0 0 duid=node-a;weight=50;obproxy=sip:127.0.0.2:5070", "1 sip:127.0.0.3:5060 0 0 duid=node-b;weight=30;obproxy=sip:127.0.0.3:5070"]);
    const cfg = files["kamailio/kamailio.cfg"]!;
    assert.match(cfg, /listen=udp:127\.0\.0\.1:5060/);
    assert.match(cfg, /modparam\("dispatcher", "ds_ping_method", "OPTIONS"\)/);
    assert.match(cfg, /\$du = "sip:127\.0\.0\.1:5099"/, "transfers go out to the telco's gateway");
    const b = loadConfig({ path: undefined, env: {}, overrides: JSON.parse(files["nodes/node-b/sahayak.json"]!) });
    assert.equal(b.store.backend, "postgres");
    assert.equal(b.store.postgres.url, "postgres://sahayak:db-secret@10.0.0.4:5432/sahayak");
    assert.equal(b.store.postgres.node, "node-b", "its calls and audit entries are kept under its name");
    assert.deepEqual([b.ops.sipHealth.enabled, b.ops.sipHealth.host, b.ops.sipHealth.port], [true, "127.0.0.3", 5070]);
    assert.equal(b.telephony.maxCalls, 4, "the node's own settings are kept");
    assert.equal(b.telephony.ari.password, "ari-secret", "the cluster's common settings are kept");
    const pjsip = files["nodes/node-b/asterisk/pjsip.conf"]!;
    assert.match(pjsip, /bind = 127\.0\.0\.3:5060/, "the node's Asterisk listens on the node's address");
    assert.match(pjsip, /match = 127\.0\.0\.1\n/, "its trunk is Kamailio");
    assert.match(files[`nodes/node-a/asterisk/${AGENT_AUTH_FILE}`] ?? "", /password = agent-secret-1234567890ab/, "the cluster's agent passwords, the same on every node");
    assert.match(files[`nodes/node-b/asterisk/${AGENT_AUTH_FILE}`] ?? "", /password = agent-secret-1234567890ab/);
  });

  it("refuses a cluster file with two nodes of one name, or an address that is not an IP", () => {
    assert.throws(() => cluster({ nodes: [{ name: "a", address: "10.0.0.1" }, { name: "a", address: "10.0.0.2" }] as Cluster["nodes"] }), /node names must differ/);
    assert.throws(() => cluster({ telco: { address: "gateway.example", port: 5060 } }), /telco\.address: must be an IP address/);
  });

  it("`sahayak cluster config` writes the files, the secret ones private, every node the cluster's caller salt", { skip: noKamailio }, async () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, "cluster.json");
      writeFileSync(file, JSON.stringify({ kamailio: { address: "127.0.0.1", configDir: join(dir.path, "out", "kamailio") }, telco: { address: "192.0.2.10" }, postgres: { url: "postgres://s:p@127.0.0.1/s" }, nodes: [{ name: "n1", address: "10.0.0.11" }] }));
      const result = runCli(["cluster", "config", "--cluster", file, "--out", join(dir.path, "out"), "--json"], { dataDir: dir.path });
      assert.equal(result.status, 0, result.stderr);
      const out = JSON.parse(result.stdout) as { files: string[] };
      assert.ok(out.files.includes("nodes/n1/sahayak.json") && out.files.includes("kamailio/kamailio.cfg"));
      assert.ok(readFileSync(join(dir.path, "out", "nodes", "n1", "asterisk", "pjsip.conf"), "utf8").includes("10.0.0.11"));
      assert.ok(readFileSync(join(dir.path, "out", "nodes", "n1", "sahayak.json"), "utf8").includes("postgres://s:p@"));
      assert.equal(statSync(join(dir.path, "out", "nodes", "n1", "sahayak.json")).mode & 0o777, 0o640, "the database password is not world-readable");
      assert.equal(statSync(join(dir.path, "out", "nodes", "n1", "asterisk", "ari.conf")).mode & 0o777, 0o640);
      assert.equal(statSync(join(dir.path, "out", "kamailio", "kamailio.cfg")).mode & 0o777, 0o644);
      const salt = readFileSync(join(dir.path, "out", "nodes", "n1", "caller-salt"), "utf8");
      assert.equal(salt, readFileSync(join(dir.path, "caller-salt"), "utf8"), "the cluster's caller salt, kept beside the cluster file");
      assert.ok(salt.length >= 32);
      assert.equal(statSync(join(dir.path, "out", "nodes", "n1", "caller-salt")).mode & 0o777, 0o600);
      execFileSync(KAMAILIO, ["-c", "-f", join(dir.path, "out", "kamailio", "kamailio.cfg")], { stdio: "pipe" });
    } finally {
      dir.cleanup();
    }
  });
});

describe("cluster: the node's SIP health responder", () => {
  it("answers OPTIONS 200 while ready, 503 when not or when its last evaluation is stale, and nothing to other requests but 405", async () => {
    let ready = true;
    let hang = false;
    const responder = await startSipHealth({ host: "127.0.0.1", port: 0, intervalMs: 100, ready: () => (hang ? new Promise<boolean>(() => undefined) : Promise.resolve(ready)) });
    try {
      assert.equal(await probeOptions("127.0.0.1", responder.port), 200);
      ready = false;
      await sleep(300);
      assert.equal(await probeOptions("127.0.0.1", responder.port), 503);
      ready = true;
      await sleep(300);
      assert.equal(await probeOptions("127.0.0.1", responder.port), 200);
      // an evaluation that never ends (a stuck event loop, a hung check) is not taken as ready for long
      hang = true;
      await sleep(500);
      assert.equal(await probeOptions("127.0.0.1", responder.port), 503);
      const invite = sipResponse("INVITE sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nTo: <sip:x@y>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n\r\n", 405, "t");
      assert.match(invite!, /^SIP\/2\.0 405 Method Not Allowed\r\n/);
      assert.match(invite!, /To: <sip:x@y>;tag=t\r\n/);
      assert.equal(sipResponse("ACK sip:x@y SIP/2.0\r\n\r\n", 200, "t"), undefined, "an ACK gets no response");
    } finally {
      await responder.close();
    }
  });
});

describe("cluster config: the rendered Kamailio routes around a node that is not ready", { skip: noKamailio }, () => {
  const dir = tempDir();
  let kamailio: ChildProcess | undefined;
  let telco: Socket;
  const nodes: { name: string; sip: Socket; health?: SipHealthResponder; ready: boolean; invites: string[] }[] = [];
  let kamailioPort = 0;
  let kamailioLog = "";

  before(async () => {
    telco = await udpSocket("127.0.0.1");
    const ports = { kamailio: await freeUdpPort("127.0.0.1"), a: 0, b: 0, healthA: await freeUdpPort("127.0.0.2"), healthB: await freeUdpPort("127.0.0.3") };
    for (const [name, host] of [["node-a", "127.0.0.2"], ["node-b", "127.0.0.3"]] as const) {
      const sip = await udpSocket(host);
      const node = { name, sip, ready: false, invites: [] as string[] };
      // the node's "Asterisk": notes each INVITE and says Trying, so Kamailio neither retries nor fails over
      sip.on("message", (msg, from) => {
        const text = msg.toString("latin1");
        if (!text.startsWith("INVITE ")) return;
        node.invites.push(text.match(/^Call-ID:\s*(.+)$/im)![1]!.trim());
        sip.send(sipResponse(text, 100, "x")!, from.port, from.address);
      });
      nodes.push(node);
    }
    ports.a = nodes[0]!.sip.address().port;
    ports.b = nodes[1]!.sip.address().port;
    kamailioPort = ports.kamailio;
    const c = cluster({ telco: { address: "127.0.0.1", port: telco.address().port } }, join(dir.path, "kamailio"), ports);
    write(dir.path, renderCluster(c).files);
    for (const [i, node] of nodes.entries()) {
      const health = nodeConfig(c, c.nodes[i]!).ops.sipHealth;
      node.health = await startSipHealth({ host: health.host, port: health.port, intervalMs: 100, ready: async () => node.ready });
    }
    nodes[0]!.ready = true;
    kamailio = spawn(KAMAILIO, ["-DD", "-E", "-m", "32", "-M", "4", "-f", join(dir.path, "kamailio", "kamailio.cfg")], { stdio: ["ignore", "ignore", "pipe"] });
    kamailio.stderr!.on("data", (d: Buffer) => (kamailioLog = (kamailioLog + d.toString()).slice(-4000)));
  });

  after(async () => {
    kamailio?.kill("SIGTERM");
    if (kamailio && kamailio.exitCode === null) await new Promise((resolve) => kamailio!.once("exit", resolve));
    for (const node of nodes) {
      await node.health?.close();
      node.sip.close();
    }
    telco.close();
    dir.cleanup();
  });

  let calls = 0;
  const invite = () => {
    const callId = `call-${++calls}@test`;
    const ruri = `sip:1800@127.0.0.1:${kamailioPort}`;
    const msg = [
      `INVITE ${ruri} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${telco.address().port};branch=z9hG4bK-${calls}-${Date.now()}`,
      "Max-Forwards: 70",
      `From: <sip:9876543210@127.0.0.1>;tag=t${calls}`,
      `To: <${ruri}>`,
      `Call-ID: ${callId}`,
      "CSeq: 1 INVITE",
      `Contact: <sip:9876543210@127.0.0.1:${telco.address().port}>`,
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n");
    telco.send(msg, kamailioPort, "127.0.0.1");
    return callId;
  };
  const landedOn = (callId: string) => nodes.find((n) => n.invites.includes(callId))?.name;

  /** Places a call and waits (at most 2 s) for a node to receive it; the node's name, if one did. */
  async function placeCall(): Promise<string | undefined> {
    const id = invite();
    await until(() => landedOn(id) !== undefined, 2000).catch(() => undefined);
    return landedOn(id);
  }

  /** Places calls until `enough` in a row land on `name` (probing has caught up), within 20 s. */
  async function callsReach(name: string, enough: number): Promise<void> {
    const end = Date.now() + 20_000;
    let run = 0;
    while (run < enough) {
      if (Date.now() > end) assert.fail(`calls did not settle on ${name}: ${nodes.map((n) => `${n.name} ${n.invites.length}`).join(", ")}\n${kamailioLog}`);
      run = (await placeCall()) === name ? run + 1 : 0;
    }
  }

  it("calls go only to the ready node, and to the other once readiness changes", async () => {
    await callsReach("node-a", 6);
    nodes[0]!.ready = false;
    nodes[1]!.ready = true;
    await callsReach("node-b", 6);
    // back in when ready again; a node whose Sahayak is gone (no answer at all) is taken out too
    nodes[0]!.ready = true;
    await callsReach("node-a", 1);
    await nodes[1]!.health!.close();
    nodes[1]!.health = undefined;
    await callsReach("node-a", 6);
  });
});
