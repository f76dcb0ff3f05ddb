// Hybrid search, the API the dialogue engine uses. Fuses the scheme-name matcher, BM25 full-text search
// in English (with the bilingual lexicon's expansions) and Hindi, optional vector search, and a small
// usefulness prior; words that name a kind of scheme rather than one let usefulness decide among the kind
// (the schemes whose names hold the words, and those whose records file them under it: knowledge/stated.ts);
// filters by state, category, level and beneficiary.
import * as lancedb from "@lancedb/lancedb";
import type { KnowledgeConfig } from "../config.js";
import { BackgroundLanguage } from "./background.js";
import { namedKind } from "./kind.js";
import { NameMatcher, type NameMatch, type NameWords } from "./matcher.js";
import { FTS_COLUMNS } from "./rows.js";
import { FollowingRebuild, type SliceOptions } from "../ops/slices.js";
import type { KnowledgeStore, SchemeMeta } from "./store.js";
import { sqlString } from "./tables.js";
import { sameScheme } from "./same-scheme.js";
import { StatedKinds } from "./stated.js";
import { keepSnapshot, readSnapshot, snapshotKey } from "./snapshot.js";
import { stateByHindiName } from "./state-hindi.js";
import { stateBySound } from "./state-sound.js";
import { districtPlaceRows, Gazetteer, indianPlaceRows, type Place } from "./places.js";
import { canonicalTokens, detectScript, escapeRegExp, foldLatin, nativeTokens, phoneticKey, romanise } from "./text.js";
import type { RelatedScheme, Retriever, SearchFilters, SearchHit, SearchOptions } from "./search-types.js";

export type { RelatedScheme, Retriever, SearchFilters, SearchHit, SearchOptions } from "./search-types.js";

interface Candidate {
  name: number;
  nameAlias?: string;
  nameWhole?: boolean;
  bm25En: number;
  bm25Hi: number;
  vector: number;
  matched: Set<string>;
  via: Set<Retriever>;
}

/**
 * The query with each Devanagari word that is no Hindi word (nor a function word) written as the English
 * word it sounds like ("बेनीफिट" → "benefit"); undefined when no word is so read.
 */
function loanwordReading(query: string): string | undefined {
  if (!/[\u0900-\u097f]/.test(query)) return undefined;
  const background = BackgroundLanguage.load();
  let changed = false;
  const words = nativeTokens(query).map((w) => {
    if (!/^[\u0900-\u097f]+$/.test(w) || background.englishOf(w).length > 0 || background.isHindiFunctionWord(w)) return w;
    const english = background.loanwordOf(w);
    if (english === undefined) return w;
    // (one the romanised word already sounds like, "लोन" of "loan", tells the names nothing new: not matched again)
    if (canonicalTokens(english).map(phoneticKey).join(" ") !== canonicalTokens(w).map(phoneticKey).join(" ")) changed = true;
    return english;
  });
  return changed ? words.join(" ") : undefined;
}

/** A name matched only through the lexicon's translations counts this much of one said as written. */
const TRANSLATED_NAME_FACTOR = 0.75;

/** BM25 scores below this are treated as weak when normalising a query's results. */
const BM25_FLOOR = { en: 12, hi: 8 };

const ENGLISH_MATCH_MIN = 4;

/** Score kept by the poorer of two records of one scheme when both are found. */
const DUPLICATE_FACTOR = 0.6;

/** How much deeper than the ordinary pool the English search looks for nationwide schemes. */
const FLAGSHIP_DEPTH = 5;

/** Share of the best BM25 score from which a scheme counts as fully on topic for a general question. */
const UNNAMED_BM25_SATURATION = 0.45;

export class FilterError extends Error {}

/** The name matcher's snapshot file (snapshot.ts). */
const MATCHER_SNAPSHOT = "name-matcher";

/** One search's every hit, ordered, before its limit, and what it was searched with. */
interface LastSearch {
  key: string;
  /** What the hits were found in: another knowledge base, matcher, stated kinds or lexicon is another search. */
  basis: { generation: number; derived: Derived; stated: Promise<StatedKinds>; lexicon: KnowledgeStore["lexicon"] };
  hits: SearchHit[];
  terms: string[];
  /** Each hit's fields that hold the words, once marked. */
  marked: Map<string, string[]>;
}

/** What is derived from one version of the knowledge base's scheme list: swapped in whole. */
interface Derived {
  matcher: NameMatcher;
  states: Map<string, string>;
  categories: Map<string, string>;
}

export class SchemeSearch {
  private derived: Derived;
  private readonly gazetteer: Gazetteer;
  /** Every place the package holds, however small: read only for words no dictionary or scheme knows. */
  private readonly smallPlaces: Gazetteer;
  /** The store's reader generation `derived` was built for. */
  private matcherGeneration: number;
  /** Rebuilds the matcher soon after the store moves on (a build failing is told as background work failing). */
  private readonly rebuilder: FollowingRebuild;
  private settled: { generation: number; done: Promise<void>; resolve(): void; reject(err: Error): void } | undefined;
  /** What each scheme's record files it as, for the readers' knowledge base (the previous one's while a change is read). */
  private stated: Promise<StatedKinds>;

  constructor(
    readonly store: KnowledgeStore,
    private readonly config: KnowledgeConfig,
  ) {
    this.derived = { matcher: this.openingMatcher(), ...vocabulary(store.meta()) };
    this.gazetteer = gazetteerOf(config, config.places.minPopulation);
    this.smallPlaces = gazetteerOf(config, config.places.unknownWordMinPopulation);
    this.matcherGeneration = store.readerGeneration;
    // rebuilt soon after the store moves on, in slices between the loop's other work (a console request,
    // calls' audio and turns); until it is ready searches use the previous version's. A build that fails
    // leaves searches on the previous matcher and is reported as background work is.
    this.rebuilder = new FollowingRebuild((signal) => this.rebuild(signal), config.rebuild.afterChangeMs, (err) => {
      this.unsettle(err);
      store.backgroundFailed(err);
    });
    store.onReadersMoved(() => this.rebuilder.schedule());
    // read now, at once (a process starting), so that a first question does not wait for it
    this.stated = this.readStated();
  }

  /**
   * The matcher of a process starting: the one kept for these schemes, this code and these word lists
   * (`keepSnapshot`) when there is one — reading it takes a fraction of building it — else built at once.
   */
  private openingMatcher(): NameMatcher {
    const meta = this.store.meta();
    const words = this.nameWords();
    const kept = this.snapshotOf(meta);
    return (kept && NameMatcher.fromSnapshot(readSnapshot(kept.dir, MATCHER_SNAPSHOT, kept.key), words)) || new NameMatcher(meta, words);
  }

  /** Where the matcher of `meta` is kept, and under which key; none for an empty store or one read with a lexicon of its opener's. */
  private snapshotOf(meta: readonly SchemeMeta[]): { dir: string; key: string } | undefined {
    const dir = this.store.snapshotDir;
    if (!dir || meta.length === 0) return undefined;
    // the store hands out one list per set of readers' schemes: a server's start asks for its key twice
    // (opening, then keeping), and hashing the 1.3 MB of meta once is enough
    const sources = BackgroundLanguage.sourcesStamp();
    const last = this.lastSnapshotKey;
    if (last?.meta !== meta || last.sources !== sources) this.lastSnapshotKey = { meta, sources, key: snapshotKey([JSON.stringify(meta), sources]) };
    return { dir, key: this.lastSnapshotKey!.key };
  }
  private lastSnapshotKey: { meta: readonly SchemeMeta[]; sources: string; key: string } | undefined;
  /** The last search (`search`), for the same words looked up again. */
  private lastSearch: LastSearch | undefined;

  /**
   * Keeps the matcher of the readers' schemes for the next process to read at its start: after a change
   * of the knowledge base by this one (`sahayak kb import`), or at a server's start when none is kept. Built
   * at once first when a change left the current one behind. False when there is nothing to keep or the
   * disk refused (the next start then builds it, as it would have).
   */
  keepSnapshot(): boolean {
    const meta = this.store.meta();
    const kept = this.snapshotOf(meta);
    if (!kept) return false;
    if (!this.matcherCurrent) {
      this.derived = { matcher: new NameMatcher(meta, this.nameWords()), ...vocabulary(meta) };
      this.matcherGeneration = this.store.readerGeneration;
      if (this.settled && this.settled.generation <= this.matcherGeneration) this.settled.resolve();
    }
    const matcherKept = keepSnapshot(kept.dir, MATCHER_SNAPSHOT, kept.key, () => this.derived.matcher.toSnapshot());
    return BackgroundLanguage.keep(kept.dir) && matcherKept;
  }

  /** Builds the matcher for the readers' knowledge base in slices; a newer move aborts it. */
  private async rebuild(signal: AbortSignal): Promise<void> {
    const generation = this.store.readerGeneration;
    const meta = this.store.meta();
    const matcher = await NameMatcher.build(meta, this.nameWords(), { sliceMs: this.config.rebuild.sliceMs, signal });
    const stated = await this.readStated({ sliceMs: this.config.rebuild.sliceMs, signal });
    if (signal.aborted || generation !== this.store.readerGeneration) return;
    this.stated = Promise.resolve(stated);
    this.derived = { matcher, ...vocabulary(meta) };
    this.matcherGeneration = generation;
    if (this.settled && this.settled.generation <= generation) this.settled.resolve();
  }

  /** Whether the name matcher matches the knowledge base readers read now (else the previous one answers). */
  get matcherCurrent(): boolean {
    return this.matcherGeneration === this.store.readerGeneration;
  }

  /**
   * Resolves once the matcher is of the readers' current knowledge base (a build starts now if none is due);
   * rejects if that build fails or the search closes first, so a waiter is never left waiting.
   */
  matcherSettled(): Promise<void> {
    if (this.matcherCurrent) return Promise.resolve();
    const generation = this.store.readerGeneration;
    if (this.settled?.generation !== generation) {
      let resolve = () => {};
      let reject = (_err: Error) => {};
      const done = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.settled = { generation, done, resolve, reject };
    }
    this.rebuilder.startNow();
    return this.settled.done;
  }

  /** Stops a build under way (the knowledge base is closing). */
  close(): void {
    this.rebuilder.close();
    this.unsettle(new Error("the knowledge base closed before its name matcher was rebuilt"));
  }

  private unsettle(err: Error): void {
    this.settled?.reject(err);
    this.settled = undefined;
  }

  private nameWords(): NameWords {
    const background = BackgroundLanguage.load(undefined, undefined, this.store.snapshotDir);
    return {
      isNoise: (w) => this.store.lexicon.isNoise(w) || background.isHindiFunctionWord(w),
      isEverydayWord: (w) => background.isEveryday(w) || background.isGreeting(w),
      isFamiliarWord: (w) => background.isFamiliar(w),
      isOrdinaryWord: (w) => background.spellsHindiWord(w) || background.isEveryday(w),
      meaningsOf: (w) => background.englishOf(w),
    };
  }

  /** The readers' schemes' stated kinds (none when reading fails: the rest of the search stands). */
  private readStated(slicing?: SliceOptions): Promise<StatedKinds> {
    const shelves = new Set(this.store.meta().flatMap((m) => m.categories));
    return StatedKinds.read(this.store.rawSchemesTable(), shelves, slicing).catch(() => StatedKinds.empty);
  }

  /** The name matcher of the newest version built; its matches are of schemes the readers still hold. */
  private currentMatcher(): NameMatcher {
    return this.derived.matcher;
  }

  private present(matches: NameMatch[]): NameMatch[] {
    return this.matcherCurrent ? matches : matches.filter((m) => this.store.metaOf(m.schemeId));
  }

  /** Schemes a text sounds like across its word boundaries (recognised speech that garbled a name). */
  soundMatch(text: string, limit = 5): NameMatch[] {
    return this.present(this.currentMatcher().soundMatch(text, limit));
  }

  /** Schemes a text names (for the dialogue's entity reading and clarification). */
  matchNames(text: string, limit = 10, heard = false): NameMatch[] {
    return this.present(this.currentMatcher().match(text, limit, heard));
  }

  /** Resolves a state name as a caller or sysadmin writes it ("karnataka", "Tamil Nadu"). */
  resolveState(state: string): string | undefined {
    return this.derived.states.get(foldLatin(state));
  }

  resolveCategory(category: string): string | undefined {
    const folded = foldLatin(category);
    const exact = this.derived.categories.get(folded);
    if (exact) return exact;
    for (const [key, value] of this.derived.categories) if (key.includes(folded) && folded.length >= 4) return value;
    return undefined;
  }

  /**
   * A state or union territory named in free text ("old age pension in Sikkim"), or the state of a town
   * named ("in Jodhpur", "पटना में"); a state named outright wins.
   */
  stateIn(text: string): string | undefined {
    const named = this.stateNamed(text);
    if (named) return named;
    const town = this.placeIn(text)?.state;
    return town === undefined ? undefined : this.resolveState(town);
  }

  /** A state or union territory the text names itself (in any spelling, or by sound in Devanagari). */
  private stateNamed(text: string): string | undefined {
    const folded = ` ${foldLatin(romanise(text))} `;
    for (const [key, state] of this.derived.states) {
      if (state !== "All" && key.length >= 3 && folded.includes(` ${key} `)) return state;
    }
    return detectScript(text) === "latin" ? undefined : (stateByHindiName(this.derived.states, text, foldLatin) ?? stateBySound(this.derived.states, text));
  }

  /** An Indian town or city a text names, with its state when the name tells it (knowledge/places.ts). */
  placeIn(text: string): Place | undefined {
    return this.placeAmong(this.gazetteer, text);
  }

  private placeAmong(gazetteer: Gazetteer, text: string): Place | undefined {
    const background = BackgroundLanguage.load();
    // a Hindi word of the dictionary, or an English word written in Devanagari ("लोन"), is that word
    return gazetteer.placeIn(
      text,
      (w) => background.englishOf(w).length > 0 || background.isFunctionWord(w),
      (w) => background.loanwordOf(w),
      (w) => background.isHindiWord(w),
    );
  }

  /** A word or words naming a state or a town: where the caller is, never a scheme's name nor a word out of scope. */
  isPlace(text: string): boolean {
    // (a town counts whether or not its name tells the state: looked up once)
    return this.stateNamed(text) !== undefined || this.placeIn(text) !== undefined;
  }

  /** As isPlace, or a smaller place's name (`places.unknownWordMinPopulation`): for words nothing else knows. */
  isPlaceOfAnySize(text: string): boolean {
    return this.isPlace(text) || this.placeAmong(this.smallPlaces, text) !== undefined;
  }

  knownStates(): string[] {
    return [...new Set(this.derived.states.values())].filter((s) => s !== "All").sort();
  }

  private resolveFilters(filters: SearchFilters): SearchFilters {
    const out: SearchFilters = { ...filters };
    if (filters.state) {
      const state = this.resolveState(filters.state);
      if (!state) throw new FilterError(`unknown state "${filters.state}"; known states: ${this.knownStates().join(", ")}`);
      out.state = state;
    }
    if (filters.category) {
      const category = this.resolveCategory(filters.category);
      if (!category) throw new FilterError(`unknown category "${filters.category}"; see \`sahayak kb stats\` for the categories`);
      out.category = category;
    }
    if (filters.beneficiary && !this.store.lexicon.beneficiaryNames.includes(filters.beneficiary)) {
      throw new FilterError(`unknown beneficiary "${filters.beneficiary}"; one of: ${this.store.lexicon.beneficiaryNames.join(", ")}`);
    }
    return out;
  }

  private passes(meta: SchemeMeta, f: SearchFilters): boolean {
    if (f.level && meta.level !== f.level) return false;
    // a state's callers can use that state's schemes and every nationwide one
    if (f.state && !meta.states.includes(f.state) && !meta.states.includes("All")) return false;
    if (f.category && !meta.categories.includes(f.category)) return false;
    if (f.beneficiary && !meta.beneficiaries.includes(f.beneficiary)) return false;
    return true;
  }

  private whereClause(f: SearchFilters): string | undefined {
    const parts: string[] = [];
    if (f.level) parts.push(`level = ${sqlString(f.level)}`);
    if (f.state) parts.push(`(states LIKE ${sqlString(`%|${f.state}|%`)} OR states LIKE '%|All|%')`);
    if (f.category) parts.push(`categories LIKE ${sqlString(`%|${f.category}|%`)}`);
    if (f.beneficiary) parts.push(`beneficiaries LIKE ${sqlString(`%|${f.beneficiary}|%`)}`);
    return parts.length ? parts.join(" AND ") : undefined;
  }

  /** Words of the query worth sending to BM25 (noise removed), per language. */
  private bm25Queries(query: string): { en: string; hi: string } {
    const words = nativeTokens(query).filter((w) => !this.store.lexicon.isNoise(w));
    const latin = words.filter((w) => detectScript(w) === "latin");
    const deva = words.filter((w) => detectScript(w) === "devanagari");
    const english = [...latin, ...this.store.lexicon.englishFor(query), ...this.store.lexicon.romanFor(query)];
    return { en: english.join(" "), hi: deva.join(" ") };
  }

  private async fullText(
    table: lancedb.Table,
    text: string,
    columns: Record<string, number>,
    where: string | undefined,
    limit: number,
  ): Promise<{ schemeId: string; score: number }[]> {
    if (!text.trim()) return [];
    const names = Object.keys(columns);
    const q = new lancedb.MultiMatchQuery(text, names, { boosts: Object.values(columns) });
    let query = table.query().fullTextSearch(q).select(["schemeId", "_score"]).limit(limit);
    if (where) query = query.where(where);
    const rows = await query.toArray();
    return rows.map((r) => ({ schemeId: String(r.schemeId), score: Number(r._score) }));
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const limit = Math.min(options.limit ?? this.config.search.defaultLimit, this.config.search.maxLimit);
    const filters = this.resolveFilters(options);
    options.signal?.throwIfAborted();
    const table = this.store.rawSchemesTable();
    if (!table) return [];
    const weights = this.config.search.weights;
    const candidates = new Map<string, Candidate>();
    const candidate = (id: string): Candidate => {
      let c = candidates.get(id);
      if (!c) {
        c = { name: 0, bm25En: 0, bm25Hi: 0, vector: 0, matched: new Set(), via: new Set() };
        candidates.set(id, c);
      }
      return c;
    };

    if (!query.trim()) return this.browse(filters, limit);
    // the same words looked up again for the same knowledge base (a turn's name, then its choice for a kind of
    // help): the ordered hits of the last search, each hit's fields marked once
    const key = JSON.stringify([query, options.heard ?? false, filters.state, filters.category, filters.level, filters.beneficiary]);
    const basis = { generation: this.store.readerGeneration, derived: this.derived, stated: this.stated, lexicon: this.store.lexicon };
    const last = this.lastSearch;
    if (last && last.key === key && last.basis.generation === basis.generation && last.basis.derived === basis.derived && last.basis.stated === basis.stated && last.basis.lexicon === basis.lexicon) {
      return this.markedTop(last, limit);
    }

    // a name said half in the other language ("Chiranjeevi health insurance" for "… Swasthya Bima …")
    // counts a little less than one said as written
    const matcher = this.currentMatcher();
    const translated = [...this.store.lexicon.englishFor(query), ...this.store.lexicon.romanFor(query)].filter((w) => !nativeTokens(query).includes(w));
    const pool = this.config.search.candidatesPerRetriever;
    const byName = new Map(matcher.match(query, pool, options.heard).map((m) => [m.schemeId, m]));
    if (translated.length) {
      for (const m of matcher.match(`${query} ${translated.join(" ")}`, pool, options.heard)) {
        const score = m.score * TRANSLATED_NAME_FACTOR;
        if (score > (byName.get(m.schemeId)?.score ?? 0)) byName.set(m.schemeId, { ...m, score });
      }
    }
    // a name said in English and written in Devanagari ("<नेशनल> <फेमली> …"): its words no Hindi dictionary
    // knows read as the English words they sound like, met as said (the caller's own words, not a translation)
    const loaned = loanwordReading(query);
    if (loaned !== undefined) {
      for (const m of matcher.match(loaned, pool, options.heard)) if (m.score > (byName.get(m.schemeId)?.score ?? 0)) byName.set(m.schemeId, m);
    }
    const nameMatches = [...byName.values()].filter((m) => {
      const meta = this.store.metaOf(m.schemeId);
      return meta && this.passes(meta, filters);
    });
    // words that fit several schemes' names alike ("widow pension": a dozen states' and the nationwide
    // one) name a kind of scheme, not one: its schemes count as named alike and usefulness decides. Its
    // longer names ("… National Widow Pension Scheme") may fit the words too loosely to be among the
    // matcher's best, and join the candidates here
    const lexicon = this.store.lexicon;
    const stated = await this.stated;
    const kind = namedKind(nameMatches, {
      matcher,
      margin: this.config.search.kindMargin,
      namedScore: this.config.search.nameMatchThreshold,
      variants: (w) => [...lexicon.romanFor(w), ...lexicon.englishFor(w)],
      isState: (w) => this.stateIn(w) !== undefined,
      passes: (id) => {
        const meta = this.store.metaOf(id);
        return meta !== undefined && this.passes(meta, filters);
      },
      stated: (groups) => stated.holding(groups.map((g) => g.flatMap((w) => lexicon.englishSynonyms(w)))),
      twins: (a, b) => {
        const [ma, mb] = [this.store.metaOf(a), this.store.metaOf(b)];
        return ma !== undefined && mb !== undefined && (ma.duplicates.includes(b) || sameScheme(ma, mb));
      },
    });
    for (const id of kind?.members ?? []) candidate(id);
    for (const m of nameMatches) {
      const c = candidate(m.schemeId);
      c.name = m.score;
      c.nameAlias = m.alias;
      c.nameWhole = m.whole;
      c.via.add("name");
      if (m.score >= this.config.search.nameMatchThreshold) c.matched.add("name");
    }

    const where = this.whereClause(filters);
    const { en, hi } = this.bm25Queries(query);
    // a deeper English pool, from which the nationwide fully described schemes are kept too, so that a
    // general question ("which insurance scheme?") is not drowned by hundreds of similar state schemes
    const [enRows, hiRows] = await Promise.all([
      this.fullText(table, en, FTS_COLUMNS.en, where, pool * FLAGSHIP_DEPTH),
      this.fullText(table, hi, FTS_COLUMNS.hi, where, pool),
    ]);
    options.signal?.throwIfAborted();
    const absorb = (rows: { schemeId: string; score: number }[], lang: "en" | "hi"): void => {
      const top = Math.max(BM25_FLOOR[lang], ...rows.map((r) => r.score));
      rows.forEach((r, rank) => {
        if (rank >= pool) {
          const meta = this.store.metaOf(r.schemeId);
          if (!meta || meta.level !== "central" || meta.detailLevel !== "full") return;
        }
        const c = candidate(r.schemeId);
        if (lang === "en") c.bm25En = r.score / top;
        else c.bm25Hi = r.score / top;
        c.via.add(lang === "en" ? "bm25_en" : "bm25_hi");
      });
    };
    absorb(enRows, "en");
    absorb(hiRows, "hi");

    if (this.store.embedder && weights.vector > 0 && (await this.store.hasVectors())) {
      const [vector] = await this.store.embedder.embed([query], "query", options.signal);
      let vq = table.vectorSearch(Array.from(vector!)).distanceType("cosine").select(["schemeId", "_distance"]).limit(this.config.search.candidatesPerRetriever);
      if (where) vq = vq.where(where);
      for (const r of await vq.toArray()) {
        const c = candidate(String(r.schemeId));
        c.vector = Math.max(0, 1 - Number(r._distance));
        c.via.add("vector");
      }
    }

    // a question that names no scheme (a kind is none) leans on usefulness; one that names a state, on that state
    const named = !kind && [...candidates.values()].some((c) => c.name >= this.config.search.nameMatchThreshold);
    const priorWeight = named ? weights.prior : weights.priorUnnamed;
    const mentionedState = filters.state ? undefined : this.stateIn(query);
    // of a kind said in many states, the caller's own state's is as useful to them as the kind's best
    const callerState = filters.state ?? mentionedState;
    const kindPrior = kind && callerState ? Math.max(0, ...[...kind.members].map((id) => (candidates.has(id) ? (this.store.metaOf(id)?.prior ?? 0) : 0))) : 0;
    const hits: SearchHit[] = [];
    /** How much of each scheme's text says the query's words, before saturation: what breaks a tie. */
    const said = new Map<string, number>();
    for (const [id, c] of candidates) {
      const meta = this.store.metaOf(id);
      if (!meta) continue;
      let bm25 = Math.max(c.bm25En, c.bm25Hi) + 0.25 * Math.min(c.bm25En, c.bm25Hi);
      said.set(id, bm25);
      // for a general question, being clearly on topic is enough; usefulness then decides (a scheme whose
      // record files it under the kind asked is on topic, however little its text says the kind's words)
      if (!named) bm25 = kind?.stated.has(id) ? 1 : Math.min(1, bm25 / UNNAMED_BM25_SATURATION);
      const stateBoost = mentionedState && meta.states.includes(mentionedState) ? weights.stateMention : 0;
      // a kind's schemes fit its name alike; a name holding only part of it ("Pension" of "Widow Pension") is not of it
      const inKind = kind?.members.has(id) ?? false;
      const nameFit = inKind ? kind!.score : kind?.partial.has(id) ? 0 : c.name;
      const ownState = inKind && callerState !== undefined && meta.level === "state" && meta.states.includes(callerState);
      const prior = ownState ? Math.max(meta.prior, kindPrior) : meta.prior;
      const score = weights.name * nameFit + weights.bm25 * bm25 + weights.vector * c.vector + priorWeight * prior + stateBoost;
      hits.push({
        schemeId: id,
        name: meta.name,
        score: Math.round(score * 1000) / 1000,
        matched: [...c.matched],
        via: [...c.via],
        nameScore: Math.round(c.name * 1000) / 1000,
        ...(c.nameAlias ? { nameAlias: c.nameAlias } : {}),
        ...(c.nameWhole ? { nameWhole: true } : {}),
      });
    }
    this.orderDuplicates(hits);
    // of schemes as useful and as fitting (a kind's, alike), the one whose text says more of the words first
    hits.sort((a, b) => b.score - a.score || said.get(b.schemeId)! - said.get(a.schemeId)! || (a.schemeId < b.schemeId ? -1 : 1));
    const searched: LastSearch = { key, basis, hits, terms: [...en.toLowerCase().split(/\s+/), ...hi.split(/\s+/)].filter(Boolean), marked: new Map() };
    this.lastSearch = searched;
    return this.markedTop(searched, limit);
  }

  /** The first `limit` of a search's ordered hits, copies with their fields marked (each hit's once). */
  private async markedTop(searched: LastSearch, limit: number): Promise<SearchHit[]> {
    const top = searched.hits.slice(0, limit).map((h) => ({ ...h, matched: [...(searched.marked.get(h.schemeId) ?? h.matched)], via: [...h.via] }));
    const unmarked = top.filter((h) => !searched.marked.has(h.schemeId));
    await this.markMatchedFields(unmarked, searched.terms);
    for (const h of unmarked) searched.marked.set(h.schemeId, [...h.matched]);
    return top;
  }

  /**
   * The data keeps some schemes twice under two slugs (flagged, not merged). When both are found, the
   * richer record takes the better score and the other steps back, so it does not crowd out another.
   */
  private orderDuplicates(hits: SearchHit[]): void {
    const byId = new Map(hits.map((h) => [h.schemeId, h]));
    for (const hit of hits) {
      const meta = this.store.metaOf(hit.schemeId)!;
      for (const otherId of meta.duplicates) {
        const other = byId.get(otherId);
        const otherMeta = this.store.metaOf(otherId);
        if (!other || !otherMeta || meta.prior < otherMeta.prior || (meta.prior === otherMeta.prior && hit.schemeId > otherId)) continue;
        const best = Math.max(hit.score, other.score);
        hit.nameScore = Math.max(hit.nameScore, other.nameScore);
        other.score = Math.round(Math.min(hit.score, other.score) * DUPLICATE_FACTOR * 1000) / 1000;
        hit.score = best;
      }
    }
  }

  /** Which fields of each hit contain the query's words (for the dialogue and `--explain`). */
  private async markMatchedFields(hits: SearchHit[], terms: string[]): Promise<void> {
    if (!terms.length || !hits.length) return;
    const records = await this.store.getMany(hits.map((h) => h.schemeId));
    for (const hit of hits) {
      const r = records.get(hit.schemeId);
      if (!r) continue;
      const fields: Record<string, string> = {
        name: [...Object.values(r.name), r.shortTitle ?? "", ...Object.values(r.aliases ?? {}).flat()].join(" "),
        tags: [...r.tags, ...r.categoryLabels].join(" "),
        description: [...Object.values(r.description), ...Object.values(r.detailedDescription ?? {})].join(" "),
        eligibility: [...Object.values(r.eligibility.criteria).flat(), ...Object.values(r.eligibility.exclusions).flat()].join(" "),
        benefits: Object.values(r.benefits).flat().join(" "),
      };
      const matched = new Set(hit.matched);
      for (const [field, text] of Object.entries(fields)) if (fieldMatches(text, terms)) matched.add(field);
      hit.matched = [...matched];
    }
  }

  /** Every scheme that passes the filters, most useful first, with no limit (`kb list` pages through them). */
  list(filters: SearchFilters = {}): SearchHit[] {
    return this.browse(this.resolveFilters(filters), Number.POSITIVE_INFINITY);
  }

  /** No words, only filters: the most useful schemes that pass them. */
  private browse(filters: SearchFilters, limit: number): SearchHit[] {
    return this.store
      .meta()
      .filter((m) => this.passes(m, filters))
      .sort((a, b) => b.prior - a.prior || (a.state === filters.state ? -1 : 0) - (b.state === filters.state ? -1 : 0) || a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((m) => ({ schemeId: m.schemeId, name: m.name, score: m.prior, matched: [], via: [], nameScore: 0 }));
  }

  /** Schemes near this one: shared categories and beneficiaries, the record's own related list. */
  async related(id: string, limit = 5, filters: SearchFilters = {}): Promise<RelatedScheme[]> {
    const base = this.store.metaOf(id);
    if (!base) return [];
    const record = await this.store.get(id);
    const listed = new Set(record?.relatedSchemes ?? []);
    const resolved = this.resolveFilters(filters);
    const scored: RelatedScheme[] = [];
    for (const m of this.store.meta()) {
      if (m.schemeId === id || !this.passes(m, resolved)) continue;
      const sharedCategories = m.categories.filter((c) => base.categories.includes(c)).length;
      const sharedBeneficiaries = m.beneficiaries.filter((b) => base.beneficiaries.includes(b)).length;
      if (!sharedCategories && !sharedBeneficiaries && !listed.has(m.schemeId)) continue;
      const sameReach = m.level === base.level && (m.level === "central" || m.state === base.state) ? 0.5 : 0;
      const score = 0.6 * sharedCategories + 0.8 * sharedBeneficiaries + (listed.has(m.schemeId) ? 1 : 0) + sameReach + m.prior;
      scored.push({ schemeId: m.schemeId, name: m.name, score: Math.round(score * 1000) / 1000 });
    }
    return scored.sort((a, b) => b.score - a.score || (a.schemeId < b.schemeId ? -1 : 1)).slice(0, limit);
  }
}

/** Whether a field's text contains one of the query's words (word starts, so "farmers" counts for "farmer"). */
function fieldMatches(text: string, terms: string[]): boolean {
  if (!text) return false;
  const lower = text.toLowerCase();
  return terms.some((t) => {
    if (detectScript(t) !== "latin") return lower.includes(t);
    const stem = t.length > ENGLISH_MATCH_MIN + 2 ? t.slice(0, t.length - 2) : t;
    return new RegExp(`\\b${escapeRegExp(stem)}`).test(lower);
  });
}

/** A part of a state's name shorter than this ("Diu") is not taken for the state. */
const STATE_PART_MIN = 4;

/** States and categories as written, by their folded spelling. */
function vocabulary(meta: readonly SchemeMeta[]): Pick<Derived, "states" | "categories"> {
  const states = new Map<string, string>();
  const categories = new Map<string, string>();
  for (const m of meta) {
    for (const s of m.states) states.set(foldLatin(s), s);
    for (const c of m.categories) categories.set(foldLatin(c), c);
  }
  // a territory named for two places ("Andaman and Nicobar Islands") is named by either alone
  for (const [key, state] of [...states]) {
    for (const part of key.split(/\s+and\s+/)) if (part !== key && part.length >= STATE_PART_MIN && !states.has(part)) states.set(part, state);
  }
  return { states, categories };
}

/** One gazetteer per process and settings (a test opens many knowledge bases). */
const gazetteers = new Map<string, Gazetteer>();
function gazetteerOf(config: KnowledgeConfig, minPopulation: number): Gazetteer {
  const { dominance, cacheFile } = config.places;
  const id = `${minPopulation} ${dominance}`;
  let gazetteer = gazetteers.get(id);
  if (!gazetteer) {
    const background = BackgroundLanguage.load();
    // a town's name that is a function word, an everyday English word or a Hindi word spelt out is that word
    // ("Gaya", "Diamond", "Nagar"); Devanagari ones are told apart as said (placeIn)
    const isWord = (w: string) => background.isFunctionWord(w) || background.isHindiFunctionWord(w) || background.isGreeting(w) || background.spellsHindiWord(w) || (background.isEveryday(w) && !background.soundsHindi(w));
    // (a district's town, counted as a town just large enough to be known by name)
    gazetteer = new Gazetteer([...indianPlaceRows(cacheFile), ...districtPlaceRows(minPopulation)], { minPopulation, dominance, isWord });
    gazetteers.set(id, gazetteer);
  }
  return gazetteer;
}
