// `sahayak users`: the console's accounts from a root shell. No default account; the password is read
// from standard input (never an argument) and stored only as a scrypt hash; every change is audited.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../src/config.js";
import { verifyPassword } from "../../src/console/index.js";
import { SahayakStore } from "../../src/store/index.js";
import { runCli, tempDir } from "../helpers.js";

describe("sahayak users", () => {
  const dir = tempDir("sahayak-users-");
  const users = (args: string[], input?: string) => runCli(["users", ...args], { dataDir: dir.path, input });
  const stored = () => {
    const store = SahayakStore.open(dir.path, loadConfig({ env: {}, overrides: { dataDir: dir.path } }).store);
    try {
      return { rows: store.users.list(), hash: store.db.prepare<[], { password_hash: string }>("SELECT password_hash FROM users WHERE name = 'meera'").get()?.password_hash, audit: store.audit.query({}).entries };
    } finally {
      store.close();
    }
  };
  before(() => {
    const first = users(["list"]);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /no accounts: add one with `sahayak users add NAME --role admin`/);
  });
  after(() => dir.cleanup());

  it("adds an account with a password from standard input, kept only as a scrypt hash, and audited", async () => {
    const added = users(["add", "meera", "--role", "editor", "--password-stdin", "--actor", "root"], "river-stone-4711\n");
    assert.equal(added.status, 0, added.stderr);
    assert.equal(added.stdout.trim(), "meera: editor");
    const { rows, hash, audit } = stored();
    assert.deepEqual(rows.map((u) => [u.name, u.role, u.disabled]), [["meera", "editor", false]]);
    assert.match(hash!, /^scrypt\$\d+\$\d+\$\d+\$/);
    assert.ok(!hash!.includes("river-stone-4711"));
    assert.equal(await verifyPassword("river-stone-4711", hash!), true);
    assert.equal(await verifyPassword("river-stone-4712", hash!), false);
    assert.ok(audit.some((e) => e.action === "users.add" && e.actor === "root" && e.target === "meera"), JSON.stringify(audit));
  });

  it("refuses a weak password, a bad name, an unknown role and a second account of the same name, saying why", () => {
    const weak = users(["add", "kiran", "--role", "viewer", "--password-stdin"], "short\n");
    assert.notEqual(weak.status, 0);
    assert.match(weak.stderr, /at least 10 characters/);
    const named = users(["add", "Kiran Rao", "--role", "viewer", "--password-stdin"], "river-stone-4711\n");
    assert.notEqual(named.status, 0);
    assert.match(named.stderr, /lowercase|user name/i);
    const role = users(["add", "kiran", "--role", "boss", "--password-stdin"], "river-stone-4711\n");
    assert.notEqual(role.status, 0);
    assert.match(role.stderr, /viewer, editor, admin/);
    const twice = users(["add", "meera", "--role", "viewer", "--password-stdin"], "river-stone-4711\n");
    assert.notEqual(twice.status, 0);
    assert.match(twice.stderr, /exists/);
    assert.deepEqual(stored().rows.map((u) => u.name), ["meera"]);
  });

  it("disables and enables, changes the role (never disabling the last admin), sets a new password; list shows it", async () => {
    const disabled = users(["disable", "meera"]);
    assert.equal(disabled.stdout.trim(), "meera: editor, disabled");
    assert.match(users(["list"]).stdout, /^meera\s+editor\s+disabled\s+last login never/m);
    assert.equal(users(["enable", "meera"]).stdout.trim(), "meera: editor");
    assert.equal(users(["role", "meera", "admin"]).stdout.trim(), "meera: admin");
    // the only admin cannot be disabled: nobody could manage the accounts from the console then
    const last = users(["disable", "meera"]);
    assert.notEqual(last.status, 0);
    assert.match(last.stderr, /only enabled admin/);
    const before = stored().hash;
    const changed = users(["passwd", "meera", "--password-stdin"], "lotus-field-9090\n");
    assert.equal(changed.status, 0, changed.stderr);
    const { hash, audit } = stored();
    assert.notEqual(hash, before);
    assert.equal(await verifyPassword("lotus-field-9090", hash!), true);
    const json = JSON.parse(users(["list", "--json"]).stdout) as { name: string; role: string }[];
    assert.deepEqual(json.map((u) => [u.name, u.role]), [["meera", "admin"]]);
    for (const action of ["users.role", "users.disable", "users.enable", "users.passwd"]) assert.ok(audit.some((e) => e.action === action && e.target === "meera"), `${action} audited: ${audit.map((e) => e.action).join(", ")}`);
  });
});
