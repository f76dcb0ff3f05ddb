// Where the application and its state live: the paths the configuration's defaults are made from.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Folder holding package.json: the checkout, or the installed application. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The config with every path inside the running application folder written as `<release>/…`: the defaults
 * that point into it (the VAD weights) move with each upgrade, which changes no setting of the sysadmin's.
 */
export function releaseIndependent<T>(value: T, root = projectRoot): T {
  const rewrite = (v: unknown): unknown => {
    if (typeof v === "string") return v === root ? "<release>" : v.startsWith(`${root}/`) ? `<release>${v.slice(root.length)}` : v;
    if (Array.isArray(v)) return v.map(rewrite);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)]));
    return v;
  };
  return rewrite(value) as T;
}

/** A git checkout keeps its state in ./var; an installed appliance in /var/lib/sahayak. */
export function defaultDataDir(root = projectRoot): string {
  return existsSync(join(root, ".git")) ? join(root, "var") : "/var/lib/sahayak";
}
