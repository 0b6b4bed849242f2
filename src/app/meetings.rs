//! Встречи и сходы: the list of meetings and the editor with every field the forms count
//! (planned/held, level, settlement, offline participants, broadcasts per channel with
//! viewers, speakers, critical remarks by addressee, media by outlet kind, officials present),
//! and the questions raised, typed in a grid without leaving the meeting. «В план» turns a
//! question into an action-plan item.

use super::reader::{Fetch, Open, Reader};
use super::widgets::{self, Fields, Picker, fmt_date, parse_date, problem_box};
use super::{Cx, Editor, Go};
use chrono::{Datelike, NaiveDate};
use egui::{RichText, Ui};
use estu_core::error::{Error, Problem};
use estu_core::i18n::{Text, tr, trf};
use estu_core::model::*;
use estu_core::store::{Db, meetings, plan};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
struct Data {
    m: Meeting,
    planned: String,
    held: String,
    is_held: bool,
    /// Per `BroadcastChannel::ALL`: broadcast or not, and the viewers of each broadcast on
    /// it (a meeting may be shown on two TV channels: two entries).
    broadcasts: Vec<(bool, Vec<i64>)>,
    /// Per addressee level 1..=6: the critical remarks voiced but not written down as a
    /// question (those recorded as critical questions are counted from the questions).
    unrecorded: [i64; 6],
    questions: Vec<Question>,
    deleted: Vec<i64>,
}

fn data_of(m: Meeting, questions: Vec<Question>) -> Data {
    let broadcasts = BroadcastChannel::ALL
        .iter()
        .map(|c| {
            let v: Vec<i64> = m
                .broadcasts
                .iter()
                .filter(|b| b.channel == *c)
                .map(|b| b.viewers)
                .collect();
            if v.is_empty() {
                (false, vec![0])
            } else {
                (true, v)
            }
        })
        .collect();
    let from_questions = critical_remarks_of(&questions);
    let mut unrecorded = [0; 6];
    for r in &m.remarks {
        if (1..=6).contains(&r.addressee_level) {
            let l = r.addressee_level as usize - 1;
            unrecorded[l] = (r.count - from_questions[l]).max(0);
        }
    }
    Data {
        planned: fmt_date(m.planned_on),
        held: widgets::fmt_opt_date(m.held_on),
        is_held: m.held_on.is_some(),
        broadcasts,
        unrecorded,
        questions,
        deleted: Vec::new(),
        m,
    }
}

pub struct MeetingEditor {
    data: Data,
    initial: Data,
    settlement: Picker,
    problems: Vec<Problem>,
    other_error: Option<String>,
    /// The questions an action-plan item answers, with that item.
    in_plan: HashMap<i64, i64>,
    focus_question: Option<usize>,
}

impl MeetingEditor {
    fn new(m: Meeting, questions: Vec<Question>, in_plan: HashMap<i64, i64>) -> Self {
        let data = data_of(m, questions);
        MeetingEditor {
            initial: data.clone(),
            data,
            settlement: Picker::default(),
            problems: Vec::new(),
            other_error: None,
            in_plan,
            focus_question: None,
        }
    }

    /// The meeting as typed, or the problems of dates that cannot be read.
    fn collect(&self) -> Result<(Meeting, Vec<Question>), Vec<Problem>> {
        let d = &self.data;
        let mut m = d.m.clone();
        let rec = estu_core::rules::validate::meeting_record(&m);
        let mut problems = Vec::new();
        match parse_date(&d.planned) {
            Some(p) => m.planned_on = p,
            None => problems.push(Problem::new(
                rec.clone(),
                "meeting.planned_on",
                Text::new("ui.date.bad_value").arg("value", d.planned.trim()),
            )),
        }
        m.held_on = None;
        if d.is_held {
            match parse_date(&d.held) {
                Some(h) => m.held_on = Some(h),
                None => problems.push(Problem::new(
                    rec.clone(),
                    "meeting.held_on",
                    Text::new("ui.date.bad_value").arg("value", d.held.trim()),
                )),
            }
            m.not_held_reason.clear();
        }
        m.broadcasts = BroadcastChannel::ALL
            .iter()
            .zip(&d.broadcasts)
            .filter(|(_, (on, _))| *on)
            .flat_map(|(c, (_, vs))| {
                vs.iter().map(|v| Broadcast {
                    channel: *c,
                    viewers: *v,
                })
            })
            .collect();
        let questions: Vec<Question> = d
            .questions
            .iter()
            .filter(|q| q.id != 0 || !q.text.trim().is_empty())
            .cloned()
            .map(|mut q| {
                if !q.critical {
                    q.addressee_level = None;
                }
                q
            })
            .collect();
        let from_questions = critical_remarks_of(&questions);
        m.remarks = (1..=6u8)
            .zip(from_questions.iter().zip(d.unrecorded))
            .map(|(l, (q, extra))| (l, q + extra))
            .filter(|(_, n)| *n > 0)
            .map(|(l, n)| Remarks {
                addressee_level: l,
                count: n,
            })
            .collect();
        if problems.is_empty() {
            Ok((m, questions))
        } else {
            Err(problems)
        }
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S)) {
            self.save(cx);
        }
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "ui.meetings.back")).clicked() {
                *cx.go = Some(Go::CloseEditor);
            }
            let title = if self.data.m.id == 0 {
                tr(lang, "ui.meetings.new")
            } else {
                trf(
                    lang,
                    "ui.meetings.title",
                    &[
                        ("kind", &self.data.m.kind.label(lang)),
                        ("date", &self.data.planned),
                    ],
                )
            };
            ui.heading(title);
            if ui
                .button(RichText::new(tr(lang, "ui.save_ctrl_s")).strong())
                .clicked()
            {
                self.save(cx);
            }
        });
        problem_box(ui, lang, &self.problems, self.other_error.as_deref());
        egui::ScrollArea::vertical()
            .id_salt("meeting_editor")
            .show(ui, |ui| {
                widgets::two_columns(ui, |ui, i| match i {
                    0 => self.main_fields(ui, cx),
                    _ => self.count_fields(ui, cx),
                });
                ui.separator();
                self.questions(ui, cx);
            });
    }

    fn main_fields(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let problems = std::mem::take(&mut self.problems);
        let mut f = Fields::new(lang, &problems);
        f.width = widgets::input_width(ui, 190.0, 200.0);
        let d = &mut self.data;
        egui::Grid::new("meeting_main")
            .num_columns(2)
            .show(ui, |ui| {
                let kinds: Vec<(MeetingKind, String)> = MeetingKind::ALL
                    .iter()
                    .map(|k| (*k, k.label(lang)))
                    .collect();
                f.combo(
                    ui,
                    "field.meeting.kind",
                    "meeting.kind",
                    &mut d.m.kind,
                    &kinds,
                );
                f.text(ui, "field.meeting.title", "meeting.title", &mut d.m.title);
                let planned_before = d.planned.clone();
                f.date(
                    ui,
                    "field.meeting.planned_on",
                    "meeting.planned_on",
                    &mut d.planned,
                    Some(&cx.refs.calendar),
                );
                // The held date follows the planned one until it is typed apart from it.
                if d.planned != planned_before && d.held == planned_before {
                    d.held = d.planned.clone();
                }
                f.check(ui, "ui.meetings.is_held", &mut d.is_held);
                if d.is_held {
                    if d.held.trim().is_empty() {
                        d.held = d.planned.clone();
                    }
                    f.date(
                        ui,
                        "field.meeting.held_on",
                        "meeting.held_on",
                        &mut d.held,
                        Some(&cx.refs.calendar),
                    );
                } else {
                    f.text(
                        ui,
                        "field.meeting.not_held_reason",
                        "meeting.not_held_reason",
                        &mut d.m.not_held_reason,
                    );
                }
                f.pick(
                    ui,
                    "field.meeting.settlement",
                    "meeting.settlement",
                    &mut self.settlement,
                    &cx.refs.settlement_options(lang),
                    &mut d.m.settlement_id,
                    true,
                );
                f.text(ui, "field.meeting.place", "meeting.place", &mut d.m.place);
                let levels: Vec<(u8, String)> = AKIM_LEVELS
                    .map(|l| (l, tr(lang, &format!("level.{l}"))))
                    .collect();
                f.combo(
                    ui,
                    "field.meeting.akim_level",
                    "meeting.akim_level",
                    &mut d.m.akim_level,
                    &levels,
                );
                f.count(
                    ui,
                    "field.meeting.participants_offline",
                    "meeting.participants_offline",
                    &mut d.m.participants_offline,
                );
                f.count(
                    ui,
                    "field.meeting.speakers",
                    "meeting.speakers",
                    &mut d.m.speakers,
                );
                f.multiline(
                    ui,
                    "field.meeting.minutes",
                    "meeting.minutes",
                    &mut d.m.minutes,
                    3,
                );
            });
        f.chain.finish(ui);
        self.problems = problems;
    }

    fn count_fields(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let d = &mut self.data;
        let online: i64 = d.broadcasts.iter().filter(|b| b.0).flat_map(|b| &b.1).sum();
        ui.label(
            RichText::new(trf(
                lang,
                "ui.meetings.participants_total",
                &[
                    ("total", &(d.m.participants_offline + online)),
                    ("online", &online),
                ],
            ))
            .strong(),
        );
        ui.label(RichText::new(tr(lang, "field.meeting.broadcasts")).strong());
        egui::Grid::new("meeting_broadcasts")
            .num_columns(3)
            .show(ui, |ui| {
                for (c, (on, viewers)) in BroadcastChannel::ALL.iter().zip(d.broadcasts.iter_mut())
                {
                    ui.checkbox(on, c.label(lang));
                    let l = ui.label(tr(lang, "field.meeting.viewers"));
                    ui.horizontal(|ui| broadcast_viewers(ui, lang, *on, viewers, l.id));
                    ui.end_row();
                }
            });
        let problems = std::mem::take(&mut self.problems);
        let f = Fields::new(lang, &problems);
        egui::Grid::new("meeting_errors_b").show(ui, |ui| {
            f.errors(ui, &["meeting.broadcasts", "meeting.viewers"])
        });
        ui.label(RichText::new(tr(lang, "field.meeting.remarks")).strong());
        ui.label(RichText::new(tr(lang, "ui.meetings.remarks_hint")).weak());
        let from_questions = critical_remarks_of(&d.questions);
        egui::Grid::new("meeting_remarks")
            .num_columns(4)
            .show(ui, |ui| {
                ui.label("");
                ui.label(RichText::new(tr(lang, "ui.meetings.remarks_from_questions")).weak());
                let h_more =
                    ui.label(RichText::new(tr(lang, "ui.meetings.remarks_unrecorded")).weak());
                ui.label(RichText::new(tr(lang, "ui.meetings.remarks_total")).weak());
                ui.end_row();
                for (i, n) in d.unrecorded.iter_mut().enumerate() {
                    let l = ui.label(tr(lang, &format!("level.{}", i + 1)));
                    ui.label(from_questions[i].to_string());
                    ui.add(egui::DragValue::new(n).range(0..=100_000))
                        .labelled_by(l.id)
                        .labelled_by(h_more.id);
                    ui.label(RichText::new((from_questions[i] + *n).to_string()).strong());
                    ui.end_row();
                }
                f.errors(ui, &["meeting.remarks"]);
            });
        ui.label(RichText::new(tr(lang, "ui.meetings.media")).strong());
        egui::Grid::new("meeting_media")
            .num_columns(2)
            .show(ui, |ui| {
                for (key, v) in [
                    ("field.meeting.media_central", &mut d.m.media_central),
                    ("field.meeting.media_local", &mut d.m.media_local),
                    ("field.meeting.media_social", &mut d.m.media_social),
                ] {
                    let l = ui.label(tr(lang, key));
                    ui.add(egui::DragValue::new(v).range(0..=100_000))
                        .labelled_by(l.id);
                    ui.end_row();
                }
                f.errors(
                    ui,
                    &[
                        "meeting.media_central",
                        "meeting.media_local",
                        "meeting.media_social",
                    ],
                );
            });
        ui.label(RichText::new(tr(lang, "ui.meetings.officials")).strong());
        ui.checkbox(
            &mut d.m.present_government,
            tr(lang, "ui.meetings.present_government"),
        );
        ui.checkbox(
            &mut d.m.present_parliament,
            tr(lang, "ui.meetings.present_parliament"),
        );
        ui.checkbox(
            &mut d.m.present_state_bodies,
            tr(lang, "ui.meetings.present_state_bodies"),
        );
        self.problems = problems;
    }

    fn questions(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(trf(
                    lang,
                    "ui.meetings.questions",
                    &[("n", &self.data.questions.len())],
                ))
                .strong(),
            );
            if ui.button(tr(lang, "ui.meetings.add_question")).clicked() {
                self.add_question();
            }
        });
        let mut to_plan = None;
        let mut remove = None;
        let mut open_item = None;
        let focus = self.focus_question.take();
        // The text takes what the other columns leave; on a narrow window the table scrolls
        // sideways rather than running out of the window.
        let text_width = (ui.available_width() - 760.0).clamp(220.0, 520.0);
        let in_plan = &self.in_plan;
        egui::ScrollArea::horizontal()
            .id_salt("questions_scroll")
            .show(ui, |ui| {
                egui::Grid::new("questions")
                    .striped(true)
                    .num_columns(7)
                    .show(ui, |ui| {
                        let columns = QuestionColumns::header(ui, cx, text_width);
                        for (i, q) in self.data.questions.iter_mut().enumerate() {
                            let item = in_plan.get(&q.id).filter(|_| q.id != 0).copied();
                            match columns.row(ui, i, q, item, focus == Some(i)) {
                                Some(RowAct::ToPlan) => to_plan = Some(i),
                                Some(RowAct::Remove) => remove = Some(i),
                                Some(RowAct::OpenItem(id)) => open_item = Some(id),
                                None => {}
                            }
                            ui.end_row();
                        }
                    });
            });
        if let Some(i) = remove {
            let q = self.data.questions.remove(i);
            if q.id != 0 {
                self.data.deleted.push(q.id);
            }
        }
        if let Some(i) = to_plan {
            self.question_to_plan(i, cx);
        }
        if let Some(item) = open_item {
            *cx.go = Some(Go::PlanItem(item));
        }
    }

    fn add_question(&mut self) {
        let mut q = Question::at_meeting(self.data.m.id, "", 0);
        q.settlement_id = self.data.m.settlement_id;
        self.data.questions.push(q);
        self.focus_question = Some(self.data.questions.len() - 1);
    }

    /// Saves the meeting if needed, then makes the question an action-plan item.
    fn question_to_plan(&mut self, i: usize, cx: &mut Cx) {
        if (self.dirty() || self.data.questions[i].id == 0) && !self.save(cx) {
            return;
        }
        let Some(qid) = self
            .data
            .questions
            .get(i)
            .map(|q| q.id)
            .filter(|id| *id != 0)
        else {
            return;
        };
        match cx.store.write(|tx| plan::from_question(tx, qid)) {
            Ok(pid) => {
                cx.changed();
                self.in_plan.insert(qid, pid);
                cx.info(trf(cx.lang, "ui.meetings.added_to_plan", &[("id", &pid)]));
                // Straight on to the new item, prefilled from the question, to complete it.
                *cx.go = Some(Go::PlanItem(pid));
            }
            Err(e) => self.show_error(e, cx),
        }
    }

    fn show_error(&mut self, e: Error, cx: &Cx) {
        if e.problems().is_empty() {
            self.other_error = Some(e.message(cx.lang));
        } else {
            self.problems = e.problems().to_vec();
        }
    }
}

fn in_plan(db: &Db, qs: &[Question]) -> HashMap<i64, i64> {
    let ids: Vec<i64> = qs.iter().map(|q| q.id).collect();
    meetings::in_plan(db, &ids).unwrap_or_default()
}

/// A meeting to edit: the record, its questions and the plan items made from them.
type Loaded = estu_core::error::Result<(Meeting, Vec<Question>, HashMap<i64, i64>)>;

fn read_meeting(db: &Db, &id: &i64) -> Loaded {
    let m = meetings::get(db, id)?;
    let qs = meetings::questions_of_meeting(db, id)?;
    let in_plan = in_plan(db, &qs);
    Ok((m, qs, in_plan))
}

impl Editor for MeetingEditor {
    fn dirty(&self) -> bool {
        self.data != self.initial
    }

    fn save(&mut self, cx: &mut Cx) -> bool {
        self.problems.clear();
        self.other_error = None;
        let (m, questions) = match self.collect() {
            Ok(x) => x,
            Err(p) => {
                self.problems = p;
                cx.forget_note();
                return false;
            }
        };
        let deleted = self.data.deleted.clone();
        let res = cx.store.write(|tx| {
            let mut m = m.clone();
            // Remarks first at least as many as before, so the questions already saved fit
            // while they change; then the real counts, checked against the new questions.
            let old = if m.id != 0 {
                meetings::get(tx, m.id)?.remarks
            } else {
                Vec::new()
            };
            let mut wide = m.clone();
            for r in old {
                match wide
                    .remarks
                    .iter_mut()
                    .find(|x| x.addressee_level == r.addressee_level)
                {
                    Some(x) => x.count = x.count.max(r.count),
                    None => wide.remarks.push(r),
                }
            }
            meetings::save(tx, &mut wide)?;
            m.id = wide.id;
            for id in &deleted {
                meetings::delete_question(tx, *id)?;
            }
            let mut saved = Vec::new();
            for mut q in questions.clone() {
                q.meeting_id = Some(m.id);
                if q.settlement_id.is_none() {
                    q.settlement_id = m.settlement_id;
                }
                meetings::save_question(tx, &mut q)?;
                saved.push(q);
            }
            meetings::save(tx, &mut m)?;
            // Read in the same transaction: the questions' plan items as saved.
            let in_plan = in_plan(tx, &saved);
            Ok((m, saved, in_plan))
        });
        match res {
            Ok((m, qs, in_plan)) => {
                cx.changed();
                *self = MeetingEditor::new(m, qs, in_plan);
                cx.info(tr(cx.lang, "ui.meetings.saved"));
                true
            }
            Err(e) => {
                self.show_error(e, cx);
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

/// What the cached list was read for: data generation, year, kind.
type ListKey = (u64, i32, Option<MeetingKind>);

/// The meetings of the list with their questions' counts.
type ListRows = estu_core::error::Result<Vec<(Meeting, i64)>>;

fn read_list(db: &Db, &(_, year, kind): &ListKey) -> ListRows {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    meetings::list_with_question_counts(db, kind, from, to)
}

pub struct Meetings {
    year: i32,
    kind: Option<MeetingKind>,
    list: Fetch<ListKey, ListRows>,
    editor: Option<MeetingEditor>,
    /// The meeting clicked, opened in the editor when it has come from the reader.
    opening: Open<i64, Loaded>,
}

impl Default for Meetings {
    fn default() -> Self {
        Meetings {
            year: chrono::Local::now().year(),
            kind: None,
            list: Fetch::default(),
            editor: None,
            opening: Open::default(),
        }
    }
}

impl Meetings {
    /// Asks for meeting `id`, opened in the editor when it comes (`opened`).
    pub fn open(&mut self, reader: &mut Reader, db: &Db, id: i64) {
        self.opening.ask(reader, db, id, read_meeting);
    }

    /// The meeting asked for, in the editor once it has come; why it cannot be, said.
    fn opened(&mut self, cx: &mut Cx) {
        match self.opening.take(cx.store.conn()) {
            Some(Ok((m, qs, in_plan))) => self.editor = Some(MeetingEditor::new(m, qs, in_plan)),
            Some(Err(e)) => cx.error(&e),
            None => {}
        }
    }

    /// Starts a new meeting (tests and the "Новая встреча" button).
    pub fn new_meeting(&mut self, today: NaiveDate) {
        let mut e = MeetingEditor::new(
            Meeting::new(MeetingKind::Akim826, today),
            Vec::new(),
            HashMap::new(),
        );
        e.add_question();
        e.initial = e.data.clone();
        e.focus_question = None;
        self.editor = Some(e);
    }

    /// Whether the list's read, or the meeting clicked, has not come yet.
    pub fn is_reading(&self) -> bool {
        self.list.is_reading() || self.opening.is_waiting()
    }

    fn draw(&mut self, ui: &mut Ui, cx: &mut Cx) {
        self.opened(cx);
        if let Some(e) = self.editor.as_mut() {
            e.ui(ui, cx);
            return;
        }
        let lang = cx.lang;
        ui.horizontal(|ui| {
            ui.heading(tr(lang, "ui.nav.meetings"));
            if ui
                .button(RichText::new(tr(lang, "ui.meetings.add")).strong())
                .clicked()
            {
                self.new_meeting(cx.today());
            }
        });
        ui.horizontal(|ui| {
            let l = ui.label(tr(lang, "ui.meetings.year"));
            ui.add(egui::DragValue::new(&mut self.year).range(2000..=2100))
                .labelled_by(l.id);
            let l = ui.label(tr(lang, "field.meeting.kind"));
            let kinds = widgets::none_first(
                tr(lang, "ui.journal.any"),
                MeetingKind::ALL.iter().map(|k| (*k, k.label(lang))),
            );
            widgets::combo(ui, l.id, &mut self.kind, &kinds, 300.0);
        });
        let key = (*cx.generation, self.year, self.kind);
        let rows = match cx.read(&mut self.list, key, read_list) {
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
        ui.label(trf(lang, "ui.journal.found", &[("n", &rows.len())]));
        let open = list_table(ui, cx, rows);
        if let Some(id) = open {
            self.open(cx.reader, cx.store.conn(), id);
        }
    }
}

impl super::View for Meetings {
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

/// Whether a meeting's title says no more than its kind (empty, or the kind's name in either
/// language): the list then shows the kind once, not «другая встреча — другая встреча».
fn title_is_kind(m: &Meeting) -> bool {
    let title = estu_core::text::fold(&m.title);
    title.is_empty()
        || estu_core::Lang::ALL
            .iter()
            .any(|l| estu_core::text::fold(&m.kind.label(*l)) == title)
}

/// The viewers of each broadcast on one channel, with buttons to add a broadcast on the same
/// channel (a second TV channel) or drop the last one.
fn broadcast_viewers(
    ui: &mut egui::Ui,
    lang: estu_core::Lang,
    on: bool,
    viewers: &mut Vec<i64>,
    label: egui::Id,
) {
    for v in viewers.iter_mut() {
        ui.add_enabled(on, egui::DragValue::new(v).range(0..=10_000_000))
            .labelled_by(label);
    }
    if ui
        .add_enabled(on, egui::Button::new("+"))
        .on_hover_text(tr(lang, "ui.meeting.add_broadcast"))
        .clicked()
    {
        viewers.push(0);
    }
    if viewers.len() > 1
        && ui
            .add_enabled(on, egui::Button::new("-"))
            .on_hover_text(tr(lang, "ui.meeting.drop_broadcast"))
            .clicked()
    {
        viewers.pop();
    }
}

/// What a click in a question's row asks for.
enum RowAct {
    ToPlan,
    Remove,
    OpenItem(i64),
}

/// The questions table's columns: the header's labels (each row's inputs are labelled by
/// them) and the choices the rows offer.
struct QuestionColumns {
    lang: estu_core::i18n::Lang,
    text: egui::Id,
    topic: egui::Id,
    repeated: egui::Id,
    critical: egui::Id,
    addressee: egui::Id,
    text_width: f32,
    topics: Vec<(i64, String)>,
    topic_choices: Vec<(Option<i64>, String)>,
    levels: Vec<(Option<u8>, String)>,
}

impl QuestionColumns {
    /// Draws the header row and keeps its labels.
    fn header(ui: &mut Ui, cx: &Cx, text_width: f32) -> QuestionColumns {
        let lang = cx.lang;
        ui.strong("№");
        let mut strong = |key: &str| ui.strong(tr(lang, key)).id;
        let columns = QuestionColumns {
            lang,
            text: strong("field.question.text"),
            topic: strong("field.question.topic"),
            repeated: strong("field.question.repeated"),
            critical: strong("field.question.critical"),
            addressee: strong("field.question.addressee_level"),
            text_width,
            topics: cx.refs.topic_options(lang),
            topic_choices: widgets::none_first(
                tr(lang, "ui.pick.none"),
                cx.refs.topic_options(lang),
            ),
            levels: widgets::none_first(
                tr(lang, "ui.pick.none"),
                AKIM_LEVELS.map(|l| (l, tr(lang, &format!("level.{l}")))),
            ),
        };
        ui.label("");
        ui.end_row();
        columns
    }

    /// Question `i`'s row: its text, topic, flags, addressee, and its way to the plan
    /// (`item`: the plan item made from it).
    fn row(
        &self,
        ui: &mut Ui,
        i: usize,
        q: &mut Question,
        item: Option<i64>,
        focus: bool,
    ) -> Option<RowAct> {
        let lang = self.lang;
        ui.label((i + 1).to_string());
        let r = ui
            .add(
                egui::TextEdit::multiline(&mut q.text)
                    .desired_rows(1)
                    .desired_width(self.text_width),
            )
            .labelled_by(self.text);
        if focus {
            r.request_focus();
        }
        self.topic_choice(ui, i, q);
        ui.checkbox(&mut q.repeated, "").labelled_by(self.repeated);
        ui.checkbox(&mut q.critical, "").labelled_by(self.critical);
        ui.add_enabled_ui(q.critical, |ui| {
            widgets::combo(
                ui,
                self.addressee,
                &mut q.addressee_level,
                &self.levels,
                160.0,
            );
        });
        let mut act = None;
        ui.horizontal(|ui| {
            if let Some(item) = item {
                let in_plan = RichText::new(tr(lang, "ui.meetings.in_plan")).color(widgets::GREEN);
                if ui.link(in_plan).clicked() {
                    act = Some(RowAct::OpenItem(item));
                }
            } else if ui.button(tr(lang, "ui.meetings.to_plan")).clicked() {
                act = Some(RowAct::ToPlan);
            }
            if ui.button(tr(lang, "ui.remove")).clicked() {
                act = Some(RowAct::Remove);
            }
        });
        act
    }

    fn topic_choice(&self, ui: &mut Ui, i: usize, q: &mut Question) {
        let mut topic = (q.topic_id != 0).then_some(q.topic_id);
        let shown = self
            .topics
            .iter()
            .find(|t| Some(t.0) == topic)
            .map(|t| t.1.clone())
            .unwrap_or_default();
        egui::ComboBox::from_id_salt(("q_topic", i))
            .selected_text(shown)
            .width(240.0)
            .truncate()
            .show_ui(ui, |ui| {
                for (v, name) in &self.topic_choices {
                    ui.selectable_value(&mut topic, *v, name.as_str());
                }
            })
            .response
            .labelled_by(self.topic);
        q.topic_id = topic.unwrap_or(0);
    }
}

/// The list's columns.
const LIST_HEADERS: [&str; 6] = [
    "ui.meetings.date",
    "field.meeting.kind",
    "field.meeting.settlement",
    "ui.meetings.participants",
    "ui.meetings.questions_short",
    "ui.meetings.state",
];

/// The year's meetings, drawn row by row as they come into view (a region's year is thousands
/// of meetings: a frame costs what the visible rows cost); returns the meeting whose date was
/// clicked. The kind takes the width the other columns leave (the list fits 1024 points).
fn list_table(ui: &mut Ui, cx: &Cx, rows: &[(Meeting, i64)]) -> Option<i64> {
    use egui_extras::{Column, TableBuilder};
    let mut open = None;
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    TableBuilder::new(ui)
        .id_salt("meeting_list")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(84.0))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::initial(150.0).clip(true).resizable(true))
        .column(Column::exact(90.0).clip(true))
        .column(Column::exact(76.0).clip(true))
        .column(Column::exact(110.0).clip(true))
        .min_scrolled_height(160.0)
        .header(24.0, |mut h| {
            for k in LIST_HEADERS {
                h.col(|ui| {
                    ui.strong(tr(cx.lang, k));
                });
            }
        })
        .body(|body| {
            body.rows(row_h, rows.len(), |mut row| {
                let (m, questions) = &rows[row.index()];
                if list_row(&mut row, cx, m, *questions) {
                    open = Some(m.id);
                }
            });
        });
    open
}

/// Meeting `m`'s cells (one not held by its planned day in red); true when its date was
/// clicked.
fn list_row(row: &mut egui_extras::TableRow<'_, '_>, cx: &Cx, m: &Meeting, questions: i64) -> bool {
    let lang = cx.lang;
    let mut clicked = false;
    row.col(|ui| {
        clicked = ui
            .link(fmt_date(m.held_on.unwrap_or(m.planned_on)))
            .clicked();
    });
    let title = if title_is_kind(m) {
        m.kind.label(lang)
    } else {
        format!("{} — {}", m.kind.label(lang), m.title)
    };
    let state = match (m.held_on, m.planned_on < cx.today()) {
        (Some(_), _) => RichText::new(tr(lang, "ui.meetings.held")),
        (None, true) => RichText::new(tr(lang, "ui.meetings.not_held")).color(widgets::RED),
        (None, false) => RichText::new(tr(lang, "ui.meetings.planned")),
    };
    row.col(|ui| {
        ui.label(&title).on_hover_text(&title);
    });
    for text in [
        RichText::new(cx.refs.settlement_name(m.settlement_id, lang)),
        RichText::new(m.participants().to_string()),
        RichText::new(questions.to_string()),
        state,
    ] {
        row.col(|ui| {
            ui.label(text);
        });
    }
    clicked
}
