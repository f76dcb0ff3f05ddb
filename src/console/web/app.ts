// What every page shares: the boot facts the server put in the page, the JSON API with the session's
// CSRF token, and the person's role.
import type { Boot } from "../pages.js";

export type { Boot };

export const boot: Boot = JSON.parse(document.getElementById("boot")?.textContent ?? "{}") as Boot;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

const RANK = { viewer: 1, editor: 2, admin: 3 } as const;

/** The logged-in person may do what this role may. */
export function can(role: keyof typeof RANK): boolean {
  return !!boot.role && RANK[boot.role] >= RANK[role];
}

export function toLogin(): void {
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

export interface ApiOptions {
  /** Bytes to send instead of JSON (a file being imported). */
  raw?: Blob;
  rawType?: string;
}

/** Calls the console's API; a change carries the CSRF token; an ended session goes back to the login page. */
export async function api<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (method !== "GET") headers["X-CSRF-Token"] = boot.csrf ?? "";
  let payload: BodyInit | undefined;
  if (options.raw) {
    payload = options.raw;
    headers["Content-Type"] = options.rawType ?? "application/octet-stream";
  } else if (method !== "GET") {
    payload = JSON.stringify(body ?? {});
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: "same-origin" });
  const json = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } & Record<string, unknown> };
  if (response.ok) return json as T;
  const error = json.error ?? { code: "http_" + response.status, message: response.statusText };
  if (response.status === 401 && boot.page !== "login") {
    toLogin();
  }
  throw new ApiFailure(response.status, error.code, error.message, error);
}

/** A path with a query string from the non-empty values. */
export function withQuery(path: string, values: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The page's query string as an object. */
export function pageQuery(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(location.search));
}
