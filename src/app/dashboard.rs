//! Главная: this quarter at a glance (appeals received, answered, overdue, due in three days;
//! the plan's progress and money; the next reception day) and charts of appeals by month and
//! by topic. Read with a few aggregate queries, again only after data changed.

use super::reader::Fetch;
use super::widgets::{self, fmt_date};
use super::{Cx, Go, Screen};
use chrono::{Datelike, NaiveDate};
use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};
use estu_core::error::Result;
use estu_core::i18n::{Lang, tr, trf};
use estu_core::store::appeals::StatusFilter;
use estu_core::store::dashboard::Figures;

#[derive(Default)]
pub struct Dashboard {
    /// The figures, read again after a write (the generation) or on a new day.
    figures: Fetch<(u64, NaiveDate), Result<Figures>>,
}

fn tile(ui: &mut Ui, title: &str, value: RichText, on_click: bool) -> bool {
    let mut clicked = false;
    egui::Frame::group(ui.style())
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_min_width(170.0);
            ui.vertical(|ui| {
                ui.label(RichText::new(title).weak());
                if on_click {
                    clicked = ui.link(value).clicked();
                } else {
                    ui.label(value);
                }
            });
        });
    clicked
}

impl Dashboard {
    /// The figures on screen (after their read came).
    pub fn figures(&self) -> Option<&Figures> {
        self.figures.value().and_then(|r| r.as_ref().ok())
    }

    pub fn is_reading(&self) -> bool {
        self.figures.is_reading()
    }

    fn draw(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let today = cx.today();
        ui.heading(tr(lang, "ui.nav.dashboard"));
        let key = (*cx.generation, today);
        let figures = cx.read(&mut self.figures, key, |db, k| Figures::read(db, k.1));
        let f = match figures {
            Some(Ok(f)) => f,
            Some(Err(e)) => {
                ui.label(RichText::new(e.message(lang)).color(widgets::RED));
                return;
            }
            None => {
                ui.spinner();
                return;
            }
        };
        if let (Some(a), Some(b)) = (f.quarter_from, f.quarter_to) {
            ui.label(trf(
                lang,
                "ui.dash.quarter",
                &[("from", &fmt_date(a)), ("to", &fmt_date(b))],
            ));
        }
        quarter_tiles(ui, cx, f);
        plan_tiles(ui, cx, f, today);
        ui.add_space(8.0);
        let h = (ui.available_height() - 30.0).clamp(160.0, 320.0);
        ui.columns(2, |cols| {
            by_month(&mut cols[0], lang, f, h);
            by_topic(&mut cols[1], lang, f, h);
        });
    }
}

/// Appeals this quarter: received, answered, overdue and due soon (the last two open the
/// journal filtered by them).
fn quarter_tiles(ui: &mut Ui, cx: &mut Cx, f: &Figures) {
    let lang = cx.lang;
    let mut go_status = None;
    ui.horizontal_wrapped(|ui| {
        let big = |n: String| RichText::new(n).size(26.0).strong();
        tile(
            ui,
            &tr(lang, "ui.dash.received"),
            big(f.received.to_string()),
            false,
        );
        tile(
            ui,
            &tr(lang, "ui.dash.answered"),
            big(f.answered.to_string()),
            false,
        );
        let overdue = big(f.overdue.to_string());
        let overdue = if f.overdue > 0 {
            overdue.color(widgets::RED)
        } else {
            overdue
        };
        if tile(ui, &tr(lang, "ui.dash.overdue"), overdue, true) {
            go_status = Some(StatusFilter::Overdue);
        }
        let soon = big(f.due_soon.to_string());
        let soon = if f.due_soon > 0 {
            soon.color(widgets::AMBER)
        } else {
            soon
        };
        if tile(ui, &tr(lang, "ui.dash.due_soon"), soon, true) {
            go_status = Some(StatusFilter::DueSoon);
        }
    });
    if let Some(s) = go_status {
        *cx.go = Some(Go::Journal(s));
    }
}

/// The plan's progress and money, and the next reception day.
fn plan_tiles(ui: &mut Ui, cx: &mut Cx, f: &Figures, today: NaiveDate) {
    let lang = cx.lang;
    ui.horizontal_wrapped(|ui| {
        let pct = if f.plan_total > 0 {
            f.plan_done as f64 * 100.0 / f.plan_total as f64
        } else {
            0.0
        };
        let plan = trf(
            lang,
            "ui.dash.plan_value",
            &[
                ("done", &f.plan_done),
                ("total", &f.plan_total),
                ("pct", &format!("{pct:.0}")),
            ],
        );
        if tile(
            ui,
            &tr(lang, "ui.dash.plan"),
            RichText::new(plan).size(18.0),
            true,
        ) {
            *cx.go = Some(Go::Screen(Screen::Plan));
        }
        let money = trf(
            lang,
            "ui.dash.money_value",
            &[
                ("needed", &super::plan::fmt_money(f.money_needed)),
                ("allocated", &super::plan::fmt_money(f.money_allocated)),
            ],
        );
        tile(
            ui,
            &tr(lang, "ui.dash.money"),
            RichText::new(money).size(18.0),
            false,
        );
        let next = super::reception::next_reception_day(cx.refs, today)
            .map(fmt_date)
            .unwrap_or_else(|| tr(lang, "ui.dash.no_reception_days"));
        if tile(
            ui,
            &tr(lang, "ui.dash.next_reception"),
            RichText::new(next).size(18.0),
            true,
        ) {
            *cx.go = Some(Go::Screen(Screen::Reception));
        }
    });
}

/// Appeals by month, as bars.
fn by_month(ui: &mut Ui, lang: Lang, f: &Figures, h: f32) {
    ui.label(RichText::new(tr(lang, "ui.dash.by_month")).strong());
    let bars: Vec<Bar> = f
        .by_month
        .iter()
        .enumerate()
        .map(|(i, (m, n))| {
            Bar::new(i as f64, *n as f64).width(0.7).name(format!(
                "{} {}",
                tr(lang, &format!("ui.month.{}", m.month())),
                m.year()
            ))
        })
        .collect();
    let months: Vec<String> = f
        .by_month
        .iter()
        .map(|(m, _)| format!("{:02}.{:02}", m.month(), m.year() % 100))
        .collect();
    Plot::new("by_month")
        .height(h)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_x(false)
        .include_y(0.0)
        // An empty okrug: an axis from 0 up, not one centred on 0.
        .include_y(5.0)
        .include_x(-0.5)
        .include_x(months.len() as f64 - 0.5)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round() as i64;
            if (mark.value - i as f64).abs() < 1e-6 && (0..months.len() as i64).contains(&i) {
                months[i as usize].clone()
            } else {
                String::new()
            }
        })
        .show(ui, |p| {
            p.bar_chart(BarChart::new(tr(lang, "ui.dash.appeals"), bars));
        });
}

/// Appeals by topic, the most frequent first.
fn by_topic(ui: &mut Ui, lang: Lang, f: &Figures, h: f32) {
    ui.label(RichText::new(tr(lang, "ui.dash.by_topic")).strong());
    let n = f.by_topic.len();
    let bars: Vec<Bar> = f
        .by_topic
        .iter()
        .enumerate()
        .map(|(i, (ru, kk, c))| {
            Bar::new((n - i) as f64, *c as f64)
                .width(0.7)
                .name(lang.pick(ru, kk))
                .horizontal()
        })
        .collect();
    if f.by_topic.is_empty() {
        ui.label(RichText::new(tr(lang, "ui.dash.no_appeals")).weak());
        return;
    }
    Plot::new("by_topic")
        .height(h)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_y(false)
        .include_x(0.0)
        // A few bars must not fill the whole chart: room for a longer bar, and rows
        // of a fixed height.
        .include_x(f.by_topic.iter().map(|t| t.2).max().unwrap_or(0).max(5) as f64)
        .include_y(0.5)
        .include_y(n.max(8) as f64 + 0.5)
        .y_axis_formatter(|_, _| String::new())
        .show(ui, |p| {
            p.bar_chart(BarChart::new(tr(lang, "ui.dash.appeals"), bars).horizontal());
        });
    for (i, (ru, kk, c)) in f.by_topic.iter().enumerate() {
        ui.label(RichText::new(format!("{}. {} — {c}", i + 1, lang.pick(ru, kk))).small());
    }
}

impl super::View for Dashboard {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        self.draw(ui, cx);
    }

    fn is_reading(&self) -> bool {
        self.is_reading()
    }
}
