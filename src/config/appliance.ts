// The installed appliance's settings (releases, backups, readiness after an upgrade): part of the one configuration
// schema (src/config.ts), with every default.
import { z } from "zod";

/** The installed appliance (appliance/install, `sahayak rollback`, `backup`, `restore`). */
export const applianceSchema = z.strictObject({
  /** Releases live in <root>/releases/<version>; <root>/current points at the running one. */
  root: z.string().default("/opt/sahayak"),
  /** The systemd unit that runs `sahayak serve`. */
  service: z.string().default("sahayak"),
  /** Releases kept on disk besides the current one (so `sahayak rollback` has somewhere to go). */
  keepReleases: z.number().int().min(1).default(2),
  /** Backups taken before each upgrade, relative to dataDir; the newest keepUpgradeBackups are kept. */
  backupsDir: z.string().default("backups"),
  keepUpgradeBackups: z.number().int().min(1).default(3),
  /** After a restart, how long the installer waits for /readyz before it rolls back. */
  readyTimeoutMs: z.number().int().positive().default(180_000),
  /** How often /readyz is asked while waiting. */
  readyPollMs: z.number().int().positive().default(1000),
});
