// Accounts (admins): add one, change a role, disable or enable, set a password: the same functions as
// `sahayak users`.
import { api } from "../app.js";
import { field, fill, h, notice, select, table } from "../dom.js";
import { fmt, t, term } from "../i18n.js";
import type { UserSummary } from "../types.js";
import { errorText, section } from "./common.js";

export async function renderUsers(main: HTMLElement): Promise<void> {
  const { users, roles } = await api<{ users: UserSummary[]; roles: string[] }>("GET", "/users");
  const message = h("div", { "aria-live": "polite" });
  const roleChoices = roles.map((r): [string, string] => [r, term("roles", r)]);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      sessionStorage.setItem("users-notice", done);
      location.reload();
    } catch (err) {
      fill(message, notice("error", errorText(err)));
    }
  };
  const rows = users.map((u) => {
    const role = select(`role-${u.name}`, roleChoices, u.role);
    role.setAttribute("aria-label", t("users.roleOf", { name: u.name }));
    role.addEventListener("change", () => void act(() => api("PUT", `/users/${encodeURIComponent(u.name)}`, { role: role.value }), t("users.changed", { name: u.name })));
    const password = h("input", { type: "password", autocomplete: "new-password", "aria-label": t("users.newPasswordOf", { name: u.name }) });
    const setPassword = h("button", { type: "button", class: "secondary small", onclick: () => void act(() => api("PUT", `/users/${encodeURIComponent(u.name)}`, { password: password.value }), t("users.changed", { name: u.name })) }, t("users.setPassword"));
    const toggle = h("button", { type: "button", class: "secondary small", onclick: () => void act(() => api("PUT", `/users/${encodeURIComponent(u.name)}`, { disabled: !u.disabled }), t("users.changed", { name: u.name })) }, u.disabled ? t("users.enable") : t("users.disable"));
    return [h("strong", null, u.name), role, u.disabled ? t("users.disabled") : t("users.enabled"), fmt.when(u.lastLoginAt), u.lockedUntil ? fmt.when(u.lockedUntil) : "—", h("span", { class: "inline" }, password, setPassword), toggle];
  });
  const name = h("input", { name: "name", autocapitalize: "none", required: true });
  const role = select("role", roleChoices, "viewer");
  const password = h("input", { name: "password", type: "password", autocomplete: "new-password", required: true });
  const add = h("form", { class: "filters" }, field(t("users.name"), name), field(t("users.role"), role), field(t("login.password"), password), h("div", { class: "actions" }, h("button", { type: "submit" }, t("users.add"))));
  add.addEventListener("submit", (e) => {
    e.preventDefault();
    void act(() => api("POST", "/users", { name: name.value.trim(), role: role.value, password: password.value }), t("users.added", { name: name.value.trim() }));
  });
  const done = sessionStorage.getItem("users-notice");
  sessionStorage.removeItem("users-notice");
  fill(
    main,
    h("h1", null, t("users.title")),
    done ? notice("ok", done) : null,
    message,
    table(t("users.title"), [t("users.name"), t("users.role"), t("users.state"), t("users.lastLogin"), t("users.lockedUntil"), t("login.password"), ""], rows, "users"),
    section(t("users.add"), add),
  );
}
