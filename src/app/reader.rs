//! The one background reader: a thread with its own read-only connection that runs the reads
//! the screens ask for (each a typed query of the core), so that no frame waits for SQL or for
//! the disk. WAL lets it read beside the app's writes; it sees what was committed.
//!
//! A screen keeps each read in a [`Fetch`] keyed by what the read depends on (always the data
//! generation, `Cx::generation`): the read is asked once when the key changes and the answer
//! is kept until it changes again, so a steady frame runs no SQL at all. A store in memory
//! (tests) has no file for a second connection: its reads run in the frame, cached the same way.

use estu_core::store::{Db, StatementCount};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

type Job = Box<dyn FnOnce(&Db) + Send>;

/// The reader thread, or none (reads run in the frame).
#[derive(Default)]
pub struct Reader {
    thread: Option<Thread>,
}

struct Thread {
    jobs: Sender<Job>,
    /// Reads asked and not yet answered (or skipped).
    pending: Arc<AtomicUsize>,
    statements: StatementCount,
}

impl Reader {
    /// Starts the thread on the file `db`; `wake` is called after each answer (the app
    /// repaints to show it).
    pub fn start(db: &Path, wake: impl Fn() + Send + 'static) -> estu_core::Result<Reader> {
        let mut conn = Db::open_read_only(db)?;
        let statements = conn.count_statements()?;
        let (jobs, inbox) = channel::<Job>();
        let pending = Arc::new(AtomicUsize::new(0));
        let left = pending.clone();
        std::thread::Builder::new()
            .name("estu-reader".into())
            .spawn(move || {
                // Ends when the app (the sender) is gone.
                while let Ok(job) = inbox.recv() {
                    job(&conn);
                    left.fetch_sub(1, Ordering::AcqRel);
                    wake();
                }
            })
            .map_err(|e| estu_core::Error::file(db, e))?;
        Ok(Reader {
            thread: Some(Thread {
                jobs,
                pending,
                statements,
            }),
        })
    }

    /// Whether reads run on the thread.
    pub fn is_running(&self) -> bool {
        self.thread.is_some()
    }

    /// Whether reads asked of the thread have not been answered yet.
    pub fn is_reading(&self) -> bool {
        self.thread
            .as_ref()
            .is_some_and(|t| t.pending.load(Ordering::Acquire) > 0)
    }

    /// The statements the thread's connection has run.
    pub fn statements(&self) -> Option<StatementCount> {
        self.thread.as_ref().map(|t| t.statements.clone())
    }

    /// Runs `job` on the thread; false when there is none (or it has ended).
    fn submit(&mut self, job: Job) -> bool {
        let Some(t) = &self.thread else {
            return false;
        };
        t.pending.fetch_add(1, Ordering::AcqRel);
        if t.jobs.send(job).is_ok() {
            return true;
        }
        tracing::warn!("the reader thread ended; reading in the frame");
        self.thread = None;
        false
    }

    /// Asks `query(key)` of the thread; None when there is none (the caller reads in the
    /// frame). Dropping the `Asked` before it is answered cancels the read if it has not
    /// started (the journal scrolled on, the filters changed).
    pub fn ask<K, T>(&mut self, key: K, query: fn(&Db, &K) -> T) -> Option<Asked<T>>
    where
        K: Send + 'static,
        T: Send + 'static,
    {
        let ticket = Arc::new(());
        let wanted = Arc::downgrade(&ticket);
        let (tx, rx) = channel();
        let job: Job = Box::new(move |db| {
            if wanted.upgrade().is_none() {
                return;
            }
            let _ = tx.send(query(db, &key));
        });
        self.submit(job).then_some(Asked {
            rx,
            _ticket: ticket,
        })
    }
}

/// A read asked of the thread, not yet taken.
pub struct Asked<T> {
    rx: Receiver<T>,
    /// Held while the answer is wanted.
    _ticket: Arc<()>,
}

impl<T> Asked<T> {
    /// The answer when it has come: `Some(Ok)`; `Some(Err(()))` when it never will (the thread
    /// ended); None while it is being read.
    pub fn take(&self) -> Option<Result<T, ()>> {
        match self.rx.try_recv() {
            Ok(v) => Some(Ok(v)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(())),
        }
    }
}

/// One read a screen shows, kept until its key changes.
pub struct Fetch<K, T> {
    key: Option<K>,
    value: Option<T>,
    waiting: Option<Asked<T>>,
    /// Answers received so far (a screen notices a new one by it).
    answers: u64,
}

impl<K, T> Default for Fetch<K, T> {
    fn default() -> Self {
        Fetch {
            key: None,
            value: None,
            waiting: None,
            answers: 0,
        }
    }
}

impl<K, T> Fetch<K, T>
where
    K: Clone + PartialEq + Send + 'static,
    T: Send + 'static,
{
    /// The answer of `query` for `key`: asked when `key` differs from the last one (in the frame
    /// when there is no reader thread). Until a new answer comes the last one stays on screen.
    pub fn get(
        &mut self,
        reader: &mut Reader,
        db: &Db,
        key: K,
        query: fn(&Db, &K) -> T,
    ) -> Option<&T> {
        if self.key.as_ref() != Some(&key) {
            self.key = Some(key.clone());
            match reader.ask(key.clone(), query) {
                Some(asked) => self.waiting = Some(asked),
                None => {
                    self.waiting = None;
                    self.value = Some(query(db, &key));
                    self.answers += 1;
                }
            }
        }
        self.receive();
        self.value.as_ref()
    }

    fn receive(&mut self) {
        let Some(asked) = &self.waiting else {
            return;
        };
        match asked.take() {
            Some(Ok(v)) => {
                if let Some(old) = self.value.replace(v) {
                    drop_off_frame(old);
                }
                self.waiting = None;
                self.answers += 1;
            }
            None => {}
            // The thread ended without answering: ask again (in the frame) next time.
            Some(Err(())) => {
                self.waiting = None;
                self.key = None;
            }
        }
    }

    /// The last answer, whatever its key.
    pub fn value(&self) -> Option<&T> {
        self.value.as_ref()
    }

    /// How many answers have come (changes with each new one).
    pub fn answers(&self) -> u64 {
        self.answers
    }

    /// Whether the answer for the current key has not come yet.
    pub fn is_reading(&self) -> bool {
        self.waiting.is_some()
    }

    /// Forgets the key: the next `get` asks again.
    pub fn invalidate(&mut self) {
        self.key = None;
    }
}

/// A record asked for by a click (an appeal, a meeting, a plan item to edit): read on the
/// reader, handed over once when it comes — a frame or two later — so the click's frame runs
/// no SQL (a store in memory has no reader: read at once, as `Fetch` does). A new ask replaces
/// one not yet answered.
pub struct Open<K, T> {
    asked: Option<Asking<K, T>>,
}

enum Asking<K, T> {
    Thread {
        key: K,
        query: fn(&Db, &K) -> T,
        answer: Asked<T>,
    },
    Ready(T),
}

impl<K, T> Default for Open<K, T> {
    fn default() -> Self {
        Open { asked: None }
    }
}

impl<K, T> Open<K, T>
where
    K: Clone + Send + 'static,
    T: Send + 'static,
{
    /// Asks `query(key)` of the reader (of `db` at once when there is no reader thread).
    pub fn ask(&mut self, reader: &mut Reader, db: &Db, key: K, query: fn(&Db, &K) -> T) {
        self.asked = Some(match reader.ask(key.clone(), query) {
            Some(answer) => Asking::Thread { key, query, answer },
            None => Asking::Ready(query(db, &key)),
        });
    }

    /// The answer once it has come (then forgotten); read on `db` when the thread ended
    /// without answering.
    pub fn take(&mut self, db: &Db) -> Option<T> {
        let value = match self.asked.take()? {
            Asking::Ready(v) => v,
            Asking::Thread { key, query, answer } => match answer.take() {
                Some(Ok(v)) => v,
                Some(Err(())) => query(db, &key),
                None => {
                    self.asked = Some(Asking::Thread { key, query, answer });
                    return None;
                }
            },
        };
        Some(value)
    }

    /// Whether an answer is awaited or waits to be taken.
    pub fn is_waiting(&self) -> bool {
        self.asked.is_some()
    }
}

/// Frees `value` on a thread of its own. The answer a new one replaces may be big: a region's
/// action plan (15,771 rows) took 45 ms to free, on the window's thread, in the frame the next
/// form came.
fn drop_off_frame<T: Send + 'static>(value: T) {
    static BIN: std::sync::OnceLock<Sender<Box<dyn Send>>> = std::sync::OnceLock::new();
    let bin = BIN.get_or_init(|| {
        let (tx, rx) = channel::<Box<dyn Send>>();
        // Without the thread the send fails and the value is freed here, as before.
        let _ = std::thread::Builder::new()
            .name("estu-free".into())
            .spawn(move || rx.into_iter().for_each(drop));
        tx
    });
    let _ = bin.send(Box::new(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tells which thread freed it.
    struct Freed(Sender<std::thread::ThreadId>);

    impl Drop for Freed {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }

    #[test]
    fn a_replaced_answer_is_freed_off_the_windows_thread() {
        let (tx, rx) = channel();
        drop_off_frame(Freed(tx));
        let freed_on = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("freed");
        assert_ne!(freed_on, std::thread::current().id());
    }
}
