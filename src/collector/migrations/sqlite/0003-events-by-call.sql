-- Every read of a call's events (the chain walk at ingest, scoring, a call's detail, export) asks by
-- `call_id` and `seq`. The unique index on (call_id, seq) is partial (it leaves out `log-maintenance`), and
-- a partial index serves only queries that repeat its condition: without this one, each of those reads
-- scanned the whole table, so ingest slowed down as the table grew (measured: `npm run bench -- collector`).
CREATE INDEX events_by_call ON events (call_id, seq);
