//! «Опубликовать» on the plan screen: the plan as of today as an HTML page for the akimat's
//! website, or its PNG card, saved where the user chooses (the same as `estu publish`). The
//! figures are read and the file drawn and written on the jobs runner, on a read-only
//! connection of its own; the file is written whole (`safety::output`) and the window says
//! where it went (`App::finish_job`).

use super::Cx;
use super::jobs::Done;
use egui::Ui;
use estu_core::forms::Period;
use estu_core::i18n::tr;
use estu_core::publish;
use estu_core::safety::output::Protected;
use estu_core::store::Db;

/// The two buttons; each asks where to save and starts the job.
pub fn buttons(ui: &mut Ui, cx: &mut Cx) {
    let lang = cx.lang;
    if ui.button(tr(lang, "ui.plan.publish")).clicked() {
        save(cx, "html");
    }
    if ui.button(tr(lang, "ui.plan.card")).clicked() {
        save(cx, "png");
    }
}

fn save(cx: &mut Cx, ext: &str) {
    let today = cx.today();
    let suggested = format!("plan-{}.{ext}", today.format("%Y-%m-%d"));
    let Some(target) = super::save_to::choose(cx, &suggested, ext) else {
        return;
    };
    let path = target.path;
    let lang = cx.lang;
    let period = Period::as_of(today);
    let protected = Protected::of(cx.store);
    let launcher = cx.dialogs.launcher();
    // Shown at once: what was published is looked at before it is sent.
    let published = move |path: std::path::PathBuf, result: estu_core::error::Result<_>| {
        let opened = result
            .is_ok()
            .then(|| launcher(super::launch::Action::Open, &path));
        Done::Published {
            path,
            result,
            opened,
        }
    };
    match cx.store.path().map(std::path::Path::to_path_buf) {
        Some(db) => cx.start_job("ui.job.publish", move || {
            let result = Db::open_read_only(&db)
                .and_then(|conn| publish::prepare(&conn, period, today))
                .and_then(|pages| publish::save(&pages, lang, &path, &protected));
            published(path, result)
        }),
        // A store in memory has no file to read beside it: the figures are read here, the
        // page or the card drawn and written on the job.
        None => match publish::prepare(cx.store.conn(), period, today) {
            Ok(pages) => cx.start_job("ui.job.publish", move || {
                let result = publish::save(&pages, lang, &path, &protected);
                published(path, result)
            }),
            Err(e) => cx.error(&e),
        },
    }
}
