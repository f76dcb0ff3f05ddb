// What several pages use: errors in the person's language, paging, filters kept in the address, links.
import { ApiFailure, withQuery } from "../app.js";
import { h, type Child } from "../dom.js";
import { fmt, t, type Key } from "../i18n.js";

const ERROR_KEYS: Record<string, Key> = {
  bad_credentials: "errors.bad_credentials",
  forbidden: "errors.forbidden",
  csrf: "errors.csrf",
  unauthenticated: "errors.unauthenticated",
  not_found: "errors.not_found",
  conflict: "errors.conflict",
  busy: "errors.busy",
  too_large: "errors.too_large",
  internal: "errors.internal",
  database_unavailable: "errors.database_unavailable",
};

/** An error as the person reads it: our words for the kind, the server's sentence for the detail. */
export function errorText(err: unknown): string {
  if (err instanceof ApiFailure) {
    const key = ERROR_KEYS[err.code];
    return key ? `${t(key)} (${err.message})` : err.message;
  }
  return t("errors.network", { message: (err as Error).message });
}

/** Previous / next page links keeping the page's filters. */
export function pager(path: string, query: Record<string, string>, page: number, pageSize: number, total: number): HTMLElement {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (p: number, key: Key, rel: string) => (p >= 1 && p <= pages ? h("a", { href: withQuery(path, { ...query, page: p }), rel }, t(key)) : h("span", { class: "muted", "aria-disabled": "true" }, t(key)));
  return h("nav", { class: "pager", "aria-label": t("common.pages") }, link(page - 1, "common.prev", "prev"), h("span", null, t("common.pageOf", { page, pages, total: fmt.number(total) })), link(page + 1, "common.next", "next"));
}

/** A filter form that puts its values in the address (so a reload or a shared link keeps them). */
export function filterForm(fields: HTMLElement[], onReset?: string): HTMLFormElement {
  return h(
    "form",
    { class: "filters", method: "get", role: "search" },
    ...fields,
    h("div", { class: "actions" }, h("button", { type: "submit" }, t("common.filter")), onReset ? h("a", { href: onReset }, t("common.clear")) : null),
  );
}

/** An ISO time as a date for <input type=date>, in local time. */
export function dateValue(iso: string | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : "";
}

export function section(title: string, ...children: Child[]): HTMLElement {
  const id = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Math.random().toString(36).slice(2, 6)}`;
  return h("section", { "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

export function schemeLink(id: string, name?: string | null): HTMLElement {
  return h("a", { href: `/kb/schemes/${encodeURIComponent(id)}` }, name || id);
}
