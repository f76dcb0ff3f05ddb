// Files the administrator's commands (run as root) make in the data directory belong to the service
// user who owns it, or the service could not write its own data afterwards.
import { chownSync, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Hands every root-owned file under `dataDir` to the directory's owner (when root runs this and root does not own it). */
export function giveToDataDirOwner(dataDir: string): number {
  if (process.getuid?.() !== 0) return 0;
  const owner = lstatSync(dataDir);
  if (owner.uid === 0) return 0;
  let changed = 0;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.uid === 0) {
        chownSync(path, owner.uid, owner.gid);
        changed++;
      }
      if (st.isDirectory()) walk(path);
    }
  };
  walk(dataDir);
  return changed;
}
