//! First start: no database yet. A short wizard (the okrug's profile in both languages, its
//! villages, the akim, the executor, reception days) creates one, or the demo database opens.

use super::Toast;
use super::profile_form::ProfileForm;
use super::widgets::{Fields, problem_box};
use egui::{RichText, Ui};
use estu_core::error::{Error, Problem};
use estu_core::i18n::{Lang, Text, tr};
use estu_core::model::*;
use estu_core::store::{Store, reference};
use std::path::{Path, PathBuf};

/// One village typed in the wizard.
#[derive(Debug, Clone, Default)]
struct Village {
    name_ru: String,
    name_kk: String,
    population: i64,
    households: i64,
}

pub struct Wizard {
    profile: OkrugProfile,
    villages: Vec<Village>,
    executor_position_ru: String,
    days: [bool; 7],
    problems: Vec<Problem>,
    other_error: Option<String>,
    /// The first administrator's (the executor's) password, typed twice.
    password: String,
    password_again: String,
    /// The recovery code of the file just created, for the app to show once.
    pub recovery: Option<estu_core::secure::RecoveryCode>,
    /// The user works in a district akimat: the app turns the district mode on.
    pub district: bool,
}

impl Default for Wizard {
    fn default() -> Self {
        Wizard {
            profile: OkrugProfile {
                work_start: "09:00".into(),
                work_end: "18:30".into(),
                reg_pattern: "{YYYY}/{NNNN}".into(),
                ..Default::default()
            },
            villages: vec![Village::default()],
            executor_position_ru: String::new(),
            days: [false, true, false, true, false, false, false],
            problems: Vec::new(),
            other_error: None,
            password: String::new(),
            password_again: String::new(),
            recovery: None,
            district: false,
        }
    }
}

/// Where the demo database lives: beside the chosen file, so the real one stays to be created.
pub fn demo_path(db_path: &Path) -> PathBuf {
    db_path.with_file_name("estu-demo.db")
}

/// Creates (or reopens) the demo database: the demo okrug with four years of records.
pub fn open_demo(path: &Path) -> Result<Store, Error> {
    if path.exists() {
        return estu_core::safety::open(path);
    }
    // An open file for trying the program, marked so: the app says so on every screen.
    let (store, _, _) = estu_core::demo::create(
        path,
        7,
        estu_core::demo::Scale::Okrug,
        None,
        estu_core::demo::Protection::Open,
    )?;
    Ok(store)
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

impl Wizard {
    /// Draws the wizard; returns the store once one is created or opened.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        db_path: &Path,
        toast: &mut Option<Toast>,
    ) -> Option<Store> {
        let mut result = None;
        // The action stays in view at the bottom whatever the window's height; the fields
        // scroll above it.
        egui::Panel::bottom("wizard_actions").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new(tr(lang, "ui.wizard.create")).strong())
                    .clicked()
                {
                    result = self.create(db_path, lang);
                }
                ui.label(RichText::new(tr(lang, "ui.wizard.create_hint")).weak());
            });
            ui.add_space(2.0);
        });
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(tr(lang, "ui.wizard.title"));
            ui.label(tr(lang, "ui.wizard.intro"));
            ui.label(RichText::new(db_path.display().to_string()).weak());
            ui.add_space(8.0);
            if ui
                .button(RichText::new(tr(lang, "ui.wizard.demo")).strong())
                .on_hover_text(tr(lang, "ui.wizard.demo_hint"))
                .clicked()
            {
                match open_demo(&demo_path(db_path)) {
                    Ok(s) => result = Some(s),
                    Err(e) => {
                        *toast = Some(Toast {
                            text: e.message(lang),
                            error: true,
                        })
                    }
                }
            }
            if ui
                .button(tr(lang, "ui.wizard.district"))
                .on_hover_text(tr(lang, "ui.wizard.district_hint"))
                .clicked()
            {
                self.district = true;
            }
            ui.add_space(8.0);
            ui.separator();
            problem_box(ui, lang, &self.problems, self.other_error.as_deref());
            self.profile_fields(ui, lang);
            ui.add_space(8.0);
            self.village_fields(ui, lang);
            ui.add_space(8.0);
            self.printed_sample(ui, lang);
            ui.add_space(8.0);
            self.password_fields(ui, lang);
        });
        result
    }

    fn profile_fields(&mut self, ui: &mut Ui, lang: Lang) {
        let problems = std::mem::take(&mut self.problems);
        let f = Fields::new(lang, &problems);
        ProfileForm {
            profile: &mut self.profile,
            days: &mut self.days,
            executor_position: Some(&mut self.executor_position_ru),
            footer_heading: false,
        }
        .ui(ui, "wizard_profile", f);
        self.problems = problems;
    }

    fn village_fields(&mut self, ui: &mut Ui, lang: Lang) {
        ui.label(RichText::new(tr(lang, "ui.wizard.villages")).strong());
        let mut remove = None;
        egui::Grid::new("wizard_villages")
            .num_columns(5)
            .show(ui, |ui| {
                let h: Vec<egui::Response> = [
                    "field.settlement.name_ru",
                    "field.settlement.name_kk",
                    "field.settlement.population",
                    "field.settlement.households",
                ]
                .iter()
                .map(|k| ui.label(tr(lang, k)))
                .collect();
                ui.end_row();
                for (i, v) in self.villages.iter_mut().enumerate() {
                    ui.add_sized([220.0, 22.0], egui::TextEdit::singleline(&mut v.name_ru))
                        .labelled_by(h[0].id);
                    ui.add_sized([220.0, 22.0], egui::TextEdit::singleline(&mut v.name_kk))
                        .labelled_by(h[1].id);
                    ui.add(egui::DragValue::new(&mut v.population).range(0..=10_000_000))
                        .labelled_by(h[2].id);
                    ui.add(egui::DragValue::new(&mut v.households).range(0..=10_000_000))
                        .labelled_by(h[3].id);
                    if ui.button(tr(lang, "ui.remove")).clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            self.villages.remove(i);
        }
        if ui.button(tr(lang, "ui.wizard.add_village")).clicked() {
            self.villages.push(Village::default());
        }
    }

    /// The first administrator's password, twice (the file is encrypted with it).
    fn password_fields(&mut self, ui: &mut Ui, lang: Lang) {
        ui.label(RichText::new(tr(lang, "ui.wizard.password_intro")).strong());
        egui::Grid::new("wizard_password")
            .num_columns(2)
            .show(ui, |ui| {
                for (key, value) in [
                    ("ui.wizard.password", &mut self.password),
                    ("ui.wizard.password_again", &mut self.password_again),
                ] {
                    let l = ui.label(tr(lang, key));
                    ui.add(egui::TextEdit::singleline(value).password(true))
                        .labelled_by(l.id);
                    ui.end_row();
                }
            });
    }

    /// How what is typed prints on the forms: their titles and signature, drawn by the same
    /// functions the forms use (`forms::profile_sample`), as the fields change.
    fn printed_sample(&self, ui: &mut Ui, lang: Lang) {
        use chrono::Datelike;
        let period = estu_core::forms::Period::year(chrono::Local::now().date_naive().year());
        let village = self
            .villages
            .first()
            .map(|v| lang.pick(&v.name_ru, &v.name_kk).to_string());
        let (titles, footer) =
            estu_core::forms::profile_sample(&self.profile, lang, village.as_deref(), &period);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(tr(lang, "ui.wizard.printed")).strong());
            for lines in titles {
                let text: Vec<String> = lines.into_iter().map(|l| l.text).collect();
                ui.label(RichText::new(text.join(" / ")).italics());
            }
            ui.label(
                RichText::new(format!("{}  ________  {}", footer.position, footer.name)).italics(),
            );
            if !footer.executor.is_empty() {
                ui.label(RichText::new(footer.executor).italics());
            }
        });
    }

    fn create(&mut self, db_path: &Path, lang: Lang) -> Option<Store> {
        self.problems.clear();
        self.other_error = None;
        let (profile, villages) = self.checked(lang)?;
        // Every file the wizard makes is encrypted; the executor is its first administrator.
        let admin = if profile.executor_name.trim().is_empty() {
            tr(lang, "role.admin")
        } else {
            profile.executor_name.clone()
        };
        let mut store = match Store::create_encrypted(db_path, &profile, &admin, &self.password) {
            Ok((s, code)) => {
                self.recovery = Some(code);
                s
            }
            Err(e) => {
                self.show(e, lang);
                return None;
            }
        };
        self.password.clear();
        self.password_again.clear();
        let executor_position = self.executor_position_ru.clone();
        let written =
            store.write(|tx| write_reference(tx, &profile, &villages, &executor_position));
        match written {
            Ok(()) => Some(store),
            Err(e) => {
                // Nothing half-made stays behind: the user fixes the field and creates again.
                drop(store);
                remove_db(db_path);
                self.show(e, lang);
                None
            }
        }
    }

    /// The profile with its reception days and the named villages, if they and the password
    /// typed twice can make a file; else the problems are on screen.
    fn checked(&mut self, lang: Lang) -> Option<(OkrugProfile, Vec<Village>)> {
        let mut profile = self.profile.clone();
        profile.reception_days = (1..=7u8).filter(|d| self.days[*d as usize - 1]).collect();
        if let Err(e) = reference::validate_profile(&profile) {
            self.problems = e.problems().to_vec();
            return None;
        }
        let villages: Vec<Village> = self
            .villages
            .iter()
            .filter(|v| !v.name_ru.trim().is_empty() || !v.name_kk.trim().is_empty())
            .cloned()
            .collect();
        if villages.is_empty() {
            self.problems.push(Problem::new(
                Text::new("rec.profile"),
                "settlement.name_ru",
                Text::new("err.required"),
            ));
            return None;
        }
        if self.password != self.password_again {
            self.other_error = Some(tr(lang, "err.password.mismatch"));
            return None;
        }
        Some((profile, villages))
    }

    fn show(&mut self, e: Error, lang: Lang) {
        if e.problems().is_empty() {
            self.other_error = Some(e.message(lang));
        } else {
            self.problems = e.problems().to_vec();
        }
    }
}

/// The new file's reference data: its villages, the akim and the executor as staff, the
/// executor also as one who executes appeals.
fn write_reference(
    tx: &estu_core::store::Tx,
    profile: &OkrugProfile,
    villages: &[Village],
    executor_position: &str,
) -> estu_core::error::Result<()> {
    for v in villages {
        let settlement = Settlement {
            id: 0,
            name_ru: v.name_ru.clone(),
            name_kk: v.name_kk.clone(),
            population: v.population,
            households: v.households,
            active: true,
        };
        reference::save_settlement(tx, &settlement)?;
    }
    if !profile.akim_name.trim().is_empty() {
        let akim = Staff {
            id: 0,
            full_name: profile.akim_name.clone(),
            position_ru: profile.akim_position_ru.clone(),
            position_kk: profile.akim_position_kk.clone(),
            active: true,
        };
        reference::save_staff(tx, &akim)?;
    }
    let exec = &profile.executor_name;
    if !exec.trim().is_empty() {
        let staff = Staff {
            id: 0,
            full_name: exec.clone(),
            position_ru: executor_position.to_string(),
            position_kk: String::new(),
            active: true,
        };
        reference::save_staff(tx, &staff)?;
        let executor = Executor {
            id: 0,
            name: exec.clone(),
            kind: ExecutorKind::Person,
            phone: profile.executor_phone.clone(),
            active: true,
        };
        reference::save_executor(tx, &executor)?;
    }
    Ok(())
}
