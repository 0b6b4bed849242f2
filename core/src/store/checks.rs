//! A table's CHECK constraints, read from its CREATE TABLE text and tested over some of its
//! rows with one query. A bulk load writes its rows with the constraints off and tests them
//! here at its end: a single-row INSERT builds a temporary index for every `IN (…)` list of a
//! CHECK each time it runs (a fifth of an import went to that), one query builds each once.

use super::Tx;
use crate::error::{Error, Result};
use rusqlite::OptionalExtension;

/// Fails, as the INSERT would have, when a row of `table` matching `scope` (an SQL condition
/// on its columns) breaks one of the table's CHECK constraints.
pub(super) fn test_rows(tx: &Tx, table: &str, create_sql: &str, scope: &str) -> Result<()> {
    let clauses = clauses(create_sql);
    if clauses.is_empty() {
        return Ok(());
    }
    // A CHECK fails when its expression is false; NULL passes (so does `NOT NULL` here).
    let broken = (clauses.iter())
        .map(|c| format!("NOT ({c}\n)"))
        .collect::<Vec<_>>()
        .join(" OR ");
    let sql = format!("SELECT 1 FROM main.{table} WHERE ({scope}) AND ({broken}) LIMIT 1");
    if tx.query_row(&sql, [], |_| Ok(())).optional()?.is_some() {
        return Err(Error::Sql(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_CHECK),
            Some(format!("CHECK constraint failed in {table}")),
        )));
    }
    Ok(())
}

/// The expressions of the CHECK constraints in a CREATE TABLE statement, in order: the text
/// inside the parentheses after each CHECK keyword that is not in a string, a quoted name or
/// a comment.
fn clauses(sql: &str) -> Vec<&str> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if let Some(next) = skip_quoted(b, i) {
            i = next;
        } else if let Some((open, close)) = check_at(b, i) {
            out.push(&sql[open + 1..close]);
            i = close + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// When the keyword CHECK and its parenthesised expression start at `i`: the positions of
/// the parentheses.
fn check_at(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let word = b.get(i..i + 5)?;
    let is_name = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    // The end of the word needs no test: only spaces or "(" may follow it.
    if !word.eq_ignore_ascii_case(b"CHECK") || (i > 0 && is_name(&b[i - 1])) {
        return None;
    }
    let open = i
        + 5
        + b[i + 5..]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
    if b.get(open) != Some(&b'(') {
        return None;
    }
    let mut depth = 0;
    let mut j = open;
    while j < b.len() {
        if let Some(next) = skip_quoted(b, j) {
            j = next;
            continue;
        }
        match b[j] {
            b'(' => depth += 1,
            b')' if depth == 1 => return Some((open, j)),
            b')' => depth -= 1,
            _ => {}
        }
        j += 1;
    }
    None
}

/// When a string, a quoted name or a comment starts at `i`: the position after it.
fn skip_quoted(b: &[u8], i: usize) -> Option<usize> {
    let after = |from: usize, end: &[u8]| {
        (b[from..].windows(end.len()).position(|w| w == end))
            .map_or(b.len(), |p| from + p + end.len())
    };
    match b[i] {
        q @ (b'\'' | b'"' | b'`') => {
            // A doubled quote is the quote itself, inside: read on past it.
            let mut j = i + 1;
            while j < b.len() {
                if b[j] == q && b.get(j + 1) == Some(&q) {
                    j += 2;
                } else if b[j] == q {
                    return Some(j + 1);
                } else {
                    j += 1;
                }
            }
            Some(b.len())
        }
        b'[' => Some(after(i + 1, b"]")),
        b'-' if b.get(i + 1) == Some(&b'-') => Some(after(i + 2, b"\n")),
        b'/' if b.get(i + 1) == Some(&b'*') => Some(after(i + 2, b"*/")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::clauses;

    #[test]
    fn the_check_clauses_are_read_around_strings_names_and_comments() {
        let sql = "CREATE TABLE t (
            -- a comment naming CHECK (not this) and a stray )
            a TEXT NOT NULL CHECK (a IN ('x)', 'it''s', 'check (z)')),
            \"check\" INTEGER CHECK(\"check\" >= 0), /* CHECK (nor this) */ e CHECK (e - 1 > -1 AND e / 2 >= 0),
            rechecked INTEGER, [CHECK (q)] INTEGER, checks INTEGER REFERENCES checks (id),
            b TEXT CHECK (b <> 'y'), c TEXT REFERENCES pre_check (id) CHECK (c <> 'z'),
            CHECK ((a = 'x)') = (rechecked IS NULL))
        )";
        assert_eq!(
            clauses(sql),
            [
                "a IN ('x)', 'it''s', 'check (z)')",
                "\"check\" >= 0",
                "e - 1 > -1 AND e / 2 >= 0",
                "b <> 'y'",
                "c <> 'z'",
                "(a = 'x)') = (rechecked IS NULL)",
            ]
        );
        assert_eq!(clauses("check(a)"), ["a"], "at the very start");
        assert!(clauses("CREATE TABLE u (id INTEGER PRIMARY KEY)").is_empty());
        assert!(
            clauses("CREATE TABLE v (a CHECK").is_empty(),
            "cut short: none"
        );
        assert!(
            clauses("CREATE TABLE w (a CHECK (a > (0)").is_empty(),
            "unclosed: none"
        );
        assert!(
            clauses("CREATE TABLE x (a CHECK (a = 'open").is_empty(),
            "a string unclosed"
        );
    }
}
