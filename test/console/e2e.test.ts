// The console in a real browser (Debian's headless Chromium through playwright-core) against a console
// running beside real calls (the PBX simulator, the English recogniser, espeak-ng): logging in and being
// locked out, a viewer who cannot edit, an editor's change seen by `kb show`, `ask` and the audit log, a
// diff and a rollback, an import previewed then made, a live call on the overview and then in the calls
// with its timing waterfall, the unanswered report, try-a-question with playable audio, a change without
// the CSRF token refused, an expired session sent to the login page, every page on a phone's width, by
// keyboard, and in Hindi. A screenshot of every page is saved under test-output/console.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { runCliAsync, sampleRecords, tempDir } from "../helpers.js";
import { openBrowser, SCREENSHOTS, unreachableByKeyboard, visit, type Browser } from "./browser.js";
import { PASSWORDS, startConsoleFixture, USERS, type ConsoleFixture } from "./fixture.js";
import { Accounts } from "../../src/console/index.js";

const NEW_BENEFIT = "From this year PM-KISAN pays 7,777 rupees a year to every landholding farmer family.";
const MINUTE = 60_000;

describe("the console in a browser", { timeout: 900_000 }, () => {
  let f: ConsoleFixture;
  let b: Browser;
  let page: Page;
  const files = tempDir("sahayak-console-files-");
  const cli = (...args: string[]) => runCliAsync(args, { dataDir: f.dataDir, env: { SAHAYAK_MODELS_DIR: f.config.modelsDir } });

  before(async () => {
    f = await startConsoleFixture({ calls: true });
    await new Accounts(f.store, f.config.console).add("setup", "lockme", "viewer", "secret-pass-4711");
    b = await openBrowser();
    page = b.page;
  });
  after(async () => {
    await b?.close();
    await f?.cleanup();
    files.cleanup();
  });

  const logIn = async (role: keyof typeof USERS) => {
    await visit(page, `${f.url}/login`);
    await page.fill("input[name=user]", USERS[role]);
    await page.fill("input[name=password]", PASSWORDS[role]);
    await Promise.all([page.waitForURL(`${f.url}/overview`), page.click("form.login button[type=submit]")]);
    await page.waitForSelector("body[data-ready=true]");
  };
  const logOut = async () => {
    await Promise.all([page.waitForURL(/\/login$/), page.click("header button:has-text('Log out')")]);
  };
  const boot = () => page.evaluate(() => JSON.parse(document.getElementById("boot")!.textContent!) as { csrf: string; role: string });

  it("login: a wrong password is refused, and after too many the account is locked, the right password too; by keyboard alone", async () => {
    await visit(page, `${f.url}/overview`);
    assert.equal(new URL(page.url()).pathname, "/login", "a page without a session goes to the login page");
    await b.shot("login");
    const message = page.locator("#login-message");
    // one attempt: its answer awaited, then the form ready again (the message alone may be the last attempt's)
    const attempt = async (password: string) => {
      await page.fill("input[name=user]", "lockme");
      await page.fill("input[name=password]", password);
      const [answer] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/login"), page.click("form.login button[type=submit]")]);
      await page.waitForFunction(() => !document.querySelector("form.login button[type=submit]")?.hasAttribute("disabled"));
      return { status: answer.status(), message: await message.innerText() };
    };
    for (let i = 1; i <= f.config.console.login.maxFailures; i++) {
      const { status, message: said } = await attempt(`wrong-${i}`);
      if (i < f.config.console.login.maxFailures) {
        assert.equal(status, 401, `attempt ${i}`);
        assert.match(said, /Wrong user name or password/);
      } else {
        assert.equal(status, 423, "the last wrong password locks the account");
        assert.match(said, /locked/);
      }
    }
    const locked = await attempt("secret-pass-4711");
    assert.equal(locked.status, 423, "the right password is refused while the account is locked");
    assert.match(locked.message, /locked after too many wrong passwords\. Try again in 15 min/);
    assert.equal(new URL(page.url()).pathname, "/login");
    await b.shot("login-locked");
    const failed = (await f.store.audit.query({ action: "login.failed", target: "lockme" })).entries;
    assert.equal(failed.length, f.config.console.login.maxFailures + 1);
    assert.equal((await f.store.audit.query({ action: "login.locked", target: "lockme" })).total, 1);
    // the viewer logs in with the keyboard only: the user field has focus, Tab to the password, Enter
    await visit(page, `${f.url}/login`);
    await page.keyboard.type(USERS.viewer);
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORDS.viewer);
    await Promise.all([page.waitForURL(`${f.url}/overview`), page.keyboard.press("Enter")]);
    assert.equal((await f.store.audit.query({ action: "login", target: USERS.viewer })).total, 1);
  });

  it("a viewer cannot edit: no edit control, the edit page is refused, and the API answers 403", async () => {
    await visit(page, `${f.url}/kb/schemes/pm-kisan`);
    assert.equal(await page.locator("#edit-scheme").count(), 0);
    assert.equal(await page.locator("button:has-text('Roll back')").count(), 0);
    await b.shot("scheme-viewer");
    const edit = await page.goto(`${f.url}/kb/schemes/pm-kisan/edit`);
    assert.equal(edit!.status(), 403);
    await page.waitForSelector("body[data-ready=true]");
    assert.match(await page.locator("main").innerText(), /Your role \(viewer\) does not open this page/);
    await b.shot("forbidden");
    const { csrf } = await boot();
    const answer = await page.evaluate(async (token) => {
      const r = await fetch("/api/v1/kb/schemes/pm-kisan", { method: "PUT", headers: { "content-type": "application/json", "x-csrf-token": token }, body: JSON.stringify({ reason: "viewer tries", set: [{ path: "tags", value: ["x"] }] }) });
      return { status: r.status, body: await r.json() };
    }, csrf);
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error.code, "forbidden");
    await logOut();
  });

  it("an editor edits a scheme with a reason: the change shows in `kb show`, in the answer `ask` gives, in try-a-question and in the audit log", async () => {
    await logIn("editor");
    await visit(page, `${f.url}/kb/schemes/pm-kisan`);
    await Promise.all([page.waitForURL(/\/edit$/), page.click("#edit-scheme")]);
    await page.waitForSelector("body[data-ready=true]");
    await page.fill("textarea[name=benefits-en]", NEW_BENEFIT);
    await b.shot("scheme-edit");
    // a reason is required
    await page.click("form.edit button[type=submit]");
    await page.getByText("Say why you make this change").waitFor();
    await page.fill("input[name=reason]", "new amount from the ministry's circular");
    await Promise.all([page.waitForURL(/\/kb\/schemes\/pm-kisan\?saved=2$/), page.click("form.edit button[type=submit]")]);
    await page.waitForSelector("body[data-ready=true]");
    assert.match(await page.locator(".notice.ok").innerText(), /Saved as knowledge base version 2/);
    assert.match(await page.locator("article[lang=en] .f-benefits").innerText(), /7,777 rupees a year/);
    const shown = await cli("kb", "show", "pm-kisan");
    assert.equal(shown.status, 0, shown.stderr);
    assert.ok(shown.stdout.includes(NEW_BENEFIT), shown.stdout);
    const asked = await cli("ask", "--lang", "en", "how much money does pm kisan give");
    assert.equal(asked.status, 0, asked.stderr);
    assert.match(asked.stdout, /7,777 rupees a year|seven thousand seven hundred/i, `ask answered: ${asked.stdout}`);
    await visit(page, `${f.url}/audit?action=kb.`);
    const row = page.locator("table tbody tr").first();
    assert.match(await row.innerText(), new RegExp(`${USERS.editor}\\s+kb\\.update`));
    assert.match(await row.innerText(), /new amount from the ministry's circular/);
    await b.shot("audit");
  });

  it("try a question: the answer with its scheme and why, the text as spoken, and audio that plays", async () => {
    await visit(page, `${f.url}/try?q=${encodeURIComponent("how much money does pm kisan give")}`);
    await page.selectOption("select[name=lang]", "en");
    await page.click("form.try button[type=submit]");
    await page.waitForSelector("#try-audio", { timeout: 60_000 });
    const answer = await page.locator("blockquote.answer").innerText();
    assert.match(answer, /7,777 rupees a year/, "the engine the calls use answers with the edited record");
    assert.equal(await page.locator("#try-result a[href='/kb/schemes/pm-kisan']").first().count(), 1);
    assert.match(await page.locator("ol.spoken").innerText(), /seven thousand seven hundred (and )?seventy[- ]seven rupees/i, "numbers as they are spoken");
    const audio = await page.evaluate(async () => {
      const el = document.getElementById("try-audio") as HTMLAudioElement;
      const bytes = new Uint8Array(await (await fetch(el.src)).arrayBuffer());
      if (el.readyState < 1) await new Promise((r) => el.addEventListener("loadedmetadata", r, { once: true }));
      return { head: String.fromCharCode(...bytes.slice(0, 4)), bytes: bytes.length, duration: el.duration };
    });
    assert.equal(audio.head, "RIFF");
    assert.ok(audio.duration > 1, `the answer plays for ${audio.duration} s`);
    assert.ok(audio.bytes > 8000 * 2, `${audio.bytes} bytes of audio`);
    await b.shot("try");
  });

  it("diff between two versions, then a rollback to the first; `kb show` has the old text again", async () => {
    await visit(page, `${f.url}/kb/schemes/pm-kisan`);
    await page.selectOption("select[name=from]", "1");
    await page.selectOption("select[name=to]", "2");
    await page.click("button:has-text('Show the differences')");
    const diff = page.locator("#diff ul.diff");
    await diff.waitFor();
    assert.match(await diff.innerText(), /benefits\.en/);
    assert.ok((await diff.locator("ins").innerText()).includes(NEW_BENEFIT));
    await b.shot("scheme-diff");
    await page.click("button:has-text('Roll back to v1')");
    await page.fill("form.confirm input[name=reason]", "the circular was withdrawn");
    await Promise.all([page.waitForURL(/saved=3$/), page.click("form.confirm button[type=submit]")]);
    await page.waitForSelector("body[data-ready=true]");
    assert.ok(!(await page.locator("article[lang=en] .f-benefits").innerText()).includes("7,777"));
    await b.shot("scheme");
    const shown = await cli("kb", "show", "pm-kisan");
    assert.ok(!shown.stdout.includes(NEW_BENEFIT) && /6,000/.test(shown.stdout), shown.stdout);
    assert.equal((await f.store.audit.query({ action: "kb.rollback" })).entries[0]?.actor, USERS.editor);
    await visit(page, `${f.url}/kb/versions`);
    await b.shot("kb-versions");
  });

  it("import: the dry run previews what would be added and changed and changes nothing; the import then makes one version", async () => {
    const [apy, kisan] = sampleRecords(["apy", "pm-kisan"]);
    const added = { ...apy!, schemeId: "apy-test", name: { ...apy!.name, en: "Atal Pension Yojana (test copy)" } };
    const changed = { ...kisan!, tags: [...kisan!.tags, "imported"] };
    const file = join(files.path, "schemes.jsonl");
    writeFileSync(file, `${JSON.stringify(added)}\n${JSON.stringify(changed)}\n`);
    await visit(page, `${f.url}/kb/import`);
    await page.setInputFiles("input[name=file]", file);
    await page.click("button:has-text('Preview (dry run)')");
    await page.locator("#import-result .notice.info").waitFor();
    assert.match(await page.locator("#import-result").innerText(), /2 valid records: 1 would be added, 1 updated, 0 unchanged \(against version 3\)/);
    await page.locator("#import-result details summary").first().click();
    assert.match(await page.locator("#import-result ul.diff").innerText(), /tags/);
    await b.shot("kb-import");
    assert.equal(f.services!.knowledgeBase!.store.kbVersion, 3, "the dry run changed nothing");
    await page.fill("input[name=reason]", "two records from the state portal");
    await page.click("button:has-text('Import')");
    await page.getByText("Imported as version 4: 1 added, 1 updated.").waitFor();
    assert.ok(f.services!.knowledgeBase!.store.has("apy-test"));
    // an invalid file: every problem with its line, nothing changed
    writeFileSync(file, `${JSON.stringify({ ...added, schemeId: "Bad Id" })}\n`);
    await page.setInputFiles("input[name=file]", file);
    await page.click("button:has-text('Preview (dry run)')");
    await page.locator("#import-result .notice.error").waitFor();
    assert.match(await page.locator("#import-result table").innerText(), /schemeId/);
    assert.equal(f.services!.knowledgeBase!.store.kbVersion, 4);
  });

  it("a request without the CSRF token is refused, even from the console's own page", async () => {
    const refused = await page.evaluate(async () => {
      const r = await fetch("/api/v1/kb/rollback", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ to: 1, reason: "no token" }) });
      return { status: r.status, body: await r.json() };
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, "csrf");
    assert.equal(f.services!.knowledgeBase!.store.kbVersion, 4);
    await logOut();
  });

  it("a simulated call appears on the overview while it is live, then in the calls with its timing waterfall", async () => {
    await logIn("admin");
    const placed = f.simulation!.call({ lang: "en", hurry: true, steps: [{ kind: "say", text: "what is pm kisan" }, { kind: "say", text: "goodbye" }] });
    // the call runs on whatever the page shows; its end is awaited either way
    const seenLive = (async () => {
      await visit(page, `${f.url}/overview`);
      const live = page.locator("#live table tbody tr");
      await live.first().waitFor({ timeout: 30_000 });
      assert.match(await live.first().innerText(), /English|Hindi|call arrived|greeting|listening|processing|responding/);
      await b.shot("overview-live");
    })();
    const [shown, { record }] = await Promise.all([seenLive.then(() => undefined, (err: Error) => err), placed]);
    if (shown) throw shown;
    await page.locator("#live").getByText("No call is in progress.").waitFor({ timeout: 10_000 });
    await visit(page, `${f.url}/overview`);
    await b.shot("overview");
    await visit(page, `${f.url}/calls`);
    const link = page.locator(`a[href='/calls/${record.callId}']`);
    assert.equal(await link.count(), 1);
    await b.shot("calls");
    await Promise.all([page.waitForURL(`${f.url}/calls/${record.callId}`), link.click()]);
    await page.waitForSelector("body[data-ready=true]");
    const waterfall = page.locator("li.waterfall").first();
    assert.match(await waterfall.innerText(), /voice to voice \d[\d,]* ms/);
    assert.match(await waterfall.innerText(), /End of speech → recogniser final\s+\d[\d,]* ms/);
    assert.match(await waterfall.innerText(), /→ first reply packet\s+\d[\d,]* ms/);
    assert.match(await page.getByRole("table", { name: /^Turns/ }).innerText(), /pm kisan|p m kisan|kisan/i);
    await b.shot("call");
    assert.equal((await f.store.audit.query({ action: "calls.show", target: record.callId })).entries[0]?.actor, USERS.admin);
  });

  it("the unanswered report groups questions with counts and example calls, each with a way into the knowledge base", async () => {
    const question = (callId: string, text: string) =>
      f.store.calls.insert(
        { callId, startedAt: new Date().toISOString(), durationMs: 8000, lang: "en", mode: "speech", outcome: "goodbye", states: [], turns: [{ role: "caller", atMs: 1000, text, lang: "en", action: "question", timings: { endOfSpeechMs: 1000 } }, { role: "sahayak", atMs: 1600, text: "I can only help with government schemes.", lang: "en", action: "out_of_scope", timings: {} }] },
        { callerHash: null },
      );
    await question("u-1", "how do I get a ration card in Bihar");
    await question("u-2", "ration card Bihar how do I get");
    await visit(page, `${f.url}/unanswered`);
    const row = page.locator("table tbody tr").filter({ hasText: "ration card" });
    assert.match(await row.innerText(), /\b2\b/);
    assert.match(await row.innerText(), /out of scope 2/);
    assert.equal(await row.locator("a[href^='/calls/u-']").count(), 2);
    await b.shot("unanswered");
    await Promise.all([page.waitForURL(/\/kb\?q=/), row.locator("a:has-text('Search')").click()]);
    await page.waitForSelector("body[data-ready=true]");
    assert.match(new URL(page.url()).searchParams.get("q") ?? "", /^(ration card Bihar how do I get|how do I get a ration card in Bihar)$/);
    await b.shot("kb");
  });

  it("health (with doctor run by an admin) and users pages; an admin adds an account", async () => {
    await visit(page, `${f.url}/health`);
    await page.click("#run-doctor");
    await page.locator("#doctor table").waitFor({ timeout: 120_000 });
    assert.match(await page.locator("#doctor").innerText(), /knowledge_base/);
    await b.shot("health");
    await visit(page, `${f.url}/users`);
    await page.fill("form input[name=name]", "meena");
    await page.selectOption("form select[name=role]", "editor");
    await page.fill("form input[name=password]", "tulsi-garden-4711");
    await page.click("button:has-text('Add an account')");
    await page.getByText("Account meena added.").waitFor();
    await b.shot("users");
    assert.equal((await f.store.audit.query({ action: "users.add", target: "meena" })).entries[0]?.actor, USERS.admin);
  });

  it("every page fits a 360 px wide phone screen and every control is reached by the keyboard", async () => {
    const pages = ["/overview", "/calls", `/calls/u-1`, "/unanswered", "/kb?q=pension", "/kb/schemes/pm-kisan", "/kb/schemes/pm-kisan/edit", "/kb/versions", "/kb/import", "/try", "/health", "/audit", "/users"];
    const unreachable: string[] = [];
    for (const path of pages) {
      await visit(page, `${f.url}${path}`);
      const missed = await unreachableByKeyboard(page);
      if (missed.length) unreachable.push(`${path}: ${missed.join(", ")}`);
    }
    assert.deepEqual(unreachable, []);
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      const overflow: string[] = [];
      for (const path of ["/login", ...pages]) {
        if (path === "/login") {
          await logOut();
        } else if (path === "/overview") await logIn("admin");
        else await visit(page, `${f.url}${path}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) overflow.push(`${path}: ${width}px`);
        await b.shot(`phone${path.replace(/[/?=]+/g, "-").replace(/-$/, "")}`);
      }
      assert.deepEqual(overflow, [], "pages wider than the phone's screen");
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it("the pages in Hindi", async () => {
    await visit(page, `${f.url}/overview`);
    await Promise.all([page.waitForEvent("load"), page.click("header button[lang=hi]")]);
    await page.waitForSelector("body[data-ready=true]");
    assert.equal(await page.locator("html").getAttribute("lang"), "hi");
    assert.match(await page.locator("header nav").innerText(), /सारांश[\s\S]*ज्ञान-कोष/);
    await b.shot("hi-overview");
    await visit(page, `${f.url}/kb/schemes/pm-kisan`);
    assert.match(await page.locator("article[lang=hi] h2").innerText(), /हिंदी/);
    await b.shot("hi-scheme");
    await visit(page, `${f.url}/calls`);
    await b.shot("hi-calls");
    await Promise.all([page.waitForEvent("load"), page.click("header button[lang=en]")]);
  });

  it("an expired session goes back to the login page, and comes back to where it was after logging in", async () => {
    await visit(page, `${f.url}/calls`);
    f.clock.offsetMs += (f.config.console.session.idleMinutes + 1) * MINUTE;
    await page.goto(`${f.url}/audit`);
    await page.waitForSelector("body[data-ready=true]");
    assert.equal(new URL(page.url()).pathname, "/login");
    assert.equal(new URL(page.url()).searchParams.get("next"), "/audit");
    // a page already open finds out at its next request
    await page.fill("input[name=user]", USERS.viewer);
    await page.fill("input[name=password]", PASSWORDS.viewer);
    await Promise.all([page.waitForURL(`${f.url}/audit`), page.click("form.login button[type=submit]")]);
  });

  it("nothing was fetched from anywhere but the console, and no page had a script error", () => {
    const origin = new URL(f.url).origin;
    const foreign = b.requested.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
    assert.deepEqual(foreign, []);
    assert.deepEqual(b.problems, []);
    assert.ok(b.requested.some((u) => /\/assets\/fonts\/.+\.woff2$/.test(u)), "the bundled font was used");
    process.stdout.write(`# screenshots in ${SCREENSHOTS}\n`);
  });
});
