// A knowledge-base snapshot as one run of bytes, for the cluster's database: the same Arrow IPC tables a backup
// holds (knowledge/store.ts snapshot, tableToBytes), behind a small header, gzipped (in the thread pool: a
// serving node unpacks while it takes calls). Its SHA-256 is kept beside it, and checked before it is opened.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { z } from "zod";
import { snapshotProblems, TABLE_NAMES, tableFromBytes, tableToBytes, type KbSnapshot } from "../knowledge/index.js";

const MAGIC = Buffer.from("SAHAYAK-KB\n");
const HEADER_LENGTH_BYTES = 4;

const HEADER = z.strictObject({
  format: z.literal(1),
  kbVersion: z.number().int().positive(),
  time: z.string().min(1),
  /** Each table's bytes, in TABLE_NAMES order after the header. */
  tables: z.strictObject({ schemes: z.number().int().nonnegative(), history: z.number().int().nonnegative(), commits: z.number().int().nonnegative() }),
});

export class KbPackageError extends Error {}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The snapshot packed and compressed. */
export async function packSnapshot(snapshot: KbSnapshot): Promise<Buffer> {
  const tables = TABLE_NAMES.map((name) => tableToBytes(snapshot.tables[name]));
  const header = Buffer.from(JSON.stringify({ format: 1, kbVersion: snapshot.kbVersion, time: snapshot.time, tables: Object.fromEntries(TABLE_NAMES.map((name, i) => [name, tables[i]!.byteLength])) }));
  const length = Buffer.alloc(HEADER_LENGTH_BYTES);
  length.writeUInt32BE(header.byteLength);
  return promisify(gzip)(Buffer.concat([MAGIC, length, header, ...tables]));
}

/**
 * The snapshot back from packed bytes, after checking them against `sha256`; anything short, altered or not a
 * snapshot is refused with what is wrong (and nothing is opened).
 */
export async function unpackSnapshot(packed: Uint8Array, sha256: string): Promise<KbSnapshot> {
  const actual = sha256Hex(packed);
  if (actual !== sha256) throw new KbPackageError(`its checksum is ${actual.slice(0, 12)}…, not the published ${sha256.slice(0, 12)}… (${packed.byteLength} bytes): damaged or incomplete`);
  let raw: Buffer;
  try {
    raw = await promisify(gunzip)(packed);
  } catch (err) {
    throw new KbPackageError(`it cannot be decompressed (${(err as Error).message})`);
  }
  if (raw.byteLength < MAGIC.byteLength + HEADER_LENGTH_BYTES || !raw.subarray(0, MAGIC.byteLength).equals(MAGIC)) throw new KbPackageError("it is not a Sahayak knowledge-base snapshot");
  const headerEnd = MAGIC.byteLength + HEADER_LENGTH_BYTES + raw.readUInt32BE(MAGIC.byteLength);
  let header: z.infer<typeof HEADER>;
  try {
    header = HEADER.parse(JSON.parse(raw.subarray(MAGIC.byteLength + HEADER_LENGTH_BYTES, headerEnd).toString("utf8")));
  } catch (err) {
    throw new KbPackageError(`its header is unreadable (${(err as Error).message.slice(0, 200)})`);
  }
  const expected = headerEnd + TABLE_NAMES.reduce((sum, name) => sum + header.tables[name], 0);
  if (raw.byteLength !== expected) throw new KbPackageError(`it holds ${raw.byteLength} bytes where its header names ${expected}`);
  const tables = {} as KbSnapshot["tables"];
  let offset = headerEnd;
  for (const name of TABLE_NAMES) {
    const bytes = raw.subarray(offset, offset + header.tables[name]);
    offset += bytes.byteLength;
    try {
      tables[name] = tableFromBytes(bytes);
    } catch (err) {
      throw new KbPackageError(`its ${name} table is unreadable (${(err as Error).message.slice(0, 200)})`);
    }
  }
  const problems = snapshotProblems(header.kbVersion, tables);
  if (problems.length) throw new KbPackageError(`it is not a whole knowledge base: ${problems.join("; ")}`);
  return { kbVersion: header.kbVersion, time: header.time, tables };
}
