// One scheme the data holds twice without saying so: a catalogue stub ("Nikshay Poshan Yojana": a name and
// a line of description) beside a full record whose name says the same and more ("Nikshay Poshan Yojana
// (Nutritional Support To TB Patients)"). The stub may win on its name, yet the caller is better told from
// the fuller record, as long as that one has at least as much to say in the caller's language.
import { CATALOGUE, sameScheme, type SchemeMeta, type SchemeRecord, type SearchHit } from "../knowledge/index.js";
import type { AnswerLang } from "./types.js";

export interface TwinStore {
  metaOf(id: string): SchemeMeta | undefined;
  getMany(ids: string[]): Promise<Map<string, SchemeRecord>>;
}

/** How many of a record's detail fields (who can apply, benefits, documents, how to apply) have text in a language. */
export function detailFields(record: SchemeRecord, lang: string): number {
  const has = (list: Record<string, unknown[]> | undefined) => (list?.[lang]?.length ?? 0) > 0;
  return [record.eligibility.criteria, record.benefits, record.documents, record.applicationProcess].filter((list) => has(list as Record<string, unknown[]> | undefined)).length;
}

/**
 * The scheme named, and its rivals, with twins told apart: a twin is never a rival (they are one scheme),
 * and a catalogue stub gives way to its best-named fuller twin among the hits when that has more to say
 * in the caller's language. The twin's name holds all of the stub's, so naming the stub (even by its
 * short title) named the twin too, however little of the twin's longer name was said.
 */
export async function oneOfTwins(schemeId: string, rivals: string[], hits: SearchHit[], lang: AnswerLang, store: TwinStore): Promise<{ schemeId: string; rivals: string[] }> {
  const meta = store.metaOf(schemeId);
  const twin = (id: string) => {
    const other = store.metaOf(id);
    return meta !== undefined && other !== undefined && sameScheme(meta, other);
  };
  const rest = rivals.filter((id) => !twin(id));
  if (meta?.detailLevel !== CATALOGUE) return { schemeId, rivals: rest };
  const fuller = hits.filter((h) => h.schemeId !== schemeId && twin(h.schemeId)).sort((a, b) => b.nameScore - a.nameScore || b.score - a.score);
  if (fuller.length === 0) return { schemeId, rivals: rest };
  const records = await store.getMany([schemeId, ...fuller.map((c) => c.schemeId)]);
  const stubRecord = records.get(schemeId);
  const richer = (id: string) => {
    const record = records.get(id);
    if (!record || !stubRecord) return false;
    // the caller's language first: a stub with Hindi detail keeps a Hindi caller over an English-only twin
    const ownLang = detailFields(record, lang) - detailFields(stubRecord, lang);
    return ownLang > 0 || (ownLang === 0 && detailFields(record, "en") > detailFields(stubRecord, "en"));
  };
  return { schemeId: fuller.map((c) => c.schemeId).find(richer) ?? schemeId, rivals: rest };
}
