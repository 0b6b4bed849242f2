//! The About window (menu «Справка» → «О программе»): the program's version and licence, the
//! fonts' licences, and where its database and backups are, with a button to open that folder.

use egui::{RichText, Ui};
use estu_core::i18n::{Lang, tr, trf};
use std::path::{Path, PathBuf};

/// What the window shows, gathered once when it is opened.
pub struct About {
    db: PathBuf,
    backups: Option<PathBuf>,
    portable: bool,
}

/// What the user did in the window this frame.
#[derive(Debug, PartialEq)]
pub enum Answer {
    Stay,
    Close,
    /// «Открыть папку»: the folder to hand to the viewer (on a job: `save_to::open_job`).
    OpenFolder(PathBuf),
}

impl About {
    pub fn new(db: &Path, backups: Option<PathBuf>, portable: bool) -> About {
        About {
            db: db.to_path_buf(),
            backups,
            portable,
        }
    }

    /// Draws the window and says what the user did (the close button, Escape or a click beside
    /// it close it).
    pub fn show(&mut self, ctx: &egui::Context, lang: Lang) -> Answer {
        let mut answer = Answer::Stay;
        let modal = egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(tr(lang, "ui.app.title"));
            ui.label(trf(
                lang,
                "ui.about.version",
                &[("version", &env!("CARGO_PKG_VERSION"))],
            ));
            ui.label(tr(lang, "ui.about.what"));
            ui.add_space(8.0);
            ui.label(trf(
                lang,
                "ui.about.license",
                &[("license", &env!("CARGO_PKG_LICENSE"))],
            ));
            ui.label(tr(lang, "ui.about.fonts"));
            ui.add_space(8.0);
            egui::Grid::new("about.paths")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(tr(lang, "ui.about.db"));
                    path_label(ui, &self.db);
                    ui.end_row();
                    if let Some(dir) = &self.backups {
                        ui.label(tr(lang, "ui.about.backups"));
                        path_label(ui, dir);
                        ui.end_row();
                    }
                });
            if self.portable {
                ui.label(tr(lang, "ui.about.portable"));
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if let Some(dir) = self.db.parent().filter(|d| d.is_dir())
                    && ui.button(tr(lang, "ui.about.open_folder")).clicked()
                {
                    answer = Answer::OpenFolder(dir.to_path_buf());
                }
                if ui.button(tr(lang, "ui.close")).clicked() {
                    answer = Answer::Close;
                }
            });
        });
        if modal.should_close() {
            answer = Answer::Close;
        }
        answer
    }
}

/// A path the user can select and copy (into a file manager, a letter to the district).
fn path_label(ui: &mut Ui, path: &Path) {
    ui.add(
        egui::Label::new(RichText::new(path.display().to_string()).monospace()).selectable(true),
    );
}
