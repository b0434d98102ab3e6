-- The collector's first schema (PostgreSQL). A shipped migration is never edited: add the next number.
-- Times are ISO-8601 UTC text (`2026-01-31T09:00:00.000Z`), which sorts like the instants it names; ids
-- and times compare bytewise (COLLATE "C") whatever the database's locale, as in SQLite.

-- Bearer tokens, stored as the SHA-256 of the secret; the secret is shown once, when created.
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('agent', 'qa', 'admin')),
  agent_id TEXT,
  team TEXT,
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

-- Which team an agent is in (set by `token create --role agent --team …`); a call takes its agent's team.
CREATE TABLE agents (
  agent_id TEXT PRIMARY KEY,
  team TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Small key/value settings (e.g. whether the first admin token was issued).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Every event as received (canonical JSON without `synced`), once: the event id is the key.
CREATE TABLE events (
  event_id TEXT PRIMARY KEY,
  call_id TEXT COLLATE "C" NOT NULL,
  agent_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  client_ts TEXT COLLATE "C" NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  -- 1 when `hash` is the SHA-256 of the event's content, as recomputed here.
  hash_ok SMALLINT NOT NULL,
  body TEXT NOT NULL,
  received_at TEXT COLLATE "C" NOT NULL
);
-- One event per place in a call's chain. Every browser keeps its own `log-maintenance` chain under that
-- same id, so that pseudo-call is left out.
CREATE UNIQUE INDEX events_call_seq ON events (call_id, seq) WHERE call_id <> 'log-maintenance';
CREATE INDEX events_maintenance ON events (received_at) WHERE call_id = 'log-maintenance';

-- One row per call: its chain status (kept up to date at ingest) and, once it ended, its report.
CREATE TABLE calls (
  call_id TEXT COLLATE "C" PRIMARY KEY,
  agent_id TEXT NOT NULL,
  team TEXT,
  started_at TEXT COLLATE "C" NOT NULL,
  ended_at TEXT COLLATE "C",
  end_seq INTEGER,
  outcome TEXT,
  script_id TEXT,
  script_title TEXT,
  pin_hash TEXT,
  pin_seq INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'incomplete' CHECK (status IN ('intact', 'incomplete', 'broken')),
  verified_seq INTEGER NOT NULL DEFAULT 0,
  verified_hash TEXT NOT NULL,
  broken_at TEXT,
  broken_reason TEXT,
  event_count INTEGER NOT NULL DEFAULT 0,
  max_seq INTEGER NOT NULL DEFAULT 0,
  score DOUBLE PRECISION,
  critical_failed SMALLINT,
  cat_etiquette DOUBLE PRECISION,
  cat_knowledge DOUBLE PRECISION,
  cat_procedure DOUBLE PRECISION,
  report TEXT,
  report_source TEXT,
  first_received_at TEXT COLLATE "C" NOT NULL,
  last_received_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX calls_started ON calls (started_at, call_id);
CREATE INDEX calls_team_started ON calls (team, started_at, call_id);
CREATE INDEX calls_agent_started ON calls (agent_id, started_at);
CREATE INDEX calls_script_started ON calls (script_id, started_at);
CREATE INDEX calls_last_received ON calls (last_received_at);

-- Each scored call's report items, for the most-missed table.
CREATE TABLE call_items (
  call_id TEXT COLLATE "C" NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  critical SMALLINT NOT NULL,
  PRIMARY KEY (call_id, kind, item_id)
);
CREATE INDEX call_items_item ON call_items (kind, item_id);

-- Pinned content (a script and its checklist items) by the `pinHash` a call-start event carries.
CREATE TABLE pins (
  pin_hash TEXT PRIMARY KEY,
  script_id TEXT,
  script_version TEXT,
  script_title TEXT,
  content TEXT NOT NULL,
  added_at TEXT NOT NULL
);
