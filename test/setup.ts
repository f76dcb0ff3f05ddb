// Loaded before every test file by `make test` (`--import ./test/setup.ts`): a hang must be a failure.
import assert from "node:assert";
import { createRequire, syncBuiltinESMExports } from "node:module";

/** Each test fails after this long (SAHAYAK_TEST_TIMEOUT_MS); the longest real test takes under a minute. */
export const TEST_TIMEOUT_MS = Number(process.env.SAHAYAK_TEST_TIMEOUT_MS ?? 180_000);

// node:test has no default per-test timeout (--test-timeout bounds a whole file). Its CommonJS exports are
// wrapped to give every test one unless it sets its own, and the ES module view is synced to them.
const require = createRequire(import.meta.url);
const nodeTest = require("node:test") as Record<string, unknown>;
type TestFn = (...args: unknown[]) => unknown;

function withTimeout(original: TestFn): TestFn {
  const wrapped = (...args: unknown[]) => {
    const optionsAt = args.findIndex((a) => typeof a === "object" && a !== null);
    if (optionsAt === -1) {
      const fnAt = args.findIndex((a) => typeof a === "function");
      args.splice(fnAt === -1 ? args.length : fnAt, 0, { timeout: TEST_TIMEOUT_MS });
    } else {
      const options = args[optionsAt] as { timeout?: number };
      if (options.timeout === undefined) args[optionsAt] = { ...options, timeout: TEST_TIMEOUT_MS };
    }
    return original(...args);
  };
  // it.skip, it.todo, it.only keep working
  for (const key of ["skip", "todo", "only"]) {
    const variant = (original as unknown as Record<string, unknown>)[key];
    if (typeof variant === "function") Object.assign(wrapped, { [key]: variant });
  }
  return wrapped;
}
for (const name of ["it", "test"]) nodeTest[name] = withTimeout(nodeTest[name] as TestFn);
syncBuiltinESMExports();

// A failing assert.ok without a message makes Node read the test's source at the call site's column to
// quote it; tsx runs the file with its whitespace minified onto one line, so that column lies beyond the
// original line and Node's reader loops (seen: a failed check in media.test.ts hung `make test` for good).
// A message of our own skips that reader; the stack still points at the line.
const originalOk: (value: unknown, message?: string | Error) => asserts value = assert.ok;
const ok = function ok(value: unknown, message?: string | Error): asserts value {
  originalOk(value, message ?? "assert.ok: the value is falsy (see the stack for the check)");
};
for (const target of [assert, assert.strict] as unknown as Record<string, unknown>[]) target.ok = ok;
syncBuiltinESMExports();
