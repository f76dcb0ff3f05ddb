// The console's accounts: `sahayak users add|passwd|disable|enable|list` and the console's users page call
// these same functions. Passwords are hashed with scrypt (a random salt each, the parameters kept with the
// hash so they can be raised later); there is no default account and no default password.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { ConsoleConfig } from "../config.js";
import { ROLES, type Role, type StoreBackend, type UserSummary } from "../store/index.js";

export class AccountError extends Error {
  constructor(
    message: string,
    readonly kind: "invalid" | "not_found" | "conflict",
  ) {
    super(message);
  }
}

export const USER_NAME_PATTERN = /^[a-z][a-z0-9._-]{1,31}$/;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly the default cost's need
  const maxmem = 256 * (options.N ?? 0) * (options.r ?? 1) + 1024 * 1024;
  return new Promise((resolve, reject) => scrypt(password.normalize("NFC"), salt, KEY_BYTES, { ...options, maxmem }, (err, key) => (err ? reject(err) : resolve(key))));
}

/** "scrypt$N$r$p$salt$key" (salt and key in base64url). */
export async function hashPassword(password: string, config: ConsoleConfig["password"]): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const options = { N: config.scryptCost, r: config.scryptBlockSize, p: config.scryptParallelism };
  const key = await scryptAsync(password, salt, options);
  return ["scrypt", options.N, options.r, options.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Whether a stored hash was made with other parameters than the configured ones (made before they changed). */
export function hashOutdated(stored: string, config: ConsoleConfig["password"]): boolean {
  const [kind, n, r, p] = stored.split("$");
  return kind !== "scrypt" || Number(n) !== config.scryptCost || Number(r) !== config.scryptBlockSize || Number(p) !== config.scryptParallelism;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split("$");
  if (kind !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** What is wrong with a new password, in one sentence; undefined when it will do. */
export function passwordProblem(name: string, password: string, config: ConsoleConfig["password"]): string | undefined {
  if ([...password].length < config.minLength) return `the password must have at least ${config.minLength} characters`;
  if (password.toLowerCase().includes(name.toLowerCase())) return "the password must not contain the user name";
  if (new Set(password).size < 4) return "the password must not be one or two characters repeated";
  return undefined;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export class Accounts {
  constructor(
    private readonly store: Pick<StoreBackend, "users" | "audit">,
    private readonly config: ConsoleConfig,
  ) {}

  list(): Promise<UserSummary[]> {
    return this.store.users.list();
  }

  private async summary(name: string): Promise<UserSummary> {
    return (await this.list()).find((u) => u.name === name)!;
  }

  private async existing(name: string): Promise<void> {
    if (!(await this.store.users.get(name))) throw new AccountError(`there is no account "${name}"; see \`sahayak users list\``, "not_found");
  }

  private checkPassword(name: string, password: string): void {
    const problem = passwordProblem(name, password, this.config.password);
    if (problem) throw new AccountError(problem, "invalid");
  }

  async add(actor: string, name: string, role: string, password: string): Promise<UserSummary> {
    if (!USER_NAME_PATTERN.test(name)) throw new AccountError(`user name "${name}" is not allowed: 2–32 lowercase letters, digits, dot, dash or underscore, starting with a letter`, "invalid");
    if (!isRole(role)) throw new AccountError(`role must be one of ${ROLES.join(", ")}, not "${role}"`, "invalid");
    this.checkPassword(name, password);
    const hash = await hashPassword(password, this.config.password);
    if (!(await this.store.users.insert(name, role, hash))) throw new AccountError(`the account "${name}" exists already; use \`sahayak users passwd\` to set its password`, "conflict");
    await this.store.audit.append(actor, "users.add", name, { role });
    return this.summary(name);
  }

  /** A new password; it also unlocks the account and ends its sessions. */
  async setPassword(actor: string, name: string, password: string): Promise<UserSummary> {
    await this.existing(name);
    this.checkPassword(name, password);
    await this.store.users.setPassword(name, await hashPassword(password, this.config.password));
    await this.store.audit.append(actor, "users.passwd", name);
    return this.summary(name);
  }

  /** Nobody could manage accounts in the console any more. */
  private async keepAnAdmin(name: string): Promise<void> {
    const admins = (await this.list()).filter((u) => u.role === "admin" && !u.disabled);
    if (admins.length === 1 && admins[0]!.name === name) throw new AccountError(`"${name}" is the only enabled admin: make another admin first`, "conflict");
  }

  async setRole(actor: string, name: string, role: string): Promise<UserSummary> {
    await this.existing(name);
    if (!isRole(role)) throw new AccountError(`role must be one of ${ROLES.join(", ")}, not "${role}"`, "invalid");
    if (role !== "admin") await this.keepAnAdmin(name);
    await this.store.users.setRole(name, role);
    await this.store.audit.append(actor, "users.role", name, { role });
    return this.summary(name);
  }

  /** Disabling ends the account's sessions at once; its history stays. */
  async setDisabled(actor: string, name: string, disabled: boolean): Promise<UserSummary> {
    await this.existing(name);
    if (disabled) await this.keepAnAdmin(name);
    await this.store.users.setDisabled(name, disabled);
    await this.store.audit.append(actor, disabled ? "users.disable" : "users.enable", name);
    return this.summary(name);
  }
}
