//! File → Импорт… and File → Экспорт: the import window's steps run as jobs that borrow the
//! store, the exchange file written on a job of its own (an encrypted database's full file
//! asks for a password first).

use super::{App, Toast, import, jobs};
use estu_core::i18n::tr;
use estu_core::store::Store;
use std::path::Path;

impl App {
    /// Starts `work` on a thread with the app's store, which comes back when it ends (an
    /// import checks and writes through the one writer); a second job is refused.
    fn start_store_job(
        &mut self,
        what: &'static str,
        work: impl FnOnce(&mut Store) -> import::Step + Send + 'static,
    ) {
        if self.jobs.is_running() {
            let text =
                estu_core::i18n::trf(self.lang, "ui.job.busy", &[("what", &tr(self.lang, what))]);
            self.toast = Some(Toast { text, error: true });
            return;
        }
        let Some(mut store) = self.store.take() else {
            return;
        };
        let ctx = self.ctx.clone();
        self.jobs.start(
            what,
            move || ctx.request_repaint(),
            move || {
                let step = work(&mut store);
                jobs::Done::Import(Box::new(store), Box::new(step))
            },
        );
    }

    /// What the import window asked for.
    fn import_request(&mut self, req: import::Request) {
        let Some(dialog) = self.import.as_mut() else {
            return;
        };
        match req {
            import::Request::Choose => {
                if let Some(path) = self.dialogs.open_import() {
                    let name = path.display().to_string();
                    self.start_store_job("ui.job.import_read", move |s| {
                        import::open_job(s, &name, Some(&path), None)
                    });
                }
            }
            import::Request::Sample(i) => {
                let (name, bytes) = import::SAMPLES[i];
                self.start_store_job("ui.job.import_read", move |s| {
                    import::open_job(s, name, None, Some(bytes))
                });
            }
            import::Request::Check => {
                let Some(source) = dialog.source().cloned() else {
                    return;
                };
                dialog.checking();
                let choices = dialog.choices.clone();
                self.start_store_job("ui.job.import_check", move |s| {
                    import::Step::Checked(import::check_job(s, &source, &choices))
                });
            }
            import::Request::Import => {
                let Some(source) = dialog.source().cloned() else {
                    return;
                };
                let choices = dialog.choices.clone();
                self.start_store_job("ui.job.import", move |s| {
                    import::import_job(s, &source, &choices)
                });
            }
        }
    }

    /// What an import job handed back: shown in the window; a finished import closes it and
    /// every screen reads again.
    pub(super) fn import_step(&mut self, step: import::Step) {
        let lang = self.lang;
        let Some(dialog) = self.import.as_mut() else {
            return;
        };
        let Some(done) = dialog.take(step, lang) else {
            return;
        };
        self.import = None;
        self.reload_refs();
        let text = match done {
            import::Imported::Table(p, kind) => p.said(kind).render(lang),
            import::Imported::Exchange(r) => estu_core::i18n::trf(
                lang,
                "cli.imported",
                &[
                    ("appeals", &r.appeals),
                    ("receptions", &r.receptions),
                    ("meetings", &r.meetings),
                    ("questions", &r.questions),
                    ("plan", &r.plan_items),
                    ("settlements", &r.settlements),
                ],
            ),
        };
        self.toast = Some(Toast { text, error: false });
    }

    /// The import window, while open.
    pub(super) fn import_window(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.import.as_mut() else {
            return;
        };
        let lang = self.lang;
        let busy = self.jobs.is_running();
        let mut open = true;
        let mut req = None;
        egui::Window::new(tr(lang, "ui.import.title"))
            .id(egui::Id::unique("import_window"))
            .collapsible(false)
            .default_width(720.0)
            .default_height(ctx.content_rect().height() - 100.0)
            .max_height(ctx.content_rect().height() - 80.0)
            .vscroll(true)
            .show(ctx, |ui| {
                let refs = (&self.refs.topics[..], &self.refs.settlements[..]);
                req = dialog.ui(ui, lang, refs, busy);
                ui.separator();
                if ui
                    .add_enabled(!busy, egui::Button::new(tr(lang, "ui.close")))
                    .clicked()
                {
                    open = false;
                }
            });
        if !open {
            self.import = None;
            return;
        }
        if let Some(r) = req {
            self.import_request(r);
        }
    }

    /// File → Экспорт: the exchange file (whole, or for the district without personal
    /// data), written on a thread through a read-only connection of its own.
    pub(super) fn start_export(&mut self, district: bool, sealing: import::Sealing) {
        let Some(db) = self
            .store
            .as_ref()
            .and_then(|s| s.path())
            .map(Path::to_path_buf)
        else {
            return;
        };
        let (suggested, ext) = match (district, &sealing) {
            (true, _) => ("estu-district.json", "json"),
            (false, import::Sealing::Password(_)) => ("estu-exchange.json.age", "age"),
            (false, import::Sealing::Plain) => ("estu-exchange.json", "json"),
        };
        let Some(path) = self.dialogs.save_file(suggested, ext) else {
            return;
        };
        let ctx = self.ctx.clone();
        if !self.jobs.start(
            "ui.job.export",
            move || ctx.request_repaint(),
            move || import::exchange_export(db, path, district, sealing),
        ) {
            let what = tr(self.lang, "ui.job.export");
            let text = estu_core::i18n::trf(self.lang, "ui.job.busy", &[("what", &what)]);
            self.toast = Some(Toast { text, error: true });
        }
    }

    /// File → Экспорт → the full file: an encrypted database's personal data leave it
    /// encrypted with a password, or plain only when the user says so (as `estu export
    /// --plain`); an open database's file stays plain, as on the command line.
    pub(super) fn ask_export(&mut self) {
        if self.store.as_ref().is_some_and(|s| s.key().is_some()) {
            self.export_ask = Some(import::ExportAsk::default());
        } else {
            self.start_export(false, import::Sealing::Plain);
        }
    }

    /// The export's password question, while open.
    pub(super) fn export_ask_window(&mut self, ctx: &egui::Context) {
        let Some(ask) = self.export_ask.as_mut() else {
            return;
        };
        let Some(choice) = ask.ui(ctx, self.lang) else {
            return;
        };
        self.export_ask = None;
        match choice {
            import::ExportChoice::Sealed(pw) => {
                self.start_export(false, import::Sealing::Password(pw))
            }
            import::ExportChoice::Plain => self.start_export(false, import::Sealing::Plain),
            import::ExportChoice::Cancel => {}
        }
    }
}
