-- Aggregates at a center's scale (measured with `npm run bench -- collector`): the QA aggregates read
-- rollups kept at ingest instead of grouping every call and report item on each request, and a call row no
-- longer carries its report (a scan of `calls` read every report's pages: about 0.5–1 s per scan at 60,000
-- calls on SQLite).

-- A scored call's report, apart from its row: read only for one call's detail and for exports.
CREATE TABLE call_reports (
  call_id TEXT PRIMARY KEY,
  report TEXT NOT NULL
);
INSERT INTO call_reports (call_id, report) SELECT call_id, report FROM calls WHERE report IS NOT NULL;
-- `report_source` (kept on the row) now says whether a call was scored.
UPDATE calls SET report_source = 'log' WHERE report IS NOT NULL AND report_source IS NULL;
ALTER TABLE calls DROP COLUMN report;

-- 0004's covering indexes served the most-missed query over every report item, which the rollups now
-- answer; the per-call path left (a chain status, one agent) finds its few calls first and their items by
-- call_items' key. Without them, ingest writes three indexes fewer per scored call (on SQLite the report
-- items' insert was the costliest statement of an ingest: measured in-process, 2,000 calls of 40 events).
DROP INDEX call_items_qa;
DROP INDEX call_items_item;
DROP INDEX calls_qa_lookup;

-- Per half hour of `started_at` (UTC, `YYYY-MM-DDTHH:MM`, minutes 00 or 30: every time zone but a few
-- off by 45 minutes sees its days as whole buckets), team, agent and script: the scored calls' counts and
-- sums. Absent team or script is ''. Written in the scoring transaction; retention subtracts.
CREATE TABLE rollup_calls (
  bucket TEXT NOT NULL,
  team TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  script_id TEXT NOT NULL,
  script_title TEXT,
  calls INTEGER NOT NULL,
  score_sum REAL NOT NULL,
  critical INTEGER NOT NULL,
  etiquette_sum REAL NOT NULL,
  etiquette_n INTEGER NOT NULL,
  knowledge_sum REAL NOT NULL,
  knowledge_n INTEGER NOT NULL,
  procedure_sum REAL NOT NULL,
  procedure_n INTEGER NOT NULL,
  PRIMARY KEY (bucket, team, agent_id, script_id)
);
CREATE INDEX rollup_calls_team ON rollup_calls (team, bucket);
CREATE INDEX rollup_calls_agent ON rollup_calls (agent_id, bucket);

-- Per half hour, team and script: how often each report item was applicable, missed, late or skipped
-- (the most-missed table). Without the agent: one agent's table is read from call_items. A range reads
-- its whole UTC days from rollup_items_daily below and only its partial days from here.
CREATE TABLE rollup_items (
  bucket TEXT NOT NULL,
  team TEXT NOT NULL,
  script_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  title TEXT NOT NULL,
  applicable INTEGER NOT NULL,
  missed INTEGER NOT NULL,
  late INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  PRIMARY KEY (bucket, team, script_id, kind, item_id)
);
CREATE INDEX rollup_items_team ON rollup_items (team, bucket);

-- The same per UTC day (`YYYY-MM-DD`).
CREATE TABLE rollup_items_daily (
  day TEXT NOT NULL,
  team TEXT NOT NULL,
  script_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  title TEXT NOT NULL,
  applicable INTEGER NOT NULL,
  missed INTEGER NOT NULL,
  late INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  PRIMARY KEY (day, team, script_id, kind, item_id)
);
CREATE INDEX rollup_items_daily_team ON rollup_items_daily (team, day);

INSERT INTO rollup_calls
SELECT substr(c.started_at, 1, 14) || CASE WHEN substr(c.started_at, 15, 2) < '30' THEN '00' ELSE '30' END,
  COALESCE(c.team, ''), c.agent_id, COALESCE(c.script_id, ''), MAX(c.script_title), COUNT(*), SUM(c.score),
  SUM(c.critical_failed), COALESCE(SUM(c.cat_etiquette), 0), COUNT(c.cat_etiquette),
  COALESCE(SUM(c.cat_knowledge), 0), COUNT(c.cat_knowledge), COALESCE(SUM(c.cat_procedure), 0),
  COUNT(c.cat_procedure)
FROM calls c WHERE c.score IS NOT NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO rollup_items
SELECT substr(c.started_at, 1, 14) || CASE WHEN substr(c.started_at, 15, 2) < '30' THEN '00' ELSE '30' END,
  COALESCE(c.team, ''), COALESCE(c.script_id, ''), i.kind, i.item_id, MAX(i.title), COUNT(*),
  SUM(CASE WHEN i.status = 'missed' THEN 1 ELSE 0 END), SUM(CASE WHEN i.status = 'late' THEN 1 ELSE 0 END),
  SUM(CASE WHEN i.status = 'skipped' THEN 1 ELSE 0 END)
FROM call_items i JOIN calls c ON c.call_id = i.call_id
WHERE c.score IS NOT NULL AND i.status <> 'n/a'
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO rollup_items_daily
SELECT substr(r.bucket, 1, 10), r.team, r.script_id, r.kind, r.item_id, MAX(r.title), SUM(r.applicable),
  SUM(r.missed), SUM(r.late), SUM(r.skipped)
FROM rollup_items r
GROUP BY 1, 2, 3, 4, 5;
