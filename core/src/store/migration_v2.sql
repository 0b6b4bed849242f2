-- Schema version 1 → 2: the audit trail and the trash (frozen: a later schema change is a new step).
-- The trash gains `parent` (rows deleted with their parent); it is rebuilt, not altered, so that
-- its definition reads exactly as in schema.sql.
ALTER TABLE trash RENAME TO trash_v1;
DROP INDEX trash_row;
CREATE TABLE trash (
    id          INTEGER PRIMARY KEY,
    deleted_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    actor       TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    data        TEXT NOT NULL,
    parent      TEXT
) STRICT;
CREATE INDEX trash_row ON trash(table_name, row_id);
INSERT INTO trash (id, deleted_at, actor, table_name, row_id, data)
    SELECT id, deleted_at, actor, table_name, row_id, data FROM trash_v1;
DROP TABLE trash_v1;
CREATE TRIGGER audit_appeal_ai AFTER INSERT ON appeal BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'appeal', new.id, 'insert' FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_appeal_au AFTER UPDATE ON appeal BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'appeal', new.id, 'update', changes FROM audit_context, (
        SELECT json_group_object(f, json_array(o, n)) AS changes FROM (
            SELECT NULL AS f, NULL AS o, NULL AS n WHERE 0
            UNION ALL SELECT 'reg_number', old.reg_number, new.reg_number WHERE old.reg_number IS NOT new.reg_number
            UNION ALL SELECT 'received_at', old.received_at, new.received_at WHERE old.received_at IS NOT new.received_at
            UNION ALL SELECT 'registered_on', old.registered_on, new.registered_on WHERE old.registered_on IS NOT new.registered_on
            UNION ALL SELECT 'channel', old.channel, new.channel WHERE old.channel IS NOT new.channel
            UNION ALL SELECT 'kind', old.kind, new.kind WHERE old.kind IS NOT new.kind
            UNION ALL SELECT 'applicant_type', old.applicant_type, new.applicant_type WHERE old.applicant_type IS NOT new.applicant_type
            UNION ALL SELECT 'applicant_name', old.applicant_name, new.applicant_name WHERE old.applicant_name IS NOT new.applicant_name
            UNION ALL SELECT 'applicant_id', old.applicant_id, new.applicant_id WHERE old.applicant_id IS NOT new.applicant_id
            UNION ALL SELECT 'applicant_address', old.applicant_address, new.applicant_address WHERE old.applicant_address IS NOT new.applicant_address
            UNION ALL SELECT 'applicant_phone', old.applicant_phone, new.applicant_phone WHERE old.applicant_phone IS NOT new.applicant_phone
            UNION ALL SELECT 'persons', old.persons, new.persons WHERE old.persons IS NOT new.persons
            UNION ALL SELECT 'settlement_id', old.settlement_id, new.settlement_id WHERE old.settlement_id IS NOT new.settlement_id
            UNION ALL SELECT 'topic_id', old.topic_id, new.topic_id WHERE old.topic_id IS NOT new.topic_id
            UNION ALL SELECT 'summary', old.summary, new.summary WHERE old.summary IS NOT new.summary
            UNION ALL SELECT 'repeated', old.repeated, new.repeated WHERE old.repeated IS NOT new.repeated
            UNION ALL SELECT 'repeated_of', old.repeated_of, new.repeated_of WHERE old.repeated_of IS NOT new.repeated_of
            UNION ALL SELECT 'accepted_by', old.accepted_by, new.accepted_by WHERE old.accepted_by IS NOT new.accepted_by
            UNION ALL SELECT 'executor_id', old.executor_id, new.executor_id WHERE old.executor_id IS NOT new.executor_id
            UNION ALL SELECT 'reception_id', old.reception_id, new.reception_id WHERE old.reception_id IS NOT new.reception_id
            UNION ALL SELECT 'deadline', old.deadline, new.deadline WHERE old.deadline IS NOT new.deadline
            UNION ALL SELECT 'extended_to', old.extended_to, new.extended_to WHERE old.extended_to IS NOT new.extended_to
            UNION ALL SELECT 'extension_reason', old.extension_reason, new.extension_reason WHERE old.extension_reason IS NOT new.extension_reason
            UNION ALL SELECT 'extension_notified_on', old.extension_notified_on, new.extension_notified_on WHERE old.extension_notified_on IS NOT new.extension_notified_on
            UNION ALL SELECT 'outcome', old.outcome, new.outcome WHERE old.outcome IS NOT new.outcome
            UNION ALL SELECT 'redirected_to', old.redirected_to, new.redirected_to WHERE old.redirected_to IS NOT new.redirected_to
            UNION ALL SELECT 'answered_on', old.answered_on, new.answered_on WHERE old.answered_on IS NOT new.answered_on
            UNION ALL SELECT 'answer', old.answer, new.answer WHERE old.answer IS NOT new.answer
        )
    ) WHERE audit_context.id = 1 AND changes <> '{}';
END;
CREATE TRIGGER audit_appeal_ad AFTER DELETE ON appeal BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'appeal', old.id, 'delete' FROM audit_context WHERE id = 1;
    INSERT INTO trash (actor, table_name, row_id, data, parent)
    SELECT actor, 'appeal', old.id, json_object(
        'id', old.id, 'reg_number', old.reg_number, 'received_at', old.received_at,
        'registered_on', old.registered_on, 'channel', old.channel, 'kind', old.kind,
        'applicant_type', old.applicant_type, 'applicant_name', old.applicant_name,
        'applicant_id', old.applicant_id, 'applicant_address', old.applicant_address,
        'applicant_phone', old.applicant_phone, 'persons', old.persons,
        'settlement_id', old.settlement_id, 'topic_id', old.topic_id,
        'summary', old.summary, 'repeated', old.repeated, 'repeated_of', old.repeated_of,
        'accepted_by', old.accepted_by, 'executor_id', old.executor_id,
        'reception_id', old.reception_id, 'deadline', old.deadline,
        'extended_to', old.extended_to, 'extension_reason', old.extension_reason,
        'extension_notified_on', old.extension_notified_on, 'outcome', old.outcome,
        'redirected_to', old.redirected_to, 'answered_on', old.answered_on,
        'answer', old.answer, 'created_at', old.created_at, 'updated_at', old.updated_at),
        NULL
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_reception_ai AFTER INSERT ON reception BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'reception', new.id, 'insert' FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_reception_au AFTER UPDATE ON reception BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'reception', new.id, 'update', changes FROM audit_context, (
        SELECT json_group_object(f, json_array(o, n)) AS changes FROM (
            SELECT NULL AS f, NULL AS o, NULL AS n WHERE 0
            UNION ALL SELECT 'held_on', old.held_on, new.held_on WHERE old.held_on IS NOT new.held_on
            UNION ALL SELECT 'akim_level', old.akim_level, new.akim_level WHERE old.akim_level IS NOT new.akim_level
            UNION ALL SELECT 'host_name', old.host_name, new.host_name WHERE old.host_name IS NOT new.host_name
            UNION ALL SELECT 'settlement_id', old.settlement_id, new.settlement_id WHERE old.settlement_id IS NOT new.settlement_id
            UNION ALL SELECT 'note', old.note, new.note WHERE old.note IS NOT new.note
        )
    ) WHERE audit_context.id = 1 AND changes <> '{}';
END;
CREATE TRIGGER audit_reception_ad AFTER DELETE ON reception BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'reception', old.id, 'delete' FROM audit_context WHERE id = 1;
    INSERT INTO trash (actor, table_name, row_id, data, parent)
    SELECT actor, 'reception', old.id, json_object(
        'id', old.id, 'held_on', old.held_on, 'akim_level', old.akim_level,
        'host_name', old.host_name, 'settlement_id', old.settlement_id, 'note', old.note),
        NULL
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_meeting_ai AFTER INSERT ON meeting BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'meeting', new.id, 'insert' FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_meeting_au AFTER UPDATE ON meeting BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'meeting', new.id, 'update', changes FROM audit_context, (
        SELECT json_group_object(f, json_array(o, n)) AS changes FROM (
            SELECT NULL AS f, NULL AS o, NULL AS n WHERE 0
            UNION ALL SELECT 'kind', old.kind, new.kind WHERE old.kind IS NOT new.kind
            UNION ALL SELECT 'title', old.title, new.title WHERE old.title IS NOT new.title
            UNION ALL SELECT 'planned_on', old.planned_on, new.planned_on WHERE old.planned_on IS NOT new.planned_on
            UNION ALL SELECT 'held_on', old.held_on, new.held_on WHERE old.held_on IS NOT new.held_on
            UNION ALL SELECT 'not_held_reason', old.not_held_reason, new.not_held_reason WHERE old.not_held_reason IS NOT new.not_held_reason
            UNION ALL SELECT 'settlement_id', old.settlement_id, new.settlement_id WHERE old.settlement_id IS NOT new.settlement_id
            UNION ALL SELECT 'place', old.place, new.place WHERE old.place IS NOT new.place
            UNION ALL SELECT 'akim_level', old.akim_level, new.akim_level WHERE old.akim_level IS NOT new.akim_level
            UNION ALL SELECT 'participants_offline', old.participants_offline, new.participants_offline WHERE old.participants_offline IS NOT new.participants_offline
            UNION ALL SELECT 'speakers', old.speakers, new.speakers WHERE old.speakers IS NOT new.speakers
            UNION ALL SELECT 'media_central', old.media_central, new.media_central WHERE old.media_central IS NOT new.media_central
            UNION ALL SELECT 'media_local', old.media_local, new.media_local WHERE old.media_local IS NOT new.media_local
            UNION ALL SELECT 'media_social', old.media_social, new.media_social WHERE old.media_social IS NOT new.media_social
            UNION ALL SELECT 'present_government', old.present_government, new.present_government WHERE old.present_government IS NOT new.present_government
            UNION ALL SELECT 'present_parliament', old.present_parliament, new.present_parliament WHERE old.present_parliament IS NOT new.present_parliament
            UNION ALL SELECT 'present_state_bodies', old.present_state_bodies, new.present_state_bodies WHERE old.present_state_bodies IS NOT new.present_state_bodies
            UNION ALL SELECT 'minutes', old.minutes, new.minutes WHERE old.minutes IS NOT new.minutes
        )
    ) WHERE audit_context.id = 1 AND changes <> '{}';
END;
CREATE TRIGGER audit_meeting_ad AFTER DELETE ON meeting BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'meeting', old.id, 'delete' FROM audit_context WHERE id = 1;
    INSERT INTO trash (actor, table_name, row_id, data, parent)
    SELECT actor, 'meeting', old.id, json_object(
        'id', old.id, 'kind', old.kind, 'title', old.title, 'planned_on', old.planned_on,
        'held_on', old.held_on, 'not_held_reason', old.not_held_reason,
        'settlement_id', old.settlement_id, 'place', old.place,
        'akim_level', old.akim_level, 'participants_offline', old.participants_offline,
        'speakers', old.speakers, 'media_central', old.media_central,
        'media_local', old.media_local, 'media_social', old.media_social,
        'present_government', old.present_government,
        'present_parliament', old.present_parliament,
        'present_state_bodies', old.present_state_bodies, 'minutes', old.minutes,
        'created_at', old.created_at, 'updated_at', old.updated_at),
        NULL
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_question_ai AFTER INSERT ON question BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'question', new.id, 'insert' FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_question_au AFTER UPDATE ON question BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'question', new.id, 'update', changes FROM audit_context, (
        SELECT json_group_object(f, json_array(o, n)) AS changes FROM (
            SELECT NULL AS f, NULL AS o, NULL AS n WHERE 0
            UNION ALL SELECT 'meeting_id', old.meeting_id, new.meeting_id WHERE old.meeting_id IS NOT new.meeting_id
            UNION ALL SELECT 'appeal_id', old.appeal_id, new.appeal_id WHERE old.appeal_id IS NOT new.appeal_id
            UNION ALL SELECT 'text', old.text, new.text WHERE old.text IS NOT new.text
            UNION ALL SELECT 'topic_id', old.topic_id, new.topic_id WHERE old.topic_id IS NOT new.topic_id
            UNION ALL SELECT 'settlement_id', old.settlement_id, new.settlement_id WHERE old.settlement_id IS NOT new.settlement_id
            UNION ALL SELECT 'repeated', old.repeated, new.repeated WHERE old.repeated IS NOT new.repeated
            UNION ALL SELECT 'critical', old.critical, new.critical WHERE old.critical IS NOT new.critical
            UNION ALL SELECT 'addressee_level', old.addressee_level, new.addressee_level WHERE old.addressee_level IS NOT new.addressee_level
        )
    ) WHERE audit_context.id = 1 AND changes <> '{}';
END;
CREATE TRIGGER audit_question_ad AFTER DELETE ON question BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'question', old.id, 'delete' FROM audit_context WHERE id = 1;
    INSERT INTO trash (actor, table_name, row_id, data, parent)
    SELECT actor, 'question', old.id, json_object(
        'id', old.id, 'meeting_id', old.meeting_id, 'appeal_id', old.appeal_id,
        'text', old.text, 'topic_id', old.topic_id, 'settlement_id', old.settlement_id,
        'repeated', old.repeated, 'critical', old.critical,
        'addressee_level', old.addressee_level),
        CASE
            WHEN old.meeting_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meeting WHERE id = old.meeting_id) THEN 'meeting:' || old.meeting_id
            WHEN old.appeal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM appeal WHERE id = old.appeal_id) THEN 'appeal:' || old.appeal_id
        END
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_plan_item_ai AFTER INSERT ON plan_item BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'plan_item', new.id, 'insert' FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_plan_item_au AFTER UPDATE ON plan_item BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'plan_item', new.id, 'update', changes FROM audit_context, (
        SELECT json_group_object(f, json_array(o, n)) AS changes FROM (
            SELECT NULL AS f, NULL AS o, NULL AS n WHERE 0
            UNION ALL SELECT 'problem', old.problem, new.problem WHERE old.problem IS NOT new.problem
            UNION ALL SELECT 'settlement_id', old.settlement_id, new.settlement_id WHERE old.settlement_id IS NOT new.settlement_id
            UNION ALL SELECT 'topic_id', old.topic_id, new.topic_id WHERE old.topic_id IS NOT new.topic_id
            UNION ALL SELECT 'measure', old.measure, new.measure WHERE old.measure IS NOT new.measure
            UNION ALL SELECT 'executor_id', old.executor_id, new.executor_id WHERE old.executor_id IS NOT new.executor_id
            UNION ALL SELECT 'deadline', old.deadline, new.deadline WHERE old.deadline IS NOT new.deadline
            UNION ALL SELECT 'funding_source', old.funding_source, new.funding_source WHERE old.funding_source IS NOT new.funding_source
            UNION ALL SELECT 'money_needed', old.money_needed, new.money_needed WHERE old.money_needed IS NOT new.money_needed
            UNION ALL SELECT 'money_allocated', old.money_allocated, new.money_allocated WHERE old.money_allocated IS NOT new.money_allocated
            UNION ALL SELECT 'status', old.status, new.status WHERE old.status IS NOT new.status
            UNION ALL SELECT 'status_note', old.status_note, new.status_note WHERE old.status_note IS NOT new.status_note
            UNION ALL SELECT 'done_on', old.done_on, new.done_on WHERE old.done_on IS NOT new.done_on
            UNION ALL SELECT 'note', old.note, new.note WHERE old.note IS NOT new.note
            UNION ALL SELECT 'created_on', old.created_on, new.created_on WHERE old.created_on IS NOT new.created_on
        )
    ) WHERE audit_context.id = 1 AND changes <> '{}';
END;
CREATE TRIGGER audit_plan_item_ad AFTER DELETE ON plan_item BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'plan_item', old.id, 'delete' FROM audit_context WHERE id = 1;
    INSERT INTO trash (actor, table_name, row_id, data, parent)
    SELECT actor, 'plan_item', old.id, json_object(
        'id', old.id, 'problem', old.problem, 'settlement_id', old.settlement_id,
        'topic_id', old.topic_id, 'measure', old.measure, 'executor_id', old.executor_id,
        'deadline', old.deadline, 'funding_source', old.funding_source,
        'money_needed', old.money_needed, 'money_allocated', old.money_allocated,
        'status', old.status, 'status_note', old.status_note, 'done_on', old.done_on,
        'note', old.note, 'created_on', old.created_on, 'updated_at', old.updated_at),
        NULL
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_meeting_broadcast_ai AFTER INSERT ON meeting_broadcast BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'meeting_broadcast', new.meeting_id, 'insert',
        json_object('meeting_id', json_array(NULL, new.meeting_id), 'channel', json_array(NULL, new.channel), 'viewers', json_array(NULL, new.viewers))
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_meeting_broadcast_au AFTER UPDATE ON meeting_broadcast BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'meeting_broadcast', new.meeting_id, 'update',
        json_object('meeting_id', json_array(old.meeting_id, new.meeting_id), 'channel', json_array(old.channel, new.channel), 'viewers', json_array(old.viewers, new.viewers))
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_meeting_broadcast_ad AFTER DELETE ON meeting_broadcast BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'meeting_broadcast', old.meeting_id, 'delete',
        json_object('meeting_id', json_array(old.meeting_id, NULL), 'channel', json_array(old.channel, NULL), 'viewers', json_array(old.viewers, NULL))
    FROM audit_context WHERE id = 1;
    -- Only a row that went with its parent is trashed; a row replaced in an edit is history.
    INSERT INTO trash (actor, table_name, row_id, data, parent)
    SELECT actor, 'meeting_broadcast', old.meeting_id, json_object(
        'meeting_id', old.meeting_id, 'channel', old.channel, 'viewers', old.viewers),
        CASE
            WHEN old.meeting_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meeting WHERE id = old.meeting_id) THEN 'meeting:' || old.meeting_id
        END
    FROM audit_context WHERE id = 1 AND (NOT EXISTS (SELECT 1 FROM meeting WHERE id = old.meeting_id));
END;
CREATE TRIGGER audit_meeting_remark_ai AFTER INSERT ON meeting_remark BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'meeting_remark', new.meeting_id, 'insert',
        json_object('meeting_id', json_array(NULL, new.meeting_id), 'addressee_level', json_array(NULL, new.addressee_level), 'count', json_array(NULL, new.count))
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_meeting_remark_au AFTER UPDATE ON meeting_remark BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'meeting_remark', new.meeting_id, 'update',
        json_object('meeting_id', json_array(old.meeting_id, new.meeting_id), 'addressee_level', json_array(old.addressee_level, new.addressee_level), 'count', json_array(old.count, new.count))
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_meeting_remark_ad AFTER DELETE ON meeting_remark BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'meeting_remark', old.meeting_id, 'delete',
        json_object('meeting_id', json_array(old.meeting_id, NULL), 'addressee_level', json_array(old.addressee_level, NULL), 'count', json_array(old.count, NULL))
    FROM audit_context WHERE id = 1;
    -- Only a row that went with its parent is trashed; a row replaced in an edit is history.
    INSERT INTO trash (actor, table_name, row_id, data, parent)
    SELECT actor, 'meeting_remark', old.meeting_id, json_object(
        'meeting_id', old.meeting_id, 'addressee_level', old.addressee_level,
        'count', old.count),
        CASE
            WHEN old.meeting_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meeting WHERE id = old.meeting_id) THEN 'meeting:' || old.meeting_id
        END
    FROM audit_context WHERE id = 1 AND (NOT EXISTS (SELECT 1 FROM meeting WHERE id = old.meeting_id));
END;
CREATE TRIGGER audit_plan_item_question_ai AFTER INSERT ON plan_item_question BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'plan_item_question', new.plan_item_id, 'insert',
        json_object('plan_item_id', json_array(NULL, new.plan_item_id), 'question_id', json_array(NULL, new.question_id))
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_plan_item_question_au AFTER UPDATE ON plan_item_question BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'plan_item_question', new.plan_item_id, 'update',
        json_object('plan_item_id', json_array(old.plan_item_id, new.plan_item_id), 'question_id', json_array(old.question_id, new.question_id))
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_plan_item_question_ad AFTER DELETE ON plan_item_question BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'plan_item_question', old.plan_item_id, 'delete',
        json_object('plan_item_id', json_array(old.plan_item_id, NULL), 'question_id', json_array(old.question_id, NULL))
    FROM audit_context WHERE id = 1;
    -- Only a row that went with its parent is trashed; a row replaced in an edit is history.
    INSERT INTO trash (actor, table_name, row_id, data, parent)
    SELECT actor, 'plan_item_question', old.plan_item_id, json_object(
        'plan_item_id', old.plan_item_id, 'question_id', old.question_id),
        CASE
            WHEN old.plan_item_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plan_item WHERE id = old.plan_item_id) THEN 'plan_item:' || old.plan_item_id
            WHEN old.question_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM question WHERE id = old.question_id) THEN 'question:' || old.question_id
        END
    FROM audit_context WHERE id = 1 AND (NOT EXISTS (SELECT 1 FROM plan_item WHERE id = old.plan_item_id) OR NOT EXISTS (SELECT 1 FROM question WHERE id = old.question_id));
END;
