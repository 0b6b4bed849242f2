-- Schema version 2 → 3: indexes that let the forms (src/forms) count a year of a region-sized
-- file from the index alone, in index order, and that cover the journal's overdue page; the
-- full-text index gains prefix indexes for the first letters typed (frozen: a later schema
-- change is a new step).
CREATE INDEX appeal_reception_topic ON appeal(topic_id, registered_on, outcome, settlement_id) WHERE channel = 'reception';
CREATE INDEX appeal_reception_persons ON appeal(reception_id, persons) WHERE reception_id IS NOT NULL;
CREATE INDEX appeal_org ON appeal(registered_on, channel, settlement_id) WHERE applicant_type = 'organisation';
CREATE INDEX appeal_repeated ON appeal(registered_on, channel, applicant_type, settlement_id) WHERE repeated = 1;
CREATE INDEX appeal_outcome ON appeal(outcome, answered_on, settlement_id) WHERE outcome IS NOT NULL;
CREATE INDEX appeal_repeated_answered ON appeal(answered_on, settlement_id) WHERE repeated = 1 AND outcome IS NOT NULL;
CREATE INDEX plan_item_created ON plan_item(created_on);
CREATE INDEX question_meeting_topic ON question(meeting_id, topic_id, repeated) WHERE meeting_id IS NOT NULL;
DROP INDEX appeal_open_due;
CREATE INDEX appeal_open_due ON appeal(coalesce(extended_to, deadline), registered_on, outcome) WHERE outcome IS NULL;
DROP TABLE appeal_fts;
CREATE VIRTUAL TABLE appeal_fts USING fts5(
    reg_number, applicant_name, applicant_id, summary,
    content = 'appeal', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);
INSERT INTO appeal_fts (appeal_fts) VALUES ('rebuild');
-- The forms for one settlement count from the same index ranges (settlement last).
DROP INDEX appeal_channel;
CREATE INDEX appeal_channel ON appeal(channel, registered_on, settlement_id);
DROP INDEX appeal_topic;
CREATE INDEX appeal_topic ON appeal(topic_id, registered_on, settlement_id);
