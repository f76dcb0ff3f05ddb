// What the store's commands share: opening the database with an error that says what to do, reading
// --since, and appending an administrative action to the audit log.
import { openStoreBackend, SahayakStore, StoreError, type StoreBackend } from "../store/index.js";
import type { CliContext } from "./context.js";
import { CliError, EXIT } from "./output.js";

/** The node's own SQLite store (`ask --session` conversations live there, whatever the backend). */
export function openStore(ctx: CliContext): SahayakStore {
  try {
    return SahayakStore.open(ctx.config.dataDir, ctx.config.store);
  } catch (err) {
    throw unavailable(ctx, err as Error);
  }
}

function unavailable(ctx: CliContext, err: Error): CliError {
  if (err instanceof StoreError) return new CliError(err.message, EXIT.unavailable);
  return new CliError(`cannot open the store in ${ctx.config.dataDir}: ${err.message}. Check the data directory (--data-dir) and its permissions.`, EXIT.unavailable);
}

/** The configured store (SQLite, or the cluster's PostgreSQL), for a command; closed after `fn`. */
export async function withBackend<T>(ctx: CliContext, fn: (store: StoreBackend) => Promise<T>): Promise<T> {
  let store: StoreBackend;
  try {
    // call records a serving process queued are its to write out
    store = await openStoreBackend(ctx.config.dataDir, ctx.config.store, { sendQueued: false });
  } catch (err) {
    throw unavailable(ctx, err as Error);
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Appends one administrative action to the audit log. */
export function audit(ctx: CliContext, action: string, target: string | null, details?: unknown): Promise<void> {
  return withBackend(ctx, (store) => store.audit.append(ctx.actor, action, target, details));
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** --since: "30m", "24h", "7d", "2w" before now, or a date/time ("2026-11-01", "2026-11-01T09:00"). */
export function parseSince(value: string | undefined, now = Date.now()): number {
  if (value === undefined) return 0;
  const relative = value.trim().match(/^(\d+(?:\.\d+)?)\s*([mhdw])$/i);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new CliError(`--since takes a duration such as 30m, 24h, 7d or 2w, or a date such as 2026-11-01; not "${value}"`, EXIT.usage);
  return at;
}
