// Asterisk configuration rendered from Sahayak's config (`sahayak asterisk config --out DIR`), and a
// checker that parses every file and verifies that what is referenced exists (contexts, endpoints,
// the ARI user, the modules ARI and ExternalMedia need, the sounds the dialplan plays), that agents must
// authenticate and that SIP listens on a named address.
import { isIP } from "node:net";
import type { Config } from "../config.js";
import { requiredModules } from "./ami.js";
import { agentEndpoints, AGENT_AUTH_FILE, renderAgentAuth, type AgentPasswords } from "./agent-auth.js";
import { checkSoundFiles, fallbackSoundPath, holdMusicDir } from "./sounds.js";

export type ConfigFiles = Record<string, string>;

/** What Asterisk plays when it has the call on its own: these modules must be there too. */
const FALLBACK_MODULES = ["app_playback.so", "res_musiconhold.so", "format_pcm.so", "format_sln.so", "format_wav.so"];
const WILDCARD_ADDRESSES = new Set(["0.0.0.0", "::", "[::]", "*", ""]);

/** Both halves of a deny-everything ACL, IPv4 and IPv6: a permit then lets in only what it names. */
const DENY_ALL = ["0.0.0.0/0.0.0.0", "::/0"];

/**
 * Every file; `passwords` are the agents' generated passwords (see agent-auth.ts), rendered into a file of
 * their own that pjsip.conf includes, so the rest can be shown and shared without them.
 */
export function renderAsteriskConfig(config: Config, passwords: AgentPasswords = {}): ConfigFiles {
  const t = config.telephony;
  const a = t.asterisk;
  const app = t.ari.app;
  const f = t.fallback;
  const sounds = a.soundsDir;
  const inEveryLanguage = (key: Parameters<typeof fallbackSoundPath>[1]) => config.call.languages.map((lang) => fallbackSoundPath(sounds, key, lang)).join("&");
  const agentAcl = a.agentAuth.allowFrom.length ? [...DENY_ALL.map((d) => `deny = ${d}`), ...a.agentAuth.allowFrom.map((p) => `permit = ${p}`)] : [];
  const files: ConfigFiles = {
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
; Agents' phones register with a generated password (${AGENT_AUTH_FILE}, included below) and/or only from
; the addresses telephony.asterisk.agentAuth.allowFrom names.
[transport-udp]
type = transport
protocol = udp
bind = ${a.sipBind.includes(":") ? `[${a.sipBind}]` : a.sipBind}:${a.sipPort}

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
${agentEndpoints(a.agents)
  .map((agent) =>
    [
      "",
      `[${agent}]`,
      "type = endpoint",
      "transport = transport-udp",
      "context = sahayak-agents",
      "disallow = all",
      "allow = ulaw",
      "allow = alaw",
      `aors = ${agent}`,
      ...(a.agentAuth.credentials ? [`auth = ${agent}-auth`] : []),
      ...agentAcl,
      ...agentAcl.map((line) => `contact_${line}`),
      "",
      `[${agent}]`,
      "type = aor",
      "max_contacts = 1",
      "remove_existing = yes",
      "",
    ].join("\n"),
  )
  .join("")}${a.agentAuth.credentials ? `\n#include ${AGENT_AUTH_FILE}\n` : ""}`,
    "extensions.conf": `; Calls from the gateway go to Sahayak (Stasis app "${app}"). When Sahayak is not running, or cannot take
; a call (its media set-up failed), the caller hears an apology in every language and reaches a person:
; the queue plays music on hold and "please hold"; if no one answers, "please call again later".
[general]
static = yes
writeprotect = yes

[from-telco]
exten => ${a.didPattern},1,NoOp(Sahayak helpline)
 same => n,Stasis(${app})
 same => n,Goto(${f.context},${f.extension},${f.priority})

[${f.context}]
exten => ${f.extension},${f.priority},Answer()
 same => n,Playback(${inEveryLanguage("apology")})
 same => n,Goto(${t.transfer.context},${t.transfer.extension},${t.transfer.priority})

[${t.transfer.context}]
exten => ${t.transfer.extension},${t.transfer.priority},Queue(${a.humanQueue},,,,${a.humanQueueWaitSeconds})
 same => n,Playback(${inEveryLanguage("noAgent")})
 same => n,Hangup()

[${t.queue.context}]
exten => ${t.queue.extension},${t.queue.priority},Answer()
 same => n,Queue(${a.humanQueue},,,,${a.humanQueueWaitSeconds})
 same => n,Playback(${inEveryLanguage("noAgent")})
 same => n,Hangup()

[sahayak-agents]
exten => _X.,1,Hangup()
`,
    "queues.conf": `; Callers wait with music on hold and hear "please hold" every ${a.holdAnnounceSeconds} s, one language after
; another; with no agent registered they do not wait at all ("please call again later").
[${a.humanQueue}]
strategy = rrmemory
timeout = 20
retry = 5
musicclass = ${a.holdMusicClass}
periodic-announce = ${config.call.languages.map((lang) => fallbackSoundPath(sounds, "pleaseHold", lang)).join(",")}
periodic-announce-frequency = ${a.holdAnnounceSeconds}
joinempty = unavailable,invalid
leavewhenempty = unavailable,invalid
${a.agents.map((m) => `member => ${m}`).join("\n")}
`,
    "musiconhold.conf": `; The human queue's music on hold, rendered by Sahayak with the fallback prompts.
[${a.holdMusicClass}]
mode = files
directory = ${holdMusicDir(sounds)}
sort = alpha
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
${FALLBACK_MODULES.map((m) => `load => ${m}`).join("\n")}
${a.metrics.enabled ? "load => res_prometheus.so\n" : ""}`,
    ...(a.metrics.enabled ? { "prometheus.conf": prometheusConf(config) } : {}),
  };
  if (a.agentAuth.credentials) files[AGENT_AUTH_FILE] = renderAgentAuth(agentEndpoints(a.agents), passwords);
  return files;
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

/** Parses Asterisk's ini dialect: [section](template), key = value, key => value, ; comments, #include. */
export function parseAsteriskFile(text: string): { sections: Section[]; errors: string[]; includes: string[] } {
  const sections: Section[] = [];
  const errors: string[] = [];
  const includes: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/(^|[^\\]);.*$/, "$1").trim();
    if (!line) return;
    const include = /^#include\s+"?([^"]+?)"?$/.exec(line);
    if (include) {
      includes.push(include[1]!);
      return;
    }
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
  return { sections, errors, includes };
}

export function checkAsteriskConfig(files: ConfigFiles, config: Config): string[] {
  const problems: string[] = [];
  const parsed: Record<string, Section[]> = {};
  const includes: Record<string, string[]> = {};
  for (const [name, text] of Object.entries(files)) {
    const p = parseAsteriskFile(text);
    p.errors.forEach((e) => problems.push(`${name}: ${e}`));
    parsed[name] = p.sections;
    includes[name] = p.includes;
  }
  // an included file's sections count as the including file's
  for (const [name, included] of Object.entries(includes)) {
    for (const inc of included) {
      if (parsed[inc]) parsed[name] = [...parsed[name]!, ...parsed[inc]!];
      else problems.push(`${name}: includes ${inc}, which was not rendered`);
    }
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
      if ((e.key === "aors" || e.key === "endpoint" || e.key === "auth") && !sectionNames("pjsip.conf").has(e.value)) problems.push(`pjsip.conf [${s.name}]: ${e.key} "${e.value}" is not defined`);
    }
  }
  problems.push(...checkSipSecurity(parsed["pjsip.conf"] ?? [], config));
  const t = config.telephony;
  for (const target of [t.transfer, t.queue, t.fallback]) if (!contexts.has(target.context)) problems.push(`extensions.conf: transfer/queue/fallback context "${target.context}" is missing`);
  const dialplan = (parsed["extensions.conf"] ?? []).flatMap((s) => s.entries.map((e) => ({ context: s.name, ...e })));
  const stasis = dialplan.findIndex((e) => new RegExp(`Stasis\\(${t.ari.app}[,)]`).test(e.value));
  if (stasis < 0) problems.push(`extensions.conf: nothing sends calls to Stasis(${t.ari.app})`);
  else {
    // Stasis returns at once when the app is not registered: the next step must be the fallback
    const next = dialplan[stasis + 1];
    const fallback = `Goto(${t.fallback.context},${t.fallback.extension},${t.fallback.priority})`;
    if (!next || next.context !== dialplan[stasis]!.context || !next.value.includes(fallback)) problems.push(`extensions.conf: after Stasis(${t.ari.app}) the dialplan must go on to ${fallback}, or callers hear silence while Sahayak is down`);
  }
  if (get("ari.conf", t.ari.user, "type")[0] !== "user") problems.push(`ari.conf: no ARI user "${t.ari.user}"`);
  if (get("http.conf", "general", "enabled")[0] !== "yes") problems.push("http.conf: the HTTP server (ARI) is not enabled");
  const queues = sectionNames("queues.conf");
  for (const s of parsed["extensions.conf"] ?? []) for (const e of s.entries) for (const m of e.value.matchAll(/Queue\(([^,)]+)/g)) if (!queues.has(m[1]!)) problems.push(`extensions.conf: queue "${m[1]}" is not in queues.conf`);
  const mohClasses = sectionNames("musiconhold.conf");
  for (const q of parsed["queues.conf"] ?? []) {
    const music = get("queues.conf", q.name, "musicclass")[0];
    if (!music) problems.push(`queues.conf [${q.name}]: no musicclass: a waiting caller hears silence`);
    else if (!mohClasses.has(music)) problems.push(`queues.conf [${q.name}]: music class "${music}" is not in musiconhold.conf`);
    if (!get("queues.conf", q.name, "periodic-announce").length) problems.push(`queues.conf [${q.name}]: no periodic-announce: a waiting caller is never told to hold`);
  }
  const wsFormat = get("chan_websocket.conf", "global", "control_message_format")[0];
  if (wsFormat !== t.media.websocketControlFormat) problems.push(`chan_websocket.conf: control_message_format is ${wsFormat ?? "not set"}, Sahayak expects ${t.media.websocketControlFormat}`);
  const modules = new Set((parsed["modules.conf"] ?? []).flatMap((s) => s.entries.filter((e) => e.key === "load").map((e) => e.value)));
  for (const m of [...requiredModules(t.media.transport), ...FALLBACK_MODULES]) if (!modules.has(m)) problems.push(`modules.conf: ${m} is not loaded`);
  if (t.asterisk.metrics.enabled) {
    if (!modules.has("res_prometheus.so")) problems.push("modules.conf: res_prometheus.so is not loaded (telephony.asterisk.metrics.enabled)");
    const general = (key: string) => get("prometheus.conf", "general", key)[0];
    if (general("enabled") !== "yes") problems.push("prometheus.conf: res_prometheus is not enabled");
    if (!general("auth_username") || !general("auth_password")) problems.push("prometheus.conf: Asterisk's metrics need Basic auth (auth_username and auth_password)");
  }
  return problems;
}

/** SIP listens on a named address; every agent endpoint authenticates, or is held to an allow-list. */
function checkSipSecurity(pjsip: Section[], config: Config): string[] {
  const problems: string[] = [];
  const values = (s: Section, key: string) => s.entries.filter((e) => e.key === key).map((e) => e.value);
  const typed = (type: string) => pjsip.filter((s) => values(s, "type")[0] === type);
  for (const transport of typed("transport")) {
    const bind = values(transport, "bind")[0] ?? "";
    const host = bind.startsWith("[") ? bind.slice(1, bind.indexOf("]")) : bind.replace(/:\d+$/, "");
    if (WILDCARD_ADDRESSES.has(host)) problems.push(`pjsip.conf [${transport.name}]: binds to every address (${bind || "no bind"}); set telephony.asterisk.sipBind to the address the gateway and the agents reach`);
  }
  const auths = new Map(typed("auth").map((s) => [s.name, s]));
  const agents = new Set([...agentEndpoints(config.telephony.asterisk.agents), ...typed("endpoint").filter((s) => values(s, "context")[0] === "sahayak-agents").map((s) => s.name)]);
  for (const endpoint of typed("endpoint").filter((s) => agents.has(s.name))) {
    const auth = auths.get(values(endpoint, "auth")[0] ?? "");
    const authenticated = !!auth && !!values(auth, "username")[0] && !!values(auth, "password")[0];
    const denies = values(endpoint, "deny");
    const allowList = DENY_ALL.every((d) => denies.includes(d)) && values(endpoint, "permit").length > 0;
    const badPermits = values(endpoint, "permit").filter((p) => !validPermit(p));
    if (badPermits.length) problems.push(`pjsip.conf [${endpoint.name}]: ${badPermits.map((p) => `"${p}"`).join(", ")} is not an address or address/prefix`);
    if (!authenticated && !allowList) {
      problems.push(`pjsip.conf [${endpoint.name}]: an agent endpoint with neither a password nor an allow-list: any phone that reaches Asterisk could register as it and be given callers. Set telephony.asterisk.agentAuth (credentials, and/or allowFrom)`);
    }
  }
  return problems;
}

function validPermit(permit: string): boolean {
  const [address, prefix, extra] = permit.split("/");
  if (extra !== undefined || !address || !isIP(address)) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) ? Number(prefix) <= (isIP(address) === 4 ? 32 : 128) : isIP(prefix) === isIP(address);
}

/** Every sound the dialplan and the queues name (absolute, without extension), and the music-on-hold directories. */
export function referencedSounds(files: ConfigFiles): { names: string[]; musicDirs: string[] } {
  const names = new Set<string>();
  for (const s of parseAsteriskFile(files["extensions.conf"] ?? "").sections) {
    for (const e of s.entries) for (const m of e.value.matchAll(/Playback\(([^,)]+)/g)) m[1]!.split("&").forEach((n) => names.add(n.trim()));
  }
  for (const s of parseAsteriskFile(files["queues.conf"] ?? "").sections) {
    for (const e of s.entries) if (e.key === "periodic-announce") e.value.split(/[,|]/).forEach((n) => names.add(n.trim()));
  }
  const musicDirs = parseAsteriskFile(files["musiconhold.conf"] ?? "").sections.flatMap((s) => s.entries.filter((e) => e.key === "directory").map((e) => e.value));
  return { names: [...names].filter(Boolean), musicDirs };
}

/**
 * The fallback sounds the rendered dialplan and queues play, each present in every format and language Asterisk
 * may need, and the queue's music: the check `sahayak asterisk config` runs, and `sahayak doctor` will.
 */
export function checkFallbackSounds(config: Config): string[] {
  const { names, musicDirs } = referencedSounds(renderAsteriskConfig(config));
  const problems = names.filter((n) => !n.startsWith("/")).map((n) => `the dialplan plays "${n}", which is not a sound Sahayak renders (no absolute path)`);
  problems.push(...checkSoundFiles(names.filter((n) => n.startsWith("/"))));
  for (const dir of musicDirs) problems.push(...checkSoundFiles([], dir));
  return problems;
}
