// Where `sahayak ask --session ID` keeps a conversation between invocations: one JSON file per session
// in <dataDir>/sessions, written atomically. (The call flow's SQLite store supersedes it for calls.)
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newContext, type DialogueContext } from "./types.js";

const SESSION_ID = /^[A-Za-z0-9_.-]{1,64}$/;

export class SessionIdError extends Error {}

export class FileSessionStore {
  constructor(private readonly dir: string) {}

  private path(id: string): string {
    if (!SESSION_ID.test(id)) throw new SessionIdError(`session id "${id}" is not allowed: use 1–64 letters, digits, dot, dash or underscore`);
    return join(this.dir, `${id}.json`);
  }

  load(id: string): DialogueContext {
    const path = this.path(id);
    if (!existsSync(path)) return newContext(id);
    try {
      return JSON.parse(readFileSync(path, "utf8")) as DialogueContext;
    } catch {
      // a damaged session file is not worth failing a caller's question over: start afresh
      return newContext(id);
    }
  }

  save(ctx: DialogueContext): void {
    const path = this.path(ctx.sessionId);
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(ctx));
    renameSync(tmp, path);
  }
}
