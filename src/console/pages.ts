// The console's pages: which path is which page and who may open it, and the HTML shell every page
// shares. The shell carries no data but the page's name and the session's facts (user, role, CSRF token);
// the page's script draws it from the JSON API.
import type { Role } from "../store/index.js";
import type { AssetTable } from "./assets.js";
import type { Access } from "./routes.js";

export interface PageDef {
  name: string;
  pattern: RegExp;
  /** Names of the pattern's groups, in order. */
  params?: string[];
  access: Access;
}

export const PAGES: readonly PageDef[] = [
  { name: "login", pattern: /^\/login$/, access: "public" },
  { name: "overview", pattern: /^\/overview$/, access: "viewer" },
  { name: "calls", pattern: /^\/calls$/, access: "viewer" },
  { name: "call", pattern: /^\/calls\/([^/]+)$/, params: ["id"], access: "viewer" },
  { name: "unanswered", pattern: /^\/unanswered$/, access: "viewer" },
  { name: "kb", pattern: /^\/kb$/, access: "viewer" },
  { name: "kb-versions", pattern: /^\/kb\/versions$/, access: "viewer" },
  { name: "kb-import", pattern: /^\/kb\/import$/, access: "editor" },
  { name: "scheme", pattern: /^\/kb\/schemes\/([^/]+)$/, params: ["id"], access: "viewer" },
  { name: "scheme-edit", pattern: /^\/kb\/schemes\/([^/]+)\/edit$/, params: ["id"], access: "editor" },
  { name: "try", pattern: /^\/try$/, access: "viewer" },
  { name: "health", pattern: /^\/health$/, access: "viewer" },
  { name: "audit", pattern: /^\/audit$/, access: "viewer" },
  { name: "users", pattern: /^\/users$/, access: "admin" },
];

export function pageFor(path: string): { name: string; params: Record<string, string>; access: Access } | undefined {
  for (const p of PAGES) {
    const m = p.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    try {
      (p.params ?? []).forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
    } catch {
      return undefined;
    }
    return { name: p.name, params, access: p.access };
  }
  return undefined;
}

/** What the page's script starts from (src/console/web/main.ts reads the same shape). */
export interface Boot {
  page: string;
  params: Record<string, string>;
  lang: "en" | "hi";
  version: string;
  liveRefreshMs: number;
  pageSize: number;
  user?: string;
  role?: Role;
  csrf?: string;
  /** The console runs inside `serve`: calls in progress can be shown. */
  inServe?: boolean;
  /** No account exists yet (the login page says how to make one). */
  noAccounts?: boolean;
}

const TITLE = { en: "Sahayak console", hi: "सहायक कंसोल" };

/** JSON safe inside <script>: no "</script>", no HTML comment openers. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

export function renderShell(boot: Boot, assets: AssetTable): string {
  return `<!doctype html>
<html lang="${boot.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE[boot.lang]}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/${assets.style}">
<script type="application/json" id="boot">${scriptJson(boot)}</script>
<script type="module" src="/assets/${assets.script}"></script>
</head>
<body>
<a class="skip" href="#main">${boot.lang === "hi" ? "मुख्य भाग पर जाएँ" : "Skip to content"}</a>
<header id="top"></header>
<main id="main" tabindex="-1"><noscript>${boot.lang === "hi" ? "इस कंसोल के लिए JavaScript चालू करें।" : "This console needs JavaScript turned on."}</noscript></main>
</body>
</html>`;
}

const ERROR_TITLE = { en: "The console cannot show this page", hi: "कंसोल यह पेज नहीं दिखा सकता" };

/** A page that failed before its shell could be drawn (the database unreachable): the reason, and nothing to run. */
export function renderErrorPage(lang: "en" | "hi", message: string, assets: AssetTable): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE[lang]}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/${assets.style}">
</head>
<body>
<main id="main"><h1>${ERROR_TITLE[lang]}</h1><p role="alert">${escape(message.charAt(0).toUpperCase() + message.slice(1))}</p><p><a href="">${lang === "hi" ? "फिर से लोड करें" : "Reload"}</a></p></main>
</body>
</html>`;
}
