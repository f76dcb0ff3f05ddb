// Edit a scheme: its main texts in English and Hindi (lists one item per line), or the whole record as
// JSON; a reason is required. The server validates as `kb update` does and names each problem's field.
import { api, ApiFailure, boot } from "../app.js";
import { field, fill, h, notice } from "../dom.js";
import { t, term, type Key } from "../i18n.js";
import type { CommitResult, Problem, SchemeAnswer, SchemeRecord } from "../types.js";
import { errorText } from "./common.js";

interface EditableField {
  path: string;
  label: Key;
  lang: "en" | "hi";
  kind: "text" | "long" | "lines";
  get(r: SchemeRecord): string | string[] | undefined;
}

const EDITABLE: EditableField[] = (["en", "hi"] as const).flatMap((lang): EditableField[] => [
  { path: `name.${lang}`, label: "scheme.fields.name", lang, kind: "text", get: (r) => r.name[lang] },
  { path: `description.${lang}`, label: "scheme.fields.description", lang, kind: "long", get: (r) => r.description[lang] },
  { path: `eligibility.criteria.${lang}`, label: "scheme.fields.eligibility", lang, kind: "lines", get: (r) => r.eligibility.criteria[lang] },
  { path: `benefits.${lang}`, label: "scheme.fields.benefits", lang, kind: "lines", get: (r) => r.benefits[lang] },
  { path: `documents.${lang}`, label: "scheme.fields.documents", lang, kind: "lines", get: (r) => r.documents[lang] },
]);

const asText = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join("\n") : (v ?? ""));
const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

export async function renderSchemeEdit(main: HTMLElement): Promise<void> {
  const id = boot.params.id ?? "";
  const scheme = await api<SchemeAnswer>("GET", `/kb/schemes/${encodeURIComponent(id)}`);
  const record = scheme.record;
  const controls = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  const problemsBox = h("div", { "aria-live": "assertive" });
  const columns = (["en", "hi"] as const).map((lang) =>
    h(
      "fieldset",
      { lang },
      h("legend", null, term("languages", lang)),
      ...EDITABLE.filter((f) => f.lang === lang).map((f) => {
        const name = f.path.replace(/\./g, "-");
        const control = f.kind === "text" ? h("input", { name, value: asText(f.get(record)), class: "wide" }) : h("textarea", { name, rows: f.kind === "long" ? 5 : 6 }, asText(f.get(record)));
        control.dataset.path = f.path;
        controls.set(f.path, control);
        return field(t(f.label), control, f.kind === "lines" ? t("edit.linesHint") : undefined);
      }),
    ),
  );
  const reason = h("input", { name: "reason", required: true, minlength: 3, class: "wide" });
  const useJson = h("input", { type: "checkbox", name: "whole" });
  const json = h("textarea", { name: "record", rows: 20, class: "code", spellcheck: "false" }, JSON.stringify(record, null, 2));
  const jsonBox = h("div", { hidden: true }, field(t("edit.json"), json, t("edit.jsonHint")));
  useJson.addEventListener("change", () => (jsonBox.hidden = !useJson.checked));
  const submit = h("button", { type: "submit" }, t("common.save"));
  const form = h(
    "form",
    { class: "edit", novalidate: true },
    h("div", { class: "bilingual" }, ...columns),
    h("div", { class: "field" }, h("label", null, useJson, " ", t("edit.useJson"))),
    jsonBox,
    field(t("common.reason"), reason, t("common.reasonHint")),
    problemsBox,
    h("div", { class: "actions" }, submit, h("a", { href: `/kb/schemes/${encodeURIComponent(id)}` }, t("common.cancel"))),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const c of controls.values()) c.removeAttribute("aria-invalid");
    if (reason.value.trim().length < 3) {
      fill(problemsBox, notice("error", t("edit.needReason")));
      reason.focus();
      return;
    }
    let body: Record<string, unknown>;
    if (useJson.checked) {
      try {
        body = { record: JSON.parse(json.value) };
      } catch (err) {
        fill(problemsBox, notice("error", t("edit.badJson", { message: (err as Error).message })));
        return;
      }
    } else {
      const set = EDITABLE.flatMap((f) => {
        const before = f.get(record);
        const text = controls.get(f.path)!.value;
        const value = f.kind === "lines" ? lines(text) : text.trim();
        const unchanged = f.kind === "lines" ? JSON.stringify(value) === JSON.stringify(before ?? []) : value === (before ?? "");
        return unchanged ? [] : [{ path: f.path, value }];
      });
      if (!set.length) {
        fill(problemsBox, notice("info", t("edit.nothingChanged")));
        return;
      }
      body = { set };
    }
    submit.disabled = true;
    try {
      const result = await api<CommitResult>("PUT", `/kb/schemes/${encodeURIComponent(id)}`, { ...body, reason: reason.value.trim(), baseVersion: scheme.kbVersion });
      location.assign(`/kb/schemes/${encodeURIComponent(id)}?saved=${result.created ? result.version : "none"}`);
    } catch (err) {
      const problems = err instanceof ApiFailure ? ((err.details.problems as Problem[] | undefined) ?? []) : [];
      for (const p of problems) for (const [path, c] of controls) if (p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`)) c.setAttribute("aria-invalid", "true");
      fill(problemsBox, notice("error", problems.length ? t("edit.problems", { n: problems.length }) : errorText(err), problems.length ? h("ul", null, ...problems.map((p) => h("li", null, h("code", null, p.path || "—"), ": ", p.reason))) : null));
    } finally {
      submit.disabled = false;
    }
  });
  fill(main, h("h1", null, t("edit.title", { name: record.name.en })), h("p", { class: "muted" }, t("edit.intro", { version: scheme.kbVersion })), form);
}
