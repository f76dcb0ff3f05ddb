// The audit log, newest first, filtered by date, person, kind of action and target.
import { api, boot, pageQuery, withQuery } from "../app.js";
import { field, fill, h, select, table } from "../dom.js";
import { fmt, t, term } from "../i18n.js";
import type { AuditEntry, Paged } from "../types.js";
import { filterForm, pager } from "./common.js";

/** Kinds of action to filter by (prefixes of the action names). */
const KINDS = ["login", "login.failed", "login.locked", "logout", "calls.show", "kb.", "users.", "config.change", "purge", "doctor"];

function dayStart(day: string | undefined, next = false): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (next) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export async function renderAudit(main: HTMLElement): Promise<void> {
  const q = pageQuery();
  const page = Math.max(1, Number(q.page) || 1);
  const data = await api<Paged & { entries: AuditEntry[] }>("GET", withQuery("/audit", { from: dayStart(q.from), to: dayStart(q.to, true), actor: q.actor, action: q.action, target: q.target, page, pageSize: boot.pageSize }));
  const form = filterForm(
    [
      field(t("calls.from"), h("input", { type: "date", name: "from", value: q.from ?? "" })),
      field(t("calls.to"), h("input", { type: "date", name: "to", value: q.to ?? "" })),
      field(t("audit.actor"), h("input", { name: "actor", value: q.actor ?? "", autocapitalize: "none" })),
      field(t("audit.action"), select("action", [["", t("common.any")], ...KINDS.map((k): [string, string] => [k, term("auditActions", k)])], q.action)),
      field(t("audit.target"), h("input", { name: "target", value: q.target ?? "" })),
    ],
    "/audit",
  );
  const { page: _p, ...filters } = q;
  const cluster = data.entries.some((e) => e.node);
  fill(
    main,
    h("h1", null, t("audit.title")),
    form,
    data.entries.length
      ? table(
          t("audit.title"),
          [t("common.when"), t("audit.actor"), t("audit.action"), t("audit.target"), ...(cluster ? [t("calls.node")] : []), t("audit.details")],
          data.entries.map((e) => [fmt.when(e.at), e.actor, h("code", null, e.action), e.target ?? "", ...(cluster ? [e.node ?? ""] : []), e.details ? h("code", { class: "details" }, JSON.stringify(e.details)) : ""]),
          "audit",
        )
      : h("p", { class: "muted" }, t("audit.none")),
    pager("/audit", filters, page, data.pageSize, data.total),
  );
}
