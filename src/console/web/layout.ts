// The header every page shares: the pages this person may open, the language switch, who is logged in.
import { api, boot, can } from "./app.js";
import { h } from "./dom.js";
import { lang, switchLanguage, t, term, type Key } from "./i18n.js";

const NAV: { href: string; key: Key; pages: string[]; role: "viewer" | "editor" | "admin" }[] = [
  { href: "/overview", key: "nav.overview", pages: ["overview"], role: "viewer" },
  { href: "/calls", key: "nav.calls", pages: ["calls", "call"], role: "viewer" },
  { href: "/unanswered", key: "nav.unanswered", pages: ["unanswered"], role: "viewer" },
  { href: "/kb", key: "nav.kb", pages: ["kb", "scheme", "scheme-edit", "kb-versions", "kb-import"], role: "viewer" },
  { href: "/try", key: "nav.try", pages: ["try"], role: "viewer" },
  { href: "/health", key: "nav.health", pages: ["health"], role: "viewer" },
  { href: "/audit", key: "nav.audit", pages: ["audit"], role: "viewer" },
  { href: "/users", key: "nav.users", pages: ["users"], role: "admin" },
];

export function renderHeader(top: HTMLElement): void {
  const other = lang === "hi" ? "English" : "हिन्दी";
  const languageButton = h("button", { type: "button", class: "link-button", lang: lang === "hi" ? "en" : "hi", onclick: switchLanguage }, other);
  if (!boot.user) {
    top.replaceChildren(h("div", { class: "topbar" }, h("span", { class: "brand" }, t("app")), h("div", { class: "tools" }, languageButton)));
    return;
  }
  const logout = async () => {
    await api("POST", "/logout").catch(() => undefined);
    location.assign("/login");
  };
  const links = NAV.filter((n) => can(n.role)).map((n) => h("li", null, h("a", { href: n.href, "aria-current": n.pages.includes(boot.page) ? "page" : undefined }, t(n.key))));
  top.replaceChildren(
    h(
      "div",
      { class: "topbar" },
      h("a", { class: "brand", href: "/overview" }, t("app")),
      h("div", { class: "tools" }, languageButton, h("span", { class: "who" }, t("common.who", { user: boot.user, role: term("roles", boot.role) })), h("button", { type: "button", class: "link-button", onclick: logout }, t("common.logout"))),
    ),
    h("nav", { "aria-label": t("common.mainNav") }, h("ul", null, ...links)),
  );
}
