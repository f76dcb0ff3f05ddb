// Knowledge-base snapshots published for a cluster, kept in its PostgreSQL: the one thing the nodes share, so
// the snapshot's bytes go in it too, in chunks. A publication is one transaction (the row, its chunks, the
// NOTIFY that wakes every serving node), so a node never sees a snapshot whose bytes are not all there.
import pg from "pg";
import type { StoreConfig } from "../config.js";
import { inTransaction } from "./pg-pool.js";

/** The channel a publication is announced on; the payload is the snapshot's id. */
export const KB_CHANNEL = "sahayak_kb_published";

/** A published snapshot, as every node reads it. */
export interface PublishedKb {
  id: number;
  kbVersion: number;
  /** The commit time of that version: with kbVersion, which knowledge base it is. */
  kbTime: string;
  sha256: string;
  bytes: number;
  schemes: number;
  node: string;
  actor: string;
  publishedAt: string;
}

export type KbToPublish = Omit<PublishedKb, "id" | "publishedAt" | "node" | "bytes">;

/** The cluster's published knowledge bases (PostgreSQL backend only). */
export interface KbSnapshots {
  /** Stores a snapshot and announces it; keeps only the newest `kbSync.keep`. */
  publish(meta: KbToPublish, data: Uint8Array): Promise<PublishedKb>;
  latest(): Promise<PublishedKb | undefined>;
  /** The snapshot's bytes, as stored (the caller checks them against sha256). */
  fetch(id: number): Promise<Buffer>;
  /** Calls `published` with each announced snapshot's id until stopped; `lost` once if the connection dies. */
  listen(published: (id: number) => void, lost: (err: Error) => void): Promise<{ stop(): Promise<void> }>;
}

interface SnapshotRow {
  id: number;
  kb_version: number;
  kb_time: string;
  sha256: string;
  bytes: number;
  schemes: number;
  node: string;
  actor: string;
  published_at: number;
}

const published = (r: SnapshotRow): PublishedKb => ({
  id: r.id,
  kbVersion: r.kb_version,
  kbTime: r.kb_time,
  sha256: r.sha256,
  bytes: r.bytes,
  schemes: r.schemes,
  node: r.node,
  actor: r.actor,
  publishedAt: new Date(r.published_at).toISOString(),
});

export function pgKbSnapshots(pool: pg.Pool, pgc: StoreConfig["postgres"], node: string, now: () => number): KbSnapshots {
  return {
    publish: (meta, data) =>
      inTransaction(pool, async (db) => {
        const { rows } = await db.query<SnapshotRow>(
          "INSERT INTO kb_snapshots (kb_version, kb_time, sha256, bytes, schemes, node, actor, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *",
          [meta.kbVersion, meta.kbTime, meta.sha256, data.byteLength, meta.schemes, node, meta.actor, now()],
        );
        const row = rows[0]!;
        const chunk = pgc.kbSync.chunkBytes;
        for (let seq = 0; seq * chunk < data.byteLength || seq === 0; seq++) {
          await db.query("INSERT INTO kb_snapshot_chunks (snapshot_id, seq, data) VALUES ($1, $2, $3)", [row.id, seq, Buffer.from(data.buffer, data.byteOffset + seq * chunk, Math.min(chunk, data.byteLength - seq * chunk))]);
        }
        await db.query("DELETE FROM kb_snapshots WHERE id NOT IN (SELECT id FROM kb_snapshots ORDER BY id DESC LIMIT $1)", [pgc.kbSync.keep]);
        // delivered at commit, to every session listening
        await db.query("SELECT pg_notify($1, $2)", [KB_CHANNEL, String(row.id)]);
        return published(row);
      }),
    latest: async () => {
      const { rows } = await pool.query<SnapshotRow>("SELECT * FROM kb_snapshots ORDER BY id DESC LIMIT 1");
      return rows[0] && published(rows[0]);
    },
    fetch: async (id) => {
      // a chunk a query: one message of the whole snapshot is parsed on the event loop the calls share, at length
      const chunks: Buffer[] = [];
      for (;;) {
        const { rows } = await pool.query<{ data: Buffer }>("SELECT data FROM kb_snapshot_chunks WHERE snapshot_id = $1 AND seq = $2", [id, chunks.length]);
        if (!rows[0]) return Buffer.concat(chunks);
        chunks.push(rows[0].data);
      }
    },
    listen: async (onPublished, lost) => {
      // LISTEN holds a session of its own: not one of the pool's, which are handed to whoever asks next
      const client = new pg.Client({ connectionString: pgc.url, connectionTimeoutMillis: pgc.connectTimeoutMs, application_name: `sahayak-kb@${node}` });
      let stopped = false;
      let failed = false;
      const fail = (err: Error) => {
        if (stopped || failed) return;
        failed = true;
        lost(err);
      };
      client.on("error", fail);
      client.on("end", () => fail(new Error("the database closed the connection")));
      client.on("notification", (msg) => {
        const id = Number(msg.payload);
        if (msg.channel === KB_CHANNEL && Number.isInteger(id)) onPublished(id);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${KB_CHANNEL}`);
      } catch (err) {
        stopped = true;
        await client.end().catch(() => undefined);
        throw err;
      }
      return {
        async stop() {
          stopped = true;
          await client.end().catch(() => undefined);
        },
      };
    },
  };
}
