//! The boundaries inside the core that the compiler cannot keep: SQL text lives in the store
//! (and the forms' aggregate queries in `forms/`), nowhere else. Outside the core the compiler
//! keeps it: `Db`'s SQL methods are `pub(crate)` and the program does not depend on rusqlite
//! (`tools/check-boundaries` builds it without the tests' `raw-sql` feature).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Calls that run SQL on a connection.
const SQL_CALLS: [&str; 6] = [
    ".prepare(",
    ".prepare_cached(",
    ".execute(",
    ".execute_batch(",
    ".query_row(",
    "Connection::open",
];

#[test]
fn sql_is_run_only_in_the_store_and_the_forms_queries() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("core/src"), &mut files);
    rust_files(&root.join("src"), &mut files);
    let allowed = [root.join("core/src/store"), root.join("core/src/forms")];
    let mut found = Vec::new();
    for f in files {
        if allowed.iter().any(|a| f.starts_with(a)) {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in text.lines().enumerate() {
            if SQL_CALLS.iter().any(|c| line.contains(c)) {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside the store:\n{}",
        found.join("\n")
    );
}
