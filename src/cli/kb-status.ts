// `sahayak kb status`: which knowledge-base version this node's copy holds and, in a cluster, which version
// each serving node answers from (each reports it with its lease's heartbeat) beside the one published for the
// cluster, so a node left behind is seen. `sahayak kb publish`: this node's copy, for every node of the cluster.
import type { Command } from "commander";
import { KbPublishError, publishKb } from "../admin/kb-sync.js";
import { KnowledgeStore, openKnowledgeBase } from "../knowledge/index.js";
import type { PublishedKb, ServingNode, StoreBackend } from "../store/index.js";
import { contextOf, type CliContext } from "./context.js";
import { CliError, EXIT, printJson, printLine } from "./output.js";
import { withBackend } from "./store.js";

export function registerKbStatus(kb: Command): void {
  kb.command("status")
    .option("--json", "machine-readable output: {local, published, nodes}")
    .description("the knowledge-base version here and, in a cluster, the published one and the one each serving node answers from")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const kb = await openKnowledgeBase(ctx.config);
      const local = { version: kb.store.kbVersion, schemes: kb.store.size };
      await kb.close();
      const cluster = ctx.config.store.backend === "postgres";
      const { nodes, published } = cluster
        ? await withBackend(ctx, async (store) => ({ nodes: await store.servingNodes(), published: (await store.kbSnapshots?.latest()) ?? null }))
        : { nodes: [], published: null };
      if (opts.json) return printJson({ local, published, nodes: nodes.map((n) => ({ ...n, onPublished: published ? n.kbVersion === published.kbVersion : null })) });
      printLine(`this node's copy: version ${local.version} (${local.schemes} schemes)`);
      if (!cluster) return printLine("no cluster (store.backend is sqlite): this node answers from its own copy");
      printLine(published ? `published for the cluster: version ${published.kbVersion} (${published.schemes} schemes), by ${published.actor} on ${published.node} at ${published.publishedAt}` : "nothing published for the cluster yet: each node answers from its own copy (`sahayak kb publish` on the node where edits are made)");
      if (!nodes.length) return printLine("no node is serving calls now (none holds a live lease in the cluster's database)");
      const newest = Math.max(...nodes.map((n) => n.kbVersion ?? 0));
      nodes.forEach((n) => printLine(nodeLine(n, published, newest)));
    });

  kb.command("publish")
    .option("--json", "machine-readable output")
    .option("--actor <name>", "who (kept in the audit log)")
    .description("publish this node's knowledge base for the cluster: every serving node fetches it and switches to it between calls")
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (ctx.config.store.backend !== "postgres") throw new CliError('kb publish is for a cluster: store.backend is "sqlite" here, so this node already answers from its own copy', EXIT.usage);
      const kb = await KnowledgeStore.open({ dataDir: ctx.config.dataDir, knowledge: ctx.config.knowledge });
      try {
        await withBackend(ctx, (store) => publish(ctx, kb, store, !!opts.json));
      } finally {
        kb.close();
      }
    });
}

async function publish(ctx: CliContext, kb: KnowledgeStore, store: StoreBackend, json: boolean): Promise<void> {
  let result: Awaited<ReturnType<typeof publishKb>>;
  try {
    result = await publishKb(kb, store.kbSnapshots!, ctx.actor);
  } catch (err) {
    if (err instanceof KbPublishError) throw new CliError(err.message, EXIT.conflict);
    throw err;
  }
  const p = result.published;
  if (!result.already) await store.audit.append(ctx.actor, "kb.publish", `version ${p.kbVersion}`, { snapshot: p.id, sha256: p.sha256, bytes: p.bytes, schemes: p.schemes });
  if (json) return printJson({ ok: true, already: result.already, ...p });
  if (result.already) return printLine(`version ${p.kbVersion} is already the published one (by ${p.actor} on ${p.node} at ${p.publishedAt}); nothing was published`);
  printLine(`published version ${p.kbVersion} (${p.schemes} schemes, ${(p.bytes / 2 ** 20).toFixed(1)} MB, sha256 ${p.sha256.slice(0, 12)}…): serving nodes switch to it between calls; see \`sahayak kb status\``);
}

/** A node's version beside the published one (with none published, beside the newest any node serves). */
function nodeLine(n: ServingNode, published: PublishedKb | null, newest: number): string {
  const where =
    n.kbVersion === null ? "" : !published ? (n.kbVersion < newest ? ` (the newest served is ${newest})` : "") : n.kbVersion === published.kbVersion ? " (the published one)" : n.kbVersion < published.kbVersion ? ` (behind the published ${published.kbVersion})` : " (not published)";
  const version = n.kbVersion === null ? "version unknown" : `version ${n.kbVersion}${where}`;
  return `${n.node.padEnd(12)} ${version.padEnd(40)} ${n.process}, last heartbeat ${n.lastBeat}`;
}
