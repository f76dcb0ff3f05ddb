// The console's browser assets: one script (the pages and Chart.js), one style sheet and the Devanagari
// font files, all served by the console itself: nothing is fetched from another host. `make build` bundles
// them into dist/console/public with esbuild; running from source (tests, tsx) bundles them in memory, so
// the pages always match the code that serves them.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../config.js";

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** URL path under /assets/ → asset; `script` and `style` name the entry points' hashed files. */
export interface AssetTable {
  files: Map<string, Asset>;
  script: string;
  style: string;
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

const here = dirname(fileURLToPath(import.meta.url));
const WEB_SOURCE = join(projectRoot, "src", "console", "web");
export const BUILT_ASSETS = join(projectRoot, "dist", "console", "public");

function asset(body: Buffer, path: string): Asset {
  return { body, type: TYPES[extname(path)] ?? "application/octet-stream", etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"` };
}

function table(files: Map<string, Asset>): AssetTable {
  const find = (re: RegExp) => {
    const name = [...files.keys()].find((k) => re.test(k));
    if (!name) throw new Error(`the console's assets lack ${re}: run make build`);
    return name;
  };
  return { files, script: find(/^app-[\w-]+\.js$/), style: find(/^app-[\w-]+\.css$/) };
}

/** Bundles the pages with esbuild (a development dependency: only `make build` and source runs need it). */
export async function bundleAssets(): Promise<Map<string, Asset>> {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: { app: join(WEB_SOURCE, "main.ts"), "app-style": join(WEB_SOURCE, "style.css") },
    bundle: true,
    minify: true,
    format: "esm",
    target: ["chrome100", "firefox100", "safari15"],
    entryNames: "[name]-[hash]",
    assetNames: "fonts/[name]-[hash]",
    loader: { ".woff2": "file", ".woff": "file" },
    outdir: "/assets",
    write: false,
    legalComments: "linked",
    logLevel: "silent",
  });
  const files = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    // the style sheet's entry is named app-style-HASH.css: served as app-HASH.css
    const path = relative("/assets", file.path).replace(/^app-style-/, "app-");
    files.set(path, asset(Buffer.from(file.contents), path));
  }
  return files;
}

function readBuilt(dir: string): Map<string, Asset> {
  const files = new Map<string, Asset>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), asset(readFileSync(p), p));
    }
  };
  walk(dir);
  return files;
}

/** Running from the TypeScript sources (tsx): the pages are bundled now, from the same sources. */
const fromSource = here.startsWith(join(projectRoot, "src"));

export async function loadAssets(): Promise<AssetTable> {
  if (fromSource) return table(await bundleAssets());
  if (!existsSync(BUILT_ASSETS)) throw new Error(`the console's pages are not built (${BUILT_ASSETS} is missing): run make build`);
  return table(readBuilt(BUILT_ASSETS));
}

/** `make build`: writes the bundle to dist/console/public. */
export async function writeAssets(dir = BUILT_ASSETS): Promise<number> {
  const files = await bundleAssets();
  rmSync(dir, { recursive: true, force: true });
  for (const [path, a] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), a.body);
  }
  return files.size;
}
