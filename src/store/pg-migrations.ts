// The PostgreSQL schema: the same tables as SQLite's (migrations.ts), in PostgreSQL's types. Applied in order
// on connect, each version in one transaction under an advisory lock, so nodes starting together migrate once.
// Never edit a shipped one: add the next.
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE sessions (
    key TEXT PRIMARY KEY,
    context TEXT NOT NULL,
    lang TEXT,
    ended_at BIGINT NOT NULL,
    abnormal SMALLINT NOT NULL DEFAULT 0,
    last_call_id TEXT
  );
  CREATE INDEX sessions_ended ON sessions(ended_at);

  CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    caller_hash TEXT,
    started_at BIGINT NOT NULL,
    ended_at BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    lang TEXT,
    mode TEXT NOT NULL,
    outcome TEXT NOT NULL,
    transferred SMALLINT NOT NULL,
    error TEXT,
    continued TEXT,
    turn_count INTEGER NOT NULL,
    states TEXT NOT NULL,
    packets TEXT,
    owner TEXT,
    updated_at BIGINT
  );
  CREATE INDEX calls_started ON calls(started_at);
  CREATE INDEX calls_open ON calls(owner) WHERE owner IS NOT NULL;

  CREATE TABLE turns (
    call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    text TEXT NOT NULL,
    lang TEXT,
    action TEXT,
    scheme_ids TEXT,
    confidence DOUBLE PRECISION,
    dtmf TEXT,
    interrupted SMALLINT NOT NULL DEFAULT 0,
    timings TEXT NOT NULL,
    unanswered TEXT,
    voice_to_voice_ms INTEGER,         -- a copy of timings.voiceToVoiceMs, for reports that read many calls
    PRIMARY KEY (call_id, seq)
  );
  CREATE INDEX turns_unanswered ON turns(unanswered) WHERE unanswered IS NOT NULL;
  CREATE INDEX turns_replies ON turns(call_id, role, at_ms, voice_to_voice_ms, action);
  CREATE INDEX calls_started_kind ON calls(started_at, outcome, lang, mode);

  CREATE TABLE audit (
    seq BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT
  );
  CREATE INDEX audit_at ON audit(at);
  CREATE INDEX audit_action ON audit(action, at);
  CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
  CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

  CREATE TABLE call_starts (
    caller_hash TEXT NOT NULL,
    at BIGINT NOT NULL
  );
  CREATE INDEX call_starts_caller ON call_starts(caller_hash, at);

  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // which node took each call and wrote each audit entry; serving processes' leases, renewed while they live,
  // with the knowledge-base version each answers from
  `
  ALTER TABLE calls ADD COLUMN node TEXT;
  ALTER TABLE audit ADD COLUMN node TEXT;
  CREATE TABLE owner_leases (
    owner TEXT PRIMARY KEY,
    node TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    beat_at BIGINT NOT NULL,
    kb_version INTEGER            -- the knowledge base the process answers from, for \`kb status\`
  );
  `,
  // knowledge-base snapshots published for every node (\`kb publish\`): the database is all the nodes share,
  // so the snapshot's bytes live in it, in chunks; a node checks the whole against sha256 before using it
  `
  CREATE TABLE kb_snapshots (
    id BIGSERIAL PRIMARY KEY,
    kb_version INTEGER NOT NULL,
    kb_time TEXT NOT NULL,           -- the commit time of that version: with kb_version, which knowledge base it is
    sha256 TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    schemes INTEGER NOT NULL,
    node TEXT NOT NULL,
    actor TEXT NOT NULL,
    published_at BIGINT NOT NULL
  );
  CREATE TABLE kb_snapshot_chunks (
    snapshot_id BIGINT NOT NULL REFERENCES kb_snapshots(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (snapshot_id, seq)
  );
  `,
  // the staff console's accounts, their sessions and failed logins by address (SQLite's migration 3): every
  // node's console logs in against the same accounts and sees every node's calls
  `
  CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    password_hash TEXT NOT NULL,
    disabled SMALLINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT,
    last_login_at BIGINT
  );
  CREATE TABLE console_sessions (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX console_sessions_user ON console_sessions(user_name);
  CREATE INDEX console_sessions_expires ON console_sessions(expires_at);
  CREATE TABLE login_failures (
    address TEXT NOT NULL,
    at BIGINT NOT NULL
  );
  CREATE INDEX login_failures_address ON login_failures(address, at);
  `,
];
