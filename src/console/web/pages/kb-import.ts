// Import a file: validated whole, previewed (what would be added, and field by field what would change),
// then imported as one version with a reason, only if nothing changed in between.
import { api, ApiFailure } from "../app.js";
import { field, fill, h, notice, table } from "../dom.js";
import { fmt, t } from "../i18n.js";
import type { CommitResult, ImportPreview, Problem } from "../types.js";
import { errorText, schemeLink } from "./common.js";
import { changesView } from "./scheme.js";

export function renderImport(main: HTMLElement): void {
  const file = h("input", { type: "file", name: "file", accept: ".jsonl,.json,.ndjson,application/json" });
  const reason = h("input", { name: "reason", class: "wide", minlength: 3 });
  const result = h("div", { id: "import-result", "aria-live": "polite" });
  const previewButton = h("button", { type: "submit" }, t("import.preview"));
  const importButton = h("button", { type: "button", disabled: true }, t("import.apply"));
  let preview: ImportPreview | undefined;
  const send = (dryRun: boolean) => {
    const chosen = file.files?.[0];
    if (!chosen) throw new Error(t("import.chooseFile"));
    const q = new URLSearchParams({ dryRun: String(dryRun), name: chosen.name });
    if (!dryRun) {
      q.set("reason", reason.value.trim());
      q.set("baseVersion", String(preview?.version ?? ""));
    }
    return api<(ImportPreview & { dryRun: true }) | (CommitResult & { dryRun: false })>("POST", `/kb/import?${q}`, undefined, { raw: chosen, rawType: "application/x-ndjson" });
  };
  const showError = (err: unknown) => {
    const problems = err instanceof ApiFailure ? ((err.details.problems as Problem[] | undefined) ?? []) : [];
    fill(result, notice("error", err instanceof ApiFailure ? errorText(err) : (err as Error).message), problems.length ? table(t("import.problems"), [t("import.line"), t("import.scheme"), t("import.path"), t("import.reason")], problems.map((p) => [String(p.line), p.schemeId ?? "", h("code", null, p.path || "—"), p.reason])) : null);
  };
  const form = h("form", { class: "import", novalidate: true }, field(t("import.file"), file, t("import.fileHint")), h("div", { class: "actions" }, previewButton), field(t("common.reason"), reason, t("common.reasonHint")), h("div", { class: "actions" }, importButton));
  file.addEventListener("change", () => {
    preview = undefined;
    importButton.disabled = true;
    fill(result);
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    previewButton.disabled = true;
    try {
      const p = (await send(true)) as ImportPreview;
      preview = p;
      importButton.disabled = p.added.length + p.updated.length === 0;
      fill(
        result,
        h("h2", null, t("import.previewTitle")),
        notice("info", t("import.summary", { records: fmt.number(p.records), added: fmt.number(p.added.length), updated: fmt.number(p.updated.length), unchanged: fmt.number(p.unchanged), version: p.version })),
        p.added.length ? h("div", null, h("h3", null, t("import.added")), h("p", { class: "ids" }, ...p.added.slice(0, 200).flatMap((id) => [h("code", null, id), " "]))) : null,
        p.updated.length ? h("div", null, h("h3", null, t("import.updated")), h("ul", { class: "updates" }, ...p.updated.slice(0, 200).map((u) => h("li", null, h("details", null, h("summary", null, schemeLink(u.schemeId), " ", t("import.fieldsChanged", { n: u.changes.length })), changesView(u.changes)))))) : null,
      );
    } catch (err) {
      showError(err);
    } finally {
      previewButton.disabled = false;
    }
  });
  importButton.addEventListener("click", async () => {
    if (reason.value.trim().length < 3) {
      fill(result, notice("error", t("edit.needReason")));
      reason.focus();
      return;
    }
    importButton.disabled = true;
    try {
      const r = (await send(false)) as CommitResult;
      fill(result, notice("ok", r.created ? t("import.done", { version: r.version, added: r.added.length, updated: r.updated.length }) : t("scheme.noChange")));
      preview = undefined;
    } catch (err) {
      showError(err);
    }
  });
  fill(main, h("h1", null, t("import.title")), h("p", { class: "muted" }, t("import.intro")), form, result);
}
