// What a search is asked and what it answers: the types the dialogue and the console read.
export interface SearchFilters {
  category?: string;
  state?: string;
  level?: "central" | "state";
  beneficiary?: string;
}

export interface SearchOptions extends SearchFilters {
  /** Language of the caller ("en", "hi", ...): only a hint; every index is searched. */
  lang?: string;
  limit?: number;
  signal?: AbortSignal;
  /** The words are a recogniser's, not typed: names may be heard a sound off (NameMatcher's `heard`). */
  heard?: boolean;
}

export type Retriever = "name" | "bm25_en" | "bm25_hi" | "vector";

export interface SearchHit {
  schemeId: string;
  name: string;
  score: number;
  /** Record fields the query matched: name, description, eligibility, benefits, tags. */
  matched: string[];
  /** Which retrievers found it. */
  via: Retriever[];
  /** Name-matcher score (0–1) when the query named this scheme. */
  nameScore: number;
  /** The name (or short name) of the scheme the query matched best, when it matched one. */
  nameAlias?: string;
  /** Every one of that name's own words was said, in any form the matcher meets a word in (NameMatch.whole). */
  nameWhole?: boolean;
}

export interface RelatedScheme {
  schemeId: string;
  name: string;
  score: number;
}
