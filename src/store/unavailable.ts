// Whether an error means the store's database cannot be used just now (PostgreSQL down or unreachable, the
// SQLite file locked, unreadable or closed), rather than a fault in what was asked: the console answers those
// with 503 and a sentence about the database, not a bare 500.
import { isUnreachable } from "./pg-pool.js";

/** SQLite result codes of a database that cannot be used as it stands (not of a bad statement). */
const SQLITE_UNUSABLE = /^SQLITE_(BUSY|LOCKED|IOERR|READONLY|CANTOPEN|CORRUPT|FULL|NOTADB)/;
/** The socket's errors for a server that cannot be reached (other E-codes are files, not the database). */
const SOCKET_UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

export function databaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && code.startsWith("SQLITE_")) return SQLITE_UNUSABLE.test(code);
  if (typeof code === "string" && /^E[A-Z_]+$/.test(code)) return SOCKET_UNREACHABLE.has(code);
  // better-sqlite3's on a closed database; otherwise PostgreSQL's SQL states and the driver's own messages
  if (err instanceof TypeError) return /database connection is not open/.test(err.message);
  return isUnreachable(err);
}
