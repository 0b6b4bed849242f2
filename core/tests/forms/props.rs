//! Random records: every "в том числе" block that the forms say partitions its parent sums to
//! it, cumulative columns never decrease, and totals agree with a count done here in Rust.

use crate::support::*;
use chrono::{Datelike, Days};
use estu_core::Lang;
use estu_core::forms::{Form, FormKind};
use estu_core::model::{Broadcast, BroadcastChannel, Channel, MeetingKind, Outcome, Remarks};
use proptest::prelude::*;

const TOPICS: [&str; 8] = [
    "water",
    "roads",
    "land",
    "employment",
    "political",
    "economy_budget",
    "complaint",
    "other",
];
const CHANNELS: [Channel; 5] = [
    Channel::Reception,
    Channel::WrittenPerson,
    Channel::WrittenOrg,
    Channel::Eotinish,
    Channel::Online,
];
const OUTCOMES: [Option<Outcome>; 6] = [
    None,
    Some(Outcome::Satisfied),
    Some(Outcome::Explained),
    Some(Outcome::Rejected),
    Some(Outcome::Terminated),
    Some(Outcome::Redirected),
];

#[derive(Debug, Clone)]
struct A {
    day: u64,
    hour: u32,
    channel: usize,
    topic: usize,
    outcome: usize,
    delay: u64,
    repeated: bool,
    village: Option<usize>,
}

#[derive(Debug, Clone)]
struct M {
    report: bool,
    day: u64,
    held: Option<u64>,
    level: u8,
    offline: i64,
    broadcasts: Vec<(usize, i64)>,
    remarks: Vec<(u8, i64)>,
    questions: Vec<(usize, bool)>,
    media: (i64, i64, i64),
    village: Option<usize>,
}

fn appeal() -> impl Strategy<Value = A> {
    (
        0u64..365,
        8u32..21,
        0usize..5,
        0usize..8,
        0usize..6,
        0u64..60,
        any::<bool>(),
        proptest::option::of(0usize..2),
    )
        .prop_map(
            |(day, hour, channel, topic, outcome, delay, repeated, village)| A {
                day,
                hour,
                channel,
                topic,
                outcome,
                delay,
                repeated,
                village,
            },
        )
}

fn meeting() -> impl Strategy<Value = M> {
    (
        any::<bool>(),
        0u64..365,
        proptest::option::of(0u64..60),
        1u8..=6,
        0i64..300,
        proptest::collection::vec((0usize..4, 0i64..500), 0..4),
        proptest::collection::vec((1u8..=6, 0i64..5), 0..3),
        proptest::collection::vec((0usize..8, any::<bool>()), 0..6),
        (0i64..3, 0i64..3, 0i64..3),
        proptest::option::of(0usize..2),
    )
        .prop_map(
            |(
                report,
                day,
                held,
                level,
                offline,
                broadcasts,
                remarks,
                questions,
                media,
                village,
            )| M {
                report,
                day,
                held,
                level,
                offline,
                broadcasts,
                remarks,
                questions,
                media,
                village,
            },
        )
}

fn build(appeals: &[A], meetings: &[M]) -> Fixture {
    let mut f = Fixture::new();
    let start = d(2022, 1, 1);
    for a in appeals {
        let day = start + Days::new(a.day);
        let when = day.and_hms_opt(a.hour, 0, 0).unwrap();
        let village = a.village.map(|v| f.villages[v]);
        let channel = CHANNELS[a.channel];
        if channel == Channel::Reception {
            let s = f.session(day, 6, village);
            f.appeal(when, channel, TOPICS[a.topic], |x| {
                x.reception_id = Some(s);
                x.settlement_id = village;
                x.repeated = a.repeated;
                answer(x, OUTCOMES[a.outcome], day + Days::new(a.delay));
            });
        } else {
            f.appeal(when, channel, TOPICS[a.topic], |x| {
                x.settlement_id = village;
                x.repeated = a.repeated;
                answer(x, OUTCOMES[a.outcome], day + Days::new(a.delay));
            });
        }
    }
    for m in meetings {
        let planned = start + Days::new(m.day);
        let kind = if m.report {
            MeetingKind::Report
        } else {
            MeetingKind::Akim826
        };
        let village = m.village.map(|v| f.villages[v]);
        let id = f.meeting(kind, planned, |x| {
            x.held_on = m
                .held
                .map(|h| (planned + Days::new(h)).min(d(2022, 12, 31)));
            x.akim_level = m.level;
            x.settlement_id = village;
            if x.held_on.is_none() {
                return;
            }
            x.participants_offline = m.offline;
            let mut seen = std::collections::HashSet::new();
            x.broadcasts = m
                .broadcasts
                .iter()
                .filter(|(c, _)| seen.insert(*c))
                .map(|&(c, v)| Broadcast {
                    channel: BroadcastChannel::ALL[c],
                    viewers: v,
                })
                .collect();
            let mut seen = std::collections::HashSet::new();
            x.remarks = m
                .remarks
                .iter()
                .filter(|(l, _)| seen.insert(*l))
                .map(|&(l, c)| Remarks {
                    addressee_level: l,
                    count: c,
                })
                .collect();
            (x.media_central, x.media_local, x.media_social) = m.media;
            x.present_government = m.offline % 2 == 0;
        });
        for &(t, rep) in m.questions.iter().filter(|_| m.held.is_some()) {
            f.questions(id, TOPICS[t], 1, usize::from(rep));
        }
    }
    f
}

fn sum_rows(form: &Form, rows: &[String]) -> Vec<i64> {
    let mut out = vec![0; form.table().value_columns().len()];
    for r in rows {
        for (o, v) in out.iter_mut().zip(ints(form, 0, r)) {
            *o += v;
        }
    }
    out
}

/// `N`, `N (R)`, `N (… M)` or «нет» → (N, R).
fn parse(s: &str) -> (i64, i64) {
    if s == "нет" {
        return (0, 0);
    }
    let n: i64 = s.split(' ').next().unwrap().parse().unwrap();
    let r = s
        .split('(')
        .nth(1)
        .map(|x| x.trim_end_matches(')').parse().unwrap_or(0))
        .unwrap_or(0);
    (n, r)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]

    #[test]
    fn children_sum_to_their_parents(
        appeals in proptest::collection::vec(appeal(), 0..40),
        meetings in proptest::collection::vec(meeting(), 0..12),
        quarter in 1u8..=4,
    ) {
        let f = build(&appeals, &meetings);
        let period = format!("2022-Q{quarter}");
        let stored: Vec<estu_core::model::Appeal> = (1..=appeals.len() as i64)
            .map(|id| estu_core::store::appeals::get(f.store.conn(), id).unwrap())
            .collect();
        let p = estu_core::forms::Period::parse(&period).unwrap();
        let in_period = |d: Option<chrono::NaiveDate>| d.is_some_and(|d| d >= p.from && d <= p.to);

        // F1: categories partition the total; outcomes never exceed it; total as counted here.
        let f1 = f.form(FormKind::F1, &period, Lang::Ru);
        let row = ints(&f1, 0, "okrug");
        prop_assert_eq!(row[0], row[1..17].iter().sum::<i64>());
        prop_assert!(row[17..20].iter().sum::<i64>() <= row[0]);
        let receptions = stored.iter().filter(|a| a.channel == Channel::Reception && in_period(a.registered_on)).count() as i64;
        prop_assert_eq!(row[0], receptions);

        // F2: every partitioned line, in every quarter column; running totals never decrease.
        let f2 = f.form(FormKind::F2, &period, Lang::Ru);
        let levels = |n: usize| (1..=6).map(|l| format!("line{n}.level{l}")).collect::<Vec<_>>();
        for n in [1, 2, 6, 7, 8] {
            prop_assert_eq!(ints(&f2, 0, &format!("line{n}")), sum_rows(&f2, &levels(n)));
        }
        let channels: Vec<&str> = BroadcastChannel::ALL.iter().map(|c| c.code()).collect();
        let ch = |p: &str| channels.iter().map(|c| format!("{p}.{c}")).collect::<Vec<_>>();
        prop_assert_eq!(ints(&f2, 0, "line3"), sum_rows(&f2, &ch("line3")));
        prop_assert_eq!(ints(&f2, 0, "line4.online"), sum_rows(&f2, &ch("line4.online")));
        prop_assert_eq!(ints(&f2, 0, "line4"), sum_rows(&f2, &["line4.offline".into(), "line4.online".into()]));
        prop_assert_eq!(ints(&f2, 0, "line5"), sum_rows(&f2, &(1..=12).map(|t| format!("line5.topic{t}")).collect::<Vec<_>>()));
        prop_assert_eq!(ints(&f2, 0, "line9"), sum_rows(&f2, &["line9.central".into(), "line9.local".into(), "line9.social".into()]));
        for r in f2.table().rows.iter().filter(|r| r.cells.iter().all(|c| c.as_int().is_some())) {
            let v: Vec<i64> = r.cells.iter().map(int).collect();
            let q = quarter as usize;
            prop_assert!(v[..q].windows(2).all(|w| w[0] <= w[1]), "{} {:?}", r.key, v);
            prop_assert!(v[q..].iter().all(|&x| x == 0), "{} {:?}", r.key, v);
        }
        let online = stored.iter().filter(|a| a.channel == Channel::Online && a.registered_on.is_some_and(|d| d <= p.to)).count() as i64;
        prop_assert_eq!(ints(&f2, 0, "line6")[quarter as usize - 1], online);

        // F3 as of the quarter's end: line 5 and line 6 (with repeated) and line 7.
        let f3 = f.form(FormKind::F3, &p.to.to_string(), Lang::Ru);
        let t = |k: &str| parse(&text(&f3, k));
        prop_assert_eq!(t("line5").0, t("line5.okrug").0 + t("line5.district").0 + t("line5.region").0);
        let items = ["eco", "pol", "soc", "gov", "a", "b", "v", "g", "d", "e", "zh", "z"];
        let (n, r) = items.iter().map(|k| t(&format!("line6.{k}"))).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        prop_assert_eq!(t("line6"), (n, r));
        prop_assert_eq!(t("line7").0, t("line7.central").0 + t("line7.local").0);
        let (held, online) = parse_held(&text(&f3, "line2"));
        let expect_held = meetings.iter().filter(|m| m.report && m.held.is_some_and(|h| {
            let day = (d(2022, 1, 1) + Days::new(m.day + h)).min(d(2022, 12, 31));
            day <= p.to
        })).count() as i64;
        prop_assert_eq!(held, expect_held);
        prop_assert!(online <= held);

        // F4: outcomes partition «рассмотрено»; Table 2 partitions «поступило»; the sentence's
        // parts too.
        let f4 = f.form(FormKind::F4, &period, Lang::Ru);
        let t1 = ints(&f4, 0, "okrug");
        prop_assert_eq!(t1[1], t1[2..7].iter().sum::<i64>());
        prop_assert!(t1[7] <= t1[1]);
        let t2: i64 = (1..=10).map(|i| ints(&f4, 1, &format!("topic{i}"))[0]).sum();
        prop_assert_eq!(t2, t1[0]);
        prop_assert_eq!(ints(&f4, 1, "total")[0], t1[0]);
        let received = stored.iter().filter(|a| in_period(a.registered_on)).count() as i64;
        let considered = stored.iter().filter(|a| in_period(a.answered_on)).count() as i64;
        prop_assert_eq!((t1[0], t1[1]), (received, considered));
        let nums: Vec<i64> = f4.preamble[0]
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        // [year(s)…, total, persons, repeated, orgs, receptions]
        let k = nums.len();
        prop_assert_eq!(nums[k - 5], nums[k - 4] + nums[k - 2] + nums[k - 1]);
        prop_assert_eq!(nums[k - 5], received);
        let _ = p.to.year();
    }
}

fn parse_held(s: &str) -> (i64, i64) {
    if s == "нет" {
        return (0, 0);
    }
    let n: i64 = s.split(' ').next().unwrap().parse().unwrap();
    let m = s
        .rsplit(' ')
        .next()
        .and_then(|x| x.trim_end_matches(')').parse().ok())
        .filter(|_| s.contains('('))
        .unwrap_or(0);
    (n, m)
}
