// Sahayak's Asterisk configuration placed beside a shop's own, never over it. For each file `sahayak
// asterisk config` renders:
//   - the shop has no such file: it is written whole (there is nothing to overwrite);
//   - the shop has one: Sahayak's own sections (its contexts, endpoints, users, queues) go into
//     sahayak-<file>, which the shop's file takes in with one `#include` line the sysadmin adds; sections
//     both have ([general], [modules], a transport) stay the shop's, and each setting Sahayak needs there
//     that the shop's file lacks is listed for the sysadmin to set.
// A file Sahayak wrote before and someone changed since is not replaced: the new one goes beside it as .new.
import { chmodSync, chownSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Config } from "../config.js";
import { AGENT_AUTH_FILE, type AgentPasswords } from "../telephony/agent-auth.js";
import { checkAsteriskConfig, parseAsteriskFile, renderAsteriskConfig } from "../telephony/asterisk-config.js";

export interface AsteriskPlan {
  /** `proposal`: a .new file beside one someone changed, the installer's own to replace. */
  writes: { path: string; content: string; mode: number; proposal?: boolean }[];
  /** What the sysadmin still has to do by hand, one sentence each. */
  todo: string[];
}

/** Files with passwords in them: Asterisk's group may read them, nobody else. */
export const SECRET_FILES = new Set(["ari.conf", "manager.conf", "prometheus.conf", AGENT_AUTH_FILE]);
const SECRET_KEYS = /pass|secret/i;

/** Our rendered file cut into its sections, each with its own lines (comments included). */
function sectionBlocks(text: string): { name: string; text: string }[] {
  const blocks: { name: string; text: string }[] = [];
  let pending: string[] = [];
  for (const line of text.split("\n")) {
    const header = /^\[([^\]]+)\]/.exec(line.trim());
    if (header) blocks.push({ name: header[1]!, text: "" });
    const current = blocks.at(-1);
    if (current) current.text += `${pending.length ? `${pending.join("\n")}\n` : ""}${line}\n`;
    pending = current ? [] : [...pending, line];
  }
  return blocks;
}

/** The shop's file as sections, its #include and #exec lines left out (they are not settings). */
function theirSections(text: string) {
  return parseAsteriskFile(text.replace(/^\s*#(include|exec|tryinclude)\b.*$/gm, "")).sections;
}

/** `agents`: the agents' SIP passwords (loadAgentPasswords), when telephony.asterisk.agentAuth.credentials is on. */
export function planAsteriskFiles(config: Config, dir: string, agents: AgentPasswords = {}): AsteriskPlan {
  const files = renderAsteriskConfig(config, agents);
  const problems = checkAsteriskConfig(files, config);
  if (problems.length) return { writes: [], todo: [`Sahayak's Asterisk files were not written: the rendering has problems (${problems.join("; ")})`] };
  const plan: AsteriskPlan = { writes: [], todo: [] };
  const write = (name: string, content: string) => {
    const path = join(dir, name);
    const mode = SECRET_FILES.has(name.replace(/^sahayak-/, "")) ? 0o640 : 0o644;
    if (!existsSync(path)) plan.writes.push({ path, content, mode });
    else if (readFileSync(path, "utf8") !== content) {
      if (!existsSync(`${path}.new`) || readFileSync(`${path}.new`, "utf8") !== content) plan.writes.push({ path: `${path}.new`, content, mode, proposal: true });
      plan.todo.push(`${path} differs from what this release renders (changed by hand, or a setting changed): the new one is ${path}.new; compare them and keep what you need`);
    }
  };
  for (const [name, text] of Object.entries(files)) {
    const target = join(dir, name);
    if (!existsSync(target)) {
      write(name, text);
      continue;
    }
    const shopText = readFileSync(target, "utf8");
    const shop = theirSections(shopText);
    const shopNames = new Set(shop.map((s) => s.name));
    let blocks = sectionBlocks(text);
    // a shop's PJSIP already listens on its own transport: a second one on the same port would not start,
    // so Sahayak's endpoints leave theirs out and PJSIP gives them the shop's
    const shopTransports = shop.filter((s) => s.entries.some((e) => e.key === "type" && e.value === "transport")).map((s) => s.name);
    if (name === "pjsip.conf" && shopTransports.length) {
      const ours = new Set(parseAsteriskFile(text).sections.filter((s) => s.entries.some((e) => e.key === "type" && e.value === "transport")).map((s) => s.name));
      blocks = blocks.filter((b) => !ours.has(b.name)).map((b) => ({ ...b, text: b.text.replace(new RegExp(`^transport\\s*=\\s*(${[...ours].join("|")})\\s*\\n`, "gm"), "") }));
      plan.todo.push(`Sahayak's SIP endpoints use ${target}'s own transport (${shopTransports.join(", ")}): it must reach the telco gateway ${config.telephony.asterisk.gatewayHost}:${config.telephony.asterisk.gatewayPort}`);
    }
    const own = blocks.filter((b) => !shopNames.has(b.name));
    if (own.length) {
      const fragment = `sahayak-${name}`;
      write(fragment, `; Sahayak's sections for ${name}, rendered by sahayak asterisk config. Include it from ${name}:\n;   #include ${fragment}\n\n${own.map((b) => b.text.trimEnd()).join("\n\n")}\n`);
      if (!new RegExp(`^\\s*#(try)?include\\s+"?${fragment.replace(/\./g, "\\.")}"?\\s*$`, "m").test(shopText)) plan.todo.push(`add the line \`#include ${fragment}\` at the end of ${target}`);
    }
    const leftOut = new Set(blocks.map((b) => b.name));
    for (const ours of parseAsteriskFile(text).sections.filter((s) => shopNames.has(s.name) && leftOut.has(s.name))) {
      const theirs = shop.filter((s) => s.name === ours.name).flatMap((s) => s.entries);
      const has = (key: string, value: string) => theirs.some((e) => e.key === key && e.value === value);
      const autoload = has("autoload", "yes");
      for (const { key, value } of ours.entries) {
        if (has(key, value)) continue;
        if (key === "load" && autoload && !has("noload", value)) continue;
        const secret = SECRET_KEYS.test(key);
        const current = theirs.find((e) => e.key === key);
        plan.todo.push(`in ${target} [${ours.name}], Sahayak needs ${key} ${key === "load" ? "=>" : "="} ${secret ? "(the value in /etc/sahayak/config.json)" : value}${current ? ` (it is ${secret ? "different" : current.value})` : ""}`);
      }
    }
  }
  return plan;
}

/** Writes the plan's files, owned like the folder they go in (Asterisk's user must read them). */
export function writeAsteriskPlan(plan: AsteriskPlan, log: (line: string) => void): void {
  for (const w of plan.writes) {
    writeFileSync(w.path, w.content, { mode: w.mode, flag: w.proposal ? "w" : "wx" });
    // the mode exactly, whatever the umask: Asterisk's group reads the files with passwords, nobody else
    chmodSync(w.path, w.mode);
    const dir = statSync(dirname(w.path));
    if (process.getuid?.() === 0) chownSync(w.path, dir.uid, dir.gid);
    log(`  wrote ${w.path}`);
  }
}
