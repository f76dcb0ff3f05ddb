// Health and models (readiness detail, installed models, the knowledge base, disk, doctor), the audit log
// with filters, and the accounts (admins only).
import { z } from "zod";
import type { DoctorReport } from "../admin/doctor.js";
import { freeDiskBytes } from "../admin/health.js";
import { ModelStore } from "../ops/models.js";
import { ROLES } from "../store/index.js";
import { queryTime } from "./api-calls.js";
import type { ConsoleContext } from "./context.js";
import { queryInt, route, type Route } from "./routes.js";

interface DoctorRun {
  startedAt: string;
  by: string;
  finishedAt?: string;
  report?: DoctorReport;
  error?: string;
}

export function adminRoutes(c: ConsoleContext): Route[] {
  let doctor: DoctorRun | undefined;
  let running: Promise<void> | undefined;
  const pageSize = queryInt(1).max(c.config.console.maxPageSize).default(c.config.console.pageSize);
  return [
    route({
      method: "GET",
      path: "/health",
      tag: "health",
      summary: "Readiness of each component, installed models, the knowledge base's version, free disk, and the last doctor run",
      access: "viewer",
      async handler() {
        const readiness = await c.deps.readiness.evaluate();
        let models: unknown[] = [];
        let modelsProblem: string | null = null;
        try {
          models = new ModelStore(c.config.modelsDir).manifest().models.map((m) => ({ id: m.id, kind: m.kind, engine: m.engine, languages: m.languages, license: m.license ?? null, source: m.source ?? null }));
        } catch (err) {
          modelsProblem = (err as Error).message;
        }
        const free = freeDiskBytes(c.config.dataDir);
        const { store } = c.deps.kb;
        const commits = await store.commits();
        return {
          readiness,
          models,
          modelsProblem,
          modelsDir: c.config.modelsDir,
          knowledgeBase: { version: store.kbVersion, schemes: store.size, lastChange: commits.at(-1) ?? null },
          disk: { path: c.config.dataDir, freeMb: Math.floor(free / 2 ** 20), minFreeMb: c.config.ops.minFreeDiskMb, warnFreeMb: c.config.ops.warnFreeDiskMb },
          doctor: doctor ?? null,
          doctorRunning: !!running,
          inServe: !!c.liveCalls,
        };
      },
    }),
    route({
      method: "POST",
      path: "/health/doctor",
      tag: "health",
      summary: "Runs `sahayak doctor`'s checks in the background (models are trial-loaded: it takes a while); GET /health shows the result",
      access: "admin",
      status: 202,
      async handler({ session }) {
        if (!running) {
          const run: DoctorRun = { startedAt: new Date(c.now).toISOString(), by: session!.user };
          doctor = run;
          running = c.deps
            .doctor()
            .then((report) => void (run.report = report))
            .catch((err: Error) => void (run.error = err.message))
            .finally(() => {
              run.finishedAt = new Date(c.now).toISOString();
              running = undefined;
            });
          // after `running` is set: a second request meanwhile does not start another run
          await c.audit(session, "doctor", null);
        }
        return { running: true, startedAt: doctor!.startedAt };
      },
    }),
    route<Record<string, never>, { from?: number; to?: number; actor?: string; action?: string; target?: string; page: number; pageSize: number }>({
      method: "GET",
      path: "/audit",
      tag: "audit",
      summary: "The audit log, newest first: logins and failed logins, transcript views, knowledge-base and account changes, config changes, purges",
      access: "viewer",
      query: z.object({ from: queryTime.optional(), to: queryTime.optional(), actor: z.string().max(100).optional(), action: z.string().max(60).optional(), target: z.string().max(200).optional(), page: queryInt(1).default(1), pageSize }),
      async handler({ query }) {
        const result = await c.store.audit.query({ from: query.from, to: query.to, actor: query.actor, action: query.action, target: query.target, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
        return { ...result, page: query.page, pageSize: query.pageSize };
      },
    }),
    route({
      method: "GET",
      path: "/users",
      tag: "users",
      summary: "The console's accounts: role, disabled, last login, locked until",
      access: "admin",
      handler: async () => ({ users: await c.accounts.list(), roles: ROLES }),
    }),
    route<Record<string, never>, Record<string, never>, { name: string; role: string; password: string }>({
      method: "POST",
      path: "/users",
      tag: "users",
      summary: "Adds an account (as `sahayak users add`)",
      access: "admin",
      status: 201,
      body: z.object({ name: z.string().max(32), role: z.enum(ROLES), password: z.string().max(1000) }),
      handler: ({ body, session }) => c.accounts.add(session!.user, body.name, body.role, body.password),
    }),
    route<{ name: string }, Record<string, never>, { role?: string; disabled?: boolean; password?: string }>({
      method: "PUT",
      path: "/users/:name",
      tag: "users",
      summary: "Changes an account's role, disables or enables it, or sets its password (as `sahayak users passwd|disable|enable`)",
      access: "admin",
      params: z.object({ name: z.string().max(32) }),
      body: z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional(), password: z.string().max(1000).optional() }).refine((b) => b.role !== undefined || b.disabled !== undefined || b.password !== undefined, { message: "give a role, disabled or a password" }),
      async handler({ params, body, session }) {
        const actor = session!.user;
        if (body.password !== undefined) await c.accounts.setPassword(actor, params.name, body.password);
        if (body.role !== undefined) await c.accounts.setRole(actor, params.name, body.role);
        if (body.disabled !== undefined) await c.accounts.setDisabled(actor, params.name, body.disabled);
        return (await c.accounts.list()).find((u) => u.name === params.name);
      },
    }),
  ];
}
