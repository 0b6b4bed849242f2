//! The boundaries inside the core that the compiler cannot keep: SQL text lives in the store
//! (and the forms' aggregate queries in `forms/`), nowhere else. Outside the core the compiler
//! keeps it: `Db`'s SQL methods are `pub(crate)` and the program does not depend on rusqlite
//! (`tools/check-boundaries` builds it without the tests' `raw-sql` feature). And no function
//! of the program grows past `LONGEST_FUNCTION` lines.

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

/// The longest a function of the program may be, in lines: a longer one is split where its
/// pieces have names (issue 11). Tests are not counted.
const LONGEST_FUNCTION: usize = 100;

/// The functions of `text` (name, first line, lines) that are longer than `limit`: from the
/// line of `fn` to the closing brace at its indentation.
fn long_functions(text: &str, limit: usize) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let signature = [
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "fn ",
            "const fn ",
        ]
        .iter()
        .find_map(|p| body.strip_prefix(p));
        let Some(rest) = signature else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        if let Some(end) = lines[i + 1..].iter().position(|l| *l == close) {
            let n = end + 2;
            if n > limit {
                out.push((name, i + 1, n));
            }
        }
    }
    out
}

#[test]
fn no_function_is_longer_than_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("core/src"), &mut files);
    rust_files(&root.join("src"), &mut files);
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        // Unit tests at the end of a file are not the program.
        let program = text.split("#[cfg(test)]").next().unwrap_or_default();
        let rel = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for (name, line, n) in long_functions(program, LONGEST_FUNCTION) {
            found.push(format!("{rel}:{line}: {name}, {n} lines"));
        }
    }
    assert!(
        found.is_empty(),
        "functions over {LONGEST_FUNCTION} lines (split where the pieces have names):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_long_function_is_found_and_a_short_one_is_not() {
    let long = format!("fn long() {{\n{}}}\n", "    x();\n".repeat(200));
    let text = format!("pub fn short() {{\n    x();\n}}\n{long}");
    assert_eq!(long_functions(&text, 120), [("long".to_string(), 4, 202)]);
}
