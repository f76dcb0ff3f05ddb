// The staff's web console: `serve` starts it beside the calls (sharing their knowledge base, dialogue,
// synthesiser, store and readiness, and showing the calls in progress); `sahayak console` starts it alone,
// on a box with no PBX, with engines of its own.
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { runDoctor } from "../admin/doctor.js";
import { databaseCheck, diskCheck, knowledgeCheck } from "../admin/health.js";
import type { Config } from "../config.js";
import { openDialogue } from "../dialogue/index.js";
import { indexingInBackground, openKnowledgeBase } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import { Readiness } from "../ops/readiness.js";
import { loadTtsEngine } from "../speech/tts/index.js";
import { openStoreBackend } from "../store/index.js";
import { adminRoutes } from "./api-admin.js";
import { callRoutes } from "./api-calls.js";
import { kbRoutes } from "./api-kb.js";
import { sessionRoutes } from "./api-session.js";
import { tryRoutes } from "./api-try.js";
import { loadAssets } from "./assets.js";
import { ConsoleContext, type ConsoleDeps } from "./context.js";
import type { Route } from "./routes.js";
import { buildServer } from "./server.js";

export { Accounts, AccountError, hashPassword, verifyPassword, passwordProblem, USER_NAME_PATTERN } from "./accounts.js";
export type { ConsoleDeps } from "./context.js";
export { writeAssets } from "./assets.js";
export { PAGES } from "./pages.js";

export interface RunningConsole {
  /** Where it listens, e.g. http://127.0.0.1:8090 */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly routes: readonly Route[];
  close(): Promise<void>;
}

export class ConsoleStartError extends Error {}

export function consoleRoutes(c: ConsoleContext): Route[] {
  return [...sessionRoutes(c), ...callRoutes(c), ...kbRoutes(c), ...tryRoutes(c), ...adminRoutes(c)];
}

function tlsFiles(config: Config): { cert: Buffer; key: Buffer } | undefined {
  const tls = config.console.tls;
  if (!tls) return undefined;
  try {
    return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
  } catch (err) {
    throw new ConsoleStartError(`cannot read the console's TLS certificate or key (console.tls: ${tls.certFile}, ${tls.keyFile}): ${(err as Error).message}. Check the paths and that the service user may read them.`);
  }
}

const LOOPBACK = /^(127\.|::1$|localhost$)/;

export async function startConsole(deps: ConsoleDeps): Promise<RunningConsole> {
  const c = new ConsoleContext(deps);
  const routes = consoleRoutes(c);
  const https = tlsFiles(deps.config);
  const app = buildServer(c, routes, await loadAssets(), https);
  const { host, port } = deps.config.console;
  try {
    await app.listen({ host, port });
  } catch (err) {
    c.close();
    await app.close();
    throw new ConsoleStartError(`cannot open the console on ${host}:${port}: ${(err as Error).message}. Choose a free port in console.port.`);
  }
  const address = app.server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  const url = `${https ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  if (!https && !LOOPBACK.test(host)) deps.log.warn({ host }, "the console listens beyond this machine without TLS: passwords and transcripts cross the network in clear; set console.tls");
  // a database that is down now (a node started during an outage) is no reason not to listen: pages say so until it is back
  await deps.store.users.list().then(
    (users) => users.length === 0 && deps.log.warn("the console has no accounts yet: make one with `sahayak users add NAME --role admin`"),
    (err: Error) => deps.log.warn({ err: err.message }, "the console cannot read its accounts yet: its pages answer 503 until the database can be reached"),
  );
  deps.log.info({ url }, "console listening");
  return {
    url,
    app,
    routes,
    close: () => {
      c.close();
      return app.close();
    },
  };
}

/**
 * `sahayak console`: the console alone, with its own knowledge base, dialogue, synthesiser and store (the SQLite
 * file, or the cluster's PostgreSQL with every node's calls).
 */
export async function startStandaloneConsole(config: Config, log: Logger, options: { configPath?: string } = {}): Promise<RunningConsole> {
  const opened: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
    for (const close of opened.reverse()) await Promise.resolve(close()).catch(() => undefined);
  };
  try {
    const kb = await openKnowledgeBase(config, indexingInBackground(log));
    opened.push(() => kb.close());
    const dialogue = await openDialogue(kb, config, log);
    opened.push(() => dialogue.close());
    const tts = await loadTtsEngine(config);
    opened.push(() => tts.close());
    // call records a serving process queued are its to write out; the console only reads them and audits
    const store = await openStoreBackend(config.dataDir, config.store, { log, sendQueued: false });
    opened.push(() => store.close());
    const readiness = new Readiness(config.ops.readinessCheckTimeoutMs);
    readiness.register("knowledge_base", knowledgeCheck({ get knowledge() { return { version: kb.store.kbVersion, schemes: kb.store.size }; } }));
    readiness.register("database", databaseCheck({ sessions: { store } }));
    readiness.register("disk", diskCheck(config));
    const running = await startConsole({ config, store, kb, dialogue: dialogue.engine, tts, readiness, log, doctor: () => runDoctor({ configPath: options.configPath, dataDir: config.dataDir }) });
    return {
      ...running,
      async close() {
        await running.close();
        await closeAll();
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
