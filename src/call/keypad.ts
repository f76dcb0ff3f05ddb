// Keypad mode: the whole helpline without speech recognition. Topics → schemes of the topic (most useful
// first, 9 for the next page) → 1 about, 2 eligibility, 3 benefits, 4 documents, 5 how to apply (6 more);
// * back, # repeat, 0 a person. Pure navigation: what to say is left to the flow.
import type { AnswerLang, Intent } from "../dialogue/index.js";
import { schemeNameIn, type SchemeMeta } from "../knowledge/index.js";
import { keypadPrompts } from "./prompts.js";

export interface KeypadScheme {
  schemeId: string;
  name: string;
  nameHi: string;
}

const FLAGSHIP_BONUS = 1;

/** The topics and their schemes, in the order a caller should hear them: topics with more flagship schemes first. */
export class KeypadCatalogue {
  private readonly byCategory = new Map<string, KeypadScheme[]>();
  readonly categories: string[];

  constructor(metas: readonly SchemeMeta[]) {
    const useful = new Map<string, number>();
    // schemes callers ask for by name (they have curated spoken aliases) lead, then the usefulness prior
    const rank = (m: SchemeMeta) => m.prior + (m.aliases.length > 0 ? FLAGSHIP_BONUS : 0);
    const sorted = [...metas].sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name));
    for (const m of sorted) {
      for (const c of m.categories) {
        const list = this.byCategory.get(c) ?? [];
        // a scheme kept under two slugs is offered once
        if (!m.duplicates.some((d) => list.some((s) => s.schemeId === d))) list.push({ schemeId: m.schemeId, name: m.name, nameHi: m.nameHi });
        this.byCategory.set(c, list);
        useful.set(c, (useful.get(c) ?? 0) + (m.aliases.length > 0 ? 1 : 0) + m.prior / metas.length);
      }
    }
    this.categories = [...useful.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  }

  schemes(category: string): KeypadScheme[] {
    return this.byCategory.get(category) ?? [];
  }
}

const FIELD_INTENTS: Record<string, Intent> = { "1": "overview", "2": "eligibility", "3": "benefits", "4": "documents", "5": "apply" };
const NEXT_PAGE = "9";
const MORE = "6";

type Level = { kind: "categories"; page: number } | { kind: "schemes"; category: string; page: number } | { kind: "fields"; category: string; page: number; schemeId: string };

export type KeypadAction =
  /** Say the current menu. */
  | { kind: "menu" }
  | { kind: "answer"; schemeId: string; intent: Intent }
  | { kind: "more" }
  /** Say the last thing again (the answer, or the menu). */
  | { kind: "repeat" }
  | { kind: "transfer" }
  | { kind: "invalid" };

export class KeypadMenu {
  private level: Level = { kind: "categories", page: 0 };

  constructor(
    private readonly catalogue: KeypadCatalogue,
    private readonly pageSize: number,
  ) {}

  get schemeId(): string | undefined {
    return this.level.kind === "fields" ? this.level.schemeId : undefined;
  }

  private page<T>(items: T[], page: number): { shown: T[]; next: boolean } {
    return { shown: items.slice(page * this.pageSize, (page + 1) * this.pageSize), next: (page + 1) * this.pageSize < items.length };
  }

  /** A key pressed; `more` says whether the last answer has more to hear. */
  press(digit: string, more = false): KeypadAction {
    const level = this.level;
    if (digit === "0") return { kind: "transfer" };
    if (digit === "#") return { kind: "repeat" };
    if (digit === "*") {
      if (level.kind === "fields") this.level = { kind: "schemes", category: level.category, page: level.page };
      else this.level = { kind: "categories", page: 0 };
      return { kind: "menu" };
    }
    if (level.kind === "fields") {
      const intent = FIELD_INTENTS[digit];
      if (intent) return { kind: "answer", schemeId: level.schemeId, intent };
      return digit === MORE && more ? { kind: "more" } : { kind: "invalid" };
    }
    const items = level.kind === "categories" ? this.catalogue.categories : this.catalogue.schemes(level.category).map((s) => s.schemeId);
    const { shown, next } = this.page(items, level.page);
    if (digit === NEXT_PAGE && next) {
      this.level = { ...level, page: level.page + 1 };
      return { kind: "menu" };
    }
    const chosen = shown[Number(digit) - 1];
    if (!/^[1-8]$/.test(digit) || chosen === undefined) return { kind: "invalid" };
    if (level.kind === "categories") this.level = { kind: "schemes", category: chosen, page: 0 };
    else this.level = { kind: "fields", category: level.category, page: level.page, schemeId: chosen };
    return { kind: "menu" };
  }

  /** What the current menu says. */
  menu(lang: AnswerLang, more = false): string {
    const level = this.level;
    if (level.kind === "categories") {
      const { shown, next } = this.page(this.catalogue.categories, level.page);
      return keypadPrompts.categories(shown, lang, next);
    }
    const schemes = this.catalogue.schemes(level.category);
    if (level.kind === "schemes") {
      const { shown, next } = this.page(schemes, level.page);
      return keypadPrompts.schemes(level.category, shown.map((s) => schemeNameIn(s, lang)), lang, next);
    }
    const scheme = schemes.find((s) => s.schemeId === level.schemeId);
    return keypadPrompts.fields(scheme ? schemeNameIn(scheme, lang) : level.schemeId, lang, more);
  }
}
