//! Forms at region scale (≈1,000,000 appeals, ≈50,000 meetings in one file): the time to
//! compute each form for a year, next to the bare GROUP BY queries over the same rows, the
//! time to render each PDF, and the PDF sizes. Prints figures; asserts nothing.
//! Run: `cargo bench --bench forms`. `ESTU_BENCH_DB=path` reuses (or keeps) the database.

mod common;
use chrono::NaiveDate;
use common::median;
use estu_core::forms::{self, FormKind, Period, Request};
use estu_core::{Lang, Store, demo, render};
use std::time::{Duration, Instant};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `f` a few times after a warm-up and returns the median time.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = f();
    let mut v = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let next = f();
        v.push(t.elapsed());
        // The previous result is dropped outside the timing.
        out = next;
    }
    (median(v), out)
}

/// One timed run of `f`.
fn once<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed(), out)
}

/// Bare aggregate queries over the rows each form reads (no mapping, no model, no wording).
fn bare(kind: FormKind) -> Vec<&'static str> {
    match kind {
        FormKind::F1 => vec![
            "SELECT topic_id, outcome, count(*) FROM appeal
             WHERE channel = 'reception' AND registered_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
        ],
        FormKind::F2 => vec![
            "SELECT substr(planned_on, 6, 2), akim_level, count(*) FROM meeting
             WHERE kind = 'akim826' AND planned_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
            "SELECT substr(held_on, 6, 2), akim_level, count(*), sum(participants_offline), sum(media_social)
             FROM meeting WHERE kind = 'akim826' AND held_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
            "SELECT substr(m.held_on, 6, 2), b.channel, count(*), sum(b.viewers)
             FROM meeting m JOIN meeting_broadcast b ON b.meeting_id = m.id
             WHERE m.kind = 'akim826' AND m.held_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
            "SELECT substr(m.held_on, 6, 2), q.topic_id, count(*) FROM meeting m JOIN question q ON q.meeting_id = m.id
             WHERE m.kind = 'akim826' AND m.held_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
            "SELECT substr(registered_on, 6, 2), count(*) FROM appeal
             WHERE channel = 'online' AND registered_on BETWEEN ?1 AND ?2 GROUP BY 1",
            "SELECT substr(held_on, 6, 2), akim_level, count(*) FROM reception WHERE held_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
            "SELECT substr(r.held_on, 6, 2), sum(a.persons) FROM reception r JOIN appeal a ON a.reception_id = r.id
             WHERE r.held_on BETWEEN ?1 AND ?2 GROUP BY 1",
            "SELECT substr(m.held_on, 6, 2), r.addressee_level, sum(r.count) FROM meeting m
             JOIN meeting_remark r ON r.meeting_id = m.id
             WHERE m.kind = 'akim826' AND m.held_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
        ],
        FormKind::F3 => vec![
            "SELECT count(*) FROM meeting WHERE kind = 'report' AND planned_on BETWEEN ?1 AND ?2",
            "SELECT count(*), sum(participants_offline), sum(speakers),
                    sum((SELECT sum(b.viewers) FROM meeting_broadcast b WHERE b.meeting_id = m.id)),
                    sum(EXISTS (SELECT 1 FROM meeting_broadcast b WHERE b.meeting_id = m.id))
             FROM meeting m WHERE kind = 'report' AND held_on BETWEEN ?1 AND ?2",
            "SELECT q.topic_id, count(*), sum(q.repeated) FROM meeting m JOIN question q ON q.meeting_id = m.id
             WHERE m.kind = 'report' AND m.held_on BETWEEN ?1 AND ?2 GROUP BY 1",
            "SELECT r.addressee_level, sum(r.count) FROM meeting m JOIN meeting_remark r ON r.meeting_id = m.id
             WHERE m.kind = 'report' AND m.held_on BETWEEN ?1 AND ?2 GROUP BY 1",
        ],
        FormKind::F4 => vec![
            "SELECT channel, applicant_type, repeated, topic_id, count(*) FROM appeal
             WHERE registered_on BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3, 4",
            "SELECT outcome, repeated, count(*) FROM appeal WHERE answered_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
        ],
        FormKind::F5 => vec![
            "SELECT p.id, p.problem, s.name_ru, s.name_kk, p.measure, e.name, p.deadline, p.funding_source,
                    p.money_needed, p.money_allocated, p.status, p.status_note, p.done_on
             FROM plan_item p LEFT JOIN settlement s ON s.id = p.settlement_id
                  LEFT JOIN executor e ON e.id = p.executor_id
             WHERE p.created_on BETWEEN ?1 AND ?2
             ORDER BY s.name_ru IS NULL, s.name_ru, coalesce(p.deadline, '9999-12-31'), p.id",
            "SELECT pq.plan_item_id, m.kind, coalesce(m.held_on, m.planned_on), a.channel, a.registered_on
             FROM plan_item p JOIN plan_item_question pq ON pq.plan_item_id = p.id
                  JOIN question q ON q.id = pq.question_id
                  LEFT JOIN meeting m ON m.id = q.meeting_id LEFT JOIN appeal a ON a.id = q.appeal_id
             WHERE p.created_on BETWEEN ?1 AND ?2 ORDER BY 1, 3, 5",
        ],
    }
}

fn run_bare(store: &Store, sqls: &[&str], from: NaiveDate, to: NaiveDate) -> usize {
    let mut n = 0;
    for sql in sqls {
        let mut st = store.conn().prepare_cached(sql).expect("bare query");
        let mut rows = st.query(rusqlite::params![from, to]).expect("query");
        while let Some(r) = rows.next().expect("row") {
            n += r.as_ref().column_count();
        }
    }
    n
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = common::region_db(dir.path());
    let until = common::until();
    let store = estu_core::safety::open(&path).expect("open");
    let count = |sql: &str| -> i64 {
        store
            .conn()
            .query_row(sql, [], |r| r.get(0))
            .expect("count")
    };
    println!(
        "database: {} appeals, {} meetings, {} questions, {} plan items",
        count("SELECT count(*) FROM appeal"),
        count("SELECT count(*) FROM meeting"),
        count("SELECT count(*) FROM question"),
        count("SELECT count(*) FROM plan_item")
    );

    let year = 2025;
    let period = Period::year(year);
    let today = until;
    println!(
        "\nform {year}   compute ms   bare GROUP BY ms   ratio   PDF render ms   PDF KB   pages"
    );
    for kind in FormKind::ALL {
        let p = if kind == FormKind::F3 {
            Period::as_of(NaiveDate::from_ymd_opt(year, 12, 31).expect("valid"))
        } else {
            period
        };
        let req = Request::new(kind, p, Lang::Ru, today);
        // The form and its bare queries take turns, so that a machine whose speed drifts
        // (a shared one) slows both alike and the ratio holds.
        let sqls = bare(kind);
        let mut form = forms::compute(store.conn(), &req).expect("form");
        run_bare(&store, &sqls, p.from, p.to);
        let (mut forms_t, mut bares_t) = (Vec::new(), Vec::new());
        for _ in 0..9 {
            let (t, next) = once(|| forms::compute(store.conn(), &req).expect("form"));
            forms_t.push(t);
            // The previous form is dropped outside the timing.
            form = next;
            bares_t.push(once(|| run_bare(&store, &sqls, p.from, p.to)).0);
        }
        let (t_form, t_bare) = (median(forms_t), median(bares_t));
        let (t_pdf, pdf) = time(5, || render::pdf::render(&form));
        // Pages sit in compressed object streams: count them from the parsed file.
        let pages = lopdf::Document::load_mem(&pdf).map_or(0, |d| d.get_pages().len());
        println!(
            "{:<9} {:>10.1} {:>18.1} {:>7.2} {:>15.1} {:>8.1} {:>7}",
            kind.code(),
            ms(t_form),
            ms(t_bare),
            t_form.as_secs_f64() / t_bare.as_secs_f64().max(1e-9),
            ms(t_pdf),
            pdf.len() as f64 / 1024.0,
            pages,
        );
    }
    // A plan of a realistic length (an okrug's year: about 100 items) as PDF.
    let req = Request::new(FormKind::F5, period, Lang::Ru, today);
    let mut plan = forms::compute(store.conn(), &req).expect("form");
    let rows = &mut plan.tables[0].rows;
    let total = rows.pop().expect("total row");
    rows.truncate(100);
    rows.push(total);
    let (t_pdf, pdf) = time(5, || render::pdf::render(&plan));
    println!(
        "f5 with 100 items: PDF {:.1} ms, {:.1} KB",
        ms(t_pdf),
        pdf.len() as f64 / 1024.0
    );
    // One settlement: the scope filter on top of the period.
    let scope = forms::Scope::resolve(store.conn(), Some(demo::profile::SETTLEMENTS[1].0))
        .expect("settlement");
    for kind in [FormKind::F1, FormKind::F4] {
        let req = Request::new(kind, period, Lang::Ru, today).with_scope(scope.clone());
        let (t, _) = time(7, || forms::compute(store.conn(), &req).expect("form"));
        println!("{} one settlement: {:.1} ms", kind.code(), ms(t));
    }
}
