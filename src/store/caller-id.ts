// Callers are known only by a salted hash of their number: the same caller is recognised across calls,
// but the database (or a copy of it) cannot be turned back into phone numbers without the salt file.
import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** "+91 98123 45678", "09812345678" and "9812345678" are one caller; empty or withheld numbers are nobody. */
export function normaliseNumber(number: string): string | null {
  const digits = number.replace(/\D/g, "");
  if (digits.length < 3) return null;
  const national = digits.match(/^(?:91|0)?([6-9]\d{9})$/);
  return national ? national[1]! : digits;
}

export class CallerHasher {
  private constructor(private readonly salt: Buffer) {}

  /** Reads the salt file, making it (random, mode 0600) the first time. */
  static fromFile(path: string): CallerHasher {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Written whole beside it, then linked into place: a process starting at the same moment either
    // finds no file or a complete one, never the empty file an exclusive create shows before its write.
    const draft = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(draft, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
    try {
      linkSync(draft, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      unlinkSync(draft);
    }
    chmodSync(path, 0o600);
    const salt = readFileSync(path, "utf8").trim();
    if (salt.length < 32) throw new Error(`the caller salt file ${path} is too short; delete it to make a new one (returning callers will not be recognised for an hour)`);
    return new CallerHasher(Buffer.from(salt));
  }

  /** The caller's key, or null for a withheld number. */
  hash(number: string): string | null {
    const normalised = normaliseNumber(number);
    return normalised === null ? null : createHmac("sha256", this.salt).update(normalised).digest("hex").slice(0, 32);
  }
}
