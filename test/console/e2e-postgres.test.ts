// One scenario of the console in a real browser (Debian's headless Chromium) on a cluster node whose store
// is PostgreSQL (a private server this file starts): log in, see two other nodes' calls with the node that
// took each, open one with its turns, the unanswered report and the audit log; then the database stops and
// the page says so, and comes back with it. Screenshots go beside the SQLite scenario's, named pg-*.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { tempDir } from "../helpers.js";
import { PgServer, pgUnavailable } from "../store/pg-server.js";
import { openBrowser, visit, type Browser } from "./browser.js";
import { PASSWORDS, startConsoleFixture, USERS, type ConsoleFixture } from "./fixture.js";
import { NODES, writeNodesRecords } from "./pg-records.js";

describe("the console in a browser, on PostgreSQL", { skip: pgUnavailable(), timeout: 300_000 }, () => {
  let server: PgServer;
  let f: ConsoleFixture;
  let b: Browser;
  let page: Page;
  const nodeDirs = tempDir("sahayak-console-pg-e2e-");

  before(async () => {
    server = await PgServer.start();
    const url = await server.newDatabase();
    await writeNodesRecords(url, nodeDirs.path);
    f = await startConsoleFixture({ config: { store: { backend: "postgres", postgres: { url, node: "console-node", connectTimeoutMs: 1000 } } } });
    b = await openBrowser();
    page = b.page;
  });
  after(async () => {
    await b?.close();
    await f?.cleanup();
    server?.destroy();
    nodeDirs.cleanup();
  });

  it("an admin logs in and sees every node's calls, a call's turns, the unanswered report and the audit log; a stopped database is said so", async () => {
    await visit(page, `${f.url}/login`);
    await page.fill("input[name=user]", USERS.admin);
    await page.fill("input[name=password]", PASSWORDS.admin);
    await Promise.all([page.waitForURL(`${f.url}/overview`), page.click("form.login button[type=submit]")]);
    await page.waitForSelector("body[data-ready=true]");
    await b.shot("pg-overview");

    await visit(page, `${f.url}/calls`);
    const calls = page.getByRole("table", { name: "Calls" });
    for (const n of NODES) {
      const row = calls.locator("tbody tr").filter({ has: page.locator(`a[href='/calls/${n.callId}']`) });
      assert.equal(await row.count(), 1, n.callId);
      assert.match(await row.innerText(), new RegExp(`\\b${n.node}\\b`), `${n.callId} shows the node that took it`);
    }
    await b.shot("pg-calls");
    const [first] = NODES;
    await Promise.all([page.waitForURL(`${f.url}/calls/${first!.callId}`), page.locator(`a[href='/calls/${first!.callId}']`).click()]);
    await page.waitForSelector("body[data-ready=true]");
    const turns = await page.getByRole("table", { name: /^Turns/ }).innerText();
    assert.match(turns, new RegExp(first!.question));
    assert.match(turns, /my number is \[phone\]/);
    assert.match(await page.locator("dl.facts").innerText(), new RegExp(first!.node));
    await b.shot("pg-call");

    await visit(page, `${f.url}/unanswered`);
    for (const n of NODES) assert.equal(await page.locator("table tbody tr").filter({ hasText: n.question }).count(), 1, n.question);
    await b.shot("pg-unanswered");

    await visit(page, `${f.url}/audit`);
    const audit = await page.getByRole("table", { name: "Audit log" }).innerText();
    for (const n of NODES) assert.match(audit, new RegExp(n.node));
    assert.match(audit, new RegExp(`${USERS.admin}\\s+login`), "the login is in the audit log");
    await b.shot("pg-audit");

    server.stopServer();
    try {
      const response = await page.goto(`${f.url}/calls`);
      assert.equal(response?.status(), 503);
      assert.match(await page.locator("main").innerText(), /cannot use the cluster's PostgreSQL database/);
      await b.shot("pg-database-down");
    } finally {
      server.startServer();
    }
    await visit(page, `${f.url}/calls`);
    assert.equal(await page.locator(`a[href='/calls/${first!.callId}']`).count(), 1, "the page works again with the database back");
    assert.deepEqual(b.problems.filter((p) => !/status of 503/.test(p)), []);
  });
});
