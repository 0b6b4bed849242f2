//! F2 — akims' meetings under Decree №826, cumulative by quarter.

use crate::support::*;
use estu_core::Lang;
use estu_core::forms::{Cell, FormKind};
use estu_core::model::{Broadcast, BroadcastChannel as B, Channel, MeetingKind, Remarks};

fn fixture() -> Fixture {
    let mut f = Fixture::new();
    let (red, kyzyl) = (f.villages[0], f.villages[1]);
    // M1: Q1, level 6, two broadcasts.
    let m1 = f.meeting(MeetingKind::Akim826, d(2022, 2, 10), |m| {
        m.held_on = Some(d(2022, 2, 10));
        m.settlement_id = Some(red);
        m.participants_offline = 100;
        m.speakers = 5;
        m.broadcasts = vec![
            Broadcast {
                channel: B::Instagram,
                viewers: 300,
            },
            Broadcast {
                channel: B::Tv,
                viewers: 50,
            },
        ];
        m.media_central = 1;
        m.media_local = 2;
        m.media_social = 3;
        m.present_parliament = true;
        m.remarks = vec![
            Remarks {
                addressee_level: 6,
                count: 2,
            },
            Remarks {
                addressee_level: 5,
                count: 1,
            },
        ];
    });
    f.questions(m1, "water", 3, 1);
    f.questions(m1, "roads", 2, 0);
    // M2: planned in Q1 by the district akim (level 5), held in Q2 in Кызыл Жулдыз.
    let m2 = f.meeting(MeetingKind::Akim826, d(2022, 3, 20), |m| {
        m.held_on = Some(d(2022, 4, 5));
        m.akim_level = 5;
        m.settlement_id = Some(kyzyl);
        m.participants_offline = 40;
        m.broadcasts = vec![Broadcast {
            channel: B::Facebook,
            viewers: 20,
        }];
        m.media_social = 1;
        m.present_government = true;
        m.present_state_bodies = true;
        m.remarks = vec![Remarks {
            addressee_level: 1,
            count: 1,
        }];
    });
    f.questions(m2, "political", 1, 0);
    f.questions(m2, "other", 2, 0);
    // M3: planned in Q2, not held.
    f.meeting(MeetingKind::Akim826, d(2022, 5, 15), |_| {});
    // M4: Q3, after a Q2 report.
    f.meeting(MeetingKind::Akim826, d(2022, 8, 1), |m| {
        m.held_on = Some(d(2022, 8, 1));
        m.participants_offline = 7;
    });
    // M5: planned in December 2021, held on 15 January 2022.
    f.meeting(MeetingKind::Akim826, d(2021, 12, 20), |m| {
        m.held_on = Some(d(2022, 1, 15));
        m.participants_offline = 10;
    });
    // A report meeting: not F2's.
    f.meeting(MeetingKind::Report, d(2022, 1, 20), |m| {
        m.held_on = Some(d(2022, 1, 20));
        m.participants_offline = 999;
    });
    // Appeals through social networks etc.
    f.appeal(at(2022, 1, 10, 10, 0), Channel::Online, "water", |_| {});
    f.appeal(at(2022, 5, 10, 10, 0), Channel::Online, "roads", |_| {});
    f.appeal(at(2022, 9, 1, 10, 0), Channel::Online, "roads", |_| {});
    f.appeal(at(2022, 5, 10, 11, 0), Channel::Eotinish, "roads", |_| {});
    // Reception sessions: 4 January (level 6, 1 + 3 citizens), 12 April (level 5, 2), 14 April
    // (level 6, nobody came).
    f.reception(at(2022, 1, 4, 10, 0), "water", None, None);
    f.appeal(at(2022, 1, 4, 11, 0), Channel::Reception, "land", |a| {
        a.persons = 3
    });
    let s5 = f.session(d(2022, 4, 12), 5, None);
    f.appeal(at(2022, 4, 12, 10, 0), Channel::Reception, "land", |a| {
        a.reception_id = Some(s5);
        a.persons = 2;
    });
    f.session(d(2022, 4, 14), 6, None);
    f
}

fn q(v: [i64; 4]) -> Vec<i64> {
    v.to_vec()
}

#[test]
fn second_quarter_report_is_cumulative_and_later_quarters_are_zero() {
    let f = fixture();
    let form = f.form(FormKind::F2, "2022-Q2", Lang::Ru);
    let r = |k: &str| ints(&form, 0, k);
    assert_eq!(r("line1"), q([2, 3, 0, 0]));
    assert_eq!(r("line1.level6"), q([1, 2, 0, 0]));
    assert_eq!(r("line1.level5"), q([1, 1, 0, 0]));
    assert_eq!(r("line1.level1"), q([0, 0, 0, 0]));
    assert_eq!(r("line2"), q([2, 3, 0, 0]));
    assert_eq!(r("line2.level6"), q([2, 2, 0, 0]));
    assert_eq!(r("line2.level5"), q([0, 1, 0, 0]));
    assert_eq!(r("line3"), q([2, 3, 0, 0]));
    assert_eq!(r("line3.instagram"), q([1, 1, 0, 0]));
    assert_eq!(r("line3.facebook"), q([0, 1, 0, 0]));
    assert_eq!(r("line3.vks"), q([0, 0, 0, 0]));
    assert_eq!(r("line3.tv"), q([1, 1, 0, 0]));
    assert_eq!(r("line4"), q([460, 520, 0, 0]));
    assert_eq!(r("line4.offline"), q([110, 150, 0, 0]));
    assert_eq!(r("line4.online"), q([350, 370, 0, 0]));
    assert_eq!(r("line4.online.instagram"), q([300, 300, 0, 0]));
    assert_eq!(r("line4.online.facebook"), q([0, 20, 0, 0]));
    assert_eq!(r("line4.online.tv"), q([50, 50, 0, 0]));
    assert_eq!(r("line5"), q([5, 8, 0, 0]));
    assert_eq!(r("line5.topic8"), q([3, 3, 0, 0]));
    assert_eq!(r("line5.topic6"), q([2, 2, 0, 0]));
    assert_eq!(r("line5.topic1"), q([0, 1, 0, 0]));
    assert_eq!(r("line5.topic12"), q([0, 2, 0, 0]));
    assert_eq!(r("line6"), q([1, 2, 0, 0]));
    assert_eq!(r("line6.level6"), q([1, 2, 0, 0]));
    assert_eq!(r("line7"), q([1, 3, 0, 0]));
    assert_eq!(r("line7.level6"), q([1, 2, 0, 0]));
    assert_eq!(r("line7.level5"), q([0, 1, 0, 0]));
    assert_eq!(r("line7.persons"), q([4, 6, 0, 0]));
    assert_eq!(r("line8"), q([3, 4, 0, 0]));
    assert_eq!(r("line8.level6"), q([2, 2, 0, 0]));
    assert_eq!(r("line8.level5"), q([1, 1, 0, 0]));
    assert_eq!(r("line8.level1"), q([0, 1, 0, 0]));
    assert_eq!(r("line9"), q([6, 7, 0, 0]));
    assert_eq!(r("line9.central"), q([1, 1, 0, 0]));
    assert_eq!(r("line9.local"), q([2, 2, 0, 0]));
    assert_eq!(r("line9.social"), q([3, 4, 0, 0]));
    assert!(
        form.table()
            .row("line10")
            .unwrap()
            .cells
            .iter()
            .all(|c| *c == Cell::Empty)
    );
    assert_eq!(r("line10.government"), q([0, 1, 0, 0]));
    assert_eq!(r("line10.parliament"), q([1, 1, 0, 0]));
    assert_eq!(r("line10.state_bodies"), q([0, 1, 0, 0]));
    assert_eq!(form.title.last().unwrap().text, "за 2 квартал 2022");
}

#[test]
fn year_report_fills_every_quarter() {
    let f = fixture();
    let form = f.form(FormKind::F2, "2022", Lang::Ru);
    assert_eq!(ints(&form, 0, "line1"), q([2, 3, 4, 4]));
    assert_eq!(ints(&form, 0, "line2.level6"), q([2, 2, 3, 3]));
    assert_eq!(ints(&form, 0, "line4.offline"), q([110, 150, 157, 157]));
    assert_eq!(ints(&form, 0, "line6"), q([1, 2, 3, 3]));
    // A range that ends inside a quarter: that quarter counts up to the range's end.
    let part = f.form(FormKind::F2, "2022-01-01..2022-04-10", Lang::Ru);
    assert_eq!(ints(&part, 0, "line2"), q([2, 3, 0, 0]));
    assert_eq!(ints(&part, 0, "line7"), q([1, 1, 0, 0]));
}

#[test]
fn one_settlement_and_title() {
    let f = fixture();
    let form = f.form_in(FormKind::F2, "2022-Q2", Lang::Ru, Some("Кызыл Жулдыз"));
    assert_eq!(ints(&form, 0, "line2"), q([0, 1, 0, 0]));
    assert_eq!(ints(&form, 0, "line2.level5"), q([0, 1, 0, 0]));
    assert_eq!(ints(&form, 0, "line4"), q([0, 60, 0, 0]));
    assert_eq!(ints(&form, 0, "line5"), q([0, 3, 0, 0]));
    assert_eq!(ints(&form, 0, "line6"), q([0, 0, 0, 0]));
    let title: Vec<&str> = form.title.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        title,
        [
            "СВЕДЕНИЯ",
            "о проведении встреч акимов всех уровней акима Красноярского сельского округа города Кокшетау",
            "в селе Кызыл Жулдыз",
            "за 2 квартал 2022"
        ]
    );
    let t = form.table();
    let head: Vec<&str> = t.header.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        head,
        [
            "№",
            "Мероприятия согласно Указу Президента РК №826 от 03.03.22 г.",
            "1 кв.",
            "2 кв.",
            "3 кв.",
            "4 кв."
        ]
    );
    let labels: Vec<(&str, &str, bool)> = t
        .rows
        .iter()
        .take(9)
        .map(|r| (r.number.as_str(), r.label.as_str(), r.italic))
        .collect();
    assert_eq!(
        labels[0],
        (
            "1.",
            "Общее количество запланированных встреч акимов всех уровней:",
            false
        )
    );
    assert_eq!(
        labels[1],
        (
            "",
            "аким области, города республиканского значения, столицы",
            true
        )
    );
    assert_eq!(
        labels[6],
        (
            "",
            "акимы сельских округов, сел, городов районного значения",
            true
        )
    );
    assert_eq!(
        labels[7].1,
        "Количество проведенных встреч акимов всех уровней (по нарастанию):"
    );
    let label = |k: &str| t.row(k).unwrap().label.as_str();
    assert_eq!(
        label("line4"),
        "Общее количество жителей, принявших участие во встречах: (по нарастанию)из них:"
    );
    assert_eq!(
        label("line4.online"),
        "посредством онлайн-трансляций (в том числе):"
    );
    assert_eq!(label("line4.online.vks"), "видеоконференцсвязь");
    assert_eq!(
        label("line6.level1"),
        "акима области, города республиканского значения, столицы"
    );
    assert_eq!(
        label("line7.level6"),
        "акимами сельских округов, сел, городов районного значения"
    );
    assert_eq!(
        label("line7.persons"),
        "Количество граждан, принявших участие в приемах (по нарастанию)"
    );
    assert_eq!(
        label("line5.topic8"),
        "8) водоснабжения, газоснабжения, электрификации, телефонизации и проведения интернета"
    );
    assert_eq!(
        label("line9.social"),
        "в социальных сетях (Instagram, Facebook и др.)"
    );
    assert_eq!(label("line10.state_bodies"), "ЦГО и МИО");
    assert_eq!(
        t.rows.len(),
        1 + 6 + 1 + 6 + 1 + 4 + 1 + 2 + 4 + 1 + 12 + 1 + 6 + 1 + 6 + 1 + 1 + 6 + 1 + 3 + 1 + 3
    );
}

#[test]
fn every_header_cell_sits_over_its_column() {
    let f = Fixture::new();
    let form = f.form(FormKind::F2, "2022", Lang::Ru);
    let t = form.table();
    assert_header_grid(t);
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["number", "activity", "q1", "q2", "q3", "q4"]);
    for (n, key) in ["q1", "q2", "q3", "q4"].iter().enumerate() {
        assert_eq!(heading_of(t, key), format!("{} кв.", n + 1));
    }
    assert_eq!(heading_of(t, "number"), "№");
    let kk = f.form(FormKind::F2, "2022", Lang::Kk);
    assert_header_grid(kk.table());
}

/// The form cited in forms/f2-akim-meetings.md: one meeting, broadcast on Instagram once and on
/// two TV channels. Each broadcast is counted (line 3 = 3) and its viewers summed; the meeting
/// saved again keeps its three broadcasts, and dropping one counts two.
#[test]
fn a_meeting_broadcast_twice_on_tv_counts_each_broadcast() {
    let mut f = Fixture::new();
    let b = |channel, viewers| Broadcast { channel, viewers };
    let m = f.meeting(MeetingKind::Akim826, d(2022, 2, 10), |m| {
        m.held_on = Some(d(2022, 2, 10));
        m.participants_offline = 60;
        m.broadcasts = vec![b(B::Instagram, 120), b(B::Tv, 400), b(B::Tv, 250)];
    });
    let form = f.form(FormKind::F2, "2022-Q1", Lang::Ru);
    let r = |k: &str| ints(&form, 0, k);
    assert_eq!(r("line3"), q([3, 0, 0, 0]));
    assert_eq!(r("line3.tv"), q([2, 0, 0, 0]));
    assert_eq!(r("line3.instagram"), q([1, 0, 0, 0]));
    assert_eq!(r("line3.facebook"), q([0, 0, 0, 0]));
    assert_eq!(r("line4.online.tv"), q([650, 0, 0, 0]));
    assert_eq!(r("line4.online"), q([770, 0, 0, 0]));
    assert_eq!(r("line4"), q([830, 0, 0, 0]));

    // Read back in the order entered; an edit that drops the second TV broadcast leaves two.
    let mut saved = estu_core::store::meetings::get(f.store.conn(), m).unwrap();
    assert_eq!(
        saved.broadcasts,
        vec![b(B::Instagram, 120), b(B::Tv, 400), b(B::Tv, 250)]
    );
    saved.broadcasts.truncate(2);
    f.store
        .write(|tx| estu_core::store::meetings::save(tx, &mut saved))
        .unwrap();
    let form = f.form(FormKind::F2, "2022-Q1", Lang::Ru);
    assert_eq!(ints(&form, 0, "line3"), q([2, 0, 0, 0]));
    assert_eq!(ints(&form, 0, "line3.tv"), q([1, 0, 0, 0]));
    assert_eq!(ints(&form, 0, "line4.online.tv"), q([400, 0, 0, 0]));
}
