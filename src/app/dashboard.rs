//! Главная: this quarter at a glance (appeals received, answered, overdue, due in three days;
//! the plan's progress and money; the next reception day) and charts of appeals by month and
//! by topic. Read with a few aggregate queries, again only after data changed.

use super::reader::Fetch;
use super::widgets::{self, fmt_date};
use super::{Cx, Go, Screen};
use chrono::{Datelike, NaiveDate};
use egui::{RichText, Ui};
use egui_plot::{AxisHints, Bar, BarChart, GridMark, Plot};
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

/// Appeals by month, as bars, each month named under its bar (the year is in the bar's tooltip
/// and in the chart's caption when the months span two years).
fn by_month(ui: &mut Ui, lang: Lang, f: &Figures, h: f32) {
    let caption = match (f.by_month.first(), f.by_month.last()) {
        (Some((a, _)), Some((b, _))) if a.year() != b.year() => {
            format!(
                "{} ({}–{})",
                tr(lang, "ui.dash.by_month"),
                a.year(),
                b.year()
            )
        }
        (Some((a, _)), _) => format!("{} ({})", tr(lang, "ui.dash.by_month"), a.year()),
        _ => tr(lang, "ui.dash.by_month"),
    };
    ui.label(RichText::new(caption).strong());
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
        .map(|(m, _)| tr(lang, &format!("ui.month_short.{}", m.month())))
        .collect();
    let count = months.len();
    // One mark per month: the default grid puts marks at 0, 2, 5…, which named two months.
    let x_axis = AxisHints::new_x()
        .label_spacing(18.0..=24.0)
        .formatter(move |mark, _| month_label(&months, mark.value));
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
        .include_x(count as f64 - 0.5)
        .custom_x_axes(vec![x_axis])
        .x_grid_spacer(move |_| {
            (0..count)
                .map(|i| GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .show(ui, |p| {
            p.bar_chart(BarChart::new(tr(lang, "ui.dash.appeals"), bars));
        });
}

/// The month's short name under bar `value`, nothing between bars.
fn month_label(months: &[String], value: f64) -> String {
    let i = value.round();
    if (value - i).abs() < 1e-6 && i >= 0.0 {
        months.get(i as usize).cloned().unwrap_or_default()
    } else {
        String::new()
    }
}

/// Appeals by topic, the most frequent first: one row per topic, its name beside its bar and
/// count, so that a bar is read without looking anything up.
fn by_topic(ui: &mut Ui, lang: Lang, f: &Figures, h: f32) {
    ui.label(RichText::new(tr(lang, "ui.dash.by_topic")).strong());
    if f.by_topic.is_empty() {
        ui.label(RichText::new(tr(lang, "ui.dash.no_appeals")).weak());
        return;
    }
    let most = f.by_topic.iter().map(|t| t.2).max().unwrap_or(1).max(1) as f32;
    let row = (h / f.by_topic.len().max(8) as f32).clamp(20.0, 30.0);
    let width = ui.available_width();
    let name_width = (width * 0.45).min(260.0);
    let bar_color = ui.visuals().selection.bg_fill;
    for (ru, kk, n) in &f.by_topic {
        let name = lang.pick(ru, kk);
        let (rect, response) = ui.allocate_exact_size(egui::vec2(width, row), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        let text_color = ui.visuals().text_color();
        let font = egui::TextStyle::Body.resolve(ui.style());
        let mut job =
            egui::text::LayoutJob::simple_singleline(name.to_string(), font.clone(), text_color);
        job.wrap = egui::text::TextWrapping::truncate_at_width(name_width - 6.0);
        let galley = painter.layout_job(job);
        painter.galley(
            egui::pos2(rect.left(), rect.center().y - galley.size().y / 2.0),
            galley,
            text_color,
        );
        let count = n.to_string();
        let count_width = 40.0;
        let room = (width - name_width - count_width).max(10.0);
        let bar = egui::Rect::from_min_size(
            egui::pos2(rect.left() + name_width, rect.top() + row * 0.2),
            egui::vec2(room * (*n as f32 / most), row * 0.6),
        );
        painter.rect_filled(bar, 2.0, bar_color);
        painter.text(
            egui::pos2(bar.right() + 4.0, rect.center().y),
            egui::Align2::LEFT_CENTER,
            count,
            font,
            text_color,
        );
        // Read out (and found by tests) as the row reads on screen.
        let label = format!("{name}: {n}");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        response.on_hover_text(format!("{name} — {n}"));
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
