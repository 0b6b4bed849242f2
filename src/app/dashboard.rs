//! Главная: this quarter at a glance (appeals received, answered, overdue, due in three days;
//! the plan's progress and money; the next reception day) and charts of appeals by month and
//! by topic. Read with a few aggregate queries, again only after data changed.

use super::widgets::{self, fmt_date};
use super::{Cx, Go, Screen, pick_lang};
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::store::appeals::StatusFilter;
use chrono::{Datelike, Days, Months, NaiveDate};
use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};
use rusqlite::Connection;

/// The figures on the screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub quarter_from: Option<NaiveDate>,
    pub quarter_to: Option<NaiveDate>,
    pub received: i64,
    pub answered: i64,
    pub overdue: i64,
    pub due_soon: i64,
    pub plan_done: i64,
    pub plan_total: i64,
    pub money_needed: f64,
    pub money_allocated: f64,
    /// (first day of month, appeals registered) for the last twelve months.
    pub by_month: Vec<(NaiveDate, i64)>,
    /// (topic ru, topic kk, appeals) this quarter, the largest first.
    pub by_topic: Vec<(String, String, i64)>,
}

/// The quarter `day` falls in.
pub fn quarter_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let q0 = (day.month0() / 3) * 3 + 1;
    let from = NaiveDate::from_ymd_opt(day.year(), q0, 1).expect("valid");
    let to = from + Months::new(3) - Days::new(1);
    (from, to)
}

impl Figures {
    pub fn read(conn: &Connection, today: NaiveDate) -> Result<Figures> {
        let (from, to) = quarter_of(today);
        let one = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<i64> {
            Ok(conn.prepare_cached(sql)?.query_row(p, |r| r.get(0))?)
        };
        let soon = today + Days::new(3);
        let mut f = Figures {
            quarter_from: Some(from),
            quarter_to: Some(to),
            received: one(
                "SELECT count(*) FROM appeal WHERE registered_on BETWEEN ?1 AND ?2",
                &[&from, &to],
            )?,
            answered: one(
                "SELECT count(*) FROM appeal WHERE answered_on BETWEEN ?1 AND ?2",
                &[&from, &to],
            )?,
            overdue: one(
                "SELECT count(*) FROM appeal WHERE outcome IS NULL AND coalesce(extended_to, deadline) < ?1",
                &[&today],
            )?,
            due_soon: one(
                "SELECT count(*) FROM appeal WHERE outcome IS NULL
                 AND coalesce(extended_to, deadline) BETWEEN ?1 AND ?2",
                &[&today, &soon],
            )?,
            ..Default::default()
        };
        let (done, total, needed, allocated): (i64, i64, f64, f64) = conn.query_row(
            "SELECT coalesce(sum(status = 'done'), 0), count(*), coalesce(sum(money_needed), 0),
                    coalesce(sum(money_allocated), 0) FROM plan_item",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        f.plan_done = done;
        f.plan_total = total;
        f.money_needed = needed;
        f.money_allocated = allocated;
        let first = today.with_day(1).expect("day 1") - Months::new(11);
        // Per day, in index order (no sort of a year's rows), summed into months here.
        let mut st = conn.prepare_cached(
            "SELECT registered_on, count(*) FROM appeal
             WHERE registered_on >= ?1 AND registered_on <= ?2 GROUP BY registered_on",
        )?;
        let days: Vec<(NaiveDate, i64)> = st
            .query_map(rusqlite::params![first, today], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for i in 0..12 {
            let m = first + Months::new(i);
            let next = m + Months::new(1);
            let n = days
                .iter()
                .filter(|(d, _)| *d >= m && *d < next)
                .map(|(_, n)| n)
                .sum();
            f.by_month.push((m, n));
        }
        let mut st = conn.prepare_cached(
            "SELECT t.name_ru, t.name_kk, count(*) AS n FROM appeal a JOIN topic t ON t.id = a.topic_id
             WHERE a.registered_on BETWEEN ?1 AND ?2 GROUP BY a.topic_id ORDER BY n DESC, t.sort_order LIMIT 8",
        )?;
        f.by_topic = st
            .query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(f)
    }
}

#[derive(Default)]
pub struct Dashboard {
    key: Option<(u64, NaiveDate)>,
    pub figures: Figures,
    error: Option<String>,
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
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let today = cx.today();
        let key = (*cx.generation, today);
        if self.key != Some(key) {
            match Figures::read(cx.store.conn(), today) {
                Ok(f) => {
                    self.figures = f;
                    self.error = None;
                }
                Err(e) => self.error = Some(e.message(lang)),
            }
            self.key = Some(key);
        }
        let f = self.figures.clone();
        ui.heading(tr(lang, "ui.nav.dashboard"));
        if let (Some(a), Some(b)) = (f.quarter_from, f.quarter_to) {
            ui.label(trf(
                lang,
                "ui.dash.quarter",
                &[("from", &fmt_date(a)), ("to", &fmt_date(b))],
            ));
        }
        if let Some(e) = &self.error {
            ui.label(RichText::new(e).color(widgets::RED));
        }
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
        if let Some(s) = go_status {
            *cx.go = Some(Go::Journal(s));
        }
        ui.add_space(8.0);
        let h = (ui.available_height() - 30.0).clamp(160.0, 320.0);
        ui.columns(2, |cols| {
            cols[0].label(RichText::new(tr(lang, "ui.dash.by_month")).strong());
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
                    if (mark.value - i as f64).abs() < 1e-6 && (0..months.len() as i64).contains(&i)
                    {
                        months[i as usize].clone()
                    } else {
                        String::new()
                    }
                })
                .show(&mut cols[0], |p| {
                    p.bar_chart(BarChart::new(tr(lang, "ui.dash.appeals"), bars));
                });
            cols[1].label(RichText::new(tr(lang, "ui.dash.by_topic")).strong());
            let n = f.by_topic.len();
            let bars: Vec<Bar> = f
                .by_topic
                .iter()
                .enumerate()
                .map(|(i, (ru, kk, c))| {
                    Bar::new((n - i) as f64, *c as f64)
                        .width(0.7)
                        .name(pick_lang(lang, ru, kk))
                        .horizontal()
                })
                .collect();
            if f.by_topic.is_empty() {
                cols[1].label(RichText::new(tr(lang, "ui.dash.no_appeals")).weak());
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
                .show(&mut cols[1], |p| {
                    p.bar_chart(BarChart::new(tr(lang, "ui.dash.appeals"), bars).horizontal());
                });
            for (i, (ru, kk, c)) in f.by_topic.iter().enumerate() {
                cols[1].label(
                    RichText::new(format!("{}. {} — {c}", i + 1, pick_lang(lang, ru, kk))).small(),
                );
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(quarter_of(d(2022, 3, 31)), (d(2022, 1, 1), d(2022, 3, 31)));
        assert_eq!(quarter_of(d(2024, 5, 2)), (d(2024, 4, 1), d(2024, 6, 30)));
        assert_eq!(
            quarter_of(d(2022, 12, 31)),
            (d(2022, 10, 1), d(2022, 12, 31))
        );
    }

    #[test]
    fn figures_count_the_quarter_the_months_and_what_is_late() {
        use crate::model::{Appeal, Channel, Outcome};
        use crate::store::{Store, appeals, reference};
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut store = Store::in_memory(&crate::demo::profile()).unwrap();
        let water = reference::topic_id_by_code(store.conn(), "water")
            .unwrap()
            .unwrap();
        let roads = reference::topic_id_by_code(store.conn(), "roads")
            .unwrap()
            .unwrap();
        // Received (a weekday, 10:00) → month: Jan 2022 ×1 (the first of the 12 months up to
        // December), Feb ×2, Nov ×1, Dec ×3 (two water, one roads; one answered).
        let days = [
            (d(2022, 1, 10), water, false),
            (d(2022, 2, 7), water, true),
            (d(2022, 2, 8), water, true),
            (d(2022, 11, 28), roads, false),
            (d(2022, 12, 1), water, true),
            (d(2022, 12, 5), water, false),
            (d(2022, 12, 6), roads, false),
        ];
        store
            .write(|tx| {
                for (day, topic, answered) in days {
                    let mut a = Appeal::new(
                        day.and_hms_opt(10, 0, 0).unwrap(),
                        Channel::WrittenPerson,
                        "Сидоров Иван",
                        topic,
                        "Прошу отремонтировать",
                    );
                    if answered {
                        a.outcome = Some(Outcome::Explained);
                        a.answered_on = Some(day + Days::new(3));
                    }
                    appeals::insert(tx, &mut a)?;
                }
                Ok(())
            })
            .unwrap();
        let today = d(2022, 12, 15);
        let f = Figures::read(store.conn(), today).unwrap();
        assert_eq!((f.received, f.answered), (4, 1));
        // Open: 10 Jan (due 31 Jan) and 28 Nov (due 19 Dec) → one overdue; 5 and 6 Dec are
        // due 26 and 27 Dec; 28 Nov's 19 Dec is not within 3 days of the 15th either.
        assert_eq!((f.overdue, f.due_soon), (1, 0));
        assert_eq!(f.by_month.len(), 12);
        assert_eq!(f.by_month[0], (d(2022, 1, 1), 1));
        assert_eq!(f.by_month[11], (d(2022, 12, 1), 3));
        let month = |m: u32| f.by_month.iter().find(|x| x.0 == d(2022, m, 1)).unwrap().1;
        assert_eq!((month(2), month(3), month(11), month(12)), (2, 0, 1, 3));
        assert_eq!(f.by_month.iter().map(|x| x.1).sum::<i64>(), 7);
        let topics: Vec<i64> = f.by_topic.iter().map(|t| t.2).collect();
        assert_eq!(
            topics,
            [2, 2],
            "quarter: water 1 and 5 Dec, roads 28 Nov and 6 Dec"
        );
    }
}
