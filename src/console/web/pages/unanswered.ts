// Unanswered questions, grouped: how often, why, when last, example calls, and a way into the knowledge
// base (its search, and try-a-question) for each.
import { api, pageQuery, withQuery } from "../app.js";
import { field, fill, h, select, table } from "../dom.js";
import { fmt, t, term } from "../i18n.js";
import type { UnansweredGroup } from "../types.js";
import { filterForm } from "./common.js";

const PERIODS: Record<string, number> = { "1d": 1, "7d": 7, "30d": 30 };

export async function renderUnanswered(main: HTMLElement): Promise<void> {
  const q = pageQuery();
  const period = q.period && q.period in PERIODS ? q.period : "7d";
  const from = new Date(Date.now() - PERIODS[period]! * 86_400_000).toISOString();
  const data = await api<{ groups: UnansweredGroup[]; total: number }>("GET", withQuery("/unanswered", { from }));
  const form = filterForm([field(t("unanswered.period"), select("period", Object.keys(PERIODS).map((p): [string, string] => [p, t(`unanswered.last${p}` as "unanswered.last7d")]), period))]);
  fill(
    main,
    h("h1", null, t("unanswered.title")),
    h("p", { class: "muted" }, t("unanswered.intro")),
    form,
    h("p", null, t("unanswered.summary", { questions: fmt.number(data.total), groups: fmt.number(data.groups.length) })),
    data.groups.length
      ? table(
          t("unanswered.title"),
          [t("unanswered.question"), t("unanswered.count"), t("unanswered.reasons"), t("unanswered.last"), t("unanswered.calls"), t("unanswered.next")],
          data.groups.map((g) => [
            h("q", null, g.question),
            String(g.count),
            Object.entries(g.reasons)
              .map(([r, n]) => `${term("reasons", r)} ${n}`)
              .join(", "),
            fmt.when(g.lastAt),
            h("span", { class: "ids" }, ...g.callIds.map((id, i) => [i ? " " : "", h("a", { href: `/calls/${encodeURIComponent(id)}` }, `#${i + 1}`)])),
            h("span", { class: "ids" }, h("a", { href: withQuery("/kb", { q: g.question }) }, t("unanswered.searchKb")), " · ", h("a", { href: withQuery("/try", { q: g.question }) }, t("unanswered.tryIt"))),
          ]),
          "unanswered",
        )
      : h("p", { class: "muted" }, t("unanswered.none")),
  );
}
