// Settings that hold passwords. They ship with public defaults so a checkout works at once; an installed
// appliance gets fresh random ones, and doctor warns while any is still the shipped default.
import { randomBytes } from "node:crypto";
import { loadConfig, type Config } from "../config.js";

export const SECRET_SETTINGS = [
  ["telephony", "ari", "password"],
  ["telephony", "ami", "password"],
  ["telephony", "asterisk", "metrics", "password"],
] as const;

function getPath(obj: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = obj;
  for (const k of path.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[path.at(-1)!] = value;
}

/** The settings of a config still at their shipped (public) password. */
export function defaultPasswords(config: Config): string[] {
  const shipped = loadConfig({ path: "", env: {}, overrides: { dataDir: config.dataDir } });
  return SECRET_SETTINGS.filter((p) => getPath(config, p) === getPath(shipped, p)).map((p) => p.join("."));
}

/** A new installation's config: its data directory and a fresh random password for each secret setting. */
export function freshConfig(dataDir: string): Record<string, unknown> {
  const config: Record<string, unknown> = { dataDir };
  for (const p of SECRET_SETTINGS) setPath(config, p, randomBytes(18).toString("base64url"));
  return config;
}
