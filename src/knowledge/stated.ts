// What kind of scheme each record says it is: the words of its name, tags and sub-categories. A question
// that names a kind of scheme ("pension", "bima") reaches the schemes filed so though their names do not
// say it (a farmers' "Maan Dhan", tagged "Pension"). A record's broad top-level category is left out: it
// is a shelf holding many kinds ("Banking, Financial Services and Insurance" holds pensions and accounts).
// Read from the schemes table for every scheme alike; nothing here names a scheme.
import type * as lancedb from "@lancedb/lancedb";
import { runAtOnce, runSliced, type SliceOptions } from "../ops/slices.js";
import { nativeTokens, stemEnglish } from "./text.js";

const COLUMNS = ["schemeId", "ft_name_en", "ft_tags_en"];

export class StatedKinds {
  /** English stem → schemes whose name, tags or sub-categories say it. */
  private readonly postings = new Map<string, Set<string>>();
  static readonly empty = new StatedKinds();

  /** Indexes rows of the schemes table at once (`shelves`: top-level category labels, which say no scheme's kind). */
  static of(rows: readonly Record<string, unknown>[], shelves: ReadonlySet<string> = new Set()): StatedKinds {
    const kinds = new StatedKinds();
    runAtOnce(kinds.index(rows, shelves));
    return kinds;
  }

  /**
   * Reads every scheme's name and labels (about a tenth of a second of work for 3,600 schemes): at once, or
   * in slices between the loop's other work when `slicing` is given (a serving process's knowledge base changed).
   */
  static async read(table: lancedb.Table | undefined, shelves: ReadonlySet<string>, slicing?: SliceOptions): Promise<StatedKinds> {
    const rows = table ? ((await table.query().select(COLUMNS).toArray()) as Record<string, unknown>[]) : [];
    if (!slicing) return StatedKinds.of(rows, shelves);
    const kinds = new StatedKinds();
    await runSliced(kinds.index(rows, shelves), slicing);
    return kinds;
  }

  /** Indexes the rows, one a step. */
  private *index(rows: readonly Record<string, unknown>[], shelves: ReadonlySet<string>): Generator<void> {
    for (const row of rows) {
      const id = String(row.schemeId);
      const labels = String(row.ft_tags_en ?? "").split("\n").filter((t) => !shelves.has(t.trim()));
      for (const word of new Set(nativeTokens([String(row.ft_name_en ?? ""), ...labels].join("\n").toLowerCase()))) {
        const stem = stemEnglish(word);
        (this.postings.get(stem) ?? this.postings.set(stem, new Set()).get(stem)!).add(id);
      }
      yield;
    }
  }

  /** Schemes whose records say a word of every group (a word with its other spellings and translations). */
  holding(groups: readonly (readonly string[])[]): Set<string> {
    if (groups.length === 0) return new Set();
    const lists = groups
      .map((words) => {
        const ids = new Set<string>();
        for (const stem of new Set(words.flatMap((w) => nativeTokens(w.toLowerCase())).map(stemEnglish))) this.postings.get(stem)?.forEach((id) => ids.add(id));
        return ids;
      })
      .sort((a, b) => a.size - b.size);
    return new Set([...lists[0]!].filter((id) => lists.every((l) => l.has(id))));
  }
}
