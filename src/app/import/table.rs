//! The import window's choices for a spreadsheet: what its rows are, which column holds
//! what, what rows that say nothing take, and the file's topics and settlements the
//! database does not know, each mapped to one of its own (a settlement may be added).

use super::ImportDialog;
use crate::app::widgets::{self, combo};
use egui::{RichText, Ui};
use estu_core::i18n::{Lang, tr, trf};
use estu_core::model::{Channel, MeetingKind, Settlement, Topic};
use estu_core::tabular::{Kind, Mapping, Table, column_letter};

impl ImportDialog {
    /// What the rows are: changing it finds the columns again for that kind.
    pub(super) fn records_choice(&mut self, ui: &mut Ui, lang: Lang, t: &Table) {
        let Some(m) = self.choices.mapping.as_ref() else {
            return;
        };
        let mut kind = m.kind;
        let kinds: Vec<(Kind, String)> = Kind::ALL
            .iter()
            .map(|k| (*k, tr(lang, &format!("import.kind.{}", k.code()))))
            .collect();
        ui.horizontal(|ui| {
            let l = ui.label(RichText::new(tr(lang, "ui.import.records")).strong());
            combo(ui, l.id, &mut kind, &kinds, 320.0);
        });
        if kind != m.kind {
            // No two headers of that kind: every column left for the user to choose.
            let fallback = Mapping {
                kind,
                fields: vec![None; m.headers.len()],
                saved: false,
                ..m.clone()
            };
            self.choices.mapping = Some(t.detected(kind).unwrap_or(fallback));
        }
    }

    /// The columns as found (editable).
    pub(super) fn table_choices(&mut self, ui: &mut Ui, lang: Lang, t: &Table) {
        let Some(m) = self.choices.mapping.as_mut() else {
            return;
        };
        let saved = if m.saved {
            tr(lang, "cli.tabular.saved")
        } else {
            String::new()
        };
        ui.label(
            RichText::new(trf(
                lang,
                "cli.tabular.columns",
                &[
                    ("file", &t.file),
                    ("row", &t.row_number(m.header_row)),
                    ("saved", &saved),
                ],
            ))
            .strong(),
        );
        let fields = widgets::none_first(
            tr(lang, "cli.tabular.ignored"),
            m.kind
                .fields()
                .map(|f| (f, tr(lang, &format!("field.{}", f.key())))),
        );
        let mut changes = Vec::new();
        egui::Grid::new("import_columns")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for (i, h) in m.headers.iter().enumerate() {
                    if h.is_empty() && m.fields[i].is_none() {
                        continue;
                    }
                    let col = column_letter(i + t.grid.first_col);
                    let l = ui.label(format!("{col} «{h}»"));
                    let mut f = m.fields[i];
                    combo(ui, l.id, &mut f, &fields, 260.0);
                    if f != m.fields[i] {
                        changes.push((i, f));
                    }
                    ui.end_row();
                }
            });
        for (i, f) in changes {
            m.set(i, f);
        }
    }

    /// What rows that say nothing take (channel, meeting kind, topic), and the file's topics
    /// and settlements the database does not know, each to be chosen.
    pub(super) fn word_choices(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        refs: (&[Topic], &[Settlement]),
    ) {
        let Some(kind) = self.choices.mapping.as_ref().map(|m| m.kind) else {
            return;
        };
        let (topics, settlements) = refs;
        let topic_opts: Vec<(Option<String>, String)> = widgets::none_first(
            tr(lang, "ui.import.no_choice"),
            topics.iter().filter(|t| t.active).map(|t| {
                (
                    t.code.clone(),
                    lang.pick(&t.name_ru, &t.name_kk).to_string(),
                )
            }),
        );
        let settlement_opts: Vec<(Option<String>, String)> = widgets::none_first(
            tr(lang, "ui.import.add_settlement"),
            settlements.iter().filter(|s| s.active).map(|s| {
                (
                    s.name_ru.clone(),
                    lang.pick(&s.name_ru, &s.name_kk).to_string(),
                )
            }),
        );
        let c = &mut self.choices;
        egui::Grid::new("import_defaults")
            .num_columns(2)
            .show(ui, |ui| {
                if kind == Kind::Appeals {
                    let l = ui.label(tr(lang, "ui.import.channel"));
                    let channels: Vec<(Channel, String)> =
                        Channel::ALL.iter().map(|c| (*c, c.label(lang))).collect();
                    combo(ui, l.id, &mut c.channel, &channels, 260.0);
                    ui.end_row();
                }
                if kind == Kind::Meetings {
                    let l = ui.label(tr(lang, "ui.import.meeting_kind"));
                    let kinds: Vec<(MeetingKind, String)> = MeetingKind::ALL
                        .iter()
                        .map(|k| (*k, k.label(lang)))
                        .collect();
                    combo(ui, l.id, &mut c.meeting_kind, &kinds, 260.0);
                    ui.end_row();
                }
                if kind != Kind::Plan {
                    let l = ui.label(tr(lang, "ui.import.default_topic"));
                    pick(ui, l.id, &mut c.default_topic, &topic_opts);
                    ui.end_row();
                }
                for (title, words, opts) in [
                    ("ui.import.unknown_topics", &mut c.topics, &topic_opts),
                    (
                        "ui.import.new_settlements",
                        &mut c.settlements,
                        &settlement_opts,
                    ),
                ] {
                    if !words.is_empty() {
                        ui.label(RichText::new(tr(lang, title)).strong());
                        ui.end_row();
                    }
                    for (word, choice) in words.iter_mut() {
                        let l = ui.label(format!("«{word}»"));
                        pick(ui, l.id, choice, opts);
                        ui.end_row();
                    }
                }
            });
    }
}

/// Adds the words not listed yet, each unchosen.
pub(super) fn list_new(listed: &mut Vec<(String, Option<String>)>, words: &[String]) {
    for w in words {
        if !listed.iter().any(|(t, _)| t == w) {
            listed.push((w.clone(), None));
        }
    }
}

/// A choice among named values (topic codes, settlement names) or none.
fn pick(
    ui: &mut Ui,
    label: egui::Id,
    value: &mut Option<String>,
    options: &[(Option<String>, String)],
) {
    // `combo` wants copyable values: choose by position.
    let mut at = options.iter().position(|(c, _)| c == value).unwrap_or(0);
    let indexed: Vec<(usize, String)> = options
        .iter()
        .enumerate()
        .map(|(i, (_, n))| (i, n.clone()))
        .collect();
    combo(ui, label, &mut at, &indexed, 260.0);
    *value = options.get(at).and_then(|(c, _)| c.clone());
}
