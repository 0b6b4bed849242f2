//! F3 — report meetings from 1 January to the report date; «нет» for zero, `N (R)`.

use crate::support::*;
use estu_core::Lang;
use estu_core::forms::{Cell, FormKind};
use estu_core::model::{Broadcast, BroadcastChannel as B, MeetingKind, Remarks};

fn fixture() -> Fixture {
    let mut f = Fixture::new();
    let (red, kyzyl) = (f.villages[0], f.villages[1]);
    let r1 = f.meeting(MeetingKind::Report, d(2022, 1, 20), |m| {
        m.held_on = Some(d(2022, 1, 20));
        m.settlement_id = Some(red);
        m.participants_offline = 80;
        m.broadcasts = vec![Broadcast {
            channel: B::Instagram,
            viewers: 120,
        }];
        m.speakers = 7;
        m.remarks = vec![
            Remarks {
                addressee_level: 6,
                count: 3,
            },
            Remarks {
                addressee_level: 3,
                count: 1,
            },
        ];
        m.media_local = 2;
        m.present_state_bodies = true;
    });
    f.questions(r1, "water", 3, 1);
    f.questions(r1, "economy_budget", 2, 2);
    f.questions(r1, "housing_upkeep", 1, 0);
    let r2 = f.meeting(MeetingKind::Report, d(2022, 2, 1), |m| {
        m.held_on = Some(d(2022, 2, 1));
        m.settlement_id = Some(kyzyl);
        m.participants_offline = 30;
        m.speakers = 2;
        m.remarks = vec![Remarks {
            addressee_level: 5,
            count: 2,
        }];
    });
    f.questions(r2, "other", 1, 0);
    // Held after the report date; planned for later in the year; last year's.
    let r3 = f.meeting(MeetingKind::Report, d(2022, 2, 10), |m| {
        m.held_on = Some(d(2022, 2, 10));
        m.participants_offline = 500;
    });
    f.questions(r3, "water", 4, 4);
    f.meeting(MeetingKind::Report, d(2022, 11, 15), |_| {});
    f.meeting(MeetingKind::Report, d(2021, 12, 1), |m| {
        m.held_on = Some(d(2021, 12, 1));
        m.participants_offline = 70;
    });
    // Not a report meeting.
    f.meeting(MeetingKind::Akim826, d(2022, 1, 25), |m| {
        m.held_on = Some(d(2022, 1, 25));
        m.participants_offline = 300;
    });
    f
}

#[test]
fn as_of_a_date_with_repeated_counts_and_none() {
    let f = fixture();
    let form = f.form(FormKind::F3, "2022-02-03", Lang::Ru);
    let expected = [
        ("line1", "4"),
        ("line2", "2 (в т.ч. онлайн 1)"),
        ("line3", "230"),
        ("line4", "9"),
        ("line5", "6"),
        ("line5.okrug", "3"),
        ("line5.district", "3"),
        ("line5.region", "нет"),
        ("line6", "7 (3)"),
        ("line6.eco", "2 (2)"),
        ("line6.pol", "нет"),
        ("line6.soc", "нет"),
        ("line6.gov", "нет"),
        ("line6.a", "3 (1)"),
        ("line6.b", "1"),
        ("line6.v", "нет"),
        ("line6.g", "нет"),
        ("line6.d", "нет"),
        ("line6.e", "нет"),
        ("line6.zh", "нет"),
        ("line6.z", "1"),
        ("line7", "2"),
        ("line7.central", "нет"),
        ("line7.local", "2"),
        ("line8.government", "нет"),
        ("line8.parliament", "нет"),
        ("line8.state_bodies", "1"),
    ];
    for (row, want) in expected {
        assert_eq!(text(&form, row), want, "row {row}");
    }
    assert_eq!(form.table().row("line8").unwrap().cells, vec![Cell::Empty]);
    assert_eq!(form.table().rows.len(), expected.len() + 1);
    let title: Vec<&str> = form.title.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        title,
        [
            "Сведения",
            "об отчетных встречах с населением акима Красноярского сельского округа по Акмолинской области на 03 февраля 2022 года"
        ]
    );
    // A week later the third meeting is in: 4 more proposals on water, all repeated.
    let later = f.form(FormKind::F3, "2022-02-10", Lang::Ru);
    assert_eq!(text(&later, "line2"), "3 (в т.ч. онлайн 1)");
    assert_eq!(text(&later, "line3"), "730");
    assert_eq!(text(&later, "line6"), "11 (7)");
    assert_eq!(text(&later, "line6.a"), "7 (5)");
}

#[test]
fn kazakh_zero_and_online_wording() {
    let f = fixture();
    let form = f.form(FormKind::F3, "2022-02-03", Lang::Kk);
    assert_eq!(text(&form, "line2"), "2 (оның ішінде онлайн 1)");
    assert_eq!(text(&form, "line5.region"), "жоқ");
    assert_eq!(
        form.title
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>(),
        [
            "Ақмола облысы бойынша Краснояр ауылдық округі әкімінің",
            "халықпен есеп беру кездесулері туралы",
            "2022 жылғы 03 ақпандағы жағдай бойынша",
            "мәліметтер"
        ]
    );
}

#[test]
fn one_settlement_and_empty_year() {
    let f = fixture();
    let form = f.form_in(FormKind::F3, "2022-02-03", Lang::Ru, Some("Кызыл Жулдыз"));
    assert_eq!(text(&form, "line1"), "1");
    assert_eq!(text(&form, "line2"), "1");
    assert_eq!(text(&form, "line3"), "30");
    assert_eq!(text(&form, "line5.district"), "2");
    assert_eq!(text(&form, "line6"), "1");
    assert_eq!(text(&form, "line6.z"), "1");
    assert_eq!(form.title[2].text, "в селе Кызыл Жулдыз");
    let empty = f.form(FormKind::F3, "2023-06-30", Lang::Ru);
    for r in &empty.table().rows {
        if r.key != "line8" {
            assert_eq!(r.cells[0].text(), "нет", "row {}", r.key);
        }
    }
}

/// Remarks by addressee on both sides of each band: the region is level 1 only, the district
/// (city) levels 2 to 5, the okrug level 6.
#[test]
fn remarks_fall_to_their_addressee_at_every_level() {
    let mut f = Fixture::new();
    f.meeting(MeetingKind::Report, d(2022, 3, 1), |m| {
        m.held_on = Some(d(2022, 3, 1));
        m.remarks = (1..=6u8)
            .map(|level| Remarks {
                addressee_level: level,
                count: 10_i64.pow(u32::from(level) - 1),
            })
            .collect();
    });
    let form = f.form(FormKind::F3, "2022", Lang::Ru);
    assert_eq!(text(&form, "line5"), "111111");
    assert_eq!(text(&form, "line5.okrug"), "100000");
    assert_eq!(text(&form, "line5.district"), "11110");
    assert_eq!(text(&form, "line5.region"), "1");
}
