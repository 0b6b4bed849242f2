//! Reads journal pages on a thread with its own read-only connection, so that a slow query (a
//! count over a wide filter, a page deep in a million rows) never holds up a frame. WAL lets
//! this reader run beside the app's writes; it sees what was committed.

use super::journal::PAGE;
use chrono::NaiveDate;
use estu_core::error::Result;
use estu_core::store::Db;
use estu_core::store::appeals::{self, Filter, JournalRow, Total};
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What the journal shows: the filters, the data generation and the day.
pub type Key = (Filter, u64, NaiveDate);

/// Page `page` (of `journal::PAGE` rows) of what `key` shows.
pub struct Request {
    pub key: Key,
    pub page: i64,
}

pub struct Reply {
    pub key: Key,
    pub page: i64,
    pub result: Result<(Vec<JournalRow>, Total)>,
}

pub struct Worker {
    requests: Sender<Request>,
    replies: Receiver<Reply>,
}

impl Worker {
    /// Starts the reader on `db`; `wake` is called after each reply (the app repaints).
    pub fn start(db: &Path, wake: impl Fn() + Send + 'static) -> Result<Worker> {
        let conn = Db::open_read_only(db)?;
        let (requests, inbox) = channel::<Request>();
        let (outbox, replies) = channel::<Reply>();
        std::thread::spawn(move || {
            // Ends when the journal (the sender) is gone.
            while let Ok(first) = inbox.recv() {
                // Only the newest filters matter: older requests still queued are skipped.
                let mut batch = vec![first];
                batch.extend(inbox.try_iter());
                let newest = batch.last().map(|r| r.key.clone());
                for r in batch
                    .into_iter()
                    .filter(|r| Some(&r.key) == newest.as_ref())
                {
                    let result = appeals::page(&conn, &r.key.0, r.key.2, r.page * PAGE, PAGE);
                    let reply = Reply {
                        key: r.key,
                        page: r.page,
                        result,
                    };
                    if outbox.send(reply).is_err() {
                        return;
                    }
                    wake();
                }
            }
        });
        Ok(Worker { requests, replies })
    }

    /// Asks for a page; false when the thread has ended (the journal then reads in the frame).
    pub fn ask(&self, r: Request) -> bool {
        self.requests.send(r).is_ok()
    }

    pub fn replies(&self) -> impl Iterator<Item = Reply> + '_ {
        self.replies.try_iter()
    }
}
