// The API's answers, typed from the server's own modules (type imports only: nothing of the server is
// bundled into the pages).
import type { DoctorReport } from "../../admin/doctor.js";
import type { LiveCall } from "../../call/index.js";
import type { CommitResult, FieldChange, HistoryEntry, ImportPreview, KbCommit, Problem, SchemeRecord, SearchHit } from "../../knowledge/index.js";
import type { ReadinessReport } from "../../ops/readiness.js";
import type { AuditEntry, CallDetail, CallStats, CallSummary, UnansweredGroup, UserSummary } from "../../store/index.js";

export type { AuditEntry, CallDetail, CallStats, CallSummary, CommitResult, DoctorReport, FieldChange, HistoryEntry, ImportPreview, KbCommit, LiveCall, Problem, ReadinessReport, SchemeRecord, SearchHit, UnansweredGroup, UserSummary };

/** A call in progress: a record's state and mode are any its process wrote; `node` in a cluster. */
export type LiveRow = Omit<LiveCall, "state" | "mode"> & { state: string; mode: string; node?: string };

export interface LiveAnswer {
  now: string;
  inServe: boolean;
  /** This process's calls, then those other serving processes have open (as their records show them). */
  calls: LiveRow[];
}

export interface OverviewAnswer {
  now: string;
  live: LiveAnswer;
  today: Omit<CallStats, "buckets">;
  range: "24h" | "7d" | "30d";
  stats: CallStats;
  readiness: ReadinessReport;
  knowledgeBase: { version: number; schemes: number };
}

export interface Paged {
  total: number;
  page: number;
  pageSize: number;
}

export interface KbInfo {
  version: number;
  schemes: number;
  lastChange: KbCommit | null;
  states: string[];
  categories: string[];
}

export type Hit = SearchHit & { nameHi: string | null; level: string | null; state: string | null };

export interface SchemeAnswer {
  kbVersion: number;
  version: number;
  current: boolean;
  exists: boolean;
  record: SchemeRecord;
}

export interface ReplyInfo {
  text: string;
  lang: string;
  action: string;
  intent: string;
  field: string | null;
  schemeIds: string[];
  source: string;
  hasMore: boolean;
}

export interface TryAnswer {
  earlier: { question: string; reply: ReplyInfo }[];
  reply: ReplyInfo;
  schemes: { schemeId: string; name: string; nameHi: string | null }[];
  why: SearchHit[];
  spoken: { text: string; lang: string }[];
  audio: string;
  kbVersion: number;
}

export interface HealthAnswer {
  readiness: ReadinessReport;
  models: { id: string; kind: string; engine: string; languages: string[]; license: string | null; source: string | null }[];
  modelsProblem: string | null;
  modelsDir: string;
  knowledgeBase: { version: number; schemes: number; lastChange: KbCommit | null };
  disk: { path: string; freeMb: number; minFreeMb: number; warnFreeMb: number };
  doctor: { startedAt: string; by: string; finishedAt?: string; report?: DoctorReport; error?: string } | null;
  doctorRunning: boolean;
  inServe: boolean;
}

export interface VersionBrief extends Omit<KbCommit, "added" | "updated" | "deleted"> {
  added: { count: number; ids: string[] };
  updated: { count: number; ids: string[] };
  deleted: { count: number; ids: string[] };
}
