// Releases on disk: <root>/releases/<version> each a whole program (with its own Node.js), <root>/current
// the one running (a relative link, switched atomically), and <root>/upgrades.json the upgrades made,
// each with the data backup taken before it, which `sahayak rollback` goes back to.
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { readSums, SUMS_FILE, verifySums } from "./manifest.js";

export class ReleaseError extends Error {}

export interface Upgrade {
  from: string;
  to: string;
  at: string;
  /** The data backup taken before the upgrade. */
  backup: string;
  /** Set when the upgrade was undone (by the installer itself, or `sahayak rollback`). */
  rolledBackAt?: string;
}

export class Releases {
  constructor(readonly root: string) {}

  get releasesDir(): string {
    return join(this.root, "releases");
  }
  dir(version: string): string {
    return join(this.releasesDir, version);
  }
  private get currentLink(): string {
    return join(this.root, "current");
  }
  private get upgradesFile(): string {
    return join(this.root, "upgrades.json");
  }

  /** The running release's version, if one is installed. */
  current(): string | undefined {
    try {
      return basename(readlinkSync(this.currentLink));
    } catch {
      return undefined;
    }
  }

  installed(): string[] {
    if (!existsSync(this.releasesDir)) return [];
    return readdirSync(this.releasesDir).filter((v) => !v.includes(".incoming-") && statSync(this.dir(v)).isDirectory());
  }

  /**
   * Copies a bundle's app/ into releases/<version> with the bundle's checksums of it (so the release can be
   * verified later). An existing release of that version must be the same files.
   */
  async install(bundle: string, version: string): Promise<"installed" | "present"> {
    const target = this.dir(version);
    const sums = [...readSums(join(bundle, SUMS_FILE))].filter(([rel]) => rel.startsWith("app/")).map(([rel, sum]) => `${sum}  ${rel.slice(4)}\n`).join("");
    if (existsSync(target)) {
      if (existsSync(join(target, SUMS_FILE)) && readFileSync(join(target, SUMS_FILE), "utf8") === sums && (await verifySums(target)).length === 0) return "present";
      throw new ReleaseError(`release ${version} is already installed in ${target} with other files: build the new bundle with a new version (sahayak bundle build --version ...)`);
    }
    mkdirSync(this.releasesDir, { recursive: true, mode: 0o755 });
    const incoming = `${target}.incoming-${process.pid}`;
    rmSync(incoming, { recursive: true, force: true });
    cpSync(join(bundle, "app"), incoming, { recursive: true, preserveTimestamps: true });
    writeFileSync(join(incoming, SUMS_FILE), sums);
    renameSync(incoming, target);
    return "installed";
  }

  /** Checks a release's files against its checksums. */
  verify(version: string): Promise<string[]> {
    if (!existsSync(this.dir(version))) return Promise.resolve([`release ${version} is not in ${this.releasesDir}`]);
    return verifySums(this.dir(version));
  }

  /** Points `current` at a release, atomically (a new link renamed over the old one). */
  switchTo(version: string): void {
    if (!existsSync(this.dir(version))) throw new ReleaseError(`release ${version} is not installed in ${this.releasesDir}`);
    const next = `${this.currentLink}.next-${process.pid}`;
    rmSync(next, { force: true });
    symlinkSync(join("releases", version), next);
    renameSync(next, this.currentLink);
  }

  upgrades(): Upgrade[] {
    if (!existsSync(this.upgradesFile)) return [];
    return JSON.parse(readFileSync(this.upgradesFile, "utf8")) as Upgrade[];
  }

  private writeUpgrades(list: Upgrade[]): void {
    const tmp = `${this.upgradesFile}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(list, null, 2)}\n`);
    renameSync(tmp, this.upgradesFile);
  }

  recordUpgrade(upgrade: Upgrade): void {
    this.writeUpgrades([...this.upgrades(), upgrade]);
  }

  /** The upgrade that made the current release, when it has not been undone. */
  lastUpgrade(): Upgrade | undefined {
    const current = this.current();
    return this.upgrades().filter((u) => u.to === current && !u.rolledBackAt).at(-1);
  }

  markRolledBack(upgrade: Upgrade): void {
    this.writeUpgrades(this.upgrades().map((u) => (u.at === upgrade.at && u.to === upgrade.to ? { ...u, rolledBackAt: new Date().toISOString() } : u)));
  }

  /**
   * Removes releases beyond the `keep` newest besides the current one; never the current one, nor one an
   * upgrade that is still in place would roll back to. Returns the versions removed.
   */
  prune(keep: number): string[] {
    const current = this.current();
    const needed = new Set([current, this.lastUpgrade()?.from].filter(Boolean));
    const others = this.installed()
      .filter((v) => !needed.has(v))
      .sort((a, b) => lstatSync(this.dir(b)).mtimeMs - lstatSync(this.dir(a)).mtimeMs);
    const remove = others.slice(Math.max(0, keep - (needed.size - 1)));
    for (const v of remove) rmSync(this.dir(v), { recursive: true, force: true });
    return remove;
  }
}
