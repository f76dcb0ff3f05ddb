// What a sysadmin's mistakes in the config or the command line lead to: an unknown key is named with the
// nearest valid one (exit 2), the config's log.level is honoured and a wrong level is a clear error, and a
// data directory that is missing or unreadable is an error naming the path and the user, never an empty
// knowledge base.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "../../src/config.js";
import { cliCommand, jsonl, runCli, sampleRecords, tempDir } from "../helpers.js";

describe("config strictness, log level and the data directory", () => {
  it("an unknown key anywhere in the config is an error naming it and the nearest valid key (exit 2)", () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, "config.json");
      writeFileSync(file, JSON.stringify({ telephony: { ari: { pasword: "x" } }, stor: { sessions: {} }, call: { bargeIn: { minWord: 2 } } }));
      const r = runCli(["--config", file, "kb", "stats"], { dataDir: dir.path });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(
        r.stderr,
        `sahayak: invalid configuration in ${file}:\n` +
          '  telephony.ari: unknown key "pasword" (did you mean "password"?); valid keys here: url, user, password, app, reconnectMs, maxReconnectMs, requestTimeoutMs\n' +
          '  call.bargeIn: unknown key "minWord" (did you mean "minWords"?); valid keys here: enabled, minWords, falseStartTimeoutMs, echoReturnLossDb, echoTailMs\n' +
          '  (root): unknown key "stor" (did you mean "store"?); valid keys here: dataDir, modelsDir, log, ops, knowledge, dialogue, speech, telephony, call, store, console, appliance\n',
      );
    } finally {
      dir.cleanup();
    }
  });

  it("an invalid --log-level or log.level is a clear error, not a stack trace (exit 2)", () => {
    const dir = tempDir();
    try {
      const r = runCli(["--log-level", "verbose", "kb", "stats"], { dataDir: dir.path });
      assert.equal(r.status, 2);
      assert.equal(r.stderr, 'sahayak: --log-level must be one of fatal, error, warn, info, debug, trace, silent, not "verbose"\n');
      const file = join(dir.path, "config.json");
      writeFileSync(file, JSON.stringify({ log: { level: "loud" } }));
      const fromFile = runCli(["--config", file, "kb", "stats"], { dataDir: dir.path });
      assert.equal(fromFile.status, 2);
      assert.match(fromFile.stderr, /^sahayak: invalid configuration in .*\n {2}log\.level: Invalid option: expected one of "fatal"\|"error"\|"warn"\|"info"\|"debug"\|"trace"\|"silent"\n$/);
    } finally {
      dir.cleanup();
    }
  });

  it("the config's log.level is honoured (and --log-level still wins)", () => {
    const dir = tempDir();
    try {
      const input = jsonl(sampleRecords(["pm-kisan"]));
      const file = join(dir.path, "config.json");
      writeFileSync(file, JSON.stringify({ log: { level: "info" } }));
      const quiet = runCli(["kb", "import", "-"], { dataDir: join(dir.path, "a"), input });
      assert.equal(quiet.status, 0, quiet.stderr);
      assert.doesNotMatch(quiet.stderr, /knowledge base import/, "commands log warnings only by default");
      const info = runCli(["--config", file, "kb", "import", "-"], { dataDir: join(dir.path, "b"), input });
      assert.equal(info.status, 0, info.stderr);
      assert.match(info.stderr, /"level":30,.*"msg":"knowledge base import"/);
      const overridden = runCli(["--config", file, "--log-level", "error", "kb", "import", "-"], { dataDir: join(dir.path, "c"), input });
      assert.doesNotMatch(overridden.stderr, /knowledge base import/);
    } finally {
      dir.cleanup();
    }
  });

  it("a missing data directory is an error naming it and the user, not an empty knowledge base (exit 6)", () => {
    const dir = tempDir();
    try {
      const missing = join(dir.path, "nowhere");
      const r = runCli(["kb", "stats"], { dataDir: missing });
      assert.equal(r.status, 6, r.stdout);
      const u = userInfo();
      assert.equal(r.stderr, `sahayak: the data directory ${missing} does not exist (user ${u.username} (uid ${u.uid})): run \`make setup\` or \`sahayak kb import\`, or point --data-dir, SAHAYAK_DATA_DIR or dataDir at the right one\n`);
      assert.equal(r.stdout, "");
    } finally {
      dir.cleanup();
    }
  });

  it("a data directory the user cannot read is an error naming it and the user (was: version 0: 0 schemes, exit 0)", () => {
    const dir = tempDir();
    try {
      const data = join(dir.path, "data");
      mkdirSync(data);
      assert.equal(runCli(["kb", "import", "-"], { dataDir: data, input: jsonl(sampleRecords(["pm-kisan"])) }).status, 0);
      chmodSync(dir.path, 0o755);
      const root = process.getuid?.() === 0;
      // root reads everything: the service user's view is taken by running as nobody
      chmodSync(data, root ? 0o700 : 0o000);
      const r = spawnSync(process.execPath, [...cliCommand(), "--data-dir", data, "kb", "stats"], { cwd: projectRoot, encoding: "utf8", env: { ...process.env, SAHAYAK_CONFIG: "", LANCEDB_LOG: "error", HOME: "/tmp" }, ...(root ? { uid: 65534, gid: 65534 } : {}) });
      chmodSync(data, 0o700);
      const who = root ? "nobody (uid 65534)" : `${userInfo().username} (uid ${userInfo().uid})`;
      assert.equal(r.status, 6, r.stdout + r.stderr);
      assert.equal(r.stderr, `sahayak: user ${who} cannot read the data directory ${data} (EACCES): give it to that user (chown -R) or run as the service user\n`);
    } finally {
      dir.cleanup();
    }
  });
});
