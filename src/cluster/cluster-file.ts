// The cluster file: one JSON document listing the nodes (each an Asterisk with its Sahayak), the Kamailio in
// front of them, the telco's trunk, and the PostgreSQL they share. `sahayak cluster config` renders everything
// from it; nothing about the topology is written anywhere else.
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { z } from "zod";

const ipAddress = z.string().refine((a) => isIP(a) !== 0, { message: "must be an IP address (SIP peers are matched by address)" });
const port = z.number().int().min(1).max(65535);

const nodeSchema = z.strictObject({
  /** A short name: the node's folder in the rendered output, and its dispatcher id. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/, "lower-case letters, digits and dashes"),
  /** The node's address on the cluster's network: its Asterisk's SIP and its health responder listen here. */
  address: ipAddress,
  sipPort: port.default(5060),
  /** Sahayak's SIP OPTIONS health responder (ops.sipHealth), what Kamailio probes. */
  healthPort: port.default(5070),
  /** Share of new calls relative to the other nodes (1-100). */
  weight: z.number().int().min(1).max(100).default(50),
  /** Settings of this node only, over the cluster's common `sahayak` settings. */
  sahayak: z.record(z.string(), z.unknown()).default({}),
});

export const clusterSchema = z.strictObject({
  kamailio: z
    .strictObject({
      /** Where Kamailio listens: the address the telco sends calls to, and the nodes reach. */
      address: ipAddress,
      port: port.default(5060),
      /** Where the rendered kamailio.cfg will find dispatcher.list on the Kamailio host. */
      configDir: z.string().default("/etc/kamailio"),
      /** Kamailio's worker processes for UDP. */
      children: z.number().int().min(1).max(64).default(4),
      /** Each node is probed (OPTIONS) this often. */
      probeIntervalSeconds: z.number().int().min(1).default(5),
      /** Failed probes before a node is taken out, and answered ones before it is put back. */
      probeThreshold: z.number().int().min(1).default(2),
      /** A node that has not answered an INVITE (100 Trying) within this is skipped for the next one. */
      inviteTimeoutMs: z.number().int().min(100).default(2000),
    }),
  /** The state telco's SIP gateway: calls come from it, transfers to people go back through it. */
  telco: z.strictObject({ address: ipAddress, port: port.default(5060) }),
  postgres: z.strictObject({
    /** postgres://user:password@host:5432/database, shared by every node. */
    url: z.string().regex(/^postgres(ql)?:\/\//, "a postgres:// URL"),
  }),
  /** Sahayak settings every node shares (its config file's contents), under each node's own. */
  sahayak: z.record(z.string(), z.unknown()).default({}),
  nodes: z
    .array(nodeSchema)
    .min(1)
    .refine((nodes) => new Set(nodes.map((n) => n.name)).size === nodes.length, { message: "node names must differ" })
    .refine((nodes) => new Set(nodes.map((n) => `${n.address}:${n.sipPort}`)).size === nodes.length, { message: "two nodes have the same address and SIP port" }),
});

export type Cluster = z.infer<typeof clusterSchema>;
export type ClusterNode = Cluster["nodes"][number];

export class ClusterFileError extends Error {}

export function parseCluster(value: unknown, source = "the cluster file"): Cluster {
  const parsed = clusterSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(top)"}: ${i.message}`).join("\n");
    throw new ClusterFileError(`invalid cluster description in ${source}:\n${problems}`);
  }
  return parsed.data;
}

export function readClusterFile(path: string): Cluster {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ClusterFileError(`cannot read the cluster file ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ClusterFileError(`the cluster file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseCluster(value, path);
}
