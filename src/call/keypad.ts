// Keypad mode: the whole helpline without speech recognition. Topics → schemes of the topic (most useful
// first, 9 for the next page) → 1 about, 2 eligibility, 3 benefits, 4 documents, 5 how to apply (6 more);
// * back, # repeat, 0 a person. A page holds as many choices as can be said within the menu's time limit
// in the caller's language. Pure navigation: what to say is left to the flow.
import type { AnswerLang, Intent } from "../dialogue/index.js";
import { schemeNameIn, type SchemeMeta } from "../knowledge/index.js";
import { runAtOnce, runSliced, type SliceOptions } from "../ops/slices.js";
import { categoryName, keypadPrompts, spokenMs, spokenName } from "./prompts.js";

export interface KeypadScheme {
  schemeId: string;
  name: string;
  nameHi: string;
  /** The state of a state scheme ("" for a central one): it tells apart schemes of one name. */
  state: string;
}

const FLAGSHIP_BONUS = 1;
/** myScheme's category slugs ("social-welfare"); the records' display labels ("Social welfare & Empowerment") name the same topics again. */
const CATEGORY_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The topics and their schemes, in the order a caller should hear them: topics with more flagship schemes first. */
export class KeypadCatalogue {
  private readonly byCategory = new Map<string, KeypadScheme[]>();
  private sortedCategories: string[] = [];

  /** Built at once (a process starting, a test); a serving one follows its knowledge base with `build`. */
  constructor(metas: readonly SchemeMeta[]) {
    if (metas.length) runAtOnce(this.index(metas));
  }

  /** Built in slices between the loop's other work (calls share it). */
  static async build(metas: readonly SchemeMeta[], slicing: SliceOptions): Promise<KeypadCatalogue> {
    const catalogue = new KeypadCatalogue([]);
    await runSliced(catalogue.index(metas), slicing);
    return catalogue;
  }

  /** One scheme a step. */
  private *index(metas: readonly SchemeMeta[]): Generator<void> {
    const useful = new Map<string, number>();
    // schemes callers ask for by name (they have curated spoken aliases) lead, then the usefulness prior
    const rank = (m: SchemeMeta) => m.prior + (m.aliases.length > 0 ? FLAGSHIP_BONUS : 0);
    const sorted = [...metas].sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name));
    yield;
    for (const m of sorted) {
      for (const c of m.categories.filter((c) => CATEGORY_SLUG.test(c))) {
        const list = this.byCategory.get(c) ?? [];
        // a scheme kept under two slugs is offered once, and of records with one name in one state (the
        // data has a dozen "National Award for Senior Citizens") only the most useful: a menu cannot tell them apart
        const same = (s: KeypadScheme) => m.duplicates.includes(s.schemeId) || (s.name.toLowerCase() === m.name.toLowerCase() && s.state === m.state);
        if (!list.some(same)) list.push({ schemeId: m.schemeId, name: m.name, nameHi: m.nameHi, state: m.state });
        this.byCategory.set(c, list);
        useful.set(c, (useful.get(c) ?? 0) + (m.aliases.length > 0 ? 1 : 0) + m.prior / metas.length);
      }
      yield;
    }
    this.sortedCategories = [...useful.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  }

  /** Topics, most useful first. */
  get categories(): string[] {
    return this.sortedCategories;
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

export interface KeypadMenuOptions {
  lang: AnswerLang;
  /** Most choices on one page (1–8: 9 is the next page). */
  pageSize: number;
  /** Longest a menu may take to say. */
  maxMenuMs: number;
}

export class KeypadMenu {
  private level: Level = { kind: "categories", page: 0 };
  /** Where each page of a list starts, by list (categories, or a category's schemes). */
  private readonly pageStarts = new Map<string, number[]>();
  /** How each scheme of a topic is named, by topic. */
  private readonly names = new Map<string, Map<string, string>>();

  constructor(
    private readonly catalogue: KeypadCatalogue,
    private readonly options: KeypadMenuOptions,
  ) {}

  get schemeId(): string | undefined {
    return this.level.kind === "fields" ? this.level.schemeId : undefined;
  }

  /** Page `page` of a list: as many items as fit the menu's time (at least one, at most pageSize). */
  private page<T>(list: string, items: T[], page: number, say: (shown: T[], next: boolean) => string): { shown: T[]; next: boolean } {
    let starts = this.pageStarts.get(list);
    if (!starts) {
      starts = [0];
      for (let at = 0; ; ) {
        let n = 1;
        while (n < this.options.pageSize && at + n < items.length && spokenMs(say(items.slice(at, at + n + 1), at + n + 1 < items.length), this.options.lang) <= this.options.maxMenuMs) n++;
        at += n;
        if (at >= items.length) break;
        starts.push(at);
      }
      this.pageStarts.set(list, starts);
    }
    const from = starts[page] ?? items.length;
    const to = starts[page + 1] ?? items.length;
    return { shown: items.slice(from, to), next: to < items.length };
  }

  private categoriesPage(page: number): { shown: string[]; next: boolean } {
    return this.page("", this.catalogue.categories, page, (shown, next) => keypadPrompts.categories(shown, this.options.lang, next));
  }

  private schemesPage(category: string, page: number): { shown: KeypadScheme[]; next: boolean } {
    return this.page(category, this.catalogue.schemes(category), page, (shown, next) => keypadPrompts.schemes(category, shown.map((s) => this.spoken(category, s)), this.options.lang, next));
  }

  /** How the menus name a scheme: short enough for its own menu, and told apart from the topic's others of the same name. */
  private spoken(category: string, scheme: KeypadScheme): string {
    let names = this.names.get(category);
    if (!names) this.names.set(category, (names = this.nameTopic(this.catalogue.schemes(category))));
    return names.get(scheme.schemeId) ?? scheme.name;
  }

  /**
   * Names for a topic's schemes. Schemes one name would confuse (a state's "Death Benefit" and another's,
   * "National Award for Senior Citizens (Best Institution)" and "(Oldest Citizen)") are told apart by their
   * state, else by what the brackets said, else by their order.
   */
  private nameTopic(schemes: KeypadScheme[]): Map<string, string> {
    const lang = this.options.lang;
    // the scheme's own menu says the name and its choices within the limit
    const budget = this.options.maxMenuMs - spokenMs(keypadPrompts.fields("", lang, true), lang);
    const byName = new Map<string, KeypadScheme[]>();
    for (const s of schemes) {
      const name = spokenName(schemeNameIn(s, lang), lang, budget);
      byName.set(name, [...(byName.get(name) ?? []), s]);
    }
    const names = new Map<string, string>();
    for (const [name, group] of byName) {
      const ways = [(s: KeypadScheme) => (s.state ? `${name}, ${s.state}` : name), (s: KeypadScheme) => spokenName(schemeNameIn(s, lang), lang, budget, { brackets: true }), (_: KeypadScheme, i: number) => `${name}, ${i + 1}`];
      const tell = group.length === 1 ? () => name : (ways.find((way) => new Set(group.map(way)).size === group.length) ?? ways.at(-1)!);
      group.forEach((s, i) => names.set(s.schemeId, tell(s, i)));
    }
    return names;
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
    const page = level.kind === "categories" ? this.categoriesPage(level.page) : this.schemesPage(level.category, level.page);
    const shown = page.shown.map((item) => (typeof item === "string" ? item : item.schemeId));
    const next = page.next;
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

  /** The choices of the current page as the menu names them (none for a scheme's own menu). */
  choices(): string[] {
    const level = this.level;
    const lang = this.options.lang;
    if (level.kind === "categories") return this.categoriesPage(level.page).shown.map((c) => categoryName(c, lang));
    if (level.kind === "schemes") return this.schemesPage(level.category, level.page).shown.map((s) => this.spoken(level.category, s));
    return [];
  }

  /** What the current menu says. */
  menu(more = false): string {
    const level = this.level;
    const lang = this.options.lang;
    if (level.kind === "categories") {
      const { shown, next } = this.categoriesPage(level.page);
      return keypadPrompts.categories(shown, lang, next);
    }
    if (level.kind === "schemes") {
      const { shown, next } = this.schemesPage(level.category, level.page);
      return keypadPrompts.schemes(level.category, shown.map((s) => this.spoken(level.category, s)), lang, next);
    }
    const scheme = this.catalogue.schemes(level.category).find((s) => s.schemeId === level.schemeId);
    return keypadPrompts.fields(scheme ? this.spoken(level.category, scheme) : level.schemeId, lang, more);
  }
}
