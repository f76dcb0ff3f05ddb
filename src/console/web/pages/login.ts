// Log in: user name and password; a wrong one, a locked account or a throttled address each say so.
import { api, ApiFailure, boot } from "../app.js";
import { field, fill, h, notice } from "../dom.js";
import { t } from "../i18n.js";
import { errorText } from "./common.js";

export function renderLogin(main: HTMLElement): void {
  const user = h("input", { name: "user", autocomplete: "username", required: true, autocapitalize: "none", spellcheck: "false" });
  const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
  const message = h("div", { id: "login-message", "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, t("login.submit"));
  const form = h("form", { class: "login", novalidate: true }, field(t("login.user"), user), field(t("login.password"), password), message, submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!user.value.trim() || !password.value) {
      fill(message, notice("error", t("login.missing")));
      return;
    }
    submit.disabled = true;
    try {
      await api("POST", "/login", { user: user.value.trim(), password: password.value });
      const next = new URLSearchParams(location.search).get("next");
      location.assign(next && next.startsWith("/") && !next.startsWith("//") ? next : "/overview");
    } catch (err) {
      password.value = "";
      const retry = err instanceof ApiFailure ? Number(err.details.retryAfterSeconds ?? 0) : 0;
      const text =
        err instanceof ApiFailure && err.code === "bad_credentials"
          ? t("login.bad")
          : err instanceof ApiFailure && err.code === "locked"
            ? t("login.locked", { minutes: Math.max(1, Math.ceil(retry / 60)) })
            : err instanceof ApiFailure && err.code === "throttled"
              ? t("login.throttled", { seconds: retry })
              : errorText(err);
      fill(message, notice("error", text));
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  fill(main, h("h1", null, t("login.title")), boot.noAccounts ? notice("info", t("login.noAccounts"), " ", h("code", null, "sahayak users add NAME --role admin")) : null, form);
  user.focus();
}
