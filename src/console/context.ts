// What the console's routes work with: the engines and stores it was given (shared with the calls when it
// runs inside `serve`), its accounts and sessions, and the audit log as the logged-in person.
import { timingSafeEqual } from "node:crypto";
import type { DoctorReport } from "../admin/doctor.js";
import type { LiveCall } from "../call/index.js";
import type { Config } from "../config.js";
import type { DialogueContext, Reply, Utterance } from "../dialogue/index.js";
import type { ActionContext, KnowledgeBase } from "../knowledge/index.js";
import type { Logger } from "../ops/log.js";
import type { Readiness } from "../ops/readiness.js";
import type { TtsEngine } from "../speech/tts/index.js";
import type { StoreBackend } from "../store/index.js";
import { Accounts } from "./accounts.js";
import { Auth, newToken, type ActiveSession } from "./auth.js";
import { hashPassword } from "./accounts.js";

export interface ConsoleDeps {
  config: Config;
  /** The node's store: its SQLite file, or the cluster's PostgreSQL (then every node's calls and one set of accounts). */
  store: StoreBackend;
  kb: KnowledgeBase;
  dialogue: { respond(utterance: Utterance, ctx: DialogueContext, signal?: AbortSignal): Promise<Reply> };
  tts: TtsEngine;
  readiness: Readiness;
  /** Calls in progress in this process; absent when the console runs alone (`sahayak console`). */
  liveCalls?: () => LiveCall[];
  /** Runs `sahayak doctor`'s checks. */
  doctor: () => Promise<DoctorReport>;
  log: Logger;
}

export class ConsoleContext {
  readonly auth: Auth;
  readonly accounts: Accounts;
  readonly cookieNames: { session: string; login: string };
  private readonly closing = new AbortController();

  constructor(readonly deps: ConsoleDeps) {
    this.auth = new Auth(deps.store, deps.config.console, () => hashPassword(newToken(), deps.config.console.password));
    this.accounts = new Accounts(deps.store, deps.config.console);
    // over TLS the __Host- prefix binds the cookie to this host and to Secure
    const prefix = deps.config.console.tls ? "__Host-" : "";
    this.cookieNames = { session: `${prefix}sahayak_session`, login: `${prefix}sahayak_login` };
  }

  get config(): Config {
    return this.deps.config;
  }
  get store(): StoreBackend {
    return this.deps.store;
  }
  get log(): Logger {
    return this.deps.log;
  }
  get liveCalls(): (() => LiveCall[]) | undefined {
    return this.deps.liveCalls;
  }
  get now(): number {
    return this.deps.store.now();
  }

  /** Aborted when the console closes: work it began on its own (an answer's synthesis) stops. */
  get closed(): AbortSignal {
    return this.closing.signal;
  }

  close(): void {
    this.closing.abort();
  }

  newToken(): string {
    return newToken();
  }

  sameToken(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  /** Appends to the audit log as the session's user. */
  audit(session: ActiveSession | undefined, action: string, target: string | null, details?: unknown): Promise<void> {
    return this.store.audit.append(session?.user ?? "(console)", action, target, details);
  }

  /** The shared knowledge-base actions as the session's user. */
  kbActions(session: ActiveSession): ActionContext {
    return { store: this.deps.kb.store, actor: session.user, limits: this.config.knowledge, audit: (action, target, details) => this.audit(session, action, target, details) };
  }
}
