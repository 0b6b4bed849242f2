//! «Опубликовать» on the plan screen: the plan as of today as an HTML page for the akimat's
//! website, or its PNG card, saved where the user chooses (the same as `estu publish`).

use super::Cx;
use egui::Ui;
use estu_core::forms::Period;
use estu_core::i18n::{tr, trf};
use estu_core::publish::{self, Kind};
use estu_core::safety::output::Protected;

/// The two buttons; each asks where to save and says what it did.
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
    let store = &*cx.store;
    let done = publish::prepare(store.conn(), Period::as_of(today), today)
        .and_then(|pages| publish::save(&pages, cx.lang, &path, &Protected::of(store)));
    match done {
        Ok(kind) => {
            let key = match kind {
                Kind::Html => "publish.saved_html",
                Kind::Png => "publish.saved_png",
            };
            cx.info(trf(cx.lang, key, &[("path", &path.display())]));
            if target.fallback {
                cx.info(super::save_to::saved_text(cx.lang, &path, true));
            }
            super::save_to::open(cx, &path);
        }
        Err(e) => cx.error(&e),
    }
}
