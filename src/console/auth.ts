// Logging in and the sessions that follow. A wrong password counts against the account (locked after
// console.login.maxFailures in a row) and against the client's address (made to wait after
// maxFailuresPerAddress within the window); every login, failure, lock-out and logout is audited. The
// session's token lives only in the browser's cookie: the store keeps its sha256, with the session's CSRF
// token, creation, last use and expiry.
import { createHash, randomBytes } from "node:crypto";
import type { ConsoleConfig } from "../config.js";
import type { Role, StoreBackend } from "../store/index.js";
import { hashOutdated, hashPassword, verifyPassword } from "./accounts.js";

export interface ActiveSession {
  user: string;
  role: Role;
  csrf: string;
  tokenHash: string;
  expiresAt: number;
}

export type LoginResult =
  | { ok: true; token: string; session: ActiveSession }
  | { ok: false; reason: "bad_credentials" | "locked" | "throttled"; retryAfterMs?: number };

const MINUTE_MS = 60_000;
/** A session's last use is written at most this often (not on every request). */
const TOUCH_EVERY_MS = MINUTE_MS;
/** Typed user names are kept in the audit log up to this length (someone may type a password there). */
const AUDIT_NAME_CHARS = 64;

export const newToken = (): string => randomBytes(32).toString("base64url");
export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("base64url");

export class Auth {
  /** Compared against when the user does not exist, so a wrong name takes as long as a wrong password. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly store: StoreBackend,
    private readonly config: ConsoleConfig,
    private readonly hashForTiming: () => Promise<string>,
  ) {
    // made now, not on the first login to an unknown name (which would then take two hashes' time)
    this.dummyHash = hashForTiming();
    this.dummyHash.catch(() => (this.dummyHash = undefined));
  }

  private get now(): number {
    return this.store.now();
  }

  private get idleMs(): number {
    return this.config.session.idleMinutes * MINUTE_MS;
  }

  async login(name: string, password: string, address: string): Promise<LoginResult> {
    const users = this.store.users;
    const login = this.config.login;
    const windowStart = this.now - login.throttleWindowMinutes * MINUTE_MS;
    const shownName = name.slice(0, AUDIT_NAME_CHARS);
    if ((await users.failuresFrom(address, windowStart)) >= login.maxFailuresPerAddress) {
      const oldest = (await users.oldestFailureFrom(address, windowStart)) ?? this.now;
      await this.store.audit.append(shownName || "(none)", "login.throttled", shownName || null, { address });
      return { ok: false, reason: "throttled", retryAfterMs: oldest + login.throttleWindowMinutes * MINUTE_MS - this.now };
    }
    const user = await users.get(name);
    if (user?.locked_until && user.locked_until > this.now) {
      await this.store.audit.append(name, "login.failed", name, { address, reason: "locked" });
      return { ok: false, reason: "locked", retryAfterMs: user.locked_until - this.now };
    }
    this.dummyHash ??= this.hashForTiming();
    const good = await verifyPassword(password, user?.password_hash ?? (await this.dummyHash));
    if (!user || !good || user.disabled) {
      await users.recordAddressFailure(address);
      const reason = !user ? "unknown user" : user.disabled ? "disabled" : "wrong password";
      await this.store.audit.append(shownName || "(none)", "login.failed", shownName || null, { address, reason });
      if (user && !good) {
        const { lockedUntil } = await users.recordFailure(name, login.maxFailures, login.lockMinutes * MINUTE_MS);
        if (lockedUntil) {
          await this.store.audit.append(name, "login.locked", name, { address, until: new Date(lockedUntil).toISOString(), failures: login.maxFailures });
          return { ok: false, reason: "locked", retryAfterMs: lockedUntil - this.now };
        }
      }
      return { ok: false, reason: "bad_credentials" };
    }
    // a hash made with other parameters (before they changed) is remade now that the password is known
    if (hashOutdated(user.password_hash, this.config.password)) await users.rehash(name, user.password_hash, await hashPassword(password, this.config.password));
    await users.recordLogin(name);
    await users.purge(this.now - this.idleMs, windowStart);
    const token = newToken();
    const now = this.now;
    const session: ActiveSession = { user: name, role: user.role, csrf: newToken(), tokenHash: tokenHash(token), expiresAt: now + this.config.session.maxHours * 60 * MINUTE_MS };
    await users.createSession({ token_hash: session.tokenHash, user_name: name, csrf: session.csrf, created_at: now, seen_at: now, expires_at: session.expiresAt });
    await this.store.audit.append(name, "login", name, { address });
    return { ok: true, token, session };
  }

  /** The session a cookie's token names, if it is still valid; its last use is recorded. */
  async session(token: string | undefined): Promise<ActiveSession | undefined> {
    if (!token) return undefined;
    const hash = tokenHash(token);
    const row = await this.store.users.session(hash);
    if (!row) return undefined;
    const now = this.now;
    if (row.disabled || row.expires_at <= now || row.seen_at + this.idleMs <= now) {
      await this.store.users.endSession(hash);
      return undefined;
    }
    if (now - row.seen_at >= TOUCH_EVERY_MS) await this.store.users.touchSession(hash, now);
    return { user: row.user_name, role: row.role, csrf: row.csrf, tokenHash: hash, expiresAt: row.expires_at };
  }

  async logout(session: ActiveSession): Promise<void> {
    await this.store.users.endSession(session.tokenHash);
    await this.store.audit.append(session.user, "logout", session.user);
  }
}
