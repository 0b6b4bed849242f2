-- Schema version 4 → 5: staff accounts with roles, and the audit trail's seal (frozen: a later
-- schema change is a new step).
-- Who may sign in and what they may change (src/secure/role.rs). Passwords are not here: the
-- keyring beside the file wraps the database key per account (src/secure/keyring.rs).
CREATE TABLE account (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'viewer')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
) STRICT;
-- One seal per audit row: the hash chain that makes the trail tamper-evident (src/secure/seal.rs).
CREATE TABLE audit_seal (
    id    INTEGER PRIMARY KEY,
    hash  TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_account_ai AFTER INSERT ON account BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'account', new.id, 'insert',
           json_object('name', json_array(NULL, new.name), 'role', json_array(NULL, new.role))
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_account_au AFTER UPDATE ON account BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action, changes)
    SELECT actor, 'account', new.id, 'update',
           json_object('name', json_array(old.name, new.name), 'role', json_array(old.role, new.role),
                       'active', json_array(old.active, new.active))
    FROM audit_context WHERE id = 1;
END;
CREATE TRIGGER audit_account_ad AFTER DELETE ON account BEGIN
    INSERT INTO audit_log (actor, table_name, row_id, action)
    SELECT actor, 'account', old.id, 'delete' FROM audit_context WHERE id = 1;
END;
-- A deleted appeal's words leave the full-text index at once, not at the next merge: an
-- emptied trash must leave no name in the file.
INSERT INTO appeal_fts(appeal_fts, rank) VALUES ('secure-delete', 1);
