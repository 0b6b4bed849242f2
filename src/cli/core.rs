//! `estu init`, `estu demo`, `estu list`, `estu check`.

use super::Cli;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use estu_core::demo;
use estu_core::error::{Error, Result};
use estu_core::i18n::{Lang, Text, tr, trf};
use estu_core::model::*;
use estu_core::rules::deadline::{Urgency, urgency};
use estu_core::rules::validate::fmt_date;
use estu_core::safety::check::Stage;
use estu_core::store::{Store, appeals, meetings, plan, reference};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Okrug profile as JSON (the fields of `OkrugProfile`, see docs/exchange-format.md).
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Official name, e.g. «ГУ «Аппарат акима Красноярского сельского округа»».
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, default_value = "")]
    pub name_kk: String,
    /// The okrug in the genitive, e.g. «Красноярского сельского округа».
    #[arg(long, default_value = "")]
    pub okrug: String,
    #[arg(long, default_value = "")]
    pub okrug_kk: String,
    /// District or city, e.g. «г.Кокшетау», «Бурабайский район».
    #[arg(long, default_value = "")]
    pub district: String,
    #[arg(long, default_value = "")]
    pub district_kk: String,
    /// District or city in the genitive, as the forms print it after the okrug: «города
    /// Кокшетау», «Бурабайского района» (for «г.X» it is made from --district).
    #[arg(long, default_value = "")]
    pub district_gen: String,
    #[arg(long, default_value = "")]
    pub district_gen_kk: String,
    /// Region in the genitive, as the forms print it: «Акмолинской области».
    #[arg(long, alias = "region", default_value = "")]
    pub region_gen: String,
    #[arg(long, default_value = "")]
    pub region_kk: String,
    #[arg(long, default_value = "")]
    pub akim: String,
    #[arg(long, default_value = "")]
    pub akim_position: String,
    #[arg(long, default_value = "")]
    pub akim_position_kk: String,
    #[arg(long, default_value = "")]
    pub executor: String,
    #[arg(long, default_value = "")]
    pub executor_phone: String,
    #[arg(long, default_value = "")]
    pub phone: String,
    /// A settlement of the okrug: «Красный Яр:12361» or «Красный Яр|Қызыл Жар:12361:3410»
    /// (name, Kazakh name, population, households); repeat for each.
    #[arg(long)]
    pub settlement: Vec<String>,
    /// Registration-number pattern, e.g. «12-{YYYY}/{NNNN}».
    #[arg(long, default_value = "{YYYY}/{NNNN}")]
    pub reg_pattern: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScaleArg {
    Okrug,
    /// A tenth of a region (~100,000 appeals): a quick benchmark.
    District,
    Region,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 2022)]
    pub seed: u64,
    #[arg(long, value_enum, default_value = "okrug")]
    pub scale: ScaleArg,
    /// Last day of the generated data (default: today).
    #[arg(long)]
    pub until: Option<NaiveDate>,
    /// Encrypt the demo database (the password from ESTU_PASSWORD or asked; ESTU_PASSWORD
    /// alone also encrypts). Without it the demo is an open file, marked as a demo.
    #[arg(long)]
    pub encrypt: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Appeals,
    Meetings,
    Plan,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    All,
    Open,
    Answered,
    Overdue,
    DueSoon,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(value_enum, default_value = "appeals")]
    pub what: ListWhat,
    #[arg(long)]
    pub from: Option<NaiveDate>,
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// Appeals: reception, written_person, written_org, eotinish, online.
    #[arg(long)]
    pub channel: Option<String>,
    #[arg(long, value_enum, default_value = "all")]
    pub status: StatusArg,
    /// Topic code (see `estu list` topics in docs), e.g. water.
    #[arg(long)]
    pub topic: Option<String>,
    #[arg(long)]
    pub settlement: Option<String>,
    /// Name, ИИН, number or words of the summary.
    #[arg(long, default_value = "")]
    pub search: String,
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
    #[arg(long, default_value_t = 1)]
    pub page: i64,
}

pub fn init(cli: &Cli, a: &InitArgs) -> Result<()> {
    let profile = match &a.profile {
        Some(p) => {
            let text = std::fs::read_to_string(p)?;
            serde_json::from_str::<OkrugProfile>(&text).map_err(|e| {
                Error::Other(
                    Text::new("err.profile_file")
                        .arg("path", p.display())
                        .arg("detail", e),
                )
            })?
        }
        None => OkrugProfile {
            org_name_ru: a.name.clone().unwrap_or_default(),
            org_name_kk: a.name_kk.clone(),
            okrug_gen_ru: a.okrug.clone(),
            okrug_gen_kk: a.okrug_kk.clone(),
            district_ru: a.district.clone(),
            district_kk: a.district_kk.clone(),
            district_gen_ru: if a.district_gen.is_empty() {
                reference::district_genitive(&a.district).unwrap_or_default()
            } else {
                a.district_gen.clone()
            },
            district_gen_kk: a.district_gen_kk.clone(),
            region_ru: a.region_gen.clone(),
            region_kk: a.region_kk.clone(),
            akim_name: a.akim.clone(),
            akim_position_ru: a.akim_position.clone(),
            akim_position_kk: a.akim_position_kk.clone(),
            executor_name: a.executor.clone(),
            executor_phone: a.executor_phone.clone(),
            phone: a.phone.clone(),
            reception_days: vec![2, 4],
            reg_pattern: a.reg_pattern.clone(),
            ..Default::default()
        },
    };
    reference::validate_profile(&profile)?;
    let settlements = a
        .settlement
        .iter()
        .map(|s| settlement_arg(s))
        .collect::<Result<Vec<_>>>()?;
    let path = cli.db_path();
    // Every real database is encrypted: the first administrator's password unlocks it.
    let admin = super::secure::admin_name(cli, Some(profile.executor_name.as_str()));
    let pw = super::secure::admin_password(cli, &admin)?;
    let (_, (), code) = Store::create_encrypted_with(&path, &profile, &admin, &pw, |store| {
        store.write(|tx| {
            for s in &settlements {
                reference::save_settlement(tx, s)?;
            }
            Ok(())
        })
    })?;
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.created_encrypted",
            &[
                ("path", &path.display()),
                ("user", &admin),
                (
                    "keys",
                    &estu_core::secure::keyring::path_for(&path).display()
                )
            ]
        )
    );
    print_profile(cli.lang, &profile, &settlements);
    super::secure::show_recovery(cli, &code);
    Ok(())
}

/// «Имя|Атауы:население:дворов» → a settlement.
fn settlement_arg(s: &str) -> Result<Settlement> {
    let mut parts = s.split(':');
    let names = parts.next().unwrap_or("");
    let (ru, kk) = names.split_once('|').unwrap_or((names, ""));
    let mut num = || -> Result<i64> {
        match parts.next().map(str::trim) {
            None | Some("") => Ok(0),
            Some(v) => v
                .parse()
                .map_err(|_| Error::Other(Text::new("err.init.settlement").arg("value", s))),
        }
    };
    let (population, households) = (num()?, num()?);
    Ok(Settlement {
        id: 0,
        name_ru: ru.trim().to_string(),
        name_kk: kk.trim().to_string(),
        population,
        households,
        active: true,
    })
}

/// How the forms will print what was given: the title's okrug, district and region, and the
/// signature block; an empty one is said so the user can fill it in.
fn print_profile(lang: Lang, p: &OkrugProfile, settlements: &[Settlement]) {
    let missing = tr(lang, "cli.init.missing");
    let or_missing = |v: &str| {
        if v.trim().is_empty() {
            missing.clone()
        } else {
            v.to_string()
        }
    };
    let rows: [(&str, String); 5] = [
        ("cli.init.title_okrug", or_missing(&p.okrug_gen_ru)),
        ("cli.init.title_district", or_missing(&p.district_gen_ru)),
        ("cli.init.title_region", or_missing(&p.region_ru)),
        (
            "cli.init.signature",
            or_missing(&format!(
                "{}  {}",
                p.akim_position_ru,
                initials_surname(&p.akim_name)
            )),
        ),
        (
            "cli.init.settlements",
            or_missing(
                &settlements
                    .iter()
                    .map(|s| format!("{} ({})", s.name_ru, s.population))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ),
    ];
    for (key, v) in rows {
        println!("{}", trf(lang, key, &[("value", &v)]));
    }
}

pub fn demo(cli: &Cli, a: &DemoArgs) -> Result<()> {
    let path = cli.db_path();
    let scale = match a.scale {
        ScaleArg::Okrug => demo::Scale::Okrug,
        ScaleArg::District => demo::Scale::District,
        ScaleArg::Region => demo::Scale::Region,
    };
    let started = std::time::Instant::now();
    let profile = demo::profile();
    let encrypt = a.encrypt || std::env::var_os("ESTU_PASSWORD").is_some();
    let admin = super::secure::admin_name(cli, Some(profile.executor_name.as_str()));
    let password = if encrypt {
        Some(super::secure::admin_password(cli, &admin)?)
    } else {
        None
    };
    let protection = match &password {
        Some(pw) => demo::Protection::Encrypted {
            admin: &admin,
            password: pw,
        },
        None => demo::Protection::Open,
    };
    // Built under a temporary name and named when whole: a kill leaves no half file.
    let (_store, s, code) = demo::create(&path, a.seed, scale, a.until, protection)?;
    match code {
        Some(code) => super::secure::show_recovery(cli, &code),
        // An open file, for trying the program: marked as a demo in the file (the app shows
        // it) and said so here.
        None => eprintln!(
            "{}",
            trf(cli.lang, "cli.demo_open", &[("path", &path.display())])
        ),
    }
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.demo_done",
            &[
                ("path", &path.display()),
                ("appeals", &s.appeals),
                ("receptions", &s.receptions),
                ("meetings", &s.meetings),
                ("questions", &s.questions),
                ("plan", &s.plan_items),
                (
                    "secs",
                    &estu_core::input::format_number(
                        started.elapsed().as_secs_f64(),
                        Some(1),
                        false
                    )
                ),
            ]
        )
    );
    Ok(())
}

pub(super) fn settlement_id(store: &Store, name: Option<&str>) -> Result<Option<i64>> {
    match name {
        None => Ok(None),
        Some(n) => reference::settlement_by_name(store.conn(), n)?
            .map(|s| Some(s.id))
            .ok_or_else(|| Error::Other(Text::new("err.unknown_settlement").arg("name", n))),
    }
}

fn name_in(lang: Lang, ru: &str, kk: &str) -> String {
    if lang == Lang::Kk && !kk.is_empty() {
        kk.to_string()
    } else {
        ru.to_string()
    }
}

/// The journal's filters from the command line (`list appeals`, `export-journal`).
pub(super) fn journal_filter(
    store: &Store,
    a: &ListArgs,
    settlement: Option<i64>,
) -> Result<appeals::Filter> {
    let channel = match &a.channel {
        None => None,
        Some(c) => Some(
            Channel::parse(c)
                .ok_or_else(|| Error::Other(Text::new("err.unknown_code").arg("value", c)))?,
        ),
    };
    let topic_id = match &a.topic {
        None => None,
        Some(t) => Some(
            reference::topic_id_by_code(store.conn(), t)?
                .ok_or_else(|| Error::Other(Text::new("err.unknown_code").arg("value", t)))?,
        ),
    };
    let filter = appeals::Filter {
        from: a.from,
        to: a.to,
        channel,
        status: match a.status {
            StatusArg::All => appeals::StatusFilter::All,
            StatusArg::Open => appeals::StatusFilter::Open,
            StatusArg::Answered => appeals::StatusFilter::Answered,
            StatusArg::Overdue => appeals::StatusFilter::Overdue,
            StatusArg::DueSoon => appeals::StatusFilter::DueSoon,
        },
        topic_id,
        settlement_id: settlement,
        executor_id: None,
        search: a.search.clone(),
    };
    Ok(filter)
}

pub fn list(cli: &Cli, a: &ListArgs) -> Result<()> {
    let store = cli.open_to_read()?;
    cli.warn_if_damaged(&store);
    let settlement = settlement_id(&store, a.settlement.as_deref())?;
    match a.what {
        ListWhat::Appeals => list_appeals(&store, cli.lang, a, settlement),
        ListWhat::Meetings => list_meetings(&store, cli.lang, a, settlement),
        ListWhat::Plan => list_plan(&store, cli.lang, a, settlement),
    }
}

/// `list appeals`: a page of the journal with its filters.
fn list_appeals(store: &Store, lang: Lang, a: &ListArgs, settlement: Option<i64>) -> Result<()> {
    let today = store.today();
    let filter = journal_filter(store, a, settlement)?;
    let limit = a.limit.clamp(1, 10_000);
    let (rows, total) = appeals::page(
        store.conn(),
        &filter,
        today,
        (a.page.max(1) - 1) * limit,
        limit,
    )?;
    for r in &rows {
        let status = match r.outcome {
            Some(o) => o.label(lang),
            None if matches!(urgency(r.due, false, today), Urgency::Overdue(_)) => {
                format!("{} ({})", tr(lang, "outcome.open"), tr(lang, "cli.overdue"))
            }
            None => tr(lang, "outcome.open"),
        };
        let summary: String = r.summary.chars().take(60).collect();
        println!(
            "{:<14} {}  {:<28} {:<34} {}  {}  {}",
            r.reg_number,
            fmt_date(r.registered_on),
            truncate(&r.applicant_name, 28),
            truncate(&name_in(lang, &r.topic_ru, &r.topic_kk), 34),
            fmt_date(r.due),
            status,
            summary
        );
    }
    println!(
        "{}",
        trf(
            lang,
            "cli.shown_of",
            &[
                ("shown", &rows.len()),
                (
                    "total",
                    &if total.more {
                        trf(lang, "cli.more_than", &[("n", &total.n)])
                    } else {
                        total.n.to_string()
                    }
                )
            ]
        )
    );
    Ok(())
}

/// `list meetings`: meetings with their questions' counts.
fn list_meetings(store: &Store, lang: Lang, a: &ListArgs, settlement: Option<i64>) -> Result<()> {
    let from = a
        .from
        .unwrap_or(NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid"));
    let to =
        a.to.unwrap_or(NaiveDate::from_ymd_opt(2100, 1, 1).expect("valid"));
    let list = meetings::list_with_question_counts(store.conn(), None, from, to)?;
    let list: Vec<_> = list
        .into_iter()
        .filter(|(m, _)| settlement.is_none_or(|s| m.settlement_id == Some(s)))
        .collect();
    for (m, q) in list.iter().take(a.limit.max(1) as usize) {
        let held = m.held_on.map_or_else(|| tr(lang, "cli.not_held"), fmt_date);
        println!(
            "#{:<6} {:<44} {}  {}  {:>5} {}  {:>3} {}",
            m.id,
            truncate(&m.kind.label(lang), 44),
            fmt_date(m.planned_on),
            held,
            m.participants(),
            tr(lang, "cli.participants"),
            q,
            tr(lang, "cli.questions")
        );
    }
    println!(
        "{}",
        trf(
            lang,
            "cli.shown_of",
            &[
                ("shown", &list.len().min(a.limit.max(1) as usize)),
                ("total", &list.len())
            ]
        )
    );
    Ok(())
}

/// `list plan`: the action plan's items.
fn list_plan(store: &Store, lang: Lang, a: &ListArgs, settlement: Option<i64>) -> Result<()> {
    let today = store.today();
    let f = plan::Filter {
        settlement_id: settlement,
        overdue_on: matches!(a.status, StatusArg::Overdue).then_some(today),
        ..Default::default()
    };
    let items = plan::list(store.conn(), &f)?;
    for p in items.iter().take(a.limit.max(1) as usize) {
        let deadline = p.deadline.map_or(String::from("—"), fmt_date);
        let mark = if p.is_overdue(today) {
            tr(lang, "cli.overdue")
        } else {
            String::new()
        };
        println!(
            "#{:<6} {:<50} {}  {:<28} {:>10.1} {:>10.1} {}",
            p.id,
            truncate(&p.problem, 50),
            deadline,
            truncate(&p.status.label(lang), 28),
            p.money_needed,
            p.money_allocated,
            mark
        );
    }
    let done = items
        .iter()
        .filter(|p| p.status == PlanStatus::Done)
        .count();
    println!(
        "{}",
        trf(
            lang,
            "cli.plan_summary",
            &[("done", &done), ("total", &items.len())]
        )
    );
    Ok(())
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The check's stages and its records counted, on the progress line.
fn check_progress(lang: Lang, line: &super::progress::Line) -> impl FnMut(Stage) + '_ {
    move |stage| {
        let text = match stage {
            Stage::File => tr(lang, "cli.check.file"),
            Stage::Audit => tr(lang, "cli.check.audit"),
            Stage::Records { done, total } => trf(
                lang,
                "cli.check.records",
                &[("done", &done), ("total", &total)],
            ),
        };
        line.show(&text);
    }
}

/// `estu check`: SQLite's own checks, then every record against the rules.
pub fn check(cli: &Cli) -> Result<()> {
    let store = cli.open_to_read()?;
    let lang = cli.lang;
    let line = super::progress::Line::new();
    let report = estu_core::safety::check::run_with(&store, &mut check_progress(lang, &line));
    line.clear();
    let report = report?;
    let problems: Vec<String> = report
        .file
        .iter()
        .cloned()
        .chain(
            report
                .audit
                .iter()
                .map(|b| Text::new(b.key()).arg("id", b.id()).render(lang)),
        )
        .chain(report.records.iter().map(|p| p.message(lang)))
        .collect();
    let checked = report.checked;
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        println!("{}", trf(lang, "cli.check_ok", &[("records", &checked)]));
        Ok(())
    } else {
        Err(Error::Other(
            Text::new("cli.check_failed").arg("count", problems.len()),
        ))
    }
}
