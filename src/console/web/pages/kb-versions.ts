// The knowledge base's versions, newest first; an editor may roll the whole knowledge base back to one.
import { api, can, pageQuery } from "../app.js";
import { field, fill, h, notice, table } from "../dom.js";
import { fmt, t, term } from "../i18n.js";
import type { Paged, VersionBrief } from "../types.js";
import { errorText, pager, schemeLink } from "./common.js";

export async function renderKbVersions(main: HTMLElement): Promise<void> {
  const q = pageQuery();
  const page = Math.max(1, Number(q.page) || 1);
  const data = await api<Paged & { versions: VersionBrief[] }>("GET", `/kb/versions?page=${page}`);
  const latest = data.versions[0]?.version;
  const confirmBox = h("div", { "aria-live": "polite" });
  const changed = (v: VersionBrief) => {
    const part = (label: string, x: { count: number; ids: string[] }) => (x.count ? [h("span", null, `${label}${x.count}`), " ", ...x.ids.slice(0, 5).flatMap((id) => [schemeLink(id), " "]), x.count > 5 ? "… " : ""] : []);
    return h("span", { class: "ids" }, ...part("+", v.added), ...part("~", v.updated), ...part("−", v.deleted));
  };
  const rollbackAll = (to: number) => {
    const reason = h("input", { name: "reason", required: true, minlength: 3, class: "wide", value: t("scheme.rollbackReason", { version: to }) });
    const form = h("form", { class: "confirm" }, h("p", null, t("versions.rollbackConfirm", { version: to })), field(t("common.reason"), reason, t("common.reasonHint")), h("div", { class: "actions" }, h("button", { type: "submit" }, t("scheme.rollback")), h("button", { type: "button", class: "secondary", onclick: () => fill(confirmBox) }, t("common.cancel"))));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const r = await api<{ version: number; created: boolean }>("POST", "/kb/rollback", { to, reason: reason.value });
        fill(confirmBox, notice("ok", r.created ? t("scheme.saved", { version: r.version }) : t("scheme.noChange")));
        setTimeout(() => location.reload(), 800);
      } catch (err) {
        form.append(notice("error", errorText(err)));
      }
    });
    fill(confirmBox, form);
    reason.focus();
  };
  fill(
    main,
    h("h1", null, t("versions.title")),
    confirmBox,
    table(
      t("versions.title"),
      [t("scheme.version"), t("common.when"), t("scheme.op"), t("scheme.actor"), t("common.reason"), t("versions.changes"), ""],
      data.versions.map((v) => [
        `v${v.version}`,
        fmt.when(v.time),
        term("ops", v.op),
        v.actor,
        v.reason,
        changed(v),
        can("editor") && v.version !== latest ? h("button", { type: "button", class: "secondary small", onclick: () => rollbackAll(v.version) }, t("scheme.rollbackTo", { version: v.version })) : "",
      ]),
      "versions",
    ),
    pager("/kb/versions", {}, page, data.pageSize, data.total),
  );
}
