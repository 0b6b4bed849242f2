-- Estu database schema: the single source of truth for a new database.
-- A new file gets this whole script; an older file is brought here by src/store/migrations.rs.
-- Dates are ISO-8601 text ('YYYY-MM-DD'); moments are local time 'YYYY-MM-DD HH:MM'.
-- Codes (channel, kind, outcome, status…) are English identifiers; their Russian and Kazakh
-- wording lives in assets/i18n, never here.

-- Key/value settings of this file (registration-number pattern, backup folder, UI language…).
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The okrug this file belongs to: exactly one row. Every grammatical form the forms print is
-- stored as typed by the okrug, in Russian and Kazakh, because it cannot be derived.
CREATE TABLE okrug (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    org_name_ru       TEXT NOT NULL CHECK (length(trim(org_name_ru)) > 0), -- ГУ «Аппарат акима Красноярского сельского округа»
    org_name_kk       TEXT NOT NULL DEFAULT '',                             -- «Краснояр ауылдық округі әкімінің аппараты» ММ
    okrug_gen_ru      TEXT NOT NULL DEFAULT '',  -- Красноярского сельского округа
    okrug_gen_kk      TEXT NOT NULL DEFAULT '',  -- Краснояр ауылдық округі
    district_ru       TEXT NOT NULL DEFAULT '',  -- г.Кокшетау
    district_kk       TEXT NOT NULL DEFAULT '',  -- Көкшетау қ.
    district_gen_ru   TEXT NOT NULL DEFAULT '',  -- города Кокшетау
    district_gen_kk   TEXT NOT NULL DEFAULT '',  -- Көкшетау қаласы
    region_ru         TEXT NOT NULL DEFAULT '',  -- Акмолинской области
    region_kk         TEXT NOT NULL DEFAULT '',  -- Ақмола облысы
    akim_position_ru  TEXT NOT NULL DEFAULT '',  -- Аким Красноярского сельского округа
    akim_position_kk  TEXT NOT NULL DEFAULT '',  -- Краснояр ауылдық округінің әкімі
    akim_name         TEXT NOT NULL DEFAULT '',  -- Иванов Иван Иванович
    executor_name     TEXT NOT NULL DEFAULT '',  -- for the form footer «Исп.: …»
    executor_phone    TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',  -- the akimat's phone, printed on the талон
    reception_days    TEXT NOT NULL DEFAULT '2,4', -- ISO weekdays, 1 = Monday
    work_start        TEXT NOT NULL DEFAULT '09:00',
    work_end          TEXT NOT NULL DEFAULT '18:30',
    reg_pattern       TEXT NOT NULL DEFAULT '{YYYY}/{NNNN}' -- e.g. '12-{YYYY}/{NNNN}' gives 12-2022/0045
) STRICT;

CREATE TABLE settlement (
    id          INTEGER PRIMARY KEY,
    name_ru     TEXT NOT NULL UNIQUE CHECK (length(trim(name_ru)) > 0),
    name_kk     TEXT NOT NULL DEFAULT '',
    population  INTEGER NOT NULL DEFAULT 0 CHECK (population >= 0),
    households  INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- The akimat's own staff: who accepts appeals, who is named in the audit trail.
CREATE TABLE staff (
    id           INTEGER PRIMARY KEY,
    full_name    TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    position_ru  TEXT NOT NULL DEFAULT '',
    position_kk  TEXT NOT NULL DEFAULT '',
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- People and organisations that appeals and plan items are assigned to.
CREATE TABLE executor (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind     TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation')),
    phone    TEXT NOT NULL DEFAULT '',
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- The one topic classifier (forms/topics.md) and its mapping onto every form's categories.
-- f1: F1 category column 1..16; f2: F2 line-5 topic 1..12; f3: F3 line-6 item; f4: F4 table-2 row 1..10.
CREATE TABLE topic (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) > 0),
    name_ru     TEXT NOT NULL CHECK (length(trim(name_ru)) > 0),
    name_kk     TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    f1          INTEGER NOT NULL CHECK (f1 BETWEEN 1 AND 16),
    f2          INTEGER NOT NULL CHECK (f2 BETWEEN 1 AND 12),
    f3          TEXT NOT NULL CHECK (f3 IN ('eco', 'pol', 'soc', 'gov', 'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з')),
    f4          INTEGER NOT NULL CHECK (f4 BETWEEN 1 AND 10)
) STRICT;

-- Public holidays that fall on the same date every year.
CREATE TABLE holiday_rule (
    month    INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day      INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    name_ru  TEXT NOT NULL,
    name_kk  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (month, day)
) STRICT;

-- Dated exceptions the user adds: Құрбан айт, the Government's moved days off (working = 0),
-- and the Saturdays it makes working days (working = 1). They override weekends and rules.
CREATE TABLE calendar_day (
    day      TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    working  INTEGER NOT NULL CHECK (working IN (0, 1)),
    note     TEXT NOT NULL DEFAULT ''
) STRICT;

-- A day on which the akim (or a deputy) received citizens. akim_level: 1..6 as in F2.
CREATE TABLE reception (
    id             INTEGER PRIMARY KEY,
    held_on        TEXT NOT NULL,
    akim_level     INTEGER NOT NULL DEFAULT 6 CHECK (akim_level BETWEEN 1 AND 6),
    host_name      TEXT NOT NULL DEFAULT '',
    settlement_id  INTEGER REFERENCES settlement(id),
    note           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX reception_held ON reception(held_on);

CREATE TABLE appeal (
    id                 INTEGER PRIMARY KEY,
    reg_number         TEXT NOT NULL UNIQUE CHECK (length(trim(reg_number)) > 0),
    received_at        TEXT NOT NULL,            -- 'YYYY-MM-DD HH:MM'
    registered_on      TEXT NOT NULL,            -- next working day when received after hours
    channel            TEXT NOT NULL CHECK (channel IN ('reception', 'written_person', 'written_org', 'eotinish', 'online')),
    kind               TEXT NOT NULL DEFAULT 'statement'
                       CHECK (kind IN ('statement', 'complaint', 'proposal', 'request', 'response', 'report')),
    applicant_type     TEXT NOT NULL DEFAULT 'person' CHECK (applicant_type IN ('person', 'organisation')),
    applicant_name     TEXT NOT NULL CHECK (length(trim(applicant_name)) > 0),
    applicant_id       TEXT CHECK (applicant_id IS NULL OR (length(applicant_id) = 12 AND applicant_id NOT GLOB '*[^0-9]*')), -- ИИН or БИН
    applicant_address  TEXT NOT NULL DEFAULT '',
    applicant_phone    TEXT NOT NULL DEFAULT '',
    persons            INTEGER NOT NULL DEFAULT 1 CHECK (persons >= 1), -- a collective visit counts its citizens
    settlement_id      INTEGER REFERENCES settlement(id),
    topic_id           INTEGER NOT NULL REFERENCES topic(id),
    summary            TEXT NOT NULL CHECK (length(trim(summary)) > 0),
    repeated           INTEGER NOT NULL DEFAULT 0 CHECK (repeated IN (0, 1)),
    repeated_of        INTEGER REFERENCES appeal(id) ON DELETE SET NULL,
    accepted_by        INTEGER REFERENCES staff(id),
    executor_id        INTEGER REFERENCES executor(id),
    reception_id       INTEGER REFERENCES reception(id),
    deadline           TEXT NOT NULL,
    extended_to        TEXT,
    extension_reason   TEXT,
    extension_notified_on TEXT,
    outcome            TEXT CHECK (outcome IN ('satisfied', 'explained', 'rejected', 'terminated', 'redirected')),
    redirected_to      TEXT,
    answered_on        TEXT,
    answer             TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    CHECK (channel <> 'reception' OR reception_id IS NOT NULL),
    CHECK (registered_on >= substr(received_at, 1, 10)),
    CHECK (deadline >= registered_on),
    CHECK (extended_to IS NULL OR (extended_to > deadline AND extension_reason IS NOT NULL)),
    CHECK ((outcome IS NULL) = (answered_on IS NULL)),
    CHECK (outcome IS NOT 'redirected' OR length(trim(redirected_to)) > 0),
    CHECK (answered_on IS NULL OR answered_on >= substr(received_at, 1, 10)),
    CHECK (repeated = 1 OR repeated_of IS NULL)
) STRICT;
-- (registered_on) alone: with the rowid behind it, it serves the journal's newest-first order.
CREATE INDEX appeal_registered ON appeal(registered_on);
CREATE INDEX appeal_channel ON appeal(channel, registered_on, settlement_id);
CREATE INDEX appeal_answered ON appeal(answered_on) WHERE answered_on IS NOT NULL;
-- The deadline in force of open appeals: the due-soon page, and the overdue and due-soon counts.
CREATE INDEX appeal_open_due ON appeal(coalesce(extended_to, deadline), registered_on, outcome) WHERE outcome IS NULL;
-- The journal's page of overdue appeals, newest first: the open appeals in date order with
-- every column the journal filters on, so a page reads the first matches in order instead of
-- sorting every overdue appeal of a region (schema v6).
CREATE INDEX appeal_open_journal ON appeal(registered_on, coalesce(extended_to, deadline), channel, topic_id, settlement_id, executor_id) WHERE outcome IS NULL;
CREATE INDEX appeal_topic ON appeal(topic_id, registered_on, settlement_id);
CREATE INDEX appeal_settlement ON appeal(settlement_id, registered_on);
CREATE INDEX appeal_executor ON appeal(executor_id, registered_on);
CREATE INDEX appeal_applicant_id ON appeal(applicant_id) WHERE applicant_id IS NOT NULL;
CREATE INDEX appeal_reception ON appeal(reception_id) WHERE reception_id IS NOT NULL;
-- The forms' counts (src/forms), answered from the index alone at region scale (schema v3).
CREATE INDEX appeal_reception_topic ON appeal(topic_id, registered_on, outcome, settlement_id) WHERE channel = 'reception';
CREATE INDEX appeal_reception_persons ON appeal(reception_id, persons) WHERE reception_id IS NOT NULL;
CREATE INDEX appeal_org ON appeal(registered_on, channel, settlement_id) WHERE applicant_type = 'organisation';
CREATE INDEX appeal_repeated ON appeal(registered_on, channel, applicant_type, settlement_id) WHERE repeated = 1;
CREATE INDEX appeal_outcome ON appeal(outcome, answered_on, settlement_id) WHERE outcome IS NOT NULL;
CREATE INDEX appeal_repeated_answered ON appeal(answered_on, settlement_id) WHERE repeated = 1 AND outcome IS NOT NULL;

-- Full-text search over the journal: Cyrillic and Kazakh case folding that LIKE lacks. The
-- prefix indexes answer the first letters typed ("Се", "Сер") without merging the lists of
-- every word that starts with them.
CREATE VIRTUAL TABLE appeal_fts USING fts5(
    reg_number, applicant_name, applicant_id, summary,
    content = 'appeal', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);
CREATE TRIGGER appeal_fts_ai AFTER INSERT ON appeal BEGIN
    INSERT INTO appeal_fts(rowid, reg_number, applicant_name, applicant_id, summary)
    VALUES (new.id, new.reg_number, new.applicant_name, new.applicant_id, new.summary);
END;
CREATE TRIGGER appeal_fts_ad AFTER DELETE ON appeal BEGIN
    INSERT INTO appeal_fts(appeal_fts, rowid, reg_number, applicant_name, applicant_id, summary)
    VALUES ('delete', old.id, old.reg_number, old.applicant_name, old.applicant_id, old.summary);
END;
CREATE TRIGGER appeal_fts_au AFTER UPDATE OF reg_number, applicant_name, applicant_id, summary ON appeal BEGIN
    INSERT INTO appeal_fts(appeal_fts, rowid, reg_number, applicant_name, applicant_id, summary)
    VALUES ('delete', old.id, old.reg_number, old.applicant_name, old.applicant_id, old.summary);
    INSERT INTO appeal_fts(rowid, reg_number, applicant_name, applicant_id, summary)
    VALUES (new.id, new.reg_number, new.applicant_name, new.applicant_id, new.summary);
END;

-- Registration numbers are issued per year from this counter.
CREATE TABLE reg_counter (
    year  INTEGER PRIMARY KEY,
    last  INTEGER NOT NULL CHECK (last >= 0)
) STRICT;

-- A residents' meeting. kind: akim826 (Decree №826), report (отчётная встреча),
-- gathering (сход / собрание местного сообщества), other.
CREATE TABLE meeting (
    id                    INTEGER PRIMARY KEY,
    kind                  TEXT NOT NULL CHECK (kind IN ('akim826', 'report', 'gathering', 'other')),
    title                 TEXT NOT NULL DEFAULT '',
    planned_on            TEXT NOT NULL,
    held_on               TEXT,                 -- NULL: not (yet) held
    not_held_reason       TEXT NOT NULL DEFAULT '',
    settlement_id         INTEGER REFERENCES settlement(id),
    place                 TEXT NOT NULL DEFAULT '',
    akim_level            INTEGER NOT NULL DEFAULT 6 CHECK (akim_level BETWEEN 1 AND 6),
    participants_offline  INTEGER NOT NULL DEFAULT 0 CHECK (participants_offline >= 0),
    speakers              INTEGER NOT NULL DEFAULT 0 CHECK (speakers >= 0),
    media_central         INTEGER NOT NULL DEFAULT 0 CHECK (media_central >= 0),
    media_local           INTEGER NOT NULL DEFAULT 0 CHECK (media_local >= 0),
    media_social          INTEGER NOT NULL DEFAULT 0 CHECK (media_social >= 0),
    present_government    INTEGER NOT NULL DEFAULT 0 CHECK (present_government IN (0, 1)), -- Администрация Президента / Правительство
    present_parliament    INTEGER NOT NULL DEFAULT 0 CHECK (present_parliament IN (0, 1)),
    present_state_bodies  INTEGER NOT NULL DEFAULT 0 CHECK (present_state_bodies IN (0, 1)), -- ЦГО и МИО
    minutes               TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    updated_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    CHECK (held_on IS NULL OR not_held_reason = '')
) STRICT;
CREATE INDEX meeting_held ON meeting(kind, held_on);
CREATE INDEX meeting_planned ON meeting(kind, planned_on);
CREATE INDEX meeting_settlement ON meeting(settlement_id);

-- Online broadcasts of a meeting: one row per broadcast (a meeting may be shown on two TV
-- channels: F2 line 3 counts each), with its viewers, in the order they were entered.
CREATE TABLE meeting_broadcast (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    channel     TEXT NOT NULL CHECK (channel IN ('instagram', 'facebook', 'vks', 'tv')),
    viewers     INTEGER NOT NULL DEFAULT 0 CHECK (viewers >= 0)
) STRICT;
CREATE INDEX meeting_broadcast_meeting ON meeting_broadcast(meeting_id, channel);

-- Critical remarks voiced at a meeting, by the level of the akim they were addressed to (1..6).
CREATE TABLE meeting_remark (
    meeting_id     INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    addressee_level INTEGER NOT NULL CHECK (addressee_level BETWEEN 1 AND 6),
    count          INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (meeting_id, addressee_level)
) STRICT, WITHOUT ROWID;

-- A question or proposal raised at a meeting or in an appeal.
CREATE TABLE question (
    id               INTEGER PRIMARY KEY,
    meeting_id       INTEGER REFERENCES meeting(id) ON DELETE CASCADE,
    appeal_id        INTEGER REFERENCES appeal(id) ON DELETE CASCADE,
    text             TEXT NOT NULL CHECK (length(trim(text)) > 0),
    topic_id         INTEGER NOT NULL REFERENCES topic(id),
    settlement_id    INTEGER REFERENCES settlement(id),
    repeated         INTEGER NOT NULL DEFAULT 0 CHECK (repeated IN (0, 1)),
    critical         INTEGER NOT NULL DEFAULT 0 CHECK (critical IN (0, 1)),
    addressee_level  INTEGER CHECK (addressee_level BETWEEN 1 AND 6),
    CHECK ((meeting_id IS NULL) <> (appeal_id IS NULL)),
    CHECK (critical = 0 OR addressee_level IS NOT NULL)
) STRICT;
CREATE INDEX question_meeting ON question(meeting_id) WHERE meeting_id IS NOT NULL;
CREATE INDEX question_appeal ON question(appeal_id) WHERE appeal_id IS NOT NULL;
CREATE INDEX question_meeting_topic ON question(meeting_id, topic_id, repeated) WHERE meeting_id IS NOT NULL;

-- An action-plan item: the measure that answers one or more questions.
CREATE TABLE plan_item (
    id               INTEGER PRIMARY KEY,
    problem          TEXT NOT NULL CHECK (length(trim(problem)) > 0),
    settlement_id    INTEGER REFERENCES settlement(id),
    topic_id         INTEGER REFERENCES topic(id),
    measure          TEXT NOT NULL DEFAULT '',
    executor_id      INTEGER REFERENCES executor(id),
    deadline         TEXT,
    funding_source   TEXT NOT NULL DEFAULT '',
    money_needed     REAL NOT NULL DEFAULT 0 CHECK (money_needed >= 0),     -- thousand tenge
    money_allocated  REAL NOT NULL DEFAULT 0 CHECK (money_allocated >= 0), -- thousand tenge
    status           TEXT NOT NULL DEFAULT 'in_progress'
                     CHECK (status IN ('done', 'in_progress', 'needs_district', 'needs_region', 'needs_central', 'rejected', 'budget_request')),
    status_note      TEXT NOT NULL DEFAULT '',  -- reason (rejected) or year (budget_request)
    done_on          TEXT,
    note             TEXT NOT NULL DEFAULT '',
    created_on       TEXT NOT NULL DEFAULT (date('now', 'localtime')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    CHECK ((status = 'done') = (done_on IS NOT NULL))
) STRICT;
CREATE INDEX plan_item_status ON plan_item(status, deadline);
CREATE INDEX plan_item_settlement ON plan_item(settlement_id);
CREATE INDEX plan_item_created ON plan_item(created_on);

CREATE TABLE plan_item_question (
    plan_item_id  INTEGER NOT NULL REFERENCES plan_item(id) ON DELETE CASCADE,
    question_id   INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
    PRIMARY KEY (plan_item_id, question_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX plan_item_question_q ON plan_item_question(question_id);

-- Who is writing now: the transaction API sets it before every write, the audit triggers read it.
CREATE TABLE audit_context (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    actor  TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO audit_context (id, actor) VALUES (1, '');

-- Every insert, change and deletion of the journal's records (the audit triggers below).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    actor       TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore')),
    changes     TEXT NOT NULL DEFAULT '{}'  -- JSON {field: [old, new]}
) STRICT;
CREATE INDEX audit_log_row ON audit_log(table_name, row_id);

-- Deleted records, whole, as JSON, so that they can be restored (src/safety/trash.rs). A row that
-- went with its parent through ON DELETE CASCADE names it in `parent` ('meeting:12') and is
-- restored with it; `parent` is NULL for a record deleted on its own.
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

-- Audit triggers (schema version 2): every insert, change and deletion of the journal's records
-- goes to audit_log with the actor Store::write put into audit_context; an update records
-- {field: [old, new]} for the fields that changed; a deletion copies the row into trash.
-- WITHOUT ROWID child rows are logged under their parent's id (row_id = meeting_id / plan_item_id).
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
        'id', old.id, 'meeting_id', old.meeting_id, 'channel', old.channel, 'viewers', old.viewers),
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

-- Seed: the topic classifier and its mapping, from forms/topics.md (Kazakh from forms/kk-draft.md).
INSERT INTO topic (id, code, name_ru, name_kk, sort_order, f1, f2, f3, f4) VALUES
    (1, 'water', 'Водоснабжение и водоотведение (питьевая вода, канализация)', 'Сумен жабдықтау және су бұру (ауыз су, кәріз)', 1, 6, 8, 'а', 1),
    (2, 'gas_heat', 'Газоснабжение и теплоснабжение', 'Газбен жабдықтау және жылумен жабдықтау', 2, 6, 8, 'е', 1),
    (3, 'power', 'Электроснабжение и уличное освещение', 'Электрмен жабдықтау және көше жарығы', 3, 6, 8, 'е', 1),
    (4, 'telecom', 'Телефонная связь и интернет', 'Телефон байланысы және интернет', 4, 1, 8, 'е', 7),
    (5, 'roads', 'Ремонт и строительство дорог и тротуаров', 'Жолдар мен тротуарларды жөндеу және салу', 5, 1, 6, 'г', 1),
    (6, 'transport', 'Пассажирский транспорт', 'Жолаушылар көлігі', 6, 1, 12, 'з', 1),
    (7, 'industry', 'Промышленность', 'Өнеркәсіп', 7, 1, 2, 'eco', 10),
    (8, 'housing_provision', 'Предоставление жилья, очередь на жильё', 'Тұрғын үй беру, тұрғын үй кезегі', 8, 5, 4, 'б', 4),
    (9, 'housing_upkeep', 'Жилищное хозяйство: ремонт домов, ОСИ/КСК', 'Тұрғын үй шаруашылығы: үйлерді жөндеу, МИБ/ПИК', 9, 6, 4, 'б', 1),
    (10, 'land', 'Земельные участки и землепользование', 'Жер учаскелері және жер пайдалану', 10, 3, 5, 'в', 2),
    (11, 'subsoil', 'Недропользование', 'Жер қойнауын пайдалану', 11, 4, 12, 'з', 10),
    (12, 'agriculture', 'Сельское хозяйство, пастбища, ветеринария', 'Ауыл шаруашылығы, жайылымдар, ветеринария', 12, 2, 10, 'з', 6),
    (13, 'business', 'Предпринимательство (малый и средний бизнес)', 'Кәсіпкерлік (шағын және орта бизнес)', 13, 7, 9, 'eco', 10),
    (14, 'credit', 'Кредиты, микрокредиты, гранты', 'Кредиттер, микрокредиттер, гранттар', 14, 10, 9, 'eco', 10),
    (15, 'economy_budget', 'Экономика и бюджет', 'Экономика және бюджет', 15, 16, 2, 'eco', 10),
    (16, 'employment', 'Трудоустройство и занятость', 'Жұмысқа орналастыру және жұмыспен қамту', 16, 9, 12, 'soc', 3),
    (17, 'social_aid', 'Адресная социальная помощь, пособия', 'Атаулы әлеуметтік көмек, жәрдемақылар', 17, 9, 12, 'soc', 8),
    (18, 'education_facilities', 'Ремонт и строительство школ и детских садов', 'Мектептер мен балабақшаларды жөндеу және салу', 18, 11, 7, 'д', 5),
    (19, 'education', 'Образование (прочие вопросы)', 'Білім беру (өзге мәселелер)', 19, 11, 12, 'soc', 5),
    (20, 'health_facilities', 'Ремонт и строительство объектов здравоохранения', 'Денсаулық сақтау объектілерін жөндеу және салу', 20, 12, 7, 'д', 10),
    (21, 'health', 'Здравоохранение (прочие вопросы)', 'Денсаулық сақтау (өзге мәселелер)', 21, 12, 12, 'soc', 10),
    (22, 'culture_facilities', 'Ремонт и строительство объектов культуры', 'Мәдениет объектілерін жөндеу және салу', 22, 13, 7, 'д', 10),
    (23, 'culture', 'Культура (прочие вопросы)', 'Мәдениет (өзге мәселелер)', 23, 13, 12, 'soc', 10),
    (24, 'sport_facilities', 'Спортивные объекты и площадки', 'Спорт объектілері мен алаңдары', 24, 14, 7, 'з', 10),
    (25, 'sport', 'Спорт (прочие вопросы)', 'Спорт (өзге мәселелер)', 25, 14, 12, 'soc', 10),
    (26, 'improvement', 'Благоустройство, озеленение, парки, детские площадки', 'Абаттандыру, көгалдандыру, саябақтар, балалар алаңдары', 26, 6, 11, 'ж', 1),
    (27, 'sanitation', 'Санитарная очистка, вывоз мусора, экология', 'Санитариялық тазарту, қоқыс шығару, экология', 27, 6, 11, 'ж', 1),
    (28, 'public_services', 'Государственные услуги, справки', 'Мемлекеттік көрсетілетін қызметтер, анықтамалар', 28, 16, 3, 'gov', 10),
    (29, 'legal', 'Правовые вопросы и консультации', 'Құқықтық мәселелер және кеңес беру', 29, 15, 12, 'з', 10),
    (30, 'complaint', 'Жалобы на работу местных исполнительных органов и должностных лиц', 'Жергілікті атқарушы органдардың және лауазымды адамдардың жұмысына шағымдар', 30, 8, 12, 'з', 9),
    (31, 'political', 'Вопросы политического характера', 'Саяси сипаттағы мәселелер', 31, 16, 1, 'pol', 10),
    (32, 'everyday', 'Бытовые вопросы (соседские споры, животные, шум)', 'Тұрмыстық мәселелер (көршілер арасындағы даулар, жануарлар, шу)', 32, 16, 12, 'з', 7),
    (33, 'other', 'Прочие', 'Өзгелері', 33, 16, 12, 'з', 10);

-- Seed: fixed public holidays of Kazakhstan. Құрбан айт and moved days off go to calendar_day.
INSERT INTO holiday_rule (month, day, name_ru, name_kk) VALUES
    (1, 1, 'Новый год', 'Жаңа жыл'),
    (1, 2, 'Новый год', 'Жаңа жыл'),
    (1, 7, 'Православное Рождество', 'Православиелік Рождество'),
    (3, 8, 'Международный женский день', 'Халықаралық әйелдер күні'),
    (3, 21, 'Наурыз мейрамы', 'Наурыз мейрамы'),
    (3, 22, 'Наурыз мейрамы', 'Наурыз мейрамы'),
    (3, 23, 'Наурыз мейрамы', 'Наурыз мейрамы'),
    (5, 1, 'Праздник единства народа Казахстана', 'Қазақстан халқының бірлігі мерекесі'),
    (5, 7, 'День защитника Отечества', 'Отан қорғаушы күні'),
    (5, 9, 'День Победы', 'Жеңіс күні'),
    (7, 6, 'День столицы', 'Астана күні'),
    (8, 30, 'День Конституции', 'Конституция күні'),
    (10, 25, 'День Республики', 'Республика күні'),
    (12, 16, 'День Независимости', 'Тәуелсіздік күні');
