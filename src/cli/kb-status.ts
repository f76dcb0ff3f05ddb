// `sahayak kb status`: which knowledge-base version this node's copy holds and, in a cluster, which version
// each serving node answers from (each reports it with its lease's heartbeat), so a node left behind is seen.
import type { Command } from "commander";
import { openKnowledgeBase } from "../knowledge/index.js";
import type { ServingNode } from "../store/index.js";
import { contextOf } from "./context.js";
import { printJson, printLine } from "./output.js";
import { withBackend } from "./store.js";

export function registerKbStatus(kb: Command): void {
  kb.command("status")
    .option("--json", "machine-readable output: {local, nodes}")
    .description("the knowledge-base version here and, in a cluster, the one each serving node answers from")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const kb = await openKnowledgeBase(ctx.config);
      const local = { version: kb.store.kbVersion, schemes: kb.store.size };
      await kb.close();
      const cluster = ctx.config.store.backend === "postgres";
      const nodes = cluster ? await withBackend(ctx, (store) => store.servingNodes()) : [];
      if (opts.json) return printJson({ local, nodes });
      printLine(`this node's copy: version ${local.version} (${local.schemes} schemes)`);
      if (!cluster) return printLine("no cluster (store.backend is sqlite): this node answers from its own copy");
      if (!nodes.length) return printLine("no node is serving calls now (none holds a live lease in the cluster's database)");
      const newest = Math.max(...nodes.map((n) => n.kbVersion ?? 0));
      nodes.forEach((n) => printLine(nodeLine(n, newest)));
    });
}

function nodeLine(n: ServingNode, newest: number): string {
  const version = n.kbVersion === null ? "version unknown" : `version ${n.kbVersion}${n.kbVersion < newest ? ` (the newest served is ${newest})` : ""}`;
  return `${n.node.padEnd(12)} ${version.padEnd(34)} ${n.process}, last heartbeat ${n.lastBeat}`;
}
