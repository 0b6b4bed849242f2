-- Schema version 3 → 4: a meeting may be broadcast more than once on the same channel (two TV
-- channels; F2 line 3 counts broadcasts), so a broadcast is a row of its own, no longer keyed
-- by (meeting, channel). The rows keep their order; the audit triggers are recreated as they
-- were (dropping the old table dropped them). Frozen: a later change is a new step.
ALTER TABLE meeting_broadcast RENAME TO meeting_broadcast_v3;
CREATE TABLE meeting_broadcast (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    channel     TEXT NOT NULL CHECK (channel IN ('instagram', 'facebook', 'vks', 'tv')),
    viewers     INTEGER NOT NULL DEFAULT 0 CHECK (viewers >= 0)
) STRICT;
INSERT INTO meeting_broadcast (meeting_id, channel, viewers)
    SELECT meeting_id, channel, viewers FROM meeting_broadcast_v3 ORDER BY meeting_id, channel;
DROP TABLE meeting_broadcast_v3;
CREATE INDEX meeting_broadcast_meeting ON meeting_broadcast(meeting_id, channel);
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
        'id', old.id, 'meeting_id', old.meeting_id, 'channel', old.channel, 'viewers', old.viewers),
        CASE
            WHEN old.meeting_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meeting WHERE id = old.meeting_id) THEN 'meeting:' || old.meeting_id
        END
    FROM audit_context WHERE id = 1 AND (NOT EXISTS (SELECT 1 FROM meeting WHERE id = old.meeting_id));
END;
