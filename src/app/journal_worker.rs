//! Reads journal pages on a thread with its own read-only connection, so that a slow query (a
//! count over a wide filter, a page deep in a million rows) never holds up a frame. WAL lets
//! this reader run beside the app's writes; it sees what was committed.

use crate::error::Result;
use crate::store::appeals::{self, Filter, JournalRow, Total};
use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// What the journal shows: the filters, the data generation and the day.
pub type Key = (Filter, u64, NaiveDate);

pub struct Request {
    pub key: Key,
    pub page: i64,
    pub offset: i64,
    pub limit: i64,
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
        let conn = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(64);
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
                    let result = appeals::page(&conn, &r.key.0, r.key.2, r.offset, r.limit);
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

    pub fn ask(&self, r: Request) {
        // A send fails only when the thread ended; the journal then reads in the frame.
        let _ = self.requests.send(r);
    }

    pub fn replies(&self) -> impl Iterator<Item = Reply> + '_ {
        self.replies.try_iter()
    }
}
