// What the knowledge base's store takes and answers: commits, history, change sets, snapshots, errors.
import type { Table as ArrowTable } from "apache-arrow";
import type { KnowledgeConfig } from "../config.js";
import type { EmbeddingEngine } from "./embedding.js";
import type { Lexicon } from "./lexicon.js";
import type { SchemeRecord } from "./schema.js";
import type { TableName } from "./tables.js";

export type CommitOp = "import" | "add" | "update" | "delete" | "rollback";

export interface KbCommit {
  version: number;
  time: string;
  actor: string;
  reason: string;
  op: CommitOp;
  added: string[];
  updated: string[];
  deleted: string[];
}

export interface HistoryEntry {
  schemeId: string;
  kbVersion: number;
  op: "add" | "update" | "delete";
  hash: string;
  time: string;
  actor: string;
  reason: string;
}

export interface ChangeSet {
  upserts: SchemeRecord[];
  deletes: string[];
}

export interface CommitMeta {
  actor: string;
  reason: string;
  op: CommitOp;
}

export interface CommitResult {
  /** KB version after the change (unchanged when nothing changed). */
  version: number;
  created: boolean;
  added: string[];
  updated: string[];
  deleted: string[];
  unchanged: number;
}

export type ProgressFn = (phase: string, done: number, total: number) => void;

/** What `compact` removed. */
export interface CompactResult {
  kbVersion: number;
  bytesBefore: number;
  bytesAfter: number;
  versionsRemoved: number;
  /** Old table versions kept because they are committed or a running process (serve) still reads them. */
  keptInUse: number;
}

/** Which knowledge base a copy holds: a version and its commit time (two nodes' version 5 may differ). */
export interface KbIdentity {
  kbVersion: number;
  time: string;
}

/** The knowledge base at one version, every table whole: what a backup keeps and a restore puts back. */
export interface KbSnapshot {
  kbVersion: number;
  time: string;
  tables: Record<TableName, ArrowTable>;
}

export interface StoreOptions {
  dataDir: string;
  knowledge: KnowledgeConfig;
  embedder?: EmbeddingEngine | null;
  lexicon?: Lexicon;
  /**
   * A long-running process (serve, console): a change leaves its rows outside the full-text indexes (up to
   * knowledge.indexing.maxUnindexedRows; searches read them row by row) and they are indexed once the
   * knowledge base has been quiet a while, off the request path. Otherwise the change indexes them itself.
   */
  indexInBackground?: boolean;
  /** A background indexing that failed (the knowledge base stays whole; its rows stay searched row by row). */
  onBackgroundError?: (err: Error) => void;
}

export class KbError extends Error {
  constructor(
    message: string,
    readonly kind: "not_found" | "invalid" | "conflict" | "io" = "invalid",
  ) {
    super(message);
  }
}
