// `sahayak cluster config --cluster FILE --out DIR`: Kamailio's configuration and each node's Sahayak and
// Asterisk configuration, rendered from the cluster file.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { ClusterFileError, readClusterFile } from "../cluster/cluster-file.js";
import { CALLER_SALT_FILE, nodeConfig, renderCluster } from "../cluster/render.js";
import { CallerHasher } from "../store/index.js";
import { ConfigError } from "../config.js";
import { AgentSecretsError, loadAgentPasswords } from "../telephony/agent-auth.js";
import { CliError, EXIT, printJson, printLine } from "./output.js";
import { SECRET_FILES } from "../admin/asterisk-files.js";

/** Files holding a password (Sahayak's config has the database's and ARI's): their group may read them, nobody else. */
const secret = (name: string) => SECRET_FILES.has(basename(name)) || basename(name) === "sahayak.json";

export function registerCluster(program: Command): void {
  program
    .command("cluster")
    .description("several Sahayak nodes behind one helpline number")
    .command("config")
    .requiredOption("--cluster <file>", "the cluster file (JSON: kamailio, telco, postgres, sahayak, nodes)")
    .requiredOption("--out <dir>", "folder to write kamailio/ and nodes/<name>/ into")
    .option("--json", "machine-readable output")
    .description("render Kamailio's configuration (dispatcher over the nodes, OPTIONS probing of each node's readiness, the telco trunk) and each node's Sahayak and Asterisk configuration")
    .action((opts: { cluster: string; out: string; json?: boolean }) => {
      let rendered: ReturnType<typeof renderCluster>;
      let secrets: string | undefined;
      try {
        const cluster = readClusterFile(opts.cluster);
        // the agents' passwords live beside the cluster file (made on first use, never changed after)
        const first = { ...nodeConfig(cluster, cluster.nodes[0]!), dataDir: dirname(resolve(opts.cluster)) };
        const agents = first.telephony.asterisk.agentAuth.credentials ? loadAgentPasswords(first) : undefined;
        secrets = agents?.file;
        // so is the caller salt: every node must hash a caller's number alike
        const saltFile = join(dirname(resolve(opts.cluster)), CALLER_SALT_FILE);
        CallerHasher.fromFile(saltFile);
        rendered = renderCluster(cluster, agents?.passwords, readFileSync(saltFile, "utf8"));
      } catch (err) {
        if (err instanceof ClusterFileError || err instanceof AgentSecretsError || err instanceof ConfigError) throw new CliError(err.message, EXIT.invalidInput);
        throw err;
      }
      if (rendered.problems.length) throw new CliError(`the rendered configuration has problems:\n  ${rendered.problems.join("\n  ")}`, EXIT.invalidInput);
      for (const [name, text] of Object.entries(rendered.files)) {
        const path = join(opts.out, name);
        mkdirSync(dirname(path), { recursive: true });
        const mode = basename(name) === CALLER_SALT_FILE ? 0o600 : secret(name) ? 0o640 : 0o644;
        writeFileSync(path, text, { mode });
        chmodSync(path, mode);
      }
      const files = Object.keys(rendered.files);
      if (opts.json) printJson({ ok: true, dir: opts.out, files, agentSecrets: secrets ?? null });
      else {
        printLine(`wrote ${files.length} files to ${opts.out}: kamailio/ (kamailio.cfg, dispatcher.list) and nodes/<name>/ (sahayak.json, asterisk/)`);
        if (secrets) printLine(`agents' SIP passwords (the same on every node) are kept in ${secrets}`);
        printLine("on each node: install nodes/<name>/asterisk/ as /etc/asterisk, sahayak.json as Sahayak's config, caller-salt as its store.saltFile (<data dir>/secrets/caller-salt, mode 0600), and run `sahayak asterisk sounds` for the fallback sounds");
      }
    });
}
