//! Bad input, table-driven: every case goes through the library, the import or the command line,
//! must be refused with its own message in the user's language naming the record and the field
//! (or the file), and must leave the database byte-for-byte as it was.

use chrono::{NaiveDate, NaiveDateTime};
use estu_core::exchange::{self, PersonalData};
use estu_core::i18n::tr;
use estu_core::model::*;
use estu_core::safety::backup;
use estu_core::store::trash;
use estu_core::store::{appeals, meetings, plan, reference};
use estu_core::{Error, Lang, Store};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, 0, 0).unwrap()
}

const TODAY: (i32, u32, u32) = (2023, 6, 30);
/// A valid ИИН and БИН (check digit right) for the cases that need one.
const GOOD_IIN: &str = "061211600012";

/// The records the cases refer to.
struct Seed {
    appeal: i64,
    number: String,
    meeting: i64,
    settlement: i64,
    water: i64,
}

fn seed(s: &mut Store) -> Seed {
    let water = reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    let settlement = s
        .write(|tx| {
            reference::save_settlement(
                tx,
                &Settlement {
                    id: 0,
                    name_ru: "с. Тестовое".into(),
                    name_kk: "Тестовое а.".into(),
                    population: 1200,
                    households: 300,
                    active: true,
                },
            )
        })
        .unwrap();
    let mut a = base_appeal(water);
    let appeal = s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    let mut m = base_meeting();
    m.remarks = vec![Remarks {
        addressee_level: 6,
        count: 1,
    }];
    let meeting = s.write(|tx| meetings::save(tx, &mut m)).unwrap();
    let mut q = Question::at_meeting(meeting, "Ремонт дороги", water);
    q.critical = true;
    q.addressee_level = Some(6);
    let question = s.write(|tx| meetings::save_question(tx, &mut q)).unwrap();
    s.write(|tx| plan::from_question(tx, question)).unwrap();
    Seed {
        appeal,
        number: a.reg_number,
        meeting,
        settlement,
        water,
    }
}

fn base_appeal(topic: i64) -> Appeal {
    let mut a = Appeal::new(
        at(2023, 3, 1, 10),
        Channel::WrittenPerson,
        "Сатпаева Айгерим Маратовна",
        topic,
        "Нет воды на ул. Ленина",
    );
    a.applicant_id = Some(GOOD_IIN.into());
    a.applicant_phone = "+7 701 555 12 34".into();
    a.applicant_address = "ул. Ленина, 5".into();
    a
}

fn base_meeting() -> Meeting {
    let mut m = Meeting::new(MeetingKind::Akim826, d(2023, 2, 10));
    m.held_on = Some(d(2023, 2, 10));
    m.participants_offline = 80;
    m.speakers = 5;
    m
}

/// What the message must name.
enum Expect {
    /// A problem with this field key (its name in the user's language is in the message).
    Field(&'static str),
    /// The message of this i18n key (its longest literal part is in the message).
    Key(&'static str),
}

type LibOp = Box<dyn Fn(&mut Store, &Seed, &Path) -> Result<(), Error>>;

enum How {
    Lib(LibOp),
    /// Command-line arguments after `--db DB`; `{dir}` is the test folder.
    Cli(Vec<String>),
    /// Command line on another file (damaged, foreign, newer) that must stay untouched.
    CliOn(&'static str, Vec<String>),
}

struct Case {
    name: &'static str,
    how: How,
    expect: Expect,
}

fn appeal_case(
    name: &'static str,
    field: &'static str,
    change: impl Fn(&mut Appeal, &Seed) + 'static,
) -> Case {
    Case {
        name,
        how: How::Lib(Box::new(move |s, seed, _| {
            let mut a = base_appeal(seed.water);
            change(&mut a, seed);
            s.write(|tx| appeals::insert(tx, &mut a)).map(|_| ())
        })),
        expect: Expect::Field(field),
    }
}

fn meeting_case(
    name: &'static str,
    field: &'static str,
    change: impl Fn(&mut Meeting, &Seed) + 'static,
) -> Case {
    Case {
        name,
        how: How::Lib(Box::new(move |s, seed, _| {
            let mut m = base_meeting();
            change(&mut m, seed);
            s.write(|tx| meetings::save(tx, &mut m)).map(|_| ())
        })),
        expect: Expect::Field(field),
    }
}

fn question_case(
    name: &'static str,
    field: &'static str,
    change: impl Fn(&mut Question, &Seed) + 'static,
) -> Case {
    Case {
        name,
        how: How::Lib(Box::new(move |s, seed, _| {
            let mut q = Question::at_meeting(seed.meeting, "Освещение улицы", seed.water);
            change(&mut q, seed);
            s.write(|tx| meetings::save_question(tx, &mut q))
                .map(|_| ())
        })),
        expect: Expect::Field(field),
    }
}

fn plan_case(
    name: &'static str,
    field: &'static str,
    change: impl Fn(&mut PlanItem, &Seed) + 'static,
) -> Case {
    Case {
        name,
        how: How::Lib(Box::new(move |s, seed, _| {
            let mut p = PlanItem::new("Ремонт моста");
            change(&mut p, seed);
            s.write(|tx| plan::save(tx, &mut p)).map(|_| ())
        })),
        expect: Expect::Field(field),
    }
}

fn import_case(name: &'static str, expect: Expect, file: &'static str) -> Case {
    Case {
        name,
        how: How::Lib(Box::new(move |s, _, dir| {
            exchange::import_file(s, &dir.join(file)).map(|_| ())
        })),
        expect,
    }
}

fn cli(args: &[&str]) -> How {
    How::Cli(args.iter().map(|s| s.to_string()).collect())
}

fn long(n: usize) -> String {
    "ж".repeat(n)
}

fn cases() -> Vec<Case> {
    use Expect::{Field, Key};
    vec![
        // ---- appeals: ИИН / БИН
        appeal_case(
            "ИИН: wrong check digit",
            "appeal.applicant_iin",
            |a, _| a.applicant_id = Some("061211600013".into()),
        ),
        appeal_case("ИИН: too short", "appeal.applicant_iin", |a, _| {
            a.applicant_id = Some("06121160".into())
        }),
        appeal_case("ИИН: letters", "appeal.applicant_iin", |a, _| {
            a.applicant_id = Some("06121160001A".into())
        }),
        appeal_case("ИИН: no birth date", "appeal.applicant_iin", |a, _| {
            a.applicant_id = Some("061341600012".into())
        }),
        appeal_case("ИИН: century digit 0", "appeal.applicant_iin", |a, _| {
            a.applicant_id = Some("061211000012".into())
        }),
        appeal_case(
            "БИН: missing for an organisation",
            "appeal.applicant_bin",
            |a, _| {
                a.channel = Channel::WrittenOrg;
                a.applicant_type = ApplicantType::Organisation;
                a.applicant_id = None;
            },
        ),
        appeal_case(
            "БИН: wrong check digit",
            "appeal.applicant_bin",
            |a, _| {
                a.channel = Channel::WrittenOrg;
                a.applicant_type = ApplicantType::Organisation;
                a.applicant_id = Some("040340000001".into());
            },
        ),
        // ---- appeals: dates
        appeal_case("received in the future", "appeal.received_at", |a, _| {
            a.received_at = at(2024, 1, 10, 10)
        }),
        appeal_case("received before 2000", "appeal.received_at", |a, _| {
            a.received_at = at(1999, 12, 30, 10)
        }),
        appeal_case("deadline before receipt", "appeal.deadline", |a, _| {
            a.deadline = Some(d(2023, 2, 1))
        }),
        appeal_case(
            "registered before received",
            "appeal.registered_on",
            |a, _| a.registered_on = Some(d(2023, 2, 27)),
        ),
        appeal_case("extension not later", "appeal.extended_to", |a, _| {
            a.deadline = Some(d(2023, 3, 22));
            a.extended_to = Some(d(2023, 3, 20));
            a.extension_reason = Some("запрос".into());
        }),
        appeal_case("extension beyond 2 months", "appeal.extended_to", |a, _| {
            a.deadline = Some(d(2023, 3, 22));
            a.extended_to = Some(d(2023, 6, 20));
            a.extension_reason = Some("запрос".into());
        }),
        appeal_case(
            "extension without reason",
            "appeal.extension_reason",
            |a, _| {
                a.deadline = Some(d(2023, 3, 22));
                a.extended_to = Some(d(2023, 4, 20));
            },
        ),
        appeal_case(
            "notified without extension",
            "appeal.extension_notified_on",
            |a, _| a.extension_notified_on = Some(d(2023, 3, 5)),
        ),
        appeal_case("answered before received", "appeal.answered_on", |a, _| {
            a.outcome = Some(Outcome::Explained);
            a.answered_on = Some(d(2023, 2, 1));
        }),
        appeal_case("answer date in the future", "appeal.answered_on", |a, _| {
            a.outcome = Some(Outcome::Explained);
            a.answered_on = Some(d(2023, 12, 1));
        }),
        appeal_case(
            "outcome without answer date",
            "appeal.answered_on",
            |a, _| a.outcome = Some(Outcome::Satisfied),
        ),
        appeal_case("answer date without outcome", "appeal.outcome", |a, _| {
            a.answered_on = Some(d(2023, 3, 10))
        }),
        appeal_case("redirected to nobody", "appeal.redirected_to", |a, _| {
            a.outcome = Some(Outcome::Redirected);
            a.answered_on = Some(d(2023, 3, 3));
        }),
        // ---- appeals: counts, kinds, references
        appeal_case("persons 0", "appeal.persons", |a, _| a.persons = 0),
        appeal_case("persons negative", "appeal.persons", |a, _| a.persons = -3),
        appeal_case(
            "organisation on a person's channel",
            "appeal.channel",
            |a, _| {
                a.applicant_type = ApplicantType::Organisation;
                a.applicant_id = None;
            },
        ),
        appeal_case(
            "reception channel without a reception",
            "appeal.reception",
            |a, _| a.channel = Channel::Reception,
        ),
        appeal_case(
            "previous appeal without the flag",
            "appeal.repeated",
            |a, s| a.repeated_of = Some(s.appeal),
        ),
        appeal_case("unknown topic", "appeal.topic", |a, _| a.topic_id = 9999),
        appeal_case("unknown settlement", "appeal.settlement", |a, _| {
            a.settlement_id = Some(9999)
        }),
        appeal_case("unknown executor", "appeal.executor", |a, _| {
            a.executor_id = Some(777)
        }),
        appeal_case("unknown staff member", "appeal.accepted_by", |a, _| {
            a.accepted_by = Some(555)
        }),
        appeal_case("repeats an unknown appeal", "appeal.repeated_of", |a, _| {
            a.repeated = true;
            a.repeated_of = Some(4242);
        }),
        appeal_case(
            "duplicate registration number",
            "appeal.reg_number",
            |a, s| a.reg_number = s.number.clone(),
        ),
        // ---- appeals: text
        appeal_case("empty applicant name", "appeal.applicant_name", |a, _| {
            a.applicant_name = "   ".into()
        }),
        appeal_case("empty summary", "appeal.summary", |a, _| {
            a.summary = "".into()
        }),
        appeal_case("summary of 20 001 characters", "appeal.summary", |a, _| {
            a.summary = long(20_001)
        }),
        appeal_case("name of 501 characters", "appeal.applicant_name", |a, _| {
            a.applicant_name = long(501)
        }),
        appeal_case(
            "phone of 65 characters",
            "appeal.applicant_phone",
            |a, _| a.applicant_phone = "7".repeat(65),
        ),
        appeal_case(
            "registration number of 65 characters",
            "appeal.reg_number",
            |a, _| a.reg_number = "1".repeat(65),
        ),
        appeal_case(
            "control character in the summary",
            "appeal.summary",
            |a, _| a.summary = "Нет воды\u{7}".into(),
        ),
        appeal_case("NUL in the name", "appeal.applicant_name", |a, _| {
            a.applicant_name = "Сатпаева\0".into()
        }),
        appeal_case(
            "escape sequence in the address",
            "appeal.applicant_address",
            |a, _| a.applicant_address = "\u{1b}[31mул. Ленина".into(),
        ),
        appeal_case(
            "SQL-looking number with a control character",
            "appeal.reg_number",
            |a, s| a.reg_number = format!("{}'; DROP TABLE appeal;--\u{7}", s.number),
        ),
        Case {
            name: "SQL-looking registration number looked up",
            how: How::Lib(Box::new(|s, _, _| {
                appeals::by_number(s.conn(), "' OR 1=1; DROP TABLE appeal; --").map(|_| ())
            })),
            expect: Key("err.not_found.appeal"),
        },
        Case {
            name: "changing an appeal that does not exist",
            how: How::Lib(Box::new(|s, seed, _| {
                let mut a = base_appeal(seed.water);
                a.id = 987_654;
                s.write(|tx| appeals::update(tx, &mut a))
            })),
            expect: Key("err.not_found.appeal"),
        },
        // ---- meetings
        meeting_case(
            "negative participants",
            "meeting.participants_offline",
            |m, _| m.participants_offline = -1,
        ),
        meeting_case(
            "more speakers than participants",
            "meeting.speakers",
            |m, _| m.speakers = 200,
        ),
        meeting_case("negative viewers", "meeting.viewers", |m, _| {
            m.broadcasts = vec![Broadcast {
                channel: BroadcastChannel::Tv,
                viewers: -10,
            }]
        }),
        // Two broadcasts on one channel are allowed since schema v4 (two TV channels: F2 line 3
        // counts both; core/tests/forms/f2.rs).
        meeting_case("remarks to level 7", "meeting.remarks", |m, _| {
            m.remarks = vec![Remarks {
                addressee_level: 7,
                count: 1,
            }]
        }),
        meeting_case("negative remarks", "meeting.remarks", |m, _| {
            m.remarks = vec![Remarks {
                addressee_level: 5,
                count: -2,
            }]
        }),
        meeting_case("akim level 0", "meeting.akim_level", |m, _| {
            m.akim_level = 0
        }),
        meeting_case("held in the future", "meeting.held_on", |m, _| {
            m.held_on = Some(d(2023, 9, 1))
        }),
        meeting_case("held before the planned year", "meeting.held_on", |m, _| {
            m.held_on = Some(d(2022, 12, 20))
        }),
        meeting_case("planned before 2000", "meeting.planned_on", |m, _| {
            m.planned_on = d(1998, 5, 5);
            m.held_on = Some(d(1998, 5, 5));
        }),
        meeting_case(
            "held, with a reason it was not",
            "meeting.not_held_reason",
            |m, _| m.not_held_reason = "карантин".into(),
        ),
        meeting_case("not held, with participants", "meeting.held_on", |m, _| {
            m.held_on = None
        }),
        meeting_case("unknown settlement", "meeting.settlement", |m, _| {
            m.settlement_id = Some(31337)
        }),
        meeting_case("title of 501 characters", "meeting.title", |m, _| {
            m.title = long(501)
        }),
        meeting_case(
            "fewer remarks than critical questions",
            "meeting.remarks",
            |m, s| {
                m.id = s.meeting;
                m.remarks = vec![];
            },
        ),
        // ---- questions
        question_case("empty question", "question.text", |q, _| {
            q.text = " ".into()
        }),
        question_case("both a meeting and an appeal", "question.source", |q, s| {
            q.appeal_id = Some(s.appeal)
        }),
        question_case(
            "critical without addressee",
            "question.addressee_level",
            |q, _| q.critical = true,
        ),
        question_case("addressee level 9", "question.addressee_level", |q, _| {
            q.critical = true;
            q.addressee_level = Some(9);
        }),
        question_case("unknown meeting", "question.meeting", |q, _| {
            q.meeting_id = Some(8888)
        }),
        question_case("unknown topic", "question.topic", |q, _| q.topic_id = 8888),
        question_case(
            "critical beyond the meeting's remarks",
            "meeting.remarks",
            |q, _| {
                q.critical = true;
                q.addressee_level = Some(6);
            },
        ),
        // ---- plan items
        plan_case("negative money needed", "plan.money_needed", |p, _| {
            p.money_needed = -1.5
        }),
        plan_case(
            "allocated more than needed",
            "plan.money_allocated",
            |p, _| {
                p.money_needed = 100.0;
                p.money_allocated = 250.0;
            },
        ),
        plan_case("done without a date", "plan.done_on", |p, _| {
            p.status = PlanStatus::Done
        }),
        plan_case("done date while in progress", "plan.done_on", |p, _| {
            p.done_on = Some(d(2023, 5, 1))
        }),
        plan_case("done in the future", "plan.done_on", |p, _| {
            p.status = PlanStatus::Done;
            p.done_on = Some(d(2024, 5, 1));
        }),
        plan_case("rejected without a reason", "plan.status_note", |p, _| {
            p.status = PlanStatus::Rejected
        }),
        plan_case("empty problem", "plan.problem", |p, _| {
            p.problem = "".into()
        }),
        plan_case("unknown executor", "plan.executor", |p, _| {
            p.executor_id = Some(4040)
        }),
        // ---- reference data
        Case {
            name: "reception in the future",
            how: How::Lib(Box::new(|s, _, _| {
                let r = Reception {
                    id: 0,
                    held_on: d(2023, 7, 4),
                    akim_level: 6,
                    host_name: String::new(),
                    settlement_id: None,
                    note: String::new(),
                };
                s.write(|tx| reference::save_reception(tx, &r)).map(|_| ())
            })),
            expect: Field("reception.held_on"),
        },
        Case {
            name: "reception at akim level 9",
            how: How::Lib(Box::new(|s, _, _| {
                let r = Reception {
                    id: 0,
                    held_on: d(2023, 6, 6),
                    akim_level: 9,
                    host_name: String::new(),
                    settlement_id: None,
                    note: String::new(),
                };
                s.write(|tx| reference::save_reception(tx, &r)).map(|_| ())
            })),
            expect: Field("reception.akim_level"),
        },
        Case {
            name: "duplicate settlement",
            how: How::Lib(Box::new(|s, _, _| {
                let st = Settlement {
                    id: 0,
                    name_ru: "с. Тестовое".into(),
                    name_kk: String::new(),
                    population: 10,
                    households: 3,
                    active: true,
                };
                s.write(|tx| reference::save_settlement(tx, &st))
                    .map(|_| ())
            })),
            expect: Field("settlement.name_ru"),
        },
        Case {
            name: "negative population",
            how: How::Lib(Box::new(|s, seed, _| {
                let st = Settlement {
                    id: seed.settlement,
                    name_ru: "с. Тестовое".into(),
                    name_kk: String::new(),
                    population: -100,
                    households: 3,
                    active: true,
                };
                s.write(|tx| reference::save_settlement(tx, &st))
                    .map(|_| ())
            })),
            expect: Field("settlement.population"),
        },
        Case {
            name: "profile without a name",
            how: How::Lib(Box::new(|s, _, _| {
                let mut p = estu_core::demo::profile();
                p.org_name_ru = String::new();
                s.write(|tx| reference::save_profile(tx, &p))
            })),
            expect: Field("okrug.org_name_ru"),
        },
        Case {
            name: "registration pattern without {NNNN}",
            how: How::Lib(Box::new(|s, _, _| {
                let mut p = estu_core::demo::profile();
                p.reg_pattern = "{YYYY}/".into();
                s.write(|tx| reference::save_profile(tx, &p))
            })),
            expect: Field("okrug.reg_pattern"),
        },
        Case {
            name: "working day starting at 25:00",
            how: How::Lib(Box::new(|s, _, _| {
                let mut p = estu_core::demo::profile();
                p.work_start = "25:00".into();
                s.write(|tx| reference::save_profile(tx, &p))
            })),
            expect: Field("okrug.work_start"),
        },
        // ---- trash and restore
        Case {
            name: "restoring a trash entry that does not exist",
            how: How::Lib(Box::new(|s, _, _| {
                trash::restore_entry(s, 5555).map(|_| ())
            })),
            expect: Key("err.trash.not_found"),
        },
        Case {
            name: "restoring the database from a text file",
            how: How::Lib(Box::new(|s, _, dir| {
                backup::restore(s, &dir.join("notes.txt"), false).map(|_| ())
            })),
            expect: Key("err.db.not_estu"),
        },
        Case {
            name: "restoring the database from a newer copy",
            how: How::Lib(Box::new(|s, _, dir| {
                backup::restore(s, &dir.join("newer.db"), false).map(|_| ())
            })),
            expect: Key("err.db.newer"),
        },
        Case {
            name: "restoring the database from a damaged copy",
            how: How::Lib(Box::new(|s, _, dir| {
                backup::restore(s, &dir.join("damaged.db"), false).map(|_| ())
            })),
            expect: Key("err.db.damaged"),
        },
        // ---- import (library)
        import_case(
            "import: truncated file",
            Key("err.import.truncated"),
            "truncated.json",
        ),
        import_case(
            "import: not UTF-8",
            Key("err.import.not_utf8"),
            "cp1251.json",
        ),
        import_case("import: empty file", Key("err.import.empty"), "empty.json"),
        import_case(
            "import: not an exchange file",
            Key("err.import.not_exchange"),
            "other.json",
        ),
        import_case(
            "import: newer format",
            Key("err.import.newer"),
            "newer.json",
        ),
        import_case(
            "import: persons as text",
            Key("err.import.broken"),
            "wrong_type.json",
        ),
        import_case(
            "import: date that is not a date",
            Key("err.import.broken"),
            "bad_date.json",
        ),
        import_case(
            "import: unknown settlement",
            Field("appeal.settlement"),
            "unknown_ref.json",
        ),
        import_case(
            "import: wrong ИИН",
            Field("appeal.applicant_iin"),
            "bad_iin.json",
        ),
        import_case(
            "import: SQL in a name, bad count",
            Field("appeal.persons"),
            "sql_text.json",
        ),
        import_case(
            "import: 100 MB summary",
            Field("appeal.summary"),
            "huge.json",
        ),
        import_case(
            "import: the same appeal id twice in one file",
            Field("appeal.id"),
            "duplicate_id.json",
        ),
        import_case(
            "import: an id at the 63-bit ceiling",
            Field("appeal.id"),
            "max_id.json",
        ),
        import_case(
            "import: /dev/zero as the file",
            Key("err.import.not_regular"),
            "/dev/zero",
        ),
        plan_case(
            "money of 1e308 thousand tenge",
            "plan.money_needed",
            |p, _| {
                p.money_needed = 1e308;
            },
        ),
        meeting_case(
            "a trillion participants",
            "meeting.participants_offline",
            |m, _| {
                m.participants_offline = 1_000_000_000_000;
            },
        ),
        appeal_case(
            "a billion applicants in one appeal",
            "appeal.persons",
            |a, _| {
                a.persons = 1_000_000_000;
            },
        ),
        // ---- command line
        Case {
            name: "cli: history of an SQL-looking appeal number",
            how: cli(&["history", "appeal", "' OR '1'='1"]),
            expect: Key("err.not_found.appeal"),
        },
        Case {
            name: "cli: history of meeting «abc»",
            how: cli(&["history", "meeting", "abc"]),
            expect: Key("err.not_found.meeting"),
        },
        Case {
            name: "cli: history of a plan item that never was",
            how: cli(&["history", "plan", "424242"]),
            expect: Key("err.not_found.plan_item"),
        },
        Case {
            name: "cli: trash restore of an unknown entry",
            how: cli(&["trash", "restore", "31337"]),
            expect: Key("err.trash.not_found"),
        },
        Case {
            name: "cli: restore from a text file",
            how: cli(&["restore", "{dir}/notes.txt"]),
            expect: Key("err.db.not_estu"),
        },
        Case {
            name: "cli: restore from a newer copy",
            how: cli(&["restore", "{dir}/newer.db"]),
            expect: Key("err.db.newer"),
        },
        Case {
            name: "cli: import truncated file",
            how: cli(&["import", "{dir}/truncated.json"]),
            expect: Key("err.import.truncated"),
        },
        Case {
            name: "cli: import non-UTF-8 file",
            how: cli(&["import", "{dir}/cp1251.json"]),
            expect: Key("err.import.not_utf8"),
        },
        Case {
            name: "cli: import wrong type",
            how: cli(&["import", "{dir}/wrong_type.json"]),
            expect: Key("err.import.broken"),
        },
        Case {
            name: "cli: import unknown reference",
            how: cli(&["import", "{dir}/unknown_ref.json"]),
            expect: Field("appeal.settlement"),
        },
        Case {
            name: "cli: import wrong ИИН",
            how: cli(&["import", "{dir}/bad_iin.json"]),
            expect: Field("appeal.applicant_iin"),
        },
        Case {
            name: "cli: a text file as the database",
            how: How::CliOn("notes.txt", vec!["list".into()]),
            expect: Key("err.db.not_estu"),
        },
        Case {
            name: "cli: a damaged database",
            how: How::CliOn("damaged.db", vec!["list".into()]),
            expect: Key("err.db.damaged"),
        },
        Case {
            name: "cli: a database from a newer Estu",
            how: How::CliOn("newer.db", vec!["list".into()]),
            expect: Key("err.db.newer"),
        },
        Case {
            name: "cli: backing up a damaged database",
            how: How::CliOn("damaged.db", vec!["backup".into()]),
            expect: Key("err.db.damaged"),
        },
    ]
}

/// The longest literal part of a message template: what every rendering of it contains.
fn literal(key: &str) -> String {
    let t = tr(Lang::Ru, key);
    let mut parts = Vec::new();
    let mut rest = t.as_str();
    while let Some(open) = rest.find('{') {
        parts.push(&rest[..open]);
        rest = rest[open..].split_once('}').map_or("", |(_, r)| r);
    }
    parts.push(rest);
    parts
        .into_iter()
        .map(str::trim)
        .max_by_key(|p| p.chars().count())
        .unwrap_or("")
        .to_string()
}

fn check_message(case: &Case, ru: &str, kk: &str, problems: &[estu_core::Problem]) {
    match case.expect {
        Expect::Field(f) => {
            let label = tr(Lang::Ru, &format!("field.{f}"));
            assert!(
                ru.contains(&label),
                "{}: «{label}» not in «{ru}»",
                case.name
            );
            let label_kk = tr(Lang::Kk, &format!("field.{f}"));
            assert!(
                kk.contains(&label_kk),
                "{}: «{label_kk}» not in «{kk}»",
                case.name
            );
            if !problems.is_empty() {
                assert!(
                    problems.iter().any(|p| p.field == f),
                    "{}: no problem on {f}: {problems:?}",
                    case.name
                );
            }
        }
        Expect::Key(k) => {
            let lit = literal(k);
            assert!(ru.contains(&lit), "{}: «{lit}» not in «{ru}»", case.name);
        }
    }
    assert!(!kk.is_empty());
}

fn checkpoint(s: &Store) {
    s.conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

/// Every row of every table, in order: the database's content, independent of file layout.
fn dump(s: &Store) -> String {
    let c = s.conn();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'appeal_fts%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = String::new();
    for t in tables {
        let mut st = c.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            out.push_str(&t);
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                out.push_str(&format!("|{v:?}"));
            }
            out.push('\n');
        }
    }
    out
}

/// The files the import and restore cases read.
fn write_inputs(dir: &Path, template: &Value) {
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    let with_appeal = |f: &dyn Fn(&mut Value)| {
        let mut v = template.clone();
        f(&mut v["appeals"][0]);
        serde_json::to_vec_pretty(&v).unwrap()
    };
    let good = serde_json::to_vec_pretty(template).unwrap();
    w("truncated.json", &good[..good.len() * 2 / 3]);
    let mut cp1251 = good.clone();
    cp1251.extend_from_slice(&[0xCD, 0xE5, 0xF2, 0x20, 0xE2, 0xEE, 0xE4, 0xFB]);
    w("cp1251.json", &cp1251);
    w("empty.json", b"  \n");
    w("other.json", br#"{"name": "not ours", "items": [1, 2, 3]}"#);
    let mut newer = template.clone();
    newer["version"] = json!(99);
    w("newer.json", &serde_json::to_vec(&newer).unwrap());
    w(
        "wrong_type.json",
        &with_appeal(&|a| a["persons"] = json!("two")),
    );
    w(
        "bad_date.json",
        &with_appeal(&|a| a["received_at"] = json!("32.13.2023 10:00")),
    );
    w(
        "unknown_ref.json",
        &with_appeal(&|a| a["settlement_id"] = json!(999)),
    );
    w(
        "bad_iin.json",
        &with_appeal(&|a| a["applicant_id"] = json!("061211600019")),
    );
    w(
        "sql_text.json",
        &with_appeal(&|a| {
            a["applicant_name"] = json!("Robert'); DROP TABLE appeal;--");
            a["persons"] = json!(0);
        }),
    );
    let mut twice = template.clone();
    let first = twice["appeals"][0].clone();
    let mut second = first.clone();
    second["reg_number"] = json!("77-2023/0002");
    twice["appeals"] = json!([first, second]);
    w("duplicate_id.json", &serde_json::to_vec(&twice).unwrap());
    w("max_id.json", &with_appeal(&|a| a["id"] = json!(i64::MAX)));
    let mut huge = template.clone();
    huge["appeals"][0]["summary"] = json!("ы".repeat(50 << 20));
    let huge = serde_json::to_vec(&huge).unwrap();
    assert!(huge.len() >= 100 << 20);
    w("huge.json", &huge);
    w(
        "notes.txt",
        "Список жителей с телефонами\n".repeat(40).as_bytes(),
    );
}

/// An exchange file with one valid appeal (not yet in the test database).
fn template() -> Value {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(d(TODAY.0, TODAY.1, TODAY.2));
    let water = reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    let mut a = base_appeal(water);
    a.reg_number = "77-2023/0001".into();
    s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    let f = exchange::collect(s.conn(), PersonalData::Include).unwrap();
    serde_json::to_value(&f).unwrap()
}

/// Side files for the "other file" cases: a damaged and a newer Estu database.
fn write_other_dbs(dir: &Path) {
    let newer = dir.join("newer.db");
    drop(Store::create(&newer, &estu_core::demo::profile()).unwrap());
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let damaged = dir.join("damaged.db");
    drop(Store::create(&damaged, &estu_core::demo::profile()).unwrap());
    let mut bytes = std::fs::read(&damaged).unwrap();
    for b in &mut bytes[100..1500] {
        *b = 0x5A;
    }
    std::fs::write(&damaged, bytes).unwrap();
    for f in ["newer.db", "damaged.db"] {
        let _ = std::fs::remove_file(estu_core::store::lock_path(&dir.join(f)));
    }
}

#[test]
fn every_bad_input_is_refused_with_its_own_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let path = dir.path().join("okrug.db");
    let mut s = Store::create(&path, &estu_core::demo::profile()).unwrap();
    s.set_today(d(TODAY.0, TODAY.1, TODAY.2));
    s.set_actor("Ахметова А.К.");
    let seed = seed(&mut s);
    // The template's import succeeds into a copy: the bad files differ from it only in the
    // one thing each case breaks.
    let tpl = template();
    write_inputs(&inputs, &tpl);
    write_other_dbs(&inputs);
    {
        let ok = dir.path().join("control.db");
        let mut c = Store::create(&ok, &estu_core::demo::profile()).unwrap();
        c.set_today(d(TODAY.0, TODAY.1, TODAY.2));
        std::fs::write(
            dir.path().join("good.json"),
            serde_json::to_vec(&tpl).unwrap(),
        )
        .unwrap();
        exchange::import_file(&mut c, &dir.path().join("good.json")).expect("control import");
    }

    let cases = cases();
    let mut messages: Vec<(String, &'static str)> = Vec::new();
    let mut through = [0usize; 2];
    // Library cases first, on the open store.
    for case in &cases {
        let How::Lib(op) = &case.how else { continue };
        checkpoint(&s);
        let (bytes, content) = (std::fs::read(&path).unwrap(), dump(&s));
        let err = op(&mut s, &seed, &inputs)
            .err()
            .unwrap_or_else(|| panic!("{}: accepted", case.name));
        checkpoint(&s);
        assert_eq!(dump(&s), content, "{}: content changed", case.name);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{}: file changed",
            case.name
        );
        let (ru, kk) = (err.message(Lang::Ru), err.message(Lang::Kk));
        check_message(case, &ru, &kk, err.problems());
        messages.push((ru, case.name));
        through[0] += 1;
    }
    drop(s);
    // Then the command line on the closed file.
    let bin = env!("CARGO_BIN_EXE_estu");
    for case in &cases {
        let (db, args, watched): (PathBuf, &Vec<String>, PathBuf) = match &case.how {
            How::Lib(_) => continue,
            How::Cli(a) => (path.clone(), a, path.clone()),
            How::CliOn(f, a) => (inputs.join(f), a, inputs.join(f)),
        };
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("{dir}", inputs.to_str().unwrap()))
            .collect();
        let before = std::fs::read(&watched).unwrap();
        let main_before = std::fs::read(&path).unwrap();
        let mut ru = String::new();
        let mut kk = String::new();
        for (lang, out) in [("ru", &mut ru), ("kk", &mut kk)] {
            let o = std::process::Command::new(bin)
                .args(["--db", db.to_str().unwrap(), "--lang", lang])
                .args(&args)
                .output()
                .unwrap();
            assert!(!o.status.success(), "{}: accepted", case.name);
            *out = String::from_utf8_lossy(&o.stderr).trim().to_string();
        }
        assert_eq!(
            std::fs::read(&watched).unwrap(),
            before,
            "{}: file changed",
            case.name
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            main_before,
            "{}: database changed",
            case.name
        );
        assert_ne!(
            ru, kk,
            "{}: the Kazakh message is the Russian one",
            case.name
        );
        check_message(case, &ru, &kk, &[]);
        messages.push((ru, case.name));
        through[1] += 1;
    }
    println!(
        "bad input: {} cases ({} library and import, {} command line)",
        cases.len(),
        through[0],
        through[1]
    );
    assert!(cases.len() >= 60);
    // Each library case has its own message: no two different inputs get the same text.
    let lib: Vec<&String> = messages[..through[0]].iter().map(|m| &m.0).collect();
    let distinct: std::collections::HashSet<&&String> = lib.iter().collect();
    assert!(
        distinct.len() * 10 >= lib.len() * 9,
        "too many identical messages"
    );
}

#[test]
fn sql_looking_text_is_stored_as_text() {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(d(TODAY.0, TODAY.1, TODAY.2));
    let water = reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    let mut a = base_appeal(water);
    a.summary = "'); DROP TABLE appeal; -- и \"кавычки\"".into();
    let id = s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    assert_eq!(appeals::get(s.conn(), id).unwrap().summary, a.summary);
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM appeal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[path = "bad_input/support.rs"]
mod support;

#[path = "bad_input/outputs.rs"]
mod outputs;

#[path = "bad_input/inputs.rs"]
mod inputs;
