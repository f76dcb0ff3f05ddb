// The console's accounts, their sessions and failed logins: rows only. Hashing passwords, checking them,
// throttling and the sessions' lifetimes are the console's (src/console/accounts.ts, auth.ts).
import type { Db } from "./db.js";

export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface UserSummary {
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string;
  lastLoginAt: string | null;
  /** Locked after too many wrong passwords, until then. */
  lockedUntil: string | null;
}

export interface UserRow {
  name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: number;
  password_changed_at: number;
  failed_logins: number;
  locked_until: number | null;
  last_login_at: number | null;
}

export interface SessionRow {
  token_hash: string;
  user_name: string;
  csrf: string;
  created_at: number;
  seen_at: number;
  expires_at: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An account as listed: a lock-out that has run out by `now` is not shown. */
export function userSummary(r: UserRow, now: number): UserSummary {
  return {
    name: r.name,
    role: r.role,
    disabled: r.disabled === 1,
    createdAt: iso(r.created_at)!,
    passwordChangedAt: iso(r.password_changed_at)!,
    lastLoginAt: iso(r.last_login_at),
    lockedUntil: r.locked_until !== null && r.locked_until > now ? iso(r.locked_until) : null,
  };
}

export class UserStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  get(name: string): UserRow | undefined {
    return this.db.prepare<[string], UserRow>("SELECT * FROM users WHERE name = ?").get(name);
  }

  list(): UserSummary[] {
    const now = this.now();
    return this.db.prepare<[], UserRow>("SELECT * FROM users ORDER BY name").all().map((r) => userSummary(r, now));
  }

  /** Adds an account; false when the name is taken. */
  insert(name: string, role: Role, passwordHash: string): boolean {
    const now = this.now();
    return this.db.prepare("INSERT OR IGNORE INTO users (name, role, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?)").run(name, role, passwordHash, now, now).changes === 1;
  }

  /** A new password unlocks the account and ends its sessions. */
  setPassword(name: string, passwordHash: string): boolean {
    return this.db.transaction(() => {
      const changed = this.db.prepare("UPDATE users SET password_hash = ?, password_changed_at = ?, failed_logins = 0, locked_until = NULL WHERE name = ?").run(passwordHash, this.now(), name).changes === 1;
      if (changed) this.endSessionsOf(name);
      return changed;
    })();
  }

  /** The same password's hash remade with other parameters (sessions and lock-out untouched); only over `previous`. */
  rehash(name: string, previous: string, passwordHash: string): boolean {
    return this.db.prepare("UPDATE users SET password_hash = ? WHERE name = ? AND password_hash = ?").run(passwordHash, name, previous).changes === 1;
  }

  setRole(name: string, role: Role): boolean {
    return this.db.transaction(() => {
      const changed = this.db.prepare("UPDATE users SET role = ? WHERE name = ?").run(role, name).changes === 1;
      // sessions carry no role (it is read on each request), but a demotion should take effect at once anyway
      if (changed) this.endSessionsOf(name);
      return changed;
    })();
  }

  /** Disabling ends the account's sessions; enabling also clears a lock-out. */
  setDisabled(name: string, disabled: boolean): boolean {
    return this.db.transaction(() => {
      const changed = this.db.prepare(`UPDATE users SET disabled = ?${disabled ? "" : ", failed_logins = 0, locked_until = NULL"} WHERE name = ?`).run(disabled ? 1 : 0, name).changes === 1;
      if (changed && disabled) this.endSessionsOf(name);
      return changed;
    })();
  }

  /** Counts a wrong password; at `maxFailures` in a row the account is locked for `lockMs`. */
  recordFailure(name: string, maxFailures: number, lockMs: number): { failures: number; lockedUntil: number | null } {
    return this.db.transaction(() => {
      const row = this.get(name);
      if (!row) return { failures: 0, lockedUntil: null };
      const failures = row.failed_logins + 1;
      const lockedUntil = failures >= maxFailures ? this.now() + lockMs : row.locked_until;
      this.db.prepare("UPDATE users SET failed_logins = ?, locked_until = ? WHERE name = ?").run(failures >= maxFailures ? 0 : failures, lockedUntil, name);
      return { failures, lockedUntil: failures >= maxFailures ? lockedUntil : null };
    })();
  }

  recordLogin(name: string): void {
    this.db.prepare("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE name = ?").run(this.now(), name);
  }

  /** Failed logins from one address since `since` (ms epoch). */
  failuresFrom(address: string, since: number): number {
    return this.db.prepare<[string, number], { n: number }>("SELECT COUNT(*) AS n FROM login_failures WHERE address = ? AND at > ?").get(address, since)!.n;
  }

  /** The oldest failure from the address still inside the window (to say when it may try again). */
  oldestFailureFrom(address: string, since: number): number | undefined {
    return this.db.prepare<[string, number], { at: number }>("SELECT at FROM login_failures WHERE address = ? AND at > ? ORDER BY at LIMIT 1").get(address, since)?.at;
  }

  recordAddressFailure(address: string): void {
    this.db.prepare("INSERT INTO login_failures (address, at) VALUES (?, ?)").run(address, this.now());
  }

  // --- sessions ---

  createSession(row: SessionRow): void {
    this.db.prepare("INSERT INTO console_sessions (token_hash, user_name, csrf, created_at, seen_at, expires_at) VALUES (@token_hash, @user_name, @csrf, @created_at, @seen_at, @expires_at)").run(row);
  }

  session(tokenHash: string): (SessionRow & { role: Role; disabled: number }) | undefined {
    return this.db
      .prepare<[string], SessionRow & { role: Role; disabled: number }>("SELECT s.*, u.role, u.disabled FROM console_sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = ?")
      .get(tokenHash);
  }

  touchSession(tokenHash: string, seenAt: number): void {
    this.db.prepare("UPDATE console_sessions SET seen_at = ? WHERE token_hash = ?").run(seenAt, tokenHash);
  }

  endSession(tokenHash: string): void {
    this.db.prepare("DELETE FROM console_sessions WHERE token_hash = ?").run(tokenHash);
  }

  endSessionsOf(name: string): number {
    return this.db.prepare("DELETE FROM console_sessions WHERE user_name = ?").run(name).changes;
  }

  /** Removes sessions past their expiry or idle since `idleBefore`, and failed logins older than `failuresBefore`. */
  purge(idleBefore: number, failuresBefore: number): number {
    const now = this.now();
    const sessions = this.db.prepare("DELETE FROM console_sessions WHERE expires_at <= ? OR seen_at <= ?").run(now, idleBefore).changes;
    this.db.prepare("DELETE FROM login_failures WHERE at <= ?").run(failuresBefore);
    return sessions;
  }
}
