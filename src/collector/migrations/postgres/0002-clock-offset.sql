-- How far the agent's clock is behind the collector's, per call: the smallest (arrival − clientTs) over
-- its events, in milliseconds (upload delays only add to it, so the smallest is the best estimate).
ALTER TABLE calls ADD COLUMN clock_offset_ms BIGINT;
