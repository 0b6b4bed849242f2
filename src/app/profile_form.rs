//! The okrug's profile typed as a form: one widget for the first-start wizard and the
//! reference screen (names in both languages, the signatures under the forms, reception days,
//! working hours and the registration number's pattern).

use super::widgets::Fields;
use egui::{RichText, Ui};
use estu_core::i18n::{Lang, tr};
use estu_core::model::OkrugProfile;

/// A text field of the profile: its label's key, the field's name in problems, the value.
type TextField = (
    &'static str,
    &'static str,
    fn(&mut OkrugProfile) -> &mut String,
);

/// The okrug, its district and region, as the forms' headers name them.
const NAMES: [TextField; 10] = [
    ("field.okrug.org_name_ru", "okrug.org_name_ru", |p| {
        &mut p.org_name_ru
    }),
    ("field.okrug.org_name_kk", "okrug.org_name_kk", |p| {
        &mut p.org_name_kk
    }),
    ("ui.okrug.okrug_gen_ru", "okrug.okrug_gen_ru", |p| {
        &mut p.okrug_gen_ru
    }),
    ("ui.okrug.okrug_gen_kk", "okrug.okrug_gen_kk", |p| {
        &mut p.okrug_gen_kk
    }),
    ("ui.okrug.district_ru", "okrug.district_ru", |p| {
        &mut p.district_ru
    }),
    ("ui.okrug.district_kk", "okrug.district_kk", |p| {
        &mut p.district_kk
    }),
    ("ui.okrug.district_gen_ru", "okrug.district_gen_ru", |p| {
        &mut p.district_gen_ru
    }),
    ("ui.okrug.district_gen_kk", "okrug.district_gen_kk", |p| {
        &mut p.district_gen_kk
    }),
    ("ui.okrug.region_ru", "okrug.region_ru", |p| {
        &mut p.region_ru
    }),
    ("ui.okrug.region_kk", "okrug.region_kk", |p| {
        &mut p.region_kk
    }),
];

/// Who signs the forms.
const SIGNERS: [TextField; 4] = [
    ("field.okrug.akim_name", "okrug.akim_name", |p| {
        &mut p.akim_name
    }),
    (
        "field.okrug.akim_position_ru",
        "okrug.akim_position_ru",
        |p| &mut p.akim_position_ru,
    ),
    ("ui.okrug.akim_position_kk", "okrug.akim_position_kk", |p| {
        &mut p.akim_position_kk
    }),
    ("field.okrug.executor_name", "okrug.executor_name", |p| {
        &mut p.executor_name
    }),
];

/// The executor's and the akimat's phones.
const PHONES: [TextField; 2] = [
    ("ui.okrug.executor_phone", "okrug.executor_phone", |p| {
        &mut p.executor_phone
    }),
    ("field.okrug.phone", "okrug.phone", |p| &mut p.phone),
];

/// Working hours and the registration number's pattern.
const WORK: [TextField; 3] = [
    ("field.okrug.work_start", "okrug.work_start", |p| {
        &mut p.work_start
    }),
    ("field.okrug.work_end", "okrug.work_end", |p| {
        &mut p.work_end
    }),
    ("field.okrug.reg_pattern", "okrug.reg_pattern", |p| {
        &mut p.reg_pattern
    }),
];

/// The profile being typed, and what differs between the wizard and the reference screen.
pub struct ProfileForm<'a> {
    pub profile: &'a mut OkrugProfile,
    /// Reception days, Monday first.
    pub days: &'a mut [bool; 7],
    /// The wizard also asks the executor's position (for the staff record it creates).
    pub executor_position: Option<&'a mut String>,
    /// The reference screen heads the signers' fields («Подписи на формах»).
    pub footer_heading: bool,
}

impl ProfileForm<'_> {
    /// Draws the form in a grid `id`; problems of the last save are shown at their fields.
    pub fn ui(self, ui: &mut Ui, id: &str, mut f: Fields) {
        let lang = f.lang;
        egui::Grid::new(id).num_columns(2).show(ui, |ui| {
            texts(ui, &mut f, self.profile, &NAMES);
            if self.footer_heading {
                ui.label(RichText::new(tr(lang, "ui.ref.footer")).strong());
                ui.end_row();
            }
            texts(ui, &mut f, self.profile, &SIGNERS);
            if let Some(position) = self.executor_position {
                f.text(
                    ui,
                    "ui.wizard.executor_position",
                    "staff.position_ru",
                    position,
                );
            }
            texts(ui, &mut f, self.profile, &PHONES);
            reception_days(ui, &f, lang, self.days);
            texts(ui, &mut f, self.profile, &WORK);
            f.note(ui, &tr(lang, "ui.okrug.reg_pattern_hint"), false);
        });
        f.chain.finish(ui);
    }
}

fn texts(ui: &mut Ui, f: &mut Fields, p: &mut OkrugProfile, fields: &[TextField]) {
    for (key, field, value) in fields {
        f.text(ui, key, field, value(p));
    }
}

fn reception_days(ui: &mut Ui, f: &Fields, lang: Lang, days: &mut [bool; 7]) {
    ui.label(tr(lang, "field.okrug.reception_days"));
    ui.horizontal(|ui| {
        for (i, d) in days.iter_mut().enumerate() {
            ui.checkbox(d, tr(lang, &format!("ui.weekday.{}", i + 1)));
        }
    });
    ui.end_row();
    f.errors(ui, &["okrug.reception_days"]);
}
