// Calls on record, filtered by date, outcome, language and mode, a page at a time.
import { api, boot, pageQuery, withQuery } from "../app.js";
import { field, fill, h, select, table } from "../dom.js";
import { fmt, t, term } from "../i18n.js";
import type { CallSummary, Paged } from "../types.js";
import { filterForm, pager } from "./common.js";

export const OUTCOMES = ["goodbye", "caller_hangup", "transfer", "silence", "max_duration", "error", "shutdown", "rate_limited"];

/** A date input's day as the start (or, for `to`, the end) of that local day, as ISO. */
function dayBound(day: string | undefined, end: boolean): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (end) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export async function renderCalls(main: HTMLElement): Promise<void> {
  const q = pageQuery();
  const page = Math.max(1, Number(q.page) || 1);
  const data = await api<Paged & { calls: CallSummary[] }>("GET", withQuery("/calls", { from: dayBound(q.from, false), to: dayBound(q.to, true), outcome: q.outcome, lang: q.lang, mode: q.mode, page, pageSize: boot.pageSize }));
  const any: [string, string] = ["", t("common.any")];
  const form = filterForm(
    [
      field(t("calls.from"), h("input", { type: "date", name: "from", value: q.from ?? "" })),
      field(t("calls.to"), h("input", { type: "date", name: "to", value: q.to ?? "" })),
      field(t("calls.outcome"), select("outcome", [any, ...OUTCOMES.map((o): [string, string] => [o, term("outcomes", o)])], q.outcome)),
      field(t("calls.language"), select("lang", [any, ["en", term("languages", "en")], ["hi", term("languages", "hi")]], q.lang)),
      field(t("calls.mode"), select("mode", [any, ["speech", term("modes", "speech")], ["keypad", term("modes", "keypad")]], q.mode)),
    ],
    "/calls",
  );
  const { page: _p, ...filters } = q;
  // a cluster's calls were taken by several nodes: which one is shown (a single node's store has none)
  const cluster = data.calls.some((c) => c.node);
  fill(
    main,
    h("h1", null, t("calls.title")),
    form,
    data.calls.length
      ? table(
          t("calls.title"),
          [t("calls.started"), t("calls.duration"), t("calls.language"), t("calls.mode"), t("calls.outcome"), t("calls.turns"), ...(cluster ? [t("calls.node")] : []), t("calls.notes")],
          data.calls.map((c) => [
            h("a", { href: `/calls/${encodeURIComponent(c.callId)}` }, fmt.when(c.startedAt)),
            fmt.duration(c.durationMs),
            term("languages", c.lang),
            term("modes", c.mode),
            term("outcomes", c.outcome),
            String(c.turns),
            ...(cluster ? [c.node ?? ""] : []),
            [c.continued ? term("continued", c.continued) : "", c.error ? `${t("calls.error")}: ${c.error}` : ""].filter(Boolean).join("; "),
          ]),
          "calls",
        )
      : h("p", { class: "muted" }, t("calls.none")),
    pager("/calls", filters, page, data.pageSize, data.total),
  );
}
