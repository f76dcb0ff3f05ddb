// Knowledge base: the helpline's own search, with why each scheme was found; the version and what changed
// last; ways to the versions and (editors) to importing a file.
import { api, can, pageQuery, withQuery } from "../app.js";
import { field, fill, h, select } from "../dom.js";
import { fmt, lang, t, term } from "../i18n.js";
import type { Hit, KbInfo } from "../types.js";
import { filterForm, schemeLink } from "./common.js";

export async function renderKb(main: HTMLElement): Promise<void> {
  const q = pageQuery();
  const info = await api<KbInfo>("GET", "/kb");
  const { hits } = await api<{ hits: Hit[] }>("GET", withQuery("/kb/search", { q: q.q ?? "", lang: q.lang, level: q.level, state: q.state, category: q.category, limit: 20 }));
  const any: [string, string] = ["", t("common.any")];
  const form = filterForm(
    [
      field(t("kb.query"), h("input", { type: "search", name: "q", value: q.q ?? "", class: "wide" }), t("kb.queryHint")),
      field(t("kb.lang"), select("lang", [any, ["en", term("languages", "en")], ["hi", term("languages", "hi")]], q.lang)),
      field(t("kb.level"), select("level", [any, ["central", term("levels", "central")], ["state", term("levels", "state")]], q.level)),
      field(t("kb.state"), select("state", [any, ...info.states.map((s): [string, string] => [s, s])], q.state)),
      field(t("kb.category"), select("category", [any, ...info.categories.map((c): [string, string] => [c, c])], q.category)),
    ],
    "/kb",
  );
  const last = info.lastChange;
  fill(
    main,
    h("h1", null, t("kb.title")),
    h("p", null, t("kb.version", { version: info.version, schemes: fmt.number(info.schemes) }), last ? [" ", t("kb.lastChange", { time: fmt.when(last.time), actor: last.actor, reason: last.reason })] : null),
    h("p", { class: "actions" }, h("a", { href: "/kb/versions" }, t("kb.versions")), can("editor") ? [" · ", h("a", { href: "/kb/import" }, t("kb.import"))] : null),
    form,
    h("h2", null, q.q ? t("kb.results", { n: hits.length }) : t("kb.mostUseful")),
    hits.length
      ? h(
          "ol",
          { class: "hits" },
          ...hits.map((hit) =>
            h(
              "li",
              null,
              h("p", { class: "hit-name" }, schemeLink(hit.schemeId, lang === "hi" && hit.nameHi ? hit.nameHi : hit.name), " ", h("span", { class: "muted" }, `${term("levels", hit.level)}${hit.state ? ` · ${hit.state}` : ""}`)),
              q.q
                ? h(
                    "p",
                    { class: "why" },
                    t("kb.score", { score: hit.score.toFixed(3) }),
                    " · ",
                    t("kb.matched", { fields: hit.matched.map((m) => term("fields", m)).join(", ") || "—" }),
                    " · ",
                    t("kb.via", { via: hit.via.map((v) => term("retrievers", v)).join(", ") }),
                    hit.nameScore ? [" · ", t("kb.nameScore", { score: hit.nameScore.toFixed(2) })] : null,
                  )
                : null,
            ),
          ),
        )
      : h("p", { class: "muted" }, t("kb.noHits")),
  );
}
