// Headless Chromium for the console's end-to-end tests: Debian's own browser (/usr/bin/chromium, the
// chromium package in the Makefile's APT_PACKAGES) driven by playwright-core, a fresh profile each run; no
// browser is ever downloaded. Screenshots go to test-output/console (not committed).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { projectRoot } from "../../src/config.js";
import { tempDir } from "../helpers.js";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const SCREENSHOTS = join(process.env.SAHAYAK_TEST_OUTPUT ?? join(projectRoot, "test-output"), "console");

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Every URL the pages asked for. */
  requested: string[];
  /** Script errors and failed resource loads seen on the pages. */
  problems: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (make apt)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = tempDir("sahayak-chromium-");
  const context = await chromium.launchPersistentContext(profile.path, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 800 } });
  const page = context.pages()[0] ?? (await context.newPage());
  const requested: string[] = [];
  const problems: string[] = [];
  context.on("request", (r) => requested.push(r.url()));
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("console", (m) => {
    // a refused request is the test's own doing (403s, a locked login): its answer is checked where it is made
    if (m.type() === "error" && !/Failed to load resource: the server responded with a status of (401|403|404|409|422|423|429)/.test(m.text())) problems.push(`console error: ${m.text()}`);
  });
  return {
    context,
    page,
    requested,
    problems,
    async shot(name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      profile.cleanup();
    },
  };
}

/** Opens a console page and waits until its script has drawn it. */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
}

/** Every visible control on the page that Tab from the top never reached (described). */
export async function unreachableByKeyboard(page: Page): Promise<string[]> {
  const count = await page.evaluate(() => {
    const selector = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex="0"]';
    const controls = [...document.querySelectorAll(selector)].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden" && !e.closest("[hidden], details:not([open]) > :not(summary)");
    });
    controls.forEach((e, i) => e.setAttribute("data-reach", String(i)));
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    return controls.length;
  });
  const reached = new Set<string>();
  // a date field takes three stops (day, month, year)
  for (let i = 0; i < count * 3 + 10 && reached.size < count; i++) {
    await page.keyboard.press("Tab");
    const at = await page.evaluate(() => document.activeElement?.closest("[data-reach]")?.getAttribute("data-reach") ?? null);
    if (at !== null) reached.add(at);
  }
  return page.evaluate((seen) => [...document.querySelectorAll("[data-reach]")].filter((e) => !seen.includes(e.getAttribute("data-reach")!)).map((e) => `${e.tagName.toLowerCase()} "${(e.textContent ?? "").trim().slice(0, 40) || e.getAttribute("name") || e.getAttribute("aria-label") || ""}"`), [...reached]);
}
