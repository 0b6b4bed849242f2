//! An appeal opened by a click (from the journal, the dashboard, the reception screen, a
//! search): its record and its reception day are read on the reader (`reader::Open`) and the
//! form opens when they come, a frame or two later — the click's frame runs no SQL.

use super::{App, appeal_form::AppealForm, reader};
use estu_core::error::Result;
use estu_core::model::{Appeal, Reception};
use estu_core::store::{Db, appeals, reference};

/// The appeal to edit (none: a new one) and the reception day a new appeal belongs to.
type Key = (Option<i64>, Option<i64>);

/// What the appeal form opens with.
pub struct Opened {
    appeal: Option<Appeal>,
    reception: Option<Reception>,
}

/// The appeal form asked for and not yet open.
pub type Opening = reader::Open<Key, Result<Opened>>;

fn read(db: &Db, &(appeal, reception): &Key) -> Result<Opened> {
    let appeal = appeal.map(|id| appeals::get(db, id)).transpose()?;
    let reception = appeal.as_ref().map_or(reception, |a| a.reception_id);
    Ok(Opened {
        appeal,
        // A reception day deleted meanwhile leaves the appeal without its date and place.
        reception: reception.and_then(|id| reference::reception(db, id).ok()),
    })
}

impl App {
    /// Asks for appeal `id` (or a new appeal of reception day `reception`) to be opened.
    pub(super) fn open_appeal(&mut self, id: Option<i64>, reception: Option<i64>) {
        if let Some(store) = self.store.as_ref() {
            self.opening
                .ask(&mut self.reader, store.conn(), (id, reception), read);
        }
    }

    /// Opens the appeal form once what it needs has come.
    pub(super) fn opened_appeal(&mut self) {
        let Some(store) = self.store.as_ref() else {
            return;
        };
        match self.opening.take(store.conn()) {
            Some(Ok(o)) => {
                let (refs, today) = (&self.refs, store.today());
                self.form = Some(match o.appeal {
                    Some(a) => AppealForm::edit(a, o.reception.as_ref(), refs, today),
                    None => AppealForm::new_appeal(o.reception.as_ref(), refs, today),
                });
            }
            Some(Err(e)) => self.toast_error(&e),
            None => {}
        }
    }
}
