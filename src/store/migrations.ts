// Schema versions, applied in order on open (PRAGMA user_version counts them). Never edit a shipped one:
// add the next.
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE sessions (
    key TEXT PRIMARY KEY,              -- 'caller:<salted hash>' or 'ask:<session id>'
    context TEXT NOT NULL,             -- the dialogue context, JSON, personal data redacted
    lang TEXT,
    ended_at INTEGER NOT NULL,         -- ms since the epoch
    abnormal INTEGER NOT NULL DEFAULT 0,
    last_call_id TEXT
  );
  CREATE INDEX sessions_ended ON sessions(ended_at);

  CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    caller_hash TEXT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    lang TEXT,
    mode TEXT NOT NULL,
    outcome TEXT NOT NULL,
    transferred INTEGER NOT NULL,
    error TEXT,
    continued TEXT,                    -- 'returning' | 'resumed' when it carried on an earlier call
    turn_count INTEGER NOT NULL,
    states TEXT NOT NULL,              -- JSON
    packets TEXT                       -- JSON
  );
  CREATE INDEX calls_started ON calls(started_at);

  CREATE TABLE turns (
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    text TEXT NOT NULL,                -- personal data redacted
    lang TEXT,
    action TEXT,
    scheme_ids TEXT,                   -- JSON
    confidence REAL,
    dtmf TEXT,
    interrupted INTEGER NOT NULL DEFAULT 0,
    timings TEXT NOT NULL,             -- JSON
    unanswered TEXT,                   -- why a caller's question went unanswered, if it did
    PRIMARY KEY (call_id, seq)
  );
  CREATE INDEX turns_unanswered ON turns(unanswered) WHERE unanswered IS NOT NULL;

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT                       -- JSON
  );
  CREATE INDEX audit_at ON audit(at);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

  CREATE TABLE call_starts (
    caller_hash TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX call_starts_caller ON call_starts(caller_hash, at);

  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: a call is on record from the moment it arrives, not only once it has ended: a row is opened when the
  // caller's channel enters Stasis (outcome 'in_progress', owned by the process handling it), rewritten as
  // the call goes on, and closed with its outcome (refusals and calls that ended during set-up included). A
  // row still owned by a process that has died is closed as 'interrupted' when Sahayak next starts.
  `
  ALTER TABLE calls ADD COLUMN owner TEXT;          -- the process the call is open in ('host:pid:boot:start'), NULL once closed
  ALTER TABLE calls ADD COLUMN updated_at INTEGER;  -- ms since the epoch of the last write while it was open
  CREATE INDEX calls_open ON calls(owner) WHERE owner IS NOT NULL;
  `,
];
