// Everything a cluster runs on, rendered from its cluster file: Kamailio's configuration (the nodes' Asterisks
// as one dispatcher set, probed with OPTIONS through each node's Sahayak health responder, the telco's trunk on
// Kamailio's side) and each node's Sahayak config and Asterisk configuration (its trunk is Kamailio).
//
// How a node that is not ready is routed around: Kamailio's dispatcher pings every destination with OPTIONS,
// and the destination's `obproxy` attribute sends that ping to the node's Sahayak (ops.sipHealth), which
// answers 200 only while /readyz would, 503 otherwise; a dead Sahayak does not answer at all. Either way the
// node is marked inactive after `probeThreshold` failures and gets no new calls until it answers again. A node
// that fails an INVITE (5xx, or no answer within inviteTimeoutMs) is marked and the call tried on the next one.
import { loadConfig, type Config } from "../config.js";
import type { AgentPasswords } from "../telephony/agent-auth.js";
import { checkAsteriskConfig, renderAsteriskConfig, type ConfigFiles } from "../telephony/asterisk-config.js";
import type { Cluster, ClusterNode } from "./cluster-file.js";

/** Where a node's copy of the cluster's caller salt is rendered; it goes to the node's store.saltFile. */
export const CALLER_SALT_FILE = "caller-salt";

/** The dispatcher set holding the nodes. */
const NODES_SET = 1;
/** ds_select_dst's algorithm: weight-based (the `weight` attributes). */
const BY_WEIGHT = 9;

export interface RenderedCluster {
  /** Path (relative to the output folder) → contents. */
  files: Record<string, string>;
  problems: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `over` on top of `base`, objects merged key by key (arrays and values replaced). */
export function mergeSettings(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = isObject(value) && isObject(out[key]) ? mergeSettings(out[key] as Json, value) : value;
  return out;
}

/** A node's config as Sahayak reads it (every default filled in). */
export function nodeConfig(cluster: Cluster, node: ClusterNode): Config {
  return loadConfig({ path: undefined, env: {}, overrides: nodeSettings(cluster, node) });
}

/** The node's Sahayak config file: the cluster's settings, the node's own, then what the topology fixes. */
export function nodeSettings(cluster: Cluster, node: ClusterNode): Json {
  const own = mergeSettings(cluster.sahayak, node.sahayak);
  return mergeSettings(own, {
    store: { backend: "postgres", postgres: { url: cluster.postgres.url, node: node.name } },
    telephony: { asterisk: { sipBind: node.address, sipPort: node.sipPort, gatewayHost: cluster.kamailio.address, gatewayPort: cluster.kamailio.port } },
    ops: { sipHealth: { enabled: true, host: node.address, port: node.healthPort } },
  });
}

function sipUri(address: string, port: number): string {
  return `sip:${address.includes(":") ? `[${address}]` : address}:${port}`;
}

export function renderDispatcherList(cluster: Cluster): string {
  const lines = cluster.nodes.map((n) => `${NODES_SET} ${sipUri(n.address, n.sipPort)} 0 0 duid=${n.name};weight=${n.weight};obproxy=${sipUri(n.address, n.healthPort)}`);
  return `# setid destination flags priority attributes; rendered by \`sahayak cluster config\`.
# Each node's Asterisk; OPTIONS probes go to the node's Sahayak health responder (obproxy), which answers
# 200 only while the node is ready.
${lines.join("\n")}
`;
}

export function renderKamailioCfg(cluster: Cluster): string {
  const k = cluster.kamailio;
  const telco = sipUri(cluster.telco.address, cluster.telco.port);
  const listen = k.address.includes(":") ? `[${k.address}]` : k.address;
  return `#!KAMAILIO
# The helpline's SIP front: calls from the telco trunk are spread over the Sahayak nodes' Asterisks (dispatcher
# set ${NODES_SET}); a node that is not ready stops answering the OPTIONS probe (its Sahayak health responder) and is
# left out until it answers again; a node that fails an INVITE is marked and the call tried on the next. Calls a
# node sends out (transfers to people) go to the telco. Media flows between the telco and the nodes directly.
# Rendered by \`sahayak cluster config\` from the cluster file: edit that, not this.

debug=2
log_stderror=no
log_facility=LOG_LOCAL0
fork=yes
children=${k.children}
auto_aliases=no
listen=udp:${listen}:${k.port}

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "dispatcher.so"

modparam("tm", "fr_timer", ${k.inviteTimeoutMs})
modparam("tm", "fr_inv_timer", 120000)
modparam("rr", "enable_full_lr", 0)
modparam("rr", "append_fromtag", 1)
modparam("dispatcher", "list_file", "${k.configDir}/dispatcher.list")
modparam("dispatcher", "flags", 2)
modparam("dispatcher", "ds_ping_method", "OPTIONS")
modparam("dispatcher", "ds_ping_from", "sip:probe@${listen}:${k.port}")
modparam("dispatcher", "ds_ping_interval", ${k.probeIntervalSeconds})
modparam("dispatcher", "ds_probing_mode", 1)
modparam("dispatcher", "ds_probing_threshold", ${k.probeThreshold})
modparam("dispatcher", "ds_inactive_threshold", ${k.probeThreshold})
modparam("dispatcher", "ds_ping_reply_codes", "class=2")

request_route {
	if (!mf_process_maxfwd_header("10")) {
		sl_send_reply("483", "Too Many Hops");
		exit;
	}
	# keep-alives addressed to Kamailio itself (the nodes' Asterisks qualify their trunk)
	if (is_method("OPTIONS") && uri == myself && $rU == $null) {
		sl_send_reply("200", "OK");
		exit;
	}
	if (has_totag()) {
		if (loose_route()) {
			t_relay();
			exit;
		}
		if (is_method("ACK") && t_check_trans()) t_relay();
		exit;
	}
	if (is_method("CANCEL")) {
		if (t_check_trans()) t_relay();
		exit;
	}
	t_check_trans();
	remove_hf("Route");
	if ($si == "${cluster.telco.address}") {
		route(TO_NODES);
		exit;
	}
	if (ds_is_from_list("${NODES_SET}")) {
		route(TO_TELCO);
		exit;
	}
	sl_send_reply("403", "Forbidden");
	exit;
}

# a new call from the telco: the next ready node by weight
route[TO_NODES] {
	if (!is_method("INVITE")) {
		sl_send_reply("405", "Method Not Allowed");
		exit;
	}
	record_route();
	if (!ds_select_dst("${NODES_SET}", "${BY_WEIGHT}")) {
		xlog("L_ERR", "no Sahayak node is ready: call $ci refused\\n");
		sl_send_reply("503", "No Helpline Node Available");
		exit;
	}
	t_on_failure("NEXT_NODE");
	if (!t_relay()) sl_reply_error();
}

# the node failed or did not answer: mark it and try the next ready one
failure_route[NEXT_NODE] {
	if (t_is_canceled()) exit;
	if (t_check_status("5[0-9][0-9]") || (t_branch_timeout() && !t_branch_replied())) {
		ds_mark_dst("ip");
		if (ds_next_dst()) {
			t_on_failure("NEXT_NODE");
			t_relay();
			exit;
		}
	}
}

# a node calling out (a transfer to a person): to the telco's gateway
route[TO_TELCO] {
	record_route();
	$du = "${telco}";
	if (!t_relay()) sl_reply_error();
}
`;
}

/**
 * Everything for the cluster: kamailio/*, and nodes/<name>/sahayak.json and nodes/<name>/asterisk/*. The
 * agents' SIP passwords are the cluster's (one set, so an agent's phone may register with any node).
 */
export function renderCluster(cluster: Cluster, agentPasswords: AgentPasswords = {}, callerSalt?: string): RenderedCluster {
  const files: Record<string, string> = {
    "kamailio/kamailio.cfg": renderKamailioCfg(cluster),
    "kamailio/dispatcher.list": renderDispatcherList(cluster),
  };
  const problems: string[] = [];
  for (const node of cluster.nodes) {
    const settings = nodeSettings(cluster, node);
    let config: Config;
    try {
      config = nodeConfig(cluster, node);
    } catch (err) {
      problems.push(`node ${node.name}: ${(err as Error).message}`);
      continue;
    }
    files[`nodes/${node.name}/sahayak.json`] = `${JSON.stringify(settings, null, 2)}\n`;
    // one salt for every node: a caller's hash (their rate limit, their conversation) is the same on each
    if (callerSalt) files[`nodes/${node.name}/${CALLER_SALT_FILE}`] = callerSalt;
    const asterisk: ConfigFiles = renderAsteriskConfig(config, agentPasswords);
    problems.push(...checkAsteriskConfig(asterisk, config).map((p) => `node ${node.name}: ${p}`));
    for (const [name, text] of Object.entries(asterisk)) files[`nodes/${node.name}/asterisk/${name}`] = text;
  }
  return { files, problems };
}
