-- Schema version 5 → 6: the journal's page of overdue appeals reads the open appeals in date order
-- from an index of their own (at region scale the overdue page sorted
-- 24,000 rows for its 50). Frozen: a later schema change is a new step.
CREATE INDEX appeal_open_journal ON appeal(registered_on, coalesce(extended_to, deadline), channel, topic_id, settlement_id, executor_id) WHERE outcome IS NULL;
