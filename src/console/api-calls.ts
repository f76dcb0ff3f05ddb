// Calls: the overview (in progress now, today's figures, latency, refusals and fallbacks over time,
// readiness), the call records with their turns and timings, and the unanswered questions.
import { z } from "zod";
import { FALLBACK_PROMPTS } from "../call/index.js";
import { REFUSAL_REASONS } from "../ops/metrics.js";
import type { ConsoleContext } from "./context.js";
import { ApiError, queryInt, route, type Route } from "./routes.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The overview's periods and the width of their chart buckets. */
export const OVERVIEW_RANGES = { "24h": { ms: DAY_MS, bucketMs: HOUR_MS }, "7d": { ms: 7 * DAY_MS, bucketMs: 6 * HOUR_MS }, "30d": { ms: 30 * DAY_MS, bucketMs: DAY_MS } } as const;

/** A time in a query: an ISO date or date-time. */
export const queryTime = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) ctx.addIssue({ code: "custom", message: "must be a date such as 2026-11-01 or 2026-11-01T09:00" });
    return ms;
  });

/** Start of today on this machine's clock (the appliance runs on local time). */
function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

const fallbackActions = Object.keys(FALLBACK_PROMPTS);

export function callRoutes(c: ConsoleContext): Route[] {
  const pageSize = z.coerce.number().int().min(1).max(c.config.console.maxPageSize).default(c.config.console.pageSize);
  // this process's calls as it runs them, then the calls other processes (another node, or `serve` beside a
  // console running alone) have open, as their records show them
  const live = async () => {
    const own = (c.liveCalls?.() ?? []).map((call) => ({ ...call, ...(c.store.node ? { node: c.store.node } : {}) }));
    const ids = new Set(own.map((call) => call.callId));
    const others = (await c.store.calls.inProgress()).filter((call) => !ids.has(call.callId));
    return { now: new Date(c.now).toISOString(), inServe: !!c.liveCalls, calls: [...own, ...others] };
  };
  return [
    route<Record<string, never>, { range: keyof typeof OVERVIEW_RANGES }>({
      method: "GET",
      path: "/overview",
      tag: "calls",
      summary: "Calls in progress, today's calls by outcome, language and mode, voice-to-voice p50/p95, refusals and fallbacks over a period, and readiness",
      access: "viewer",
      query: z.object({ range: z.enum(["24h", "7d", "30d"]).default("24h") }),
      async handler({ query }) {
        const now = c.now;
        const range = OVERVIEW_RANGES[query.range];
        // buckets aligned to their width, so the chart's hours are whole hours
        const to = Math.ceil((now + 1) / range.bucketMs) * range.bucketMs;
        const [stats, today] = await Promise.all([
          c.store.calls.stats({ from: to - range.ms, to, bucketMs: range.bucketMs, refusalOutcomes: REFUSAL_REASONS, fallbackActions }),
          c.store.calls.stats({ from: startOfDay(now), to: now + 1, bucketMs: DAY_MS, refusalOutcomes: REFUSAL_REASONS, fallbackActions }),
        ]);
        // the overview refreshes itself: a report as old as one refresh is evaluated again (`serve` also
        // evaluates every ops snapshot; `sahayak console` alone has only this)
        const last = c.deps.readiness.last;
        const readiness = last && Date.now() - Date.parse(last.checkedAt) < c.config.console.liveRefreshMs ? last : await c.deps.readiness.evaluate();
        const { buckets: _b, ...todayTotals } = today;
        return { now: new Date(now).toISOString(), live: await live(), today: todayTotals, range: query.range, stats, readiness, knowledgeBase: { version: c.deps.kb.store.kbVersion, schemes: c.deps.kb.store.size } };
      },
    }),
    route({
      method: "GET",
      path: "/live",
      tag: "calls",
      summary: "Calls in progress (state, language, mode, start, and node in a cluster): this process's, and those other serving processes have open as their records show them",
      access: "viewer",
      handler: live,
    }),
    route<Record<string, never>, { from?: number; to?: number; outcome?: string; lang?: string; mode?: string; page: number; pageSize: number }>({
      method: "GET",
      path: "/calls",
      tag: "calls",
      summary: "Call records, newest first, filtered by date, outcome, language and mode, a page at a time",
      access: "viewer",
      query: z.object({
        from: queryTime.optional(),
        to: queryTime.optional(),
        outcome: z.string().max(40).optional(),
        lang: z.string().max(10).optional(),
        mode: z.enum(["speech", "keypad"]).optional().or(z.literal("").transform(() => undefined)),
        page: queryInt(1).default(1),
        pageSize,
      }),
      async handler({ query }) {
        const result = await c.store.calls.query({ from: query.from, to: query.to, outcome: query.outcome || undefined, lang: query.lang || undefined, mode: query.mode, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
        return { ...result, page: query.page, pageSize: query.pageSize };
      },
    }),
    route<{ id: string }>({
      method: "GET",
      path: "/calls/:id",
      tag: "calls",
      summary: "One call: its states and turns with the redacted transcript and the timings of each turn (viewing it is audited)",
      access: "viewer",
      params: z.object({ id: z.string().min(1).max(200) }),
      async handler({ params, session }) {
        const call = await c.store.calls.show(params.id);
        if (!call) throw new ApiError(404, "not_found", `no call "${params.id}" is recorded (it may have been purged)`);
        // reading a transcript is audited, as `sahayak calls show` is: not shown unless the audit log has it
        await c.audit(session, "calls.show", params.id);
        return call;
      },
    }),
    route<Record<string, never>, { from?: number }>({
      method: "GET",
      path: "/unanswered",
      tag: "calls",
      summary: "Questions that went unanswered (out of scope, no information, not understood, clarification loop, transfer), grouped, most frequent first",
      access: "viewer",
      query: z.object({ from: queryTime.optional() }),
      async handler({ query }) {
        const groups = await c.store.calls.unanswered(query.from ?? 0);
        return { groups, total: groups.reduce((n, g) => n + g.count, 0) };
      },
    }),
  ];
}
