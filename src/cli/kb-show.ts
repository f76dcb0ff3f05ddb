// Human-readable rendering of one scheme record for `kb show`.
import type { SchemeRecord } from "../knowledge/index.js";
import { printLine, wrap } from "./output.js";

function pick(text: Record<string, string> | undefined, lang: string): string | undefined {
  return text?.[lang] ?? text?.en;
}

function pickList(list: Record<string, string[]> | undefined, lang: string): string[] {
  return list?.[lang]?.length ? list[lang]! : (list?.en ?? []);
}

function section(title: string, items: string[]): void {
  if (!items.length) return;
  printLine(`${title}:`);
  for (const item of items) printLine(wrap(`- ${item}`, 2));
}

export function printRecord(r: SchemeRecord, lang: string): void {
  printLine(`${pick(r.name, lang)}  [${r.schemeId}]`);
  const where = r.level === "central" ? "central (all India)" : `${r.level ?? "unknown level"}${r.state ? `: ${r.state}` : ""}`;
  printLine(`  ${where}; ${r.categoryLabels.join(", ")}; detail: ${r.detailLevel}; languages: ${r.languages.join(", ")}`);
  if (r.ministry) printLine(`  ${r.ministry}`);
  printLine();
  printLine(wrap(pick(r.description, lang) ?? "", 0));
  printLine();
  section("Eligibility", pickList(r.eligibility.criteria, lang));
  section("Not eligible", pickList(r.eligibility.exclusions, lang));
  section("Benefits", pickList(r.benefits, lang));
  section("Documents", pickList(r.documents, lang));
  const application = r.applicationProcess[lang]?.length ? r.applicationProcess[lang]! : (r.applicationProcess.en ?? []);
  for (const a of application) section(`How to apply${a.mode ? ` (${a.mode})` : ""}`, a.steps);
  const helplines = r.contactInfo.helplineNumbers ?? [];
  if (helplines.length) printLine(`Helpline: ${helplines.join(", ")}`);
  if (r.contactInfo.myschemeUrl) printLine(`Source: ${r.contactInfo.myschemeUrl}`);
  if (r.qualityFlags.length) printLine(`Quality flags: ${r.qualityFlags.map((f) => f.type).join(", ")}`);
  printLine(`Last updated: ${r.lastUpdated}`);
}
