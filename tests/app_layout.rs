//! Every screen of the desktop app laid out at the smallest and the largest window the staff
//! use (1024×600, 1920×1080), in Russian and in Kazakh: no two interactive widgets overlap and
//! every button is inside the window (or in a scrolled area that brings it into view).
//!
//! The widgets and their bounds come from the accessibility tree kittest exposes; what part of
//! a widget is shown (a scrolled area clips it) comes from egui's own record of the frame.

use egui::Rect;
use egui::accesskit;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use estu::app::{App, Go, Screen};
use estu_core::i18n::{Lang, tr};
use estu_core::store::Store;
use std::collections::HashMap;
use std::path::Path;

#[path = "support/app.rs"]
mod app_support;
use app_support::*;

/// A widget a person clicks or types into, as the accessibility tree shows it.
#[derive(Debug, Clone)]
struct Widget {
    id: u64,
    role: accesskit::Role,
    label: String,
    /// Its whole rectangle.
    rect: Rect,
    /// The part of it drawn (a scrolled area clips the rest); empty when scrolled away.
    shown: Rect,
    layer: egui::LayerId,
}

fn is_interactive(role: accesskit::Role) -> bool {
    use accesskit::Role::*;
    matches!(
        role,
        Button
            | DefaultButton
            | CheckBox
            | RadioButton
            | ComboBox
            | TextInput
            | MultilineTextInput
            | SearchInput
            | DateInput
            | SpinButton
            | Slider
            | Link
            | Tab
            | MenuItem
    )
}

/// The interactive widgets of the last frame with what of them is shown.
fn widgets(h: &Harness<'_, App>) -> Vec<Widget> {
    let mut drawn: HashMap<u64, (Rect, egui::LayerId)> = HashMap::new();
    h.ctx.viewport(|v| {
        // The pass that ended last (egui swaps them at the end of a pass).
        for (_, rects) in v.prev_pass.widgets.layers() {
            for w in rects {
                drawn.insert(w.id.value(), (w.interact_rect, w.layer_id));
            }
        }
    });
    let mut out = Vec::new();
    for node in h.root().children_recursive() {
        let ak = node.accesskit_node();
        if !is_interactive(ak.role()) || ak.bounding_box().is_none() {
            continue;
        }
        let id = ak.locate().0.0;
        let rect = node.rect();
        let Some((shown, layer)) = drawn.get(&id).copied() else {
            continue;
        };
        out.push(Widget {
            id,
            role: ak.role(),
            label: ak.label().unwrap_or_default(),
            rect,
            shown: shown.intersect(rect),
            layer,
        });
    }
    out
}

fn is_shown(r: &Rect) -> bool {
    r.width() > 0.5 && r.height() > 0.5
}

/// The problems of the frame drawn last: overlapping widgets, buttons out of the window.
fn problems(h: &mut Harness<'_, App>, place: &str) -> Vec<String> {
    let size = h.ctx.content_rect();
    let window = size.expand(0.5);
    let all = widgets(h);
    let mut found = Vec::new();
    let shown: Vec<&Widget> = all.iter().filter(|w| is_shown(&w.shown)).collect();
    for (i, a) in shown.iter().enumerate() {
        for b in &shown[i + 1..] {
            if a.layer != b.layer {
                continue;
            }
            let both = a.shown.intersect(b.shown);
            // Touching edges are not an overlap; a widget drawn inside another (a field's
            // own button) is not one either when one contains the other whole.
            if both.width() > 1.0
                && both.height() > 1.0
                && !a.rect.contains_rect(b.rect)
                && !b.rect.contains_rect(a.rect)
            {
                found.push(format!(
                    "{place}: {:?} «{}» {:?} overlaps {:?} «{}» {:?}",
                    a.role, a.label, a.shown, b.role, b.label, b.shown
                ));
            }
        }
        if !window.contains_rect(a.shown) {
            found.push(format!(
                "{place}: {:?} «{}» {:?} is outside the window {:?}",
                a.role, a.label, a.shown, size
            ));
        }
        // Cut by the window's own edge (not by a scrolled area inside it): part of it cannot
        // be reached.
        if !window.contains_rect(a.rect) && a.shown != a.rect {
            let cut_at_edge = (a.shown.max.y - size.max.y).abs() < 0.6
                || (a.shown.max.x - size.max.x).abs() < 0.6;
            if cut_at_edge {
                found.push(format!(
                    "{place}: {:?} «{}» {:?} is cut by the window's edge",
                    a.role, a.label, a.rect
                ));
            }
        }
    }
    // A button not shown at all must come into view when scrolled to (it is in a scrolled
    // area, not below the window's edge).
    let hidden: Vec<Widget> = all
        .iter()
        .filter(|w| !is_shown(&w.shown) && is_button(w.role))
        .take(12)
        .cloned()
        .collect();
    for w in hidden {
        let Some(node) = h
            .root()
            .children_recursive()
            .find(|n| n.accesskit_node().locate().0.0 == w.id)
        else {
            continue;
        };
        node.scroll_to_me();
        h.run();
        let now = widgets(h).into_iter().find(|x| x.id == w.id);
        match now {
            Some(x) if is_shown(&x.shown) && window.contains_rect(x.shown) => {}
            _ => found.push(format!(
                "{place}: {:?} «{}» {:?} cannot be scrolled into view",
                w.role, w.label, w.rect
            )),
        }
    }
    found
}

fn is_button(role: accesskit::Role) -> bool {
    matches!(
        role,
        accesskit::Role::Button | accesskit::Role::DefaultButton
    )
}

/// What a person can open: every screen, the tabs of the reference and backups screens, the
/// editors (appeal, meeting, plan item) and every form of the reports screen.
#[derive(Debug, Clone)]
enum Place {
    Screen(Screen),
    Tab(Screen, &'static str),
    Go(Go),
}

fn places(path: &Path) -> Vec<Place> {
    let store = Store::open_read_only(path).unwrap();
    let first = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    let appeal = first("SELECT max(id) FROM appeal");
    let meeting = first("SELECT max(id) FROM meeting");
    let item = first("SELECT max(id) FROM plan_item");
    let mut out: Vec<Place> = Screen::ALL.iter().map(|s| Place::Screen(*s)).collect();
    for tab in [
        "ui.ref.settlements",
        "ui.ref.executors",
        "ui.ref.staff",
        "ui.ref.topics",
        "ui.ref.calendar",
    ] {
        out.push(Place::Tab(Screen::Reference, tab));
    }
    for tab in ["ui.backup.history", "ui.backup.trash"] {
        out.push(Place::Tab(Screen::Backups, tab));
    }
    out.push(Place::Go(Go::NewAppeal { reception: None }));
    out.push(Place::Go(Go::Appeal(appeal)));
    out.push(Place::Go(Go::Meeting(meeting)));
    out.push(Place::Go(Go::PlanItem(item)));
    for f in ["f1", "f2", "f3", "f4", "f5"] {
        out.push(Place::Go(Go::Report(f)));
    }
    out
}

fn check_every_screen(size: egui::Vec2, lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let places = places(&path);
    let opened = path.clone();
    let mut h = Harness::builder().with_size(size).build_eframe(move |_cc| {
        let mut store = estu_core::safety::open(&opened).unwrap();
        store.set_today(today());
        App::with_store(store)
    });
    h.state_mut().set_lang(lang);
    settle(&mut h);
    let mut found = Vec::new();
    for place in places {
        // Every place is opened from the dashboard, as from the side panel.
        h.state_mut().show(Screen::Dashboard);
        settle(&mut h);
        match &place {
            Place::Screen(s) => h.state_mut().show(*s),
            Place::Tab(s, tab) => {
                h.state_mut().show(*s);
                settle(&mut h);
                h.get_by_label(&tr(lang, tab)).click();
            }
            Place::Go(go) => h.state_mut().go(go.clone()),
        }
        settle(&mut h);
        found.extend(problems(&mut h, &format!("{lang:?} {size:?} {place:?}")));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

fn check_the_wizard(size: egui::Vec2, lang: Lang) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |_cc| App::open(path));
    h.state_mut().set_lang(lang);
    h.run();
    let found = problems(&mut h, &format!("{lang:?} {size:?} wizard"));
    assert!(found.is_empty(), "{}", found.join("\n"));
    // Its action is in view without scrolling.
    let label = tr(lang, "ui.wizard.create");
    let id = h.get_by_label(&label).accesskit_node().locate().0.0;
    let w = widgets(&h).into_iter().find(|w| w.id == id).unwrap();
    assert!(
        is_shown(&w.shown) && w.shown == w.rect,
        "«{}» is in view at {size:?}: {:?}",
        w.label,
        w.shown
    );
}

const SMALL: egui::Vec2 = egui::vec2(1024.0, 600.0);
const LARGE: egui::Vec2 = egui::vec2(1920.0, 1080.0);

#[test]
fn every_screen_fits_1024x600_in_russian() {
    check_every_screen(SMALL, Lang::Ru);
}

#[test]
fn every_screen_fits_1024x600_in_kazakh() {
    check_every_screen(SMALL, Lang::Kk);
}

#[test]
fn every_screen_fits_1920x1080_in_russian() {
    check_every_screen(LARGE, Lang::Ru);
}

#[test]
fn every_screen_fits_1920x1080_in_kazakh() {
    check_every_screen(LARGE, Lang::Kk);
}

#[test]
fn the_wizard_keeps_its_action_in_view() {
    for size in [SMALL, egui::vec2(1366.0, 768.0), LARGE] {
        for lang in [Lang::Ru, Lang::Kk] {
            check_the_wizard(size, lang);
        }
    }
}
