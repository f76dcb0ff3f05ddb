// The console's pages: one script for all, drawing the page the server named from the JSON API.
import { ApiFailure, boot } from "./app.js";
import { fill, h, notice } from "./dom.js";
import { t } from "./i18n.js";
import { renderHeader } from "./layout.js";
import { renderAudit } from "./pages/audit.js";
import { renderCall } from "./pages/call.js";
import { renderCalls } from "./pages/calls.js";
import { renderHealth } from "./pages/health.js";
import { renderImport } from "./pages/kb-import.js";
import { renderKb } from "./pages/kb.js";
import { renderKbVersions } from "./pages/kb-versions.js";
import { renderLogin } from "./pages/login.js";
import { renderOverview } from "./pages/overview.js";
import { renderScheme } from "./pages/scheme.js";
import { renderSchemeEdit } from "./pages/scheme-edit.js";
import { renderTry } from "./pages/try.js";
import { renderUnanswered } from "./pages/unanswered.js";
import { renderUsers } from "./pages/users.js";
import { errorText } from "./pages/common.js";

type Renderer = (main: HTMLElement) => Promise<void> | void;

const PAGES: Record<string, Renderer> = {
  login: renderLogin,
  overview: renderOverview,
  calls: renderCalls,
  call: renderCall,
  unanswered: renderUnanswered,
  kb: renderKb,
  "kb-versions": renderKbVersions,
  "kb-import": renderImport,
  scheme: renderScheme,
  "scheme-edit": renderSchemeEdit,
  try: renderTry,
  health: renderHealth,
  audit: renderAudit,
  users: renderUsers,
  forbidden: (main) => fill(main, h("h1", null, t("common.forbiddenTitle")), notice("error", t("common.forbidden", { role: boot.role ?? "" }))),
};

async function start(): Promise<void> {
  renderHeader(document.getElementById("top")!);
  const main = document.getElementById("main")!;
  fill(main, h("p", { class: "muted" }, t("common.loading")));
  const render = PAGES[boot.page];
  try {
    if (!render) throw new Error(`no page "${boot.page}"`);
    await render(main);
    document.body.dataset.ready = "true";
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 401) return;
    fill(main, h("h1", null, t("common.errorTitle")), notice("error", errorText(err)));
    document.body.dataset.ready = "true";
  }
}

void start();
