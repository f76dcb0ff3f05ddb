// The candidate schemes a turn's words give (search, name matcher, sound), described by the scores the
// knowledge base already computed, and what the turn asks: the evidence a re-ranker of the schemes is
// fitted on. The engine gathers it only for a caller that asks (DialogueOptions.onRankEvidence:
// bench/rank-extract.ts), so a turn costs nothing more; bench/rank-fit.ts fits and cross-validates on it.
import type { Reply } from "./types.js";
import type { DialogueKnowledge } from "./knowledge.js";
import type { Reading } from "./reading.js";

/** Candidates looked at from the search, the name matcher and the sound matcher. */
const SEARCH_DEPTH = 20;
const NAME_DEPTH = 10;
const SOUND_DEPTH = 5;

export const RANK_FEATURES = ["searchShare", "searchFirst", "rankRecip", "nameScore", "nameMargin", "searchMargin", "nameWhole", "soundScore", "prior", "central", "offered", "offeredFirst"] as const;
export type RankFeature = (typeof RANK_FEATURES)[number];

export interface RankCandidate {
  schemeId: string;
  x: Record<RankFeature, number>;
}

/** The candidates of a turn's words, each described; `reply` is what the rules answered (its offers count). */
export async function rankCandidates(k: DialogueKnowledge, text: string, reply: Pick<Reply, "schemeIds">, signal?: AbortSignal): Promise<RankCandidate[]> {
  if (!text.trim()) return [];
  const hits = await k.kb.search.search(text, { limit: SEARCH_DEPTH, signal });
  const names = k.kb.search.matchNames(text, NAME_DEPTH);
  const sounds = k.kb.search.soundMatch(text, SOUND_DEPTH);
  const ids = [...new Set([...hits.map((h) => h.schemeId), ...names.map((m) => m.schemeId), ...sounds.map((m) => m.schemeId)])].filter((id) => k.kb.store.metaOf(id));
  const top = Math.max(1e-6, ...hits.map((h) => h.score));
  const nameOf = (id: string) => Math.min(1.1, hits.find((h) => h.schemeId === id)?.nameScore ?? names.find((m) => m.schemeId === id)?.score ?? 0);
  const shareOf = (id: string) => (hits.find((h) => h.schemeId === id)?.score ?? 0) / top;
  const bestOther = (id: string, of: (id: string) => number) => Math.max(0, ...ids.filter((o) => o !== id).map(of));
  return ids.map((id) => {
    const meta = k.kb.store.metaOf(id)!;
    const rank = hits.findIndex((h) => h.schemeId === id);
    const offeredAt = reply.schemeIds.indexOf(id);
    return {
      schemeId: id,
      x: {
        searchShare: shareOf(id),
        searchFirst: rank === 0 ? 1 : 0,
        rankRecip: rank >= 0 ? 1 / (1 + rank) : 0,
        nameScore: nameOf(id),
        nameMargin: nameOf(id) - bestOther(id, nameOf),
        searchMargin: shareOf(id) - bestOther(id, shareOf),
        nameWhole: names.find((m) => m.schemeId === id)?.whole ? 1 : 0,
        soundScore: sounds.find((m) => m.schemeId === id)?.score ?? 0,
        prior: meta.prior,
        central: meta.level === "central" ? 1 : 0,
        offered: offeredAt >= 0 ? 1 : 0,
        offeredFirst: offeredAt === 0 ? 1 : 0,
      },
    };
  });
}

export const TURN_FEATURES = ["fact", "plural", "kindReference", "forWhom", "strongField"] as const;
export type TurnFeature = (typeof TURN_FEATURES)[number];

/** What the turn asks, as the reading tells: a fact of one scheme, or schemes of a kind. */
export function turnFeatures(r: Reading): Record<TurnFeature, number> {
  return {
    fact: r.fieldIntent && r.fieldIntent !== "overview" && r.fieldIntent !== "related" ? 1 : 0,
    plural: r.plural ? 1 : 0,
    kindReference: r.kindReference ? 1 : 0,
    forWhom: r.forWhom ? 1 : 0,
    strongField: r.strongField ? 1 : 0,
  };
}

/** What one turn gave: the rules' reply, the candidates of its words, what it asks. */
export interface RankEvidence {
  action: Reply["action"];
  schemeIds: string[];
  candidates: RankCandidate[];
  turn: Record<TurnFeature, number>;
}

export async function rankEvidence(k: DialogueKnowledge, text: string, r: Reading, reply: Reply, signal?: AbortSignal): Promise<RankEvidence> {
  return { action: reply.action, schemeIds: reply.schemeIds, candidates: await rankCandidates(k, text, reply, signal), turn: turnFeatures(r) };
}
