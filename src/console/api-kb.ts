// The knowledge base: the helpline's own search with its explanation, a scheme as it is now or was, its
// versions and the difference between any two, and the changes (edit, rollback, import) through the same
// functions `sahayak kb` uses, as the logged-in editor, with a reason.
import { z } from "zod";
import { importRecords, previewImport, rollback, schemeDiff, updateScheme, validateFile, type SchemeEdit } from "../knowledge/index.js";
import type { ConsoleContext } from "./context.js";
import { ApiError, queryBool, queryInt, route, type Route } from "./routes.js";

const schemeId = z.object({ id: z.string().min(1).max(128) });
const reason = z.string().trim().min(3, "say why (at least 3 characters)").max(500);
/** The problems of an invalid file listed in an answer; the rest are counted. */
const MAX_PROBLEMS = 200;

export function kbRoutes(c: ConsoleContext): Route[] {
  const kb = () => c.deps.kb;
  const schemeNotFound = (id: string, version?: number) => new ApiError(404, "not_found", `scheme "${id}" ${version === undefined ? "is not in the knowledge base" : `did not exist at version ${version}`}`);
  return [
    route({
      method: "GET",
      path: "/kb",
      tag: "knowledge base",
      summary: "The knowledge base's version, size, last change, and the states and categories to filter by",
      access: "viewer",
      async handler() {
        const { store, search } = kb();
        const commits = await store.commits();
        const categories = [...new Set(store.meta().flatMap((m) => m.categories.filter((label) => /[A-Z]/.test(label))))].sort();
        return { version: store.kbVersion, schemes: store.size, lastChange: commits.at(-1) ?? null, states: search.knownStates(), categories };
      },
    }),
    route<Record<string, never>, { q: string; lang?: string; category?: string; state?: string; level?: "central" | "state"; beneficiary?: string; limit: number }>({
      method: "GET",
      path: "/kb/search",
      tag: "knowledge base",
      summary: "The helpline's own search, with why each scheme was found (fields matched, retrievers, name score); an empty query lists the most useful schemes",
      access: "viewer",
      query: z.object({
        q: z.string().max(c.config.dialogue.maxInputChars).default(""),
        lang: z.enum(["en", "hi"]).optional(),
        category: z.string().max(200).optional(),
        state: z.string().max(100).optional(),
        level: z.enum(["central", "state"]).optional(),
        beneficiary: z.string().max(100).optional(),
        limit: queryInt(1).max(c.config.knowledge.search.maxLimit).default(20),
      }),
      async handler({ query }) {
        const { search, store } = kb();
        const hits = await search.search(query.q, { lang: query.lang, category: query.category || undefined, state: query.state || undefined, level: query.level, beneficiary: query.beneficiary || undefined, limit: query.limit });
        return { version: store.kbVersion, hits: hits.map((h) => ({ ...h, nameHi: store.metaOf(h.schemeId)?.nameHi || null, level: store.metaOf(h.schemeId)?.level ?? null, state: store.metaOf(h.schemeId)?.state || null })) };
      },
    }),
    route<{ id: string }, { version?: number }>({
      method: "GET",
      path: "/kb/schemes/:id",
      tag: "knowledge base",
      summary: "One scheme (every language it has), now or as of a version",
      access: "viewer",
      params: schemeId,
      query: z.object({ version: queryInt(1).optional() }),
      async handler({ params, query }) {
        const { store } = kb();
        const record = await store.get(params.id, query.version);
        if (!record) throw schemeNotFound(params.id, query.version);
        return { kbVersion: store.kbVersion, version: query.version ?? store.kbVersion, current: query.version === undefined || query.version === store.kbVersion, exists: store.has(params.id), record };
      },
    }),
    route<{ id: string }, Record<string, never>, { reason: string; baseVersion?: number; set?: { path: string; value: unknown }[]; record?: unknown }>({
      method: "PUT",
      path: "/kb/schemes/:id",
      tag: "knowledge base",
      summary: "Change a scheme (fields by path, as `kb update --set`, or the whole record), validated as `kb update`, with a reason; a new version",
      access: "editor",
      params: schemeId,
      body: z
        .object({
          reason,
          baseVersion: z.number().int().min(0).optional(),
          set: z.array(z.object({ path: z.string().min(1).max(200), value: z.unknown() })).min(1).max(200).optional(),
          record: z.record(z.string(), z.unknown()).optional(),
        })
        .refine((b) => !!b.set !== !!b.record, { message: "give either set (fields) or record (the whole record)" }),
      async handler({ params, body, session }) {
        const edit: SchemeEdit = body.record ? { record: body.record } : { set: body.set! };
        const result = await updateScheme(c.kbActions(session!), params.id, edit, { reason: body.reason, baseVersion: body.baseVersion });
        return result;
      },
    }),
    route<{ id: string }>({
      method: "GET",
      path: "/kb/schemes/:id/versions",
      tag: "knowledge base",
      summary: "Every version of one scheme: when, by whom, why, added/updated/deleted",
      access: "viewer",
      params: schemeId,
      async handler({ params }) {
        const history = await kb().store.history(params.id);
        if (!history.length) throw new ApiError(404, "not_found", `no versions of "${params.id}" exist`);
        return { kbVersion: kb().store.kbVersion, history };
      },
    }),
    route<{ id: string }, { from: number; to: number }>({
      method: "GET",
      path: "/kb/schemes/:id/diff",
      tag: "knowledge base",
      summary: "Field by field, what changed in one scheme between two versions",
      access: "viewer",
      params: schemeId,
      query: z.object({ from: queryInt(0), to: queryInt(0) }),
      handler: ({ params, query }) => schemeDiff(kb().store, params.id, query.from, query.to),
    }),
    route<Record<string, never>, { page: number; pageSize: number }>({
      method: "GET",
      path: "/kb/versions",
      tag: "knowledge base",
      summary: "The knowledge base's versions, newest first: time, actor, reason, what changed",
      access: "viewer",
      query: z.object({ page: queryInt(1).default(1), pageSize: queryInt(1).max(c.config.console.maxPageSize).default(c.config.console.pageSize) }),
      async handler({ query }) {
        const commits = (await kb().store.commits()).reverse();
        const start = (query.page - 1) * query.pageSize;
        // an import lists thousands of ids: a page carries the counts and the first few
        const brief = (ids: string[]) => ({ count: ids.length, ids: ids.slice(0, 20) });
        const versions = commits.slice(start, start + query.pageSize).map((v) => ({ ...v, added: brief(v.added), updated: brief(v.updated), deleted: brief(v.deleted) }));
        return { total: commits.length, page: query.page, pageSize: query.pageSize, versions };
      },
    }),
    route<Record<string, never>, Record<string, never>, { to: number; schemeId?: string; reason: string }>({
      method: "POST",
      path: "/kb/rollback",
      tag: "knowledge base",
      summary: "A new version equal to an old one, for the whole knowledge base or one scheme",
      access: "editor",
      body: z.object({ to: z.number().int().min(1), schemeId: z.string().min(1).max(128).optional(), reason }),
      handler: ({ body, session }) => rollback(c.kbActions(session!), body.to, body.schemeId, body.reason),
    }),
    route<Record<string, never>, { dryRun: boolean; reason?: string; baseVersion?: number; name?: string }, Buffer>({
      method: "POST",
      path: "/kb/import",
      tag: "knowledge base",
      summary: "Import a file (JSON Lines or a JSON array), validated whole as `kb import`; dryRun=true answers what would change, field by field, and changes nothing",
      access: "editor",
      query: z.object({ dryRun: queryBool.default(false), reason: reason.optional(), baseVersion: queryInt(0).optional(), name: z.string().max(200).optional() }),
      rawBody: { maxBytes: c.config.knowledge.maxFileBytes, types: ["application/x-ndjson", "application/octet-stream", "text/plain"] },
      async handler({ query, body, session }) {
        const report = validateFile(body, c.config.knowledge);
        if (!report.ok) {
          throw new ApiError(422, "invalid_file", `${query.name ?? "the file"}: ${report.problems.length + report.problemsOmitted} problem(s) found; nothing was changed`, {
            problems: report.problems.slice(0, MAX_PROBLEMS),
            problemsOmitted: report.problemsOmitted + Math.max(0, report.problems.length - MAX_PROBLEMS),
          });
        }
        const records = report.records.map((r) => r.record);
        const { store } = kb();
        if (query.dryRun) return { dryRun: true, ...(await previewImport(store, records)) };
        if (!query.reason) throw new ApiError(400, "invalid_request", "say why you import this file (reason)");
        if (query.baseVersion !== undefined && query.baseVersion !== store.kbVersion) throw new ApiError(409, "conflict", `the knowledge base moved to version ${store.kbVersion} since your preview (version ${query.baseVersion}): preview the file again`);
        return { dryRun: false, ...(await importRecords(c.kbActions(session!), records, query.reason)) };
      },
    }),
  ];
}
