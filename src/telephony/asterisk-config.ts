// Asterisk configuration rendered from Sahayak's config (`sahayak asterisk config --out DIR`), and a
// checker that parses every file and verifies that what is referenced exists (contexts, endpoints,
// the ARI user, the modules ARI and ExternalMedia need).
import type { Config } from "../config.js";
import { requiredModules } from "./ami.js";

export type ConfigFiles = Record<string, string>;

export function renderAsteriskConfig(config: Config): ConfigFiles {
  const t = config.telephony;
  const a = t.asterisk;
  const app = t.ari.app;
  return {
    "http.conf": `; Asterisk's HTTP server carries ARI (REST + events WebSocket) for Sahayak.
[general]
enabled = yes
bindaddr = ${a.httpBind}
bindport = ${a.httpPort}
`,
    "ari.conf": `[general]
enabled = yes
pretty = no
allowed_origins =

[${t.ari.user}]
type = user
read_only = no
password = ${t.ari.password}
password_format = plain
`,
    "rtp.conf": `; Asterisk's own RTP ports; Sahayak's ExternalMedia sockets use ${t.media.portMin}-${t.media.portMax}.
[general]
rtpstart = ${a.rtpStart}
rtpend = ${a.rtpEnd}
`,
    "pjsip.conf": `; Trunk to the state telco's E1/SIP gateway: IP-authenticated, G.711 only, DTMF as RFC 4733.
[transport-udp]
type = transport
protocol = udp
bind = 0.0.0.0:5060

[${t.ami.trunk}]
type = endpoint
transport = transport-udp
context = from-telco
disallow = all
allow = ulaw
allow = alaw
dtmf_mode = rfc4733
direct_media = no
rtp_symmetric = yes
aors = ${t.ami.trunk}

[${t.ami.trunk}]
type = aor
contact = sip:${a.gatewayHost}:${a.gatewayPort}
qualify_frequency = 30

[${t.ami.trunk}]
type = identify
endpoint = ${t.ami.trunk}
match = ${a.gatewayHost}
${a.agents
  .filter((x) => x.startsWith("PJSIP/"))
  .map((x) => x.slice(6))
  .map((agent) => `
[${agent}]
type = endpoint
transport = transport-udp
context = sahayak-agents
disallow = all
allow = ulaw
allow = alaw
aors = ${agent}

[${agent}]
type = aor
max_contacts = 1
`)
  .join("")}`,
    "extensions.conf": `; Calls from the gateway go to Sahayak (Stasis app "${app}"). When the app is not registered or
; fails, the caller hears a recorded message and reaches a person.
[general]
static = yes
writeprotect = yes

[from-telco]
exten => ${a.didPattern},1,NoOp(Sahayak helpline)
 same => n,Stasis(${app})
 same => n,Goto(sahayak-fallback,s,1)

[sahayak-fallback]
exten => s,1,Answer()
 same => n,Playback(${a.fallbackSound})
 same => n,Goto(${t.transfer.context},${t.transfer.extension},${t.transfer.priority})

[${t.transfer.context}]
exten => ${t.transfer.extension},${t.transfer.priority},Queue(${a.humanQueue},,,,600)
 same => n,Hangup()

[${t.queue.context}]
exten => ${t.queue.extension},${t.queue.priority},Answer()
 same => n,Queue(${a.humanQueue},,,,900)
 same => n,Hangup()

[sahayak-agents]
exten => _X.,1,Hangup()
`,
    "queues.conf": `[${a.humanQueue}]
strategy = rrmemory
timeout = 20
retry = 5
${a.agents.map((m) => `member => ${m}`).join("\n")}
`,
    "manager.conf": `[general]
enabled = yes
port = ${t.ami.port}
bindaddr = ${t.ami.host}

[${t.ami.user}]
secret = ${t.ami.password}
read = system,call,reporting,command
write = system,command,reporting
`,
    "chan_websocket.conf": chanWebsocketConf(t.media.websocketControlFormat),
    "modules.conf": `[modules]
autoload = yes
load => res_http_websocket.so
load => res_stasis.so
load => res_ari.so
load => res_ari_channels.so
load => res_ari_bridges.so
load => res_ari_events.so
load => res_ari_applications.so
load => res_ari_asterisk.so
load => chan_pjsip.so
load => chan_rtp.so
${t.media.transport === "websocket" ? "; chan_websocket needs Asterisk 20.16 / 21.11 / 22.6 or later\nload => chan_websocket.so\n" : ""}load => app_queue.so
load => app_stasis.so
${a.metrics.enabled ? "load => res_prometheus.so\n" : ""}`,
    ...(a.metrics.enabled ? { "prometheus.conf": prometheusConf(config) } : {}),
  };
}

/** res_prometheus: Asterisk's own metrics on its HTTP server (loopback, http.conf), behind Basic auth. */
function prometheusConf(config: Config): string {
  const a = config.telephony.asterisk;
  return `; Asterisk's metrics for Prometheus at http://${a.httpBind}:${a.httpPort}/${a.metrics.uri}
; (appliance/monitoring/prometheus.yml scrapes them with these credentials).
[general]
enabled = yes
core_metrics_enabled = yes
uri = ${a.metrics.uri}
auth_username = ${a.metrics.user}
auth_password = ${a.metrics.password}
auth_realm = Asterisk Prometheus Metrics
`;
}

/**
 * chan_websocket's control message format for every channel (Asterisk 20.18 / 22.8 / 23.2 or later; older
 * ones ignore the file and speak plain text). Sahayak also asks each channel for it (dial option f()), and
 * reads whichever format arrives.
 */
function chanWebsocketConf(format: string): string {
  return `; chan_websocket control messages (MEDIA_START, MEDIA_XOFF/XON, FLUSH_MEDIA, ...): Asterisk's default is plain-text.
[global]
type = global
control_message_format = ${format}
`;
}

interface Section {
  name: string;
  entries: { key: string; value: string; line: number }[];
}

/** Parses Asterisk's ini dialect: [section](template), key = value, key => value, ; comments. */
export function parseAsteriskFile(text: string): { sections: Section[]; errors: string[] } {
  const sections: Section[] = [];
  const errors: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/(^|[^\\]);.*$/, "$1").trim();
    if (!line) return;
    const header = /^\[([^\]]+)\](\([^)]*\))?$/.exec(line);
    if (header) {
      sections.push({ name: header[1]!, entries: [] });
      return;
    }
    const kv = /^([A-Za-z_][\w.-]*)\s*(=>|=)\s*(.*)$/.exec(line) ?? /^(same)\s*(=>)\s*(.*)$/.exec(line);
    if (!kv) {
      errors.push(`line ${i + 1}: cannot read "${raw.trim()}"`);
      return;
    }
    const current = sections[sections.length - 1];
    if (!current) {
      errors.push(`line ${i + 1}: setting outside any [section]`);
      return;
    }
    current.entries.push({ key: kv[1]!, value: kv[3]!.trim(), line: i + 1 });
  });
  return { sections, errors };
}

export function checkAsteriskConfig(files: ConfigFiles, config: Config): string[] {
  const problems: string[] = [];
  const parsed: Record<string, Section[]> = {};
  for (const [name, text] of Object.entries(files)) {
    const p = parseAsteriskFile(text);
    p.errors.forEach((e) => problems.push(`${name}: ${e}`));
    parsed[name] = p.sections;
  }
  const sectionNames = (file: string) => new Set((parsed[file] ?? []).map((s) => s.name));
  const contexts = sectionNames("extensions.conf");
  const get = (file: string, section: string, key: string) => (parsed[file] ?? []).filter((s) => s.name === section).flatMap((s) => s.entries).filter((e) => e.key === key).map((e) => e.value);
  // every context the dialplan or an endpoint points at exists
  for (const s of parsed["extensions.conf"] ?? []) {
    for (const e of s.entries) {
      for (const m of e.value.matchAll(/Goto\(([^,)]+),/g)) if (!contexts.has(m[1]!)) problems.push(`extensions.conf line ${e.line}: Goto to missing context "${m[1]}"`);
    }
  }
  for (const s of parsed["pjsip.conf"] ?? []) {
    for (const e of s.entries) {
      if (e.key === "context" && !contexts.has(e.value)) problems.push(`pjsip.conf [${s.name}]: context "${e.value}" is not in extensions.conf`);
      if ((e.key === "aors" || e.key === "endpoint") && !sectionNames("pjsip.conf").has(e.value)) problems.push(`pjsip.conf [${s.name}]: ${e.key} "${e.value}" is not defined`);
    }
  }
  const t = config.telephony;
  for (const target of [t.transfer, t.queue, t.fallback]) if (!contexts.has(target.context)) problems.push(`extensions.conf: transfer/queue/fallback context "${target.context}" is missing`);
  if (!(parsed["extensions.conf"] ?? []).some((s) => s.entries.some((e) => new RegExp(`Stasis\\(${t.ari.app}[,)]`).test(e.value)))) problems.push(`extensions.conf: nothing sends calls to Stasis(${t.ari.app})`);
  if (get("ari.conf", t.ari.user, "type")[0] !== "user") problems.push(`ari.conf: no ARI user "${t.ari.user}"`);
  if (get("http.conf", "general", "enabled")[0] !== "yes") problems.push("http.conf: the HTTP server (ARI) is not enabled");
  const queues = sectionNames("queues.conf");
  for (const s of parsed["extensions.conf"] ?? []) for (const e of s.entries) for (const m of e.value.matchAll(/Queue\(([^,)]+)/g)) if (!queues.has(m[1]!)) problems.push(`extensions.conf: queue "${m[1]}" is not in queues.conf`);
  const wsFormat = get("chan_websocket.conf", "global", "control_message_format")[0];
  if (wsFormat !== t.media.websocketControlFormat) problems.push(`chan_websocket.conf: control_message_format is ${wsFormat ?? "not set"}, Sahayak expects ${t.media.websocketControlFormat}`);
  const modules = new Set((parsed["modules.conf"] ?? []).flatMap((s) => s.entries.filter((e) => e.key === "load").map((e) => e.value)));
  for (const m of requiredModules(t.media.transport)) if (!modules.has(m)) problems.push(`modules.conf: ${m} is not loaded`);
  if (t.asterisk.metrics.enabled) {
    if (!modules.has("res_prometheus.so")) problems.push("modules.conf: res_prometheus.so is not loaded (telephony.asterisk.metrics.enabled)");
    const general = (key: string) => get("prometheus.conf", "general", key)[0];
    if (general("enabled") !== "yes") problems.push("prometheus.conf: res_prometheus is not enabled");
    if (!general("auth_username") || !general("auth_password")) problems.push("prometheus.conf: Asterisk's metrics need Basic auth (auth_username and auth_password)");
  }
  return problems;
}
