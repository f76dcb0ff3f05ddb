// What the offline bundle carries of node_modules (issue: production dependencies only, no CUDA/Vulkan
// builds, no dev tools), read from this project's own package-lock.json: the bundle builder's choice.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { productionPackages } from "../../src/admin/bundle.js";
import { projectRoot } from "../../src/config.js";

const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const names = productionPackages(projectRoot).map((path) => path.replace(/^.*node_modules\//, ""));

describe("the bundle's packages", () => {
  it("hold every production dependency and none of the dev tools", () => {
    for (const dep of Object.keys(pkg.dependencies)) assert.ok(names.includes(dep), `${dep} is a dependency and is not bundled`);
    for (const dev of Object.keys(pkg.devDependencies)) assert.ok(!names.includes(dev), `${dev} is a dev tool and is bundled`);
  });

  it("carry node-llama-cpp's CPU build for linux-x64 only: no CUDA or Vulkan build, no other machine's binaries", () => {
    const llama = names.filter((n) => n.startsWith("@node-llama-cpp/"));
    assert.deepEqual(llama, ["@node-llama-cpp/linux-x64"]);
    assert.deepEqual(names.filter((n) => /cuda|vulkan|darwin|win32|arm64|armv7l/.test(n)), []);
  });
});
