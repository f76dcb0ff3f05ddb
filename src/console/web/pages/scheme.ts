// A scheme in English and Hindi side by side, its versions, the difference between any two, and (editors)
// editing it or rolling it back to a version.
import { api, boot, can, pageQuery, withQuery } from "../app.js";
import { field, fill, h, notice, select, table, type Child } from "../dom.js";
import { fmt, t, term } from "../i18n.js";
import type { FieldChange, HistoryEntry, SchemeAnswer, SchemeRecord } from "../types.js";
import { errorText, section } from "./common.js";

type Lang = "en" | "hi";
const LANGS: Lang[] = ["en", "hi"];

function texts(r: SchemeRecord, l: Lang): { key: "name" | "description" | "eligibility" | "exclusions" | "benefits" | "documents" | "application"; value: Child }[] {
  const list = (items: string[] | undefined) => (items?.length ? h("ul", null, ...items.map((i) => h("li", null, i))) : null);
  const application = (r.applicationProcess[l] ?? []).map((a) => h("div", null, a.mode ? h("p", null, h("em", null, a.mode)) : null, h("ol", null, ...a.steps.map((s) => h("li", null, s)))));
  return [
    { key: "name", value: r.name[l] ?? null },
    { key: "description", value: r.description[l] ?? null },
    { key: "eligibility", value: list(r.eligibility.criteria[l]) },
    { key: "exclusions", value: list(r.eligibility.exclusions[l]) },
    { key: "benefits", value: list(r.benefits[l]) },
    { key: "documents", value: list(r.documents[l]) },
    { key: "application", value: application.length ? application : null },
  ];
}

/** The record's texts, a row per field and a column per language. */
function bilingual(r: SchemeRecord): HTMLElement {
  const columns = LANGS.map((l) => texts(r, l));
  return h(
    "div",
    { class: "bilingual" },
    ...LANGS.map((l, i) =>
      h(
        "article",
        { lang: l, "aria-label": term("languages", l) },
        h("h2", null, term("languages", l)),
        ...columns[i]!.map((f) => h("section", { class: `f-${f.key}` }, h("h3", null, t(`scheme.fields.${f.key}`)), f.value ?? h("p", { class: "muted" }, l === "hi" ? t("scheme.noHindi") : "—"))),
      ),
    ),
  );
}

export function changesView(changes: FieldChange[]): HTMLElement {
  if (!changes.length) return h("p", { class: "muted" }, t("scheme.noDiff"));
  const show = (v: unknown) => (v === undefined ? t("scheme.absent") : typeof v === "string" ? v : JSON.stringify(v, null, 1));
  return h("ul", { class: "diff" }, ...changes.map((c) => h("li", null, h("code", null, c.path || t("scheme.wholeRecord")), h("del", null, show(c.before)), h("ins", null, show(c.after)))));
}

export async function renderScheme(main: HTMLElement): Promise<void> {
  const id = boot.params.id ?? "";
  const q = pageQuery();
  const version = q.version && /^\d+$/.test(q.version) ? Number(q.version) : undefined;
  const [scheme, versions] = await Promise.all([
    api<SchemeAnswer>("GET", withQuery(`/kb/schemes/${encodeURIComponent(id)}`, { version })),
    api<{ kbVersion: number; history: HistoryEntry[] }>("GET", `/kb/schemes/${encodeURIComponent(id)}/versions`),
  ]);
  const r = scheme.record;
  const history = [...versions.history].reverse();
  const diffBox = h("div", { id: "diff", "aria-live": "polite" });
  const choices = history.map((v): [string, string] => [String(v.kbVersion), `v${v.kbVersion} · ${fmt.when(v.time)} · ${term("ops", v.op)}`]);
  const fromSel = select("from", choices, String(history[1]?.kbVersion ?? history[0]?.kbVersion ?? ""));
  const toSel = select("to", choices, String(history[0]?.kbVersion ?? ""));
  const diffForm = h("form", { class: "filters" }, field(t("scheme.from"), fromSel), field(t("scheme.to"), toSel), h("div", { class: "actions" }, h("button", { type: "submit" }, t("scheme.showDiff"))));
  diffForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const diff = await api<{ changes: FieldChange[] }>("GET", `/kb/schemes/${encodeURIComponent(id)}/diff?from=${fromSel.value}&to=${toSel.value}`);
      fill(diffBox, h("h3", null, t("scheme.diffTitle", { from: fromSel.value, to: toSel.value })), changesView(diff.changes));
    } catch (err) {
      fill(diffBox, notice("error", errorText(err)));
    }
  });
  const rollbackBox = h("div", { "aria-live": "polite" });
  const rollbackTo = (to: number) => {
    const reason = h("input", { name: "reason", required: true, minlength: 3, class: "wide", value: t("scheme.rollbackReason", { version: to }) });
    const form = h("form", { class: "confirm" }, h("p", null, t("scheme.rollbackConfirm", { id, version: to })), field(t("common.reason"), reason, t("common.reasonHint")), h("div", { class: "actions" }, h("button", { type: "submit" }, t("scheme.rollback")), h("button", { type: "button", class: "secondary", onclick: () => fill(rollbackBox) }, t("common.cancel"))));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const result = await api<{ version: number; created: boolean }>("POST", "/kb/rollback", { to, schemeId: id, reason: reason.value });
        location.assign(`/kb/schemes/${encodeURIComponent(id)}?saved=${result.created ? result.version : "none"}`);
      } catch (err) {
        form.append(notice("error", errorText(err)));
      }
    });
    fill(rollbackBox, form);
    reason.focus();
  };
  const saved = q.saved;
  fill(
    main,
    h("h1", null, r.name.en, r.name.hi ? h("span", { class: "subtitle", lang: "hi" }, r.name.hi) : null),
    saved ? notice("ok", saved === "none" ? t("scheme.noChange") : t("scheme.saved", { version: saved })) : null,
    !scheme.current ? notice("info", t("scheme.pastVersion", { version: scheme.version }), " ", h("a", { href: `/kb/schemes/${encodeURIComponent(id)}` }, t("scheme.current"))) : null,
    !scheme.exists ? notice("info", t("scheme.deleted")) : null,
    h(
      "dl",
      { class: "facts" },
      h("dt", null, t("scheme.id")), h("dd", null, h("code", null, r.schemeId)),
      h("dt", null, t("kb.level")), h("dd", null, `${term("levels", r.level)}${r.state ? ` · ${r.state}` : ""}`),
      h("dt", null, t("kb.category")), h("dd", null, r.categoryLabels.join(", ") || "—"),
      h("dt", null, t("scheme.detail")), h("dd", null, term("detail", r.detailLevel)),
      h("dt", null, t("scheme.updated")), h("dd", null, r.lastUpdated),
      r.contactInfo.helplineNumbers?.length ? [h("dt", null, t("scheme.helpline")), h("dd", null, r.contactInfo.helplineNumbers.join(", "))] : null,
    ),
    can("editor") && scheme.current && scheme.exists ? h("p", { class: "actions" }, h("a", { class: "button", href: `/kb/schemes/${encodeURIComponent(id)}/edit`, id: "edit-scheme" }, t("scheme.edit")), " ", h("a", { href: `/try?q=${encodeURIComponent(r.name.en)}` }, t("nav.try"))) : null,
    bilingual(r),
    section(
      t("scheme.versions"),
      table(
        t("scheme.versions"),
        [t("scheme.version"), t("common.when"), t("scheme.op"), t("scheme.actor"), t("common.reason"), ""],
        history.map((v, i) => [
          h("a", { href: `/kb/schemes/${encodeURIComponent(id)}?version=${v.kbVersion}` }, `v${v.kbVersion}`),
          fmt.when(v.time),
          term("ops", v.op),
          v.actor,
          v.reason,
          can("editor") && i > 0 && v.op !== "delete" ? h("button", { type: "button", class: "secondary small", onclick: () => rollbackTo(v.kbVersion) }, t("scheme.rollbackTo", { version: v.kbVersion })) : "",
        ]),
        "versions",
      ),
      rollbackBox,
      h("h3", null, t("scheme.compare")),
      history.length > 1 ? [diffForm, diffBox] : h("p", { class: "muted" }, t("scheme.oneVersion")),
    ),
  );
}
