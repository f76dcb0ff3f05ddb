// Chooses among a hand-set constant's values by leave-one-part-out cross-validation: each value's run of
// bench/rank-extract.ts --rules-only (the rules' replies, right or not by the dialogue bench's rule) is one
// file; for each readable part in turn, the value right most often on the other three parts (every question
// of every type counts; ties keep the value listed first, the current one) is scored on the held-out part.
//   node --import tsx bench/constant-cv.ts current=/tmp/a.json other=/tmp/b.json …
import { readFileSync } from "node:fs";
import type { QuestionRow } from "./rank-extract.js";

const PARTS = ["dev", "tune", "tune3", "tune4"];
const runs = process.argv.slice(2).map((arg) => {
  const [name, path] = arg.split("=") as [string, string];
  return { name, rows: JSON.parse(readFileSync(path, "utf8")) as QuestionRow[] };
});
const right = (rows: QuestionRow[], keep: (r: QuestionRow) => boolean) => rows.filter((r) => keep(r) && r.currentOk).length;
for (const run of runs) {
  const per = PARTS.map((p) => `${p} ${right(run.rows, (r) => r.part === p)}/${right(run.rows, (r) => r.part === p && r.accepted.length > 0)}`);
  console.log(`${run.name}: all/scheme right ${per.join(", ")}`);
}
let all = 0;
let scheme = 0;
let allN = 0;
let schemeN = 0;
for (const held of PARTS) {
  const fitted = runs.reduce((best, run) => (right(run.rows, (r) => r.part !== held) > right(best.rows, (r) => r.part !== held) ? run : best));
  const test = fitted.rows.filter((r) => r.part === held);
  all += right(test, () => true);
  scheme += right(test, (r) => r.accepted.length > 0);
  allN += test.length;
  schemeN += test.filter((r) => r.accepted.length > 0).length;
  console.log(`held out ${held}: chosen ${fitted.name}`);
}
const current = runs[0]!.rows;
console.log(`held-out right: every question ${(all / allN).toFixed(3)} (${runs[0]!.name} ${(right(current, () => true) / allN).toFixed(3)}), scheme questions ${(scheme / schemeN).toFixed(3)} (${runs[0]!.name} ${(right(current, (r) => r.accepted.length > 0) / schemeN).toFixed(3)})`);
