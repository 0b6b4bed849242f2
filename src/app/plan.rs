//! План мероприятий: items with executor, deadline, funding, money and status; overdue ones
//! highlighted; filters by status, settlement and executor; a bulk status change on the
//! ticked items; the item editor; F5 prints the plan (form 5).

use super::reader::{Fetch, Open, Reader};
use super::widgets::{self, Fields, Picker, fmt_date, parse_date, parse_money, problem_box};
use super::{Cx, Editor, Go};
use chrono::NaiveDate;
use egui::{RichText, Ui};
use estu_core::error::Problem;
use estu_core::i18n::{Lang, Text, tr, trf};
use estu_core::model::*;
use estu_core::store::{Db, plan};
use std::collections::BTreeSet;

/// Thousand tenge with a space between thousands: `1 234,5`.
pub fn fmt_money(v: f64) -> String {
    estu_core::input::format_number(v, Some(1), true)
}

#[derive(Debug, Clone, PartialEq)]
struct Data {
    p: PlanItem,
    deadline: String,
    done_on: String,
    needed: String,
    allocated: String,
}

fn data_of(p: PlanItem) -> Data {
    Data {
        deadline: widgets::fmt_opt_date(p.deadline),
        done_on: widgets::fmt_opt_date(p.done_on),
        needed: if p.money_needed == 0.0 {
            String::new()
        } else {
            estu_core::input::format_number(p.money_needed, None, false)
        },
        allocated: if p.money_allocated == 0.0 {
            String::new()
        } else {
            estu_core::input::format_number(p.money_allocated, None, false)
        },
        p,
    }
}

pub struct ItemEditor {
    data: Data,
    initial: Data,
    settlement: Picker,
    topic: Picker,
    executor: Picker,
    problems: Vec<Problem>,
    other_error: Option<String>,
    raised: Vec<plan::RaisedAt>,
}

impl ItemEditor {
    fn new(p: PlanItem, raised: Vec<plan::RaisedAt>) -> Self {
        let data = data_of(p);
        ItemEditor {
            initial: data.clone(),
            data,
            settlement: Picker::default(),
            topic: Picker::default(),
            executor: Picker::default(),
            problems: Vec::new(),
            other_error: None,
            raised,
        }
    }

    fn collect(&self) -> Result<PlanItem, Vec<Problem>> {
        let d = &self.data;
        let mut p = d.p.clone();
        let rec = estu_core::rules::validate::plan_record(&p);
        let mut problems = Vec::new();
        let mut date = |field: &str, s: &str| -> Option<NaiveDate> {
            if s.trim().is_empty() {
                return None;
            }
            let v = parse_date(s);
            if v.is_none() {
                problems.push(Problem::new(
                    rec.clone(),
                    field,
                    Text::new("ui.date.bad_value").arg("value", s.trim()),
                ));
            }
            v
        };
        p.deadline = date("plan.deadline", &d.deadline);
        p.done_on = date("plan.done_on", &d.done_on);
        let mut money = |field: &str, s: &str| -> f64 {
            parse_money(s).unwrap_or_else(|| {
                problems.push(Problem::new(
                    rec.clone(),
                    field,
                    Text::new("ui.money.bad_value").arg("value", s.trim()),
                ));
                0.0
            })
        };
        p.money_needed = money("plan.money_needed", &d.needed);
        p.money_allocated = money("plan.money_allocated", &d.allocated);
        if problems.is_empty() {
            Ok(p)
        } else {
            Err(problems)
        }
    }

    /// Back, the title and «Сохранить».
    fn header(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "ui.meetings.back")).clicked() {
                *cx.go = Some(Go::CloseEditor);
            }
            let title = if self.data.p.id == 0 {
                tr(lang, "ui.plan.new")
            } else {
                trf(lang, "ui.plan.title", &[("id", &self.data.p.id)])
            };
            ui.heading(title);
            if ui
                .button(RichText::new(tr(lang, "ui.save_ctrl_s")).strong())
                .clicked()
            {
                self.save(cx);
            }
        });
    }

    /// Where the item's question was raised (meetings, appeals).
    fn raised(&self, ui: &mut Ui, lang: Lang) {
        for r in &self.raised {
            let t = match r {
                plan::RaisedAt::Meeting { kind, date } => trf(
                    lang,
                    "ui.plan.raised_meeting",
                    &[("kind", &kind.label(lang)), ("date", &fmt_date(*date))],
                ),
                plan::RaisedAt::Appeal { channel, date } => trf(
                    lang,
                    "ui.plan.raised_appeal",
                    &[
                        ("channel", &channel.label(lang)),
                        ("date", &fmt_date(*date)),
                    ],
                ),
            };
            ui.label(RichText::new(t).weak());
        }
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S)) {
            self.save(cx);
        }
        self.header(ui, cx);
        problem_box(ui, lang, &self.problems, self.other_error.as_deref());
        self.raised(ui, lang);
        let problems = std::mem::take(&mut self.problems);
        let mut f = Fields::new(lang, &problems);
        f.width = 520.0;
        let ItemEditor {
            data: d,
            settlement,
            topic,
            executor,
            ..
        } = self;
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("plan_item").num_columns(2).show(ui, |ui| {
                what_fields(ui, &mut f, d, cx, [settlement, topic, executor]);
                status_fields(ui, &mut f, d, cx);
            });
        });
        f.chain.finish(ui);
        self.problems = problems;
    }
}

/// The problem and the measure, where and what about, who does it by when, and the money.
fn what_fields(ui: &mut Ui, f: &mut Fields, d: &mut Data, cx: &Cx, pickers: [&mut Picker; 3]) {
    let lang = f.lang;
    let [settlement, topic, executor] = pickers;
    f.multiline(
        ui,
        "field.plan.problem",
        "plan.problem",
        &mut d.p.problem,
        2,
    );
    f.multiline(
        ui,
        "field.plan.measure",
        "plan.measure",
        &mut d.p.measure,
        2,
    );
    f.pick(
        ui,
        "field.plan.settlement",
        "plan.settlement",
        settlement,
        &cx.refs.settlement_options(lang),
        &mut d.p.settlement_id,
        true,
    );
    f.pick(
        ui,
        "field.plan.topic",
        "plan.topic",
        topic,
        &cx.refs.topic_options(lang),
        &mut d.p.topic_id,
        true,
    );
    f.pick(
        ui,
        "field.plan.executor",
        "plan.executor",
        executor,
        &cx.refs.executor_options(),
        &mut d.p.executor_id,
        true,
    );
    f.date(
        ui,
        "field.plan.deadline",
        "plan.deadline",
        &mut d.deadline,
        Some(&cx.refs.calendar),
    );
    f.text(
        ui,
        "field.plan.funding_source",
        "plan.funding_source",
        &mut d.p.funding_source,
    );
    f.text(
        ui,
        "field.plan.money_needed",
        "plan.money_needed",
        &mut d.needed,
    );
    f.text(
        ui,
        "field.plan.money_allocated",
        "plan.money_allocated",
        &mut d.allocated,
    );
}

/// Where the item stands: its status (done gets today's date unless one is there), a note on
/// the status, and a note.
fn status_fields(ui: &mut Ui, f: &mut Fields, d: &mut Data, cx: &Cx) {
    let lang = f.lang;
    let statuses: Vec<(PlanStatus, String)> = PlanStatus::ALL
        .iter()
        .map(|s| (*s, s.label(lang)))
        .collect();
    f.combo(
        ui,
        "field.plan.status",
        "plan.status",
        &mut d.p.status,
        &statuses,
    );
    if d.p.status == PlanStatus::Done {
        if d.done_on.trim().is_empty() {
            d.done_on = fmt_date(cx.store.today());
        }
        f.date(
            ui,
            "field.plan.done_on",
            "plan.done_on",
            &mut d.done_on,
            Some(&cx.refs.calendar),
        );
    } else {
        d.done_on.clear();
    }
    f.text(
        ui,
        "field.plan.status_note",
        "plan.status_note",
        &mut d.p.status_note,
    );
    f.multiline(ui, "field.plan.note", "plan.note", &mut d.p.note, 2);
    f.errors(ui, &["plan.questions"]);
}

impl Editor for ItemEditor {
    fn dirty(&self) -> bool {
        self.data != self.initial
    }

    fn save(&mut self, cx: &mut Cx) -> bool {
        self.problems.clear();
        self.other_error = None;
        let p = match self.collect() {
            Ok(p) => p,
            Err(e) => {
                self.problems = e;
                cx.forget_note();
                return false;
            }
        };
        match cx.store.write(|tx| {
            let mut p = p.clone();
            plan::save(tx, &mut p)?;
            Ok(p)
        }) {
            Ok(p) => {
                cx.changed();
                let raised = self.raised.clone();
                *self = ItemEditor::new(p, raised);
                cx.info(tr(cx.lang, "ui.plan.saved"));
                true
            }
            Err(e) => {
                if e.problems().is_empty() {
                    self.other_error = Some(e.message(cx.lang));
                } else {
                    self.problems = e.problems().to_vec();
                }
                cx.forget_note();
                false
            }
        }
    }

    fn discard(&mut self) {
        self.data = self.initial.clone();
        self.problems.clear();
    }
}

#[derive(Default)]
pub struct Plan {
    pub filter: plan::Filter,
    overdue_only: bool,
    /// Words to find in the problem or the measure.
    search: String,
    topic_id: Option<i64>,
    order: Order,
    /// The items listed, by what was asked.
    list: Fetch<ListKey, estu_core::error::Result<Vec<PlanItem>>>,
    /// The answer of `list` the ticks were last checked against.
    ticks_checked: u64,
    bulk: Bulk,
    editor: Option<ItemEditor>,
    /// The item clicked, opened in the editor when it has come from the reader.
    opening: Open<i64, Loaded>,
}

/// An item to edit, with the meetings' questions it was raised at.
type Loaded = estu_core::error::Result<(PlanItem, Vec<plan::RaisedAt>)>;

fn read_item(db: &Db, &id: &i64) -> Loaded {
    Ok((plan::get(db, id)?, plan::raised_at(db, id)?))
}

/// How the list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Nearest deadline first (no deadline last).
    #[default]
    Deadline,
    /// The newest items first.
    Newest,
    /// By status, in the order of `PlanStatus::ALL`.
    Status,
    /// By the problem's words.
    Problem,
}

impl Order {
    const ALL: [Order; 4] = [
        Order::Deadline,
        Order::Newest,
        Order::Status,
        Order::Problem,
    ];

    fn key(self) -> &'static str {
        match self {
            Order::Deadline => "ui.plan.sort.deadline",
            Order::Newest => "ui.plan.sort.newest",
            Order::Status => "ui.plan.sort.status",
            Order::Problem => "ui.plan.sort.problem",
        }
    }
}

/// What the list was read for: data generation, the store's filter, search words, topic, order.
type ListKey = (u64, plan::Filter, String, Option<i64>, Order);

/// The items of the store's filter narrowed to `search` (every word, in the problem or the
/// measure, case folded) and `topic`, sorted as asked. Runs on the reader thread.
fn read_list(db: &estu_core::store::Db, key: &ListKey) -> estu_core::error::Result<Vec<PlanItem>> {
    let (_, filter, search, topic, order) = key;
    let mut rows = plan::list(db, filter)?;
    let words: Vec<String> = estu_core::text::fold(search)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let matches = |p: &PlanItem| {
        let text = estu_core::text::fold(&format!("{} {}", p.problem, p.measure));
        words.iter().all(|w| text.contains(w))
    };
    // Folding every item's text only when there are words to find in it.
    rows.retain(|p| {
        topic.is_none_or(|t| p.topic_id == Some(t)) && (words.is_empty() || matches(p))
    });
    match order {
        Order::Deadline => {}
        Order::Newest => rows.sort_by_key(|p| std::cmp::Reverse((p.created_on, p.id))),
        Order::Status => rows.sort_by_key(|p| PlanStatus::ALL.iter().position(|s| *s == p.status)),
        Order::Problem => {
            rows.sort_by_cached_key(|p| estu_core::text::fold(&p.problem));
        }
    }
    Ok(rows)
}

/// The ticked items and the status to give them all at once.
#[derive(Default)]
struct Bulk {
    selected: BTreeSet<i64>,
    status: Option<PlanStatus>,
    note: String,
}

impl Plan {
    /// Asks for plan item `id`, opened in the editor when it comes (`opened`).
    pub fn open(&mut self, reader: &mut Reader, db: &Db, id: i64) {
        self.opening.ask(reader, db, id, read_item);
    }

    /// The item asked for, in the editor once it has come; why it cannot be, said.
    fn opened(&mut self, cx: &mut Cx) {
        match self.opening.take(cx.store.conn()) {
            Some(Ok((p, raised))) => self.editor = Some(ItemEditor::new(p, raised)),
            Some(Err(e)) => cx.error(&e),
            None => {}
        }
    }

    /// Whether the list's read, or the item clicked, has not come yet.
    pub fn is_reading(&self) -> bool {
        self.list.is_reading() || self.opening.is_waiting()
    }

    /// The filters of the list: status, village, executor, overdue only.
    fn filters(&mut self, ui: &mut Ui, cx: &Cx) {
        let lang = cx.lang;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(tr(lang, "field.plan.status"));
            let st = widgets::none_first(
                tr(lang, "ui.journal.any"),
                PlanStatus::ALL.iter().map(|s| (*s, s.label(lang))),
            );
            widgets::combo(ui, l.id, &mut self.filter.status, &st, 260.0);
            let l = ui.label(tr(lang, "field.plan.settlement"));
            widgets::combo(
                ui,
                l.id,
                &mut self.filter.settlement_id,
                &widgets::none_first(tr(lang, "ui.journal.any"), cx.refs.settlement_options(lang)),
                150.0,
            );
            let l = ui.label(tr(lang, "field.plan.executor"));
            widgets::combo(
                ui,
                l.id,
                &mut self.filter.executor_id,
                &widgets::none_first(tr(lang, "ui.journal.any"), cx.refs.executor_options()),
                220.0,
            );
            let l = ui.label(tr(lang, "field.plan.topic"));
            widgets::combo(
                ui,
                l.id,
                &mut self.topic_id,
                &widgets::none_first(tr(lang, "ui.journal.any"), cx.refs.topic_options(lang)),
                220.0,
            );
            ui.checkbox(&mut self.overdue_only, tr(lang, "ui.plan.overdue_only"));
            let l = ui.label(tr(lang, "ui.plan.search"));
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .desired_width(200.0)
                    .hint_text(tr(lang, "ui.plan.search_hint")),
            )
            .labelled_by(l.id);
            let l = ui.label(tr(lang, "ui.plan.sort"));
            let orders: Vec<(Order, String)> =
                Order::ALL.iter().map(|o| (*o, tr(lang, o.key()))).collect();
            widgets::combo(ui, l.id, &mut self.order, &orders, 180.0);
        });
    }

    fn draw(&mut self, ui: &mut Ui, cx: &mut Cx) {
        self.opened(cx);
        if let Some(e) = self.editor.as_mut() {
            e.ui(ui, cx);
            return;
        }
        let lang = cx.lang;
        let today = cx.today();
        ui.horizontal(|ui| {
            ui.heading(tr(lang, "ui.nav.plan"));
            if ui
                .button(RichText::new(tr(lang, "ui.plan.add")).strong())
                .clicked()
            {
                self.editor = Some(ItemEditor::new(PlanItem::new(""), Vec::new()));
            }
            if ui.button(tr(lang, "ui.plan.print")).clicked() {
                *cx.go = Some(Go::Report("f5"));
            }
            super::publish::buttons(ui, cx);
        });
        self.filters(ui, cx);
        let mut f = self.filter.clone();
        f.overdue_on = self.overdue_only.then_some(today);
        let key = (
            *cx.generation,
            f,
            self.search.trim().to_string(),
            self.topic_id,
            self.order,
        );
        cx.read(&mut self.list, key, read_list);
        let answers = self.list.answers();
        let rows = match self.list.value() {
            Some(Ok(rows)) => rows.as_slice(),
            Some(Err(e)) => {
                ui.label(RichText::new(e.message(lang)).color(widgets::RED));
                return;
            }
            None => {
                ui.spinner();
                return;
            }
        };
        let done = rows.iter().filter(|p| p.status == PlanStatus::Done).count();
        ui.label(trf(
            lang,
            "ui.plan.summary",
            &[("n", &rows.len()), ("done", &done)],
        ));
        // Ticks of items no longer listed are forgotten, once per new list (a region's plan
        // is forty thousand items: a set of them each frame cost milliseconds).
        if answers != self.ticks_checked {
            self.ticks_checked = answers;
            let listed: BTreeSet<i64> = rows.iter().map(|p| p.id).collect();
            self.bulk.selected.retain(|id| listed.contains(id));
        }
        self.bulk.ui(ui, cx);
        let open = grid(ui, cx, rows, &mut self.bulk.selected);
        if let Some(id) = open {
            self.open(cx.reader, cx.store.conn(), id);
        }
    }
}

/// The list of items with a tick each, drawn row by row as they come into view (a few
/// hundred items cost what the visible ones cost); returns the item whose problem was clicked.
/// On a narrow window the columns scroll sideways.
fn grid(ui: &mut Ui, cx: &Cx, rows: &[PlanItem], selected: &mut BTreeSet<i64>) -> Option<i64> {
    use egui_extras::{Column, TableBuilder};
    let lang = cx.lang;
    let mut open = None;
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    egui::ScrollArea::horizontal()
        .id_salt("plan_sideways")
        .show(ui, |ui| {
            let mut h_sel = None;
            TableBuilder::new(ui)
                .id_salt("plan_list")
                .striped(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(40.0))
                .column(Column::initial(260.0).clip(true).resizable(true))
                .column(Column::initial(200.0).clip(true).resizable(true))
                .column(Column::initial(150.0).clip(true).resizable(true))
                .column(Column::exact(82.0))
                .column(Column::initial(130.0).clip(true).resizable(true))
                .column(Column::initial(110.0).clip(true).resizable(true))
                .column(Column::initial(150.0).clip(true))
                .column(Column::initial(110.0).clip(true))
                .min_scrolled_height(160.0)
                .header(24.0, |mut h| {
                    h.col(|ui| {
                        h_sel = Some(ui.strong(tr(lang, "ui.plan.tick")).id);
                    });
                    for k in GRID_HEADERS {
                        h.col(|ui| {
                            ui.strong(tr(lang, k));
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_h, rows.len(), |mut row| {
                        let p = &rows[row.index()];
                        row.col(|ui| tick(ui, p.id, h_sel, selected));
                        if grid_row(&mut row, cx, p) {
                            open = Some(p.id);
                        }
                    });
                });
        });
    open
}

/// The plan list's columns after the tick.
const GRID_HEADERS: [&str; 8] = [
    "field.plan.problem",
    "field.plan.measure",
    "field.plan.executor",
    "field.plan.deadline",
    "field.plan.status",
    "field.plan.funding_source",
    "ui.plan.money",
    "field.plan.settlement",
];

/// Item `id`'s tick, labelled by the tick column's header.
fn tick(ui: &mut Ui, id: i64, header: Option<egui::Id>, selected: &mut BTreeSet<i64>) {
    let mut on = selected.contains(&id);
    let mut r = ui.checkbox(&mut on, "");
    if let Some(h) = header {
        r = r.labelled_by(h);
    }
    if r.changed() {
        if on {
            selected.insert(id);
        } else {
            selected.remove(&id);
        }
    }
}

/// Item `p`'s cells after the tick (an overdue one in red); true when its problem was clicked.
fn grid_row(row: &mut egui_extras::TableRow<'_, '_>, cx: &Cx, p: &PlanItem) -> bool {
    let lang = cx.lang;
    let overdue = p.is_overdue(cx.today());
    let mut clicked = false;
    row.col(|ui| {
        let t = RichText::new(&p.problem);
        let t = if overdue { t.color(widgets::RED) } else { t };
        clicked = ui.link(t).on_hover_text(&p.problem).clicked();
    });
    row.col(|ui| {
        ui.label(&p.measure).on_hover_text(&p.measure);
    });
    row.col(|ui| {
        ui.label(cx.refs.executor_name(p.executor_id));
    });
    row.col(|ui| {
        let dl = RichText::new(widgets::fmt_opt_date(p.deadline));
        ui.label(if overdue {
            dl.color(widgets::RED).strong()
        } else {
            dl
        });
    });
    row.col(|ui| {
        let st = RichText::new(p.status.label(lang));
        ui.label(if p.status == PlanStatus::Done {
            st.color(widgets::GREEN)
        } else {
            st
        });
    });
    row.col(|ui| {
        ui.label(&p.funding_source);
    });
    row.col(|ui| {
        let money = format!(
            "{} / {}",
            fmt_money(p.money_needed),
            fmt_money(p.money_allocated)
        );
        ui.label(money);
    });
    row.col(|ui| {
        ui.label(cx.refs.settlement_name(p.settlement_id, lang));
    });
    clicked
}

impl Bulk {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.horizontal_wrapped(|ui| {
            ui.label(trf(
                lang,
                "ui.plan.selected",
                &[("n", &self.selected.len())],
            ));
            let l = ui.label(tr(lang, "ui.plan.set_status"));
            let st = widgets::none_first(
                tr(lang, "ui.pick.none"),
                PlanStatus::ALL.iter().map(|s| (*s, s.label(lang))),
            );
            widgets::combo(ui, l.id, &mut self.status, &st, 260.0);
            let l = ui.label(tr(lang, "field.plan.status_note"));
            ui.add(egui::TextEdit::singleline(&mut self.note).desired_width(160.0))
                .labelled_by(l.id);
            let can = !self.selected.is_empty() && self.status.is_some();
            if ui
                .add_enabled(can, egui::Button::new(tr(lang, "ui.plan.apply")))
                .clicked()
            {
                let ids: Vec<i64> = self.selected.iter().copied().collect();
                let status = self.status.expect("enabled only with a status");
                let note = self.note.trim().to_string();
                match cx
                    .store
                    .write(|tx| plan::set_status(tx, &ids, status, None, &note))
                {
                    Ok(()) => {
                        cx.changed();
                        cx.info(trf(
                            lang,
                            "ui.plan.applied",
                            &[("n", &ids.len()), ("status", &status.label(lang))],
                        ));
                        self.selected.clear();
                    }
                    Err(e) => cx.error(&e),
                }
            }
        });
    }
}

impl super::View for Plan {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        self.draw(ui, cx);
    }

    fn is_reading(&self) -> bool {
        self.is_reading()
    }

    fn editor(&mut self) -> Option<&mut dyn Editor> {
        self.editor.as_mut().map(|e| e as &mut dyn Editor)
    }

    fn close_editor(&mut self) {
        self.editor = None;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn money_is_grouped() {
        assert_eq!(super::fmt_money(388097.64), "388\u{a0}097,6");
        assert_eq!(super::fmt_money(0.0), "0,0");
        assert_eq!(super::fmt_money(1000.0), "1\u{a0}000,0");
    }
}
