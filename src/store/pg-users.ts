// The console's accounts, their sessions and failed logins in the cluster's PostgreSQL: the same rows and the
// same rules as the embedded store's (users.ts), so a person logs in on any node's console with one account.
import type pg from "pg";
import type { Promised } from "./backend.js";
import { inTransaction } from "./pg-pool.js";
import { userSummary, type Role, type SessionRow, type UserRow, type UserStore, type UserSummary } from "./users.js";

export class PgUsers implements Promised<UserStore> {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number,
  ) {}

  private async changed(sql: string, values: unknown[], db: pg.Pool | pg.PoolClient = this.pool): Promise<number> {
    return (await db.query(sql, values)).rowCount ?? 0;
  }

  async get(name: string): Promise<UserRow | undefined> {
    return (await this.pool.query<UserRow>("SELECT * FROM users WHERE name = $1", [name])).rows[0];
  }

  async list(): Promise<UserSummary[]> {
    const now = this.now();
    return (await this.pool.query<UserRow>("SELECT * FROM users ORDER BY name")).rows.map((r) => userSummary(r, now));
  }

  async insert(name: string, role: Role, passwordHash: string): Promise<boolean> {
    const now = this.now();
    return (await this.changed("INSERT INTO users (name, role, password_hash, created_at, password_changed_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (name) DO NOTHING", [name, role, passwordHash, now])) === 1;
  }

  /** An account change that also ends its sessions, in one transaction. */
  private changeEndingSessions(sql: string, values: unknown[], name: string, endSessions = true): Promise<boolean> {
    return inTransaction(this.pool, async (db) => {
      const changed = (await this.changed(sql, values, db)) === 1;
      if (changed && endSessions) await db.query("DELETE FROM console_sessions WHERE user_name = $1", [name]);
      return changed;
    });
  }

  setPassword(name: string, passwordHash: string): Promise<boolean> {
    return this.changeEndingSessions("UPDATE users SET password_hash = $1, password_changed_at = $2, failed_logins = 0, locked_until = NULL WHERE name = $3", [passwordHash, this.now(), name], name);
  }

  async rehash(name: string, previous: string, passwordHash: string): Promise<boolean> {
    return (await this.changed("UPDATE users SET password_hash = $1 WHERE name = $2 AND password_hash = $3", [passwordHash, name, previous])) === 1;
  }

  setRole(name: string, role: Role): Promise<boolean> {
    return this.changeEndingSessions("UPDATE users SET role = $1 WHERE name = $2", [role, name], name);
  }

  setDisabled(name: string, disabled: boolean): Promise<boolean> {
    return this.changeEndingSessions(`UPDATE users SET disabled = $1${disabled ? "" : ", failed_logins = 0, locked_until = NULL"} WHERE name = $2`, [disabled ? 1 : 0, name], name, disabled);
  }

  /** The row is locked while counting: two nodes' wrong passwords for one account both count. */
  recordFailure(name: string, maxFailures: number, lockMs: number): Promise<{ failures: number; lockedUntil: number | null }> {
    return inTransaction(this.pool, async (db) => {
      const row = (await db.query<UserRow>("SELECT * FROM users WHERE name = $1 FOR UPDATE", [name])).rows[0];
      if (!row) return { failures: 0, lockedUntil: null };
      const failures = row.failed_logins + 1;
      const locks = failures >= maxFailures;
      const lockedUntil = locks ? this.now() + lockMs : row.locked_until;
      await db.query("UPDATE users SET failed_logins = $1, locked_until = $2 WHERE name = $3", [locks ? 0 : failures, lockedUntil, name]);
      return { failures, lockedUntil: locks ? lockedUntil : null };
    });
  }

  async recordLogin(name: string): Promise<void> {
    await this.pool.query("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 WHERE name = $2", [this.now(), name]);
  }

  async failuresFrom(address: string, since: number): Promise<number> {
    return (await this.pool.query<{ n: number }>("SELECT COUNT(*) AS n FROM login_failures WHERE address = $1 AND at > $2", [address, since])).rows[0]!.n;
  }

  async oldestFailureFrom(address: string, since: number): Promise<number | undefined> {
    return (await this.pool.query<{ at: number }>("SELECT at FROM login_failures WHERE address = $1 AND at > $2 ORDER BY at LIMIT 1", [address, since])).rows[0]?.at;
  }

  async recordAddressFailure(address: string): Promise<void> {
    await this.pool.query("INSERT INTO login_failures (address, at) VALUES ($1, $2)", [address, this.now()]);
  }

  async createSession(row: SessionRow): Promise<void> {
    await this.pool.query("INSERT INTO console_sessions (token_hash, user_name, csrf, created_at, seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)", [row.token_hash, row.user_name, row.csrf, row.created_at, row.seen_at, row.expires_at]);
  }

  async session(tokenHash: string): Promise<(SessionRow & { role: Role; disabled: number }) | undefined> {
    return (await this.pool.query<SessionRow & { role: Role; disabled: number }>("SELECT s.*, u.role, u.disabled FROM console_sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = $1", [tokenHash])).rows[0];
  }

  async touchSession(tokenHash: string, seenAt: number): Promise<void> {
    await this.pool.query("UPDATE console_sessions SET seen_at = $1 WHERE token_hash = $2", [seenAt, tokenHash]);
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.pool.query("DELETE FROM console_sessions WHERE token_hash = $1", [tokenHash]);
  }

  endSessionsOf(name: string): Promise<number> {
    return this.changed("DELETE FROM console_sessions WHERE user_name = $1", [name]);
  }

  async purge(idleBefore: number, failuresBefore: number): Promise<number> {
    const sessions = await this.changed("DELETE FROM console_sessions WHERE expires_at <= $1 OR seen_at <= $2", [this.now(), idleBefore]);
    await this.pool.query("DELETE FROM login_failures WHERE at <= $1", [failuresBefore]);
    return sessions;
  }
}
