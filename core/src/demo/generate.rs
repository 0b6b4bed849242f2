//! The demo generator: plausible records for one okrug (or a region's volume), deterministic
//! for a given seed and end date. Everything goes through the same store API as user input,
//! so the demo data passes every rule.

use super::profile::{EXECUTORS, STAFF};
use crate::error::Result;
use crate::model::*;
use crate::rules::iin::{make_bin, make_iin};
use crate::store::{Store, Tx, appeals, meetings, plan, reference};
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Weekday};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// One okrug's real volume: ~258 appeals and ~45 meetings a year.
    Okrug,
    /// A tenth of a region, for quick benchmarks: ~100,000 appeals, ~5,000 meetings.
    District,
    /// A region's volume in one file, for benchmarks: ~1,000,000 appeals, ~50,000 meetings.
    Region,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub seed: u64,
    pub scale: Scale,
    pub first_year: i32,
    /// Nothing is dated after this day (by default: today).
    pub until: NaiveDate,
}

impl Options {
    pub fn new(seed: u64, scale: Scale, until: NaiveDate) -> Self {
        // Every scale spans the four years before `until` and its own.
        Options {
            seed,
            scale,
            first_year: until.year() - 4,
            until,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub appeals: usize,
    pub receptions: usize,
    pub meetings: usize,
    pub questions: usize,
    pub plan_items: usize,
}

#[derive(Deserialize)]
struct Vocabulary {
    surnames_m: Vec<String>,
    surnames_f: Vec<String>,
    names_m: Vec<String>,
    names_f: Vec<String>,
    patronymics_m: Vec<String>,
    patronymics_f: Vec<String>,
    streets: Vec<String>,
    organisations: Vec<String>,
    bodies: Vec<String>,
    answers: HashMap<String, String>,
    summaries: HashMap<String, Vec<String>>,
    measures: Vec<String>,
    funding: Vec<String>,
    places: Vec<String>,
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        serde_json::from_str(include_str!("../../../assets/demo/ru.json"))
            .expect("demo vocabulary is valid JSON")
    })
}

/// Relative frequency of topics in appeals, by code (water, roads and social aid lead, as in
/// real okrug reports).
const TOPIC_WEIGHTS: &[(&str, u32)] = &[
    ("water", 12),
    ("gas_heat", 4),
    ("power", 6),
    ("telecom", 3),
    ("roads", 12),
    ("transport", 2),
    ("industry", 1),
    ("housing_provision", 5),
    ("housing_upkeep", 4),
    ("land", 9),
    ("subsoil", 1),
    ("agriculture", 6),
    ("business", 2),
    ("credit", 2),
    ("economy_budget", 1),
    ("employment", 5),
    ("social_aid", 8),
    ("education_facilities", 2),
    ("education", 2),
    ("health_facilities", 1),
    ("health", 3),
    ("culture_facilities", 1),
    ("culture", 1),
    ("sport_facilities", 2),
    ("sport", 1),
    ("improvement", 7),
    ("sanitation", 5),
    ("public_services", 4),
    ("legal", 3),
    ("complaint", 2),
    ("political", 1),
    ("everyday", 4),
    ("other", 3),
];

struct Ctx {
    rng: fastrand::Rng,
    topics: Vec<(i64, String, u32)>,
    topic_total: u32,
    settlements: Vec<(i64, i64)>,
    staff: Vec<i64>,
    executors: Vec<i64>,
    until: NaiveDate,
    /// Earlier appeals by person (ИИН) for repeated ones: id, topic.
    people: Vec<(String, String, i64, i64)>,
    receptions: HashMap<NaiveDate, i64>,
}

impl Ctx {
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.rng.usize(..v.len())]
    }

    fn topic(&mut self) -> (i64, String) {
        let mut x = self.rng.u32(..self.topic_total);
        for (id, code, w) in &self.topics {
            if x < *w {
                return (*id, code.clone());
            }
            x -= w;
        }
        let (id, code, _) = &self.topics[0];
        (*id, code.clone())
    }

    /// Most appeals come from the big village.
    fn settlement(&mut self) -> i64 {
        let total: i64 = self.settlements.iter().map(|s| s.1).sum();
        let mut x = self.rng.i64(..total.max(1));
        for (id, pop) in &self.settlements {
            if x < *pop {
                return *id;
            }
            x -= pop;
        }
        self.settlements[0].0
    }

    fn person(&mut self) -> (String, Option<String>) {
        let v = vocabulary();
        let female = self.rng.bool();
        let (s, n, p) = if female {
            (&v.surnames_f, &v.names_f, &v.patronymics_f)
        } else {
            (&v.surnames_m, &v.names_m, &v.patronymics_m)
        };
        let name = format!("{} {} {}", self.pick(s), self.pick(n), self.pick(p));
        let iin = (self.rng.u8(..10) < 7).then(|| {
            let birth = NaiveDate::from_ymd_opt(
                self.rng.i32(1945..2005),
                self.rng.u32(1..13),
                self.rng.u32(1..29),
            )
            .expect("valid date");
            make_iin(birth, female, self.rng.u32(..10_000))
        });
        (name, iin)
    }

    fn summary(&mut self, code: &str) -> String {
        let v = vocabulary();
        let street = self.pick(&v.streets).clone();
        let templates = v
            .summaries
            .get(code)
            .or_else(|| v.summaries.get("other"))
            .expect("other exists");
        self.pick(templates).replace("{street}", &street)
    }

    fn address(&mut self, settlement: &str) -> String {
        let v = vocabulary();
        format!(
            "с. {settlement}, {}, {}",
            self.pick(&v.streets),
            self.rng.u32(1..120)
        )
    }
}

fn setup(tx: &Tx) -> Result<()> {
    if reference::settlements(tx)?.is_empty() {
        super::profile::save_settlements(tx)?;
    }
    if reference::staff(tx)?.is_empty() {
        super::profile::save_staff(tx)?;
    }
    if reference::executors(tx)?.is_empty() {
        for (name, org, phone) in EXECUTORS {
            reference::save_executor(
                tx,
                &Executor {
                    id: 0,
                    name: name.to_string(),
                    kind: if *org {
                        ExecutorKind::Organisation
                    } else {
                        ExecutorKind::Person
                    },
                    phone: phone.to_string(),
                    active: true,
                },
            )?;
        }
    }
    Ok(())
}

/// Fills `store` with demo records. Reference data (villages, staff, executors) is added when
/// missing. Everything after is one bulk write (`Store::write_bulk`): its page cache is bounded,
/// so a region-scale run keeps memory flat.
pub fn generate(store: &mut Store, opts: &Options) -> Result<Summary> {
    store.write(|tx| setup(tx))?;
    let conn = store.conn();
    let topics = reference::topics(conn)?;
    let weights: HashMap<&str, u32> = TOPIC_WEIGHTS.iter().copied().collect();
    let topics: Vec<(i64, String, u32)> = topics
        .iter()
        .map(|t| {
            (
                t.id,
                t.code.clone(),
                *weights.get(t.code.as_str()).unwrap_or(&1),
            )
        })
        .collect();
    let mut ctx = Ctx {
        rng: fastrand::Rng::with_seed(opts.seed),
        topic_total: topics.iter().map(|t| t.2).sum(),
        topics,
        settlements: reference::settlements(conn)?
            .iter()
            .map(|s| (s.id, s.population))
            .collect(),
        staff: reference::staff(conn)?.iter().map(|s| s.id).collect(),
        executors: reference::executors(conn)?.iter().map(|e| e.id).collect(),
        until: opts.until,
        people: Vec::new(),
        receptions: HashMap::new(),
    };
    let names: HashMap<i64, String> = reference::settlements(conn)?
        .into_iter()
        .map(|s| (s.id, s.name_ru))
        .collect();
    let (appeal_factor, meeting_factor) = match opts.scale {
        Scale::Okrug => (1, 1),
        Scale::District | Scale::Region => {
            let years = (opts.until.year() - opts.first_year + 1).max(1) as usize;
            // ~1,000,000 appeals and ~50,000 meetings over the whole span (a tenth of that).
            let tenths = if opts.scale == Scale::Region { 10 } else { 1 };
            (
                tenths * 100_000 / (258 * years),
                tenths * 5_000 / (45 * years),
            )
        }
    };
    // One bulk write for every year: a load into an empty appeal table builds its indexes
    // once at the end, which per-year writes would do for the first year only (the later
    // ones would grow sixteen indexes a row at a time), and the demo is whole or not at all.
    store.write_bulk(|tx| {
        let mut summary = Summary::default();
        for year in opts.first_year..=opts.until.year() {
            let (a, r) = year_of_appeals(tx, &mut ctx, &names, opts, year, appeal_factor)?;
            summary.appeals += a;
            summary.receptions += r;
            let (m, q, p) = year_of_meetings(tx, &mut ctx, year, meeting_factor)?;
            summary.meetings += m;
            summary.questions += q;
            summary.plan_items += p;
        }
        Ok(summary)
    })
}

/// The appeals of one year (of it up to `until`), in the order they were received; returns
/// how many appeals, and how many reception days were opened for them.
fn year_of_appeals(
    tx: &Tx,
    ctx: &mut Ctx,
    names: &HashMap<i64, String>,
    opts: &Options,
    year: i32,
    appeal_factor: usize,
) -> Result<(usize, usize)> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid");
    let days_in_year = if opts.until.year() == year {
        (opts.until - start).num_days() + 1
    } else {
        (NaiveDate::from_ymd_opt(year, 12, 31).expect("valid") - start).num_days() + 1
    };
    let share = days_in_year as f64 / 365.0;
    let n_appeals = ((258 * appeal_factor) as f64 * share) as usize;
    // Sorted receipt moments keep registration numbers in date order.
    let mut moments: Vec<(NaiveDate, u32, u32)> = (0..n_appeals)
        .map(|_| {
            let day = start + Days::new(ctx.rng.u64(..days_in_year as u64));
            (day, ctx.rng.u32(8..20), ctx.rng.u32(0..60))
        })
        .collect();
    moments.sort();
    let mut receptions = 0;
    for &(day, h, m) in &moments {
        let (inserted_reception, _) = appeal(tx, ctx, names, day, h, m)?;
        receptions += usize::from(inserted_reception);
    }
    Ok((moments.len(), receptions))
}

/// One appeal received on `day` at `h:m`; returns whether a new reception session was opened.
fn appeal(
    tx: &Tx,
    ctx: &mut Ctx,
    names: &HashMap<i64, String>,
    day: NaiveDate,
    h: u32,
    m: u32,
) -> Result<(bool, i64)> {
    let roll = ctx.rng.u32(..258);
    let channel = match roll {
        0..43 => Channel::Reception,
        43..92 => Channel::WrittenOrg,
        92..170 => Channel::WrittenPerson,
        170..232 => Channel::Eotinish,
        _ => Channel::Online,
    };
    let (topic_id, code) = ctx.topic();
    let settlement = ctx.settlement();
    let (day, reception_id, new_session) = if channel == Channel::Reception {
        reception_day(tx, ctx, day, settlement)?
    } else {
        (day, None, false)
    };
    let received = day
        .and_hms_opt(
            if channel == Channel::Reception {
                h.clamp(9, 17)
            } else {
                h
            },
            m,
            0,
        )
        .expect("valid");
    let summary = ctx.summary(&code);
    let mut a = applicant(ctx, received, channel, topic_id, &summary);
    a.applicant_address = ctx.address(names.get(&settlement).map_or("", |s| s.as_str()));
    a.settlement_id = Some(settlement);
    a.reception_id = reception_id;
    a.kind = match ctx.rng.u8(..20) {
        0..2 => AppealKind::Complaint,
        2..4 => AppealKind::Proposal,
        4 => AppealKind::Request,
        _ => AppealKind::Statement,
    };
    if channel == Channel::Reception && ctx.rng.u8(..15) == 0 {
        a.persons = ctx.rng.i64(2..8);
    }
    a.accepted_by = Some(ctx.staff[ctx.rng.usize(1..ctx.staff.len())]);
    a.executor_id = Some(*ctx.pick(&ctx.executors.clone()));
    repeat_earlier(ctx, &mut a, channel);
    appeals::complete(tx, &mut a)?;
    answer(ctx, &mut a);
    let id = appeals::insert(tx, &mut a)?;
    remember_person(ctx, &a, id);
    Ok((new_session, id))
}

/// The reception day an appeal made in person belongs to (the last Tuesday or Thursday that is a
/// working day), its session opened when it has none yet; returns the day, the session and
/// whether it was opened now.
fn reception_day(
    tx: &Tx,
    ctx: &mut Ctx,
    day: NaiveDate,
    settlement: i64,
) -> Result<(NaiveDate, Option<i64>, bool)> {
    let mut day = day;
    let mut new_session = false;
    // Receptions happen on reception days (Tuesday, Thursday) only.
    while !matches!(day.weekday(), Weekday::Tue | Weekday::Thu) || !tx.calendar()?.is_working(day) {
        day = day - Days::new(1);
    }
    let id = match ctx.receptions.get(&day) {
        Some(id) => *id,
        None => {
            let level = if ctx.rng.u8(..20) == 0 {
                LEVEL_DISTRICT
            } else {
                LEVEL_OKRUG
            };
            let r = Reception {
                id: 0,
                held_on: day,
                akim_level: level,
                host_name: STAFF[0].0.to_string(),
                settlement_id: Some(settlement),
                note: String::new(),
            };
            let id = reference::save_reception(tx, &r)?;
            ctx.receptions.insert(day, id);
            new_session = true;
            id
        }
    };
    Ok((day, Some(id), new_session))
}

/// A new appeal from an organisation (with its БИН) or a person (ИИН, phone).
fn applicant(
    ctx: &mut Ctx,
    received: NaiveDateTime,
    channel: Channel,
    topic_id: i64,
    summary: &str,
) -> Appeal {
    let v = vocabulary();
    if channel == Channel::WrittenOrg {
        let org = ctx.pick(&v.organisations).clone();
        let mut a = Appeal::new(received, channel, &org, topic_id, summary);
        a.applicant_id = Some(make_bin(ctx.rng.u64(10_000_000_000..99_999_999_999)));
        a
    } else {
        let (name, iin) = ctx.person();
        let mut a = Appeal::new(received, channel, &name, topic_id, summary);
        a.applicant_id = iin;
        a.applicant_phone = format!(
            "8 70{} {:03} {:04}",
            ctx.rng.u8(0..9),
            ctx.rng.u16(..1000),
            ctx.rng.u16(..10_000)
        );
        a
    }
}

/// About one in thirty is a repeat of the same person's earlier appeal.
fn repeat_earlier(ctx: &mut Ctx, a: &mut Appeal, channel: Channel) {
    if ctx.rng.u8(..30) == 0 && !ctx.people.is_empty() {
        let (name, iin, earlier, earlier_topic) =
            ctx.people[ctx.rng.usize(..ctx.people.len())].clone();
        if channel != Channel::WrittenOrg {
            a.applicant_name = name;
            a.applicant_id = Some(iin);
            a.topic_id = earlier_topic;
            a.repeated = true;
            a.repeated_of = Some(earlier);
        }
    }
}

/// Most appeals are answered in time; a few late; recent ones may still be open.
fn answer(ctx: &mut Ctx, a: &mut Appeal) {
    let v = vocabulary();
    let due = a.deadline.expect("completed");
    let registered = a.registered_on.expect("completed");
    // Most appeals are answered in time; a few late; recent ones may still be open.
    let work = ctx
        .rng
        .u64(1..=(due - registered).num_days().max(1) as u64 + 4);
    let answered = registered + Days::new(work);
    if answered <= ctx.until && ctx.rng.u8(..40) != 0 {
        let outcome = match ctx.rng.u8(..100) {
            0..30 => Outcome::Satisfied,
            30..80 => Outcome::Explained,
            80..87 => Outcome::Rejected,
            87..90 => Outcome::Terminated,
            _ => Outcome::Redirected,
        };
        a.outcome = Some(outcome);
        a.answered_on = Some(answered);
        a.answer = v.answers.get(outcome.code()).cloned().unwrap_or_default();
        if outcome == Outcome::Redirected {
            a.redirected_to = Some(ctx.pick(&v.bodies).clone());
        }
    }
}

/// Keeps a person's appeal (at most 5,000 of them) for later repeats.
fn remember_person(ctx: &mut Ctx, a: &Appeal, id: i64) {
    if let (Some(iin), false) = (
        &a.applicant_id,
        a.applicant_type == ApplicantType::Organisation,
    ) {
        if ctx.people.len() < 5_000 {
            ctx.people
                .push((a.applicant_name.clone(), iin.clone(), id, a.topic_id));
        } else {
            let i = ctx.rng.usize(..ctx.people.len());
            ctx.people[i] = (a.applicant_name.clone(), iin.clone(), id, a.topic_id);
        }
    }
}

/// A meeting to generate: its kind, day, settlement and how many questions it raises.
type Scheduled = (MeetingKind, NaiveDate, i64, usize);

/// A year's meetings: akims' meetings with each village every half-year (Decree №826), the
/// annual report meeting, сходы and meetings with enterprise heads; their questions; the plan.
fn year_of_meetings(
    tx: &Tx,
    ctx: &mut Ctx,
    year: i32,
    factor: usize,
) -> Result<(usize, usize, usize)> {
    let mut plans = Vec::new();
    let (mut n_meetings, mut n_questions) = (0, 0);
    let settlements = ctx.settlements.clone();
    for _ in 0..factor.max(1) {
        for (kind, day, sid, n_q) in schedule(ctx, year, &settlements) {
            if day.year() > ctx.until.year() {
                continue;
            }
            let pop = settlements.iter().find(|s| s.0 == sid).map_or(0, |s| s.1);
            let mut m = Meeting::new(kind, day);
            m.settlement_id = Some(sid);
            m.place = ctx.pick(&vocabulary().places).clone();
            m.title = crate::i18n::tr(crate::Lang::Ru, &kind.key());
            let held = day <= ctx.until;
            if held {
                hold(ctx, &mut m, pop, n_q);
            } else {
                m.held_on = None;
            }
            let mid = meetings::save(tx, &mut m)?;
            n_meetings += 1;
            if held {
                n_questions += questions_of(tx, ctx, &m, mid, n_q, &mut plans)?;
            }
        }
    }
    let mut n_plan = 0;
    for (qid, raised) in plans {
        plan_item(tx, ctx, qid, raised)?;
        n_plan += 1;
    }
    Ok((n_meetings, n_questions, n_plan))
}

/// The meetings of a year, in the order they are generated (the random sequence depends on it).
fn schedule(ctx: &mut Ctx, year: i32, settlements: &[(i64, i64)]) -> Vec<Scheduled> {
    let mut schedule: Vec<Scheduled> = Vec::new();
    for &(sid, pop) in settlements {
        for half in 0..2 {
            let month = if half == 0 {
                ctx.rng.u32(1..6)
            } else {
                ctx.rng.u32(7..12)
            };
            let day = NaiveDate::from_ymd_opt(year, month, ctx.rng.u32(1..28)).expect("valid");
            let qs = if pop > 1000 {
                ctx.rng.usize(30..41)
            } else {
                ctx.rng.usize(2..6)
            };
            schedule.push((MeetingKind::Akim826, day, sid, qs));
        }
    }
    let main = settlements[0].0;
    schedule.push((
        MeetingKind::Report,
        NaiveDate::from_ymd_opt(year, 1, ctx.rng.u32(20..31)).expect("valid"),
        main,
        ctx.rng.usize(15..26),
    ));
    for month in 1..=12 {
        schedule.push((
            MeetingKind::Gathering,
            NaiveDate::from_ymd_opt(year, month, ctx.rng.u32(1..28)).expect("valid"),
            main,
            ctx.rng.usize(2..7),
        ));
    }
    for _ in 0..25 {
        let day =
            NaiveDate::from_ymd_opt(year, ctx.rng.u32(1..13), ctx.rng.u32(1..28)).expect("valid");
        schedule.push((MeetingKind::Other, day, main, ctx.rng.usize(0..3)));
    }
    schedule
}

/// A held meeting's figures: who came, broadcasts and press for the big ones, speakers, and
/// the critical remarks voiced (some more than its questions record).
fn hold(ctx: &mut Ctx, m: &mut Meeting, pop: i64, n_q: usize) {
    let kind = m.kind;
    m.held_on = Some(m.planned_on);
    let big = pop > 1000;
    m.participants_offline = match kind {
        MeetingKind::Akim826 | MeetingKind::Report if big => ctx.rng.i64(80..300),
        MeetingKind::Other => ctx.rng.i64(5..30),
        _ => ctx.rng.i64(15..60).min(pop.max(15)),
    };
    if matches!(kind, MeetingKind::Akim826 | MeetingKind::Report) && big {
        publicity(ctx, m);
    }
    m.speakers = (n_q as i64 / 2 + ctx.rng.i64(0..5)).min(m.participants());
    m.minutes = String::new();
    let critical = n_q / 6;
    if critical > 0 {
        m.remarks.push(Remarks {
            addressee_level: LEVEL_OKRUG,
            count: critical as i64 + ctx.rng.i64(0..2),
        });
        if ctx.rng.bool() {
            m.remarks.push(Remarks {
                addressee_level: LEVEL_DISTRICT,
                count: ctx.rng.i64(1..3),
            });
        }
    }
}

/// A big meeting's broadcasts, press and guests.
fn publicity(ctx: &mut Ctx, m: &mut Meeting) {
    m.broadcasts.push(Broadcast {
        channel: BroadcastChannel::Instagram,
        viewers: ctx.rng.i64(300..1100),
    });
    if ctx.rng.u8(..3) == 0 {
        m.broadcasts.push(Broadcast {
            channel: BroadcastChannel::Tv,
            viewers: ctx.rng.i64(100..400),
        });
    }
    if ctx.rng.u8(..4) == 0 {
        m.broadcasts.push(Broadcast {
            channel: BroadcastChannel::Facebook,
            viewers: ctx.rng.i64(20..150),
        });
    }
    m.media_local = ctx.rng.i64(1..4);
    m.media_social = ctx.rng.i64(1..6);
    m.media_central = i64::from(ctx.rng.u8(..6) == 0);
    m.present_state_bodies = ctx.rng.bool();
    m.present_parliament = ctx.rng.u8(..8) == 0;
    m.present_government = ctx.rng.u8(..20) == 0;
}

/// Meeting `mid`'s `n_q` questions, the first ones critical to the okrug's akim as its remarks
/// say; two in five of an akim's meeting's questions go to the plan (`plans`). How many.
fn questions_of(
    tx: &Tx,
    ctx: &mut Ctx,
    m: &Meeting,
    mid: i64,
    n_q: usize,
    plans: &mut Vec<(i64, NaiveDate)>,
) -> Result<usize> {
    let okrug_remarks = m
        .remarks
        .iter()
        .find(|r| r.addressee_level == LEVEL_OKRUG)
        .map_or(0, |r| r.count);
    for i in 0..n_q {
        let (topic_id, code) = ctx.topic();
        let mut q = Question::at_meeting(mid, &ctx.summary(&code), topic_id);
        q.settlement_id = m.settlement_id;
        q.repeated = ctx.rng.u8(..8) == 0;
        if (i as i64) < okrug_remarks.min(n_q as i64 / 6) {
            q.critical = true;
            q.addressee_level = Some(LEVEL_OKRUG);
        }
        meetings::save_question(tx, &mut q)?;
        if matches!(m.kind, MeetingKind::Akim826 | MeetingKind::Report) && ctx.rng.u8(..5) < 2 {
            plans.push((q.id, m.planned_on));
        }
    }
    Ok(n_q)
}

/// The plan item made from question `qid` raised on `raised`: a measure, an executor, a
/// deadline, money when funded, and a status as old items have (mostly done) or new ones.
fn plan_item(tx: &Tx, ctx: &mut Ctx, qid: i64, raised: NaiveDate) -> Result<()> {
    let v = vocabulary();
    let id = plan::from_question(tx, qid)?;
    let mut p = plan::get(tx, id)?;
    p.measure = ctx.pick(&v.measures).clone();
    p.executor_id = Some(*ctx.pick(&ctx.executors.clone()));
    p.deadline = Some(raised + Days::new(ctx.rng.u64(30..300)));
    p.funding_source = ctx.pick(&v.funding).clone();
    let needs_money = p.funding_source != "без финансирования";
    if needs_money {
        p.money_needed = (ctx.rng.f64() * 50_000.0).round() / 10.0;
        p.money_allocated = if ctx.rng.bool() {
            p.money_needed
        } else {
            (p.money_needed * ctx.rng.f64() * 10.0).round() / 10.0
        };
    }
    p.created_on = Some(raised);
    let due = p.deadline.expect("set");
    // Items whose deadline is long past are mostly done; recent ones mostly in progress.
    let age_days = (ctx.until - due).num_days();
    let roll = ctx.rng.u8(..10);
    p.status = match roll {
        0..8 if age_days > 180 => PlanStatus::Done,
        0..5 if age_days > 0 || roll < 2 => PlanStatus::Done,
        5 => PlanStatus::NeedsDistrict,
        6 => PlanStatus::BudgetRequest,
        7 if ctx.rng.bool() => PlanStatus::Rejected,
        _ => PlanStatus::InProgress,
    };
    match p.status {
        PlanStatus::Done => {
            let done =
                raised + Days::new(ctx.rng.u64(5..((due - raised).num_days().max(6) as u64)));
            p.done_on = Some(done.min(ctx.until));
        }
        PlanStatus::Rejected => p.status_note = "нет технической возможности".into(),
        PlanStatus::BudgetRequest => p.status_note = format!("{}", raised.year() + 1),
        _ => {}
    }
    plan::save(tx, &mut p).map(|_| ())
}
