//! How okrugs head their columns and write their values (`assets/import/words.json`), and the
//! tolerant comparison of what they typed with a name: case, ё/е, punctuation and a typo or two.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(serde::Deserialize)]
pub(super) struct Words {
    pub headers: HashMap<String, Vec<String>>,
    pub outcome: HashMap<String, Vec<String>>,
    pub channel: HashMap<String, Vec<String>>,
    pub kind: HashMap<String, Vec<String>>,
    pub applicant_type: HashMap<String, Vec<String>>,
    pub meeting_kind: HashMap<String, Vec<String>>,
    pub plan_status: HashMap<String, Vec<String>>,
    /// Critical remarks' addressee: akim levels (`level.<n>`).
    pub addressee: HashMap<String, Vec<String>>,
    pub yes: Vec<String>,
    pub no: Vec<String>,
    pub settlement_prefixes: Vec<String>,
}

pub(super) fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        serde_json::from_str(include_str!("../../../assets/import/words.json"))
            .expect("assets/import/words.json is valid")
    })
}

/// Lower case, ё = е, every run of non-letters and non-digits one space: «Ф.И.О.» → «ф и о»,
/// then the single letters joined back: «фио».
pub fn fold(s: &str) -> String {
    if matches!(s.trim(), "+" | "-") {
        return s.trim().to_string();
    }
    let spaced: String = crate::text::fold(s)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '№' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let mut out = String::new();
    let mut prev_single = false;
    for w in spaced.split_whitespace() {
        let single = w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
        if !(out.is_empty() || single && prev_single) {
            out.push(' ');
        }
        out.push_str(w);
        prev_single = single;
    }
    out
}

/// The code whose words match `value`: its code or its wording in either language (what
/// the journal's export writes), exactly, else the longest word `value` starts with.
pub(super) fn code_of<'a>(
    table: &'a HashMap<String, Vec<String>>,
    prefix: &str,
    value: &str,
) -> Option<&'a str> {
    let v = fold(value);
    if v.is_empty() {
        return None;
    }
    for code in table.keys() {
        let key = format!("{prefix}.{code}");
        if fold(code) == v
            || crate::i18n::Lang::ALL
                .iter()
                .any(|l| fold(&crate::i18n::tr(*l, &key)) == v)
        {
            return Some(code);
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (code, list) in table {
        for w in list {
            let w = fold(w);
            if w == v {
                return Some(code);
            }
            if v.starts_with(&w) && best.is_none_or(|(_, n)| w.len() > n) {
                best = Some((code, w.len()));
            }
        }
    }
    best.map(|(c, _)| c)
}

/// Levenshtein distance over characters (names are short).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Which of `names` (each with the forms it may be written in) `typed` means: the same after
/// folding, else the only one it starts or is started by, else the only one within one typo
/// per five letters. `None` when nothing or more than one fits.
pub fn best_match(typed: &str, names: &[(i64, Vec<String>)]) -> Option<i64> {
    let t = fold(typed);
    if t.is_empty() {
        return None;
    }
    let folded: Vec<(i64, Vec<String>)> = names
        .iter()
        .map(|(id, ns)| {
            (
                *id,
                ns.iter()
                    .map(|n| fold(n))
                    .filter(|n| !n.is_empty())
                    .collect(),
            )
        })
        .collect();
    let only = |pred: &dyn Fn(&str) -> bool| {
        let hits: Vec<i64> = folded
            .iter()
            .filter(|(_, ns)| ns.iter().any(|n| pred(n)))
            .map(|(id, _)| *id)
            .collect();
        (hits.len() == 1).then(|| hits[0])
    };
    if let Some(id) = only(&|n| n == t) {
        return Some(id);
    }
    if t.chars().count() >= 4
        && let Some(id) = only(&|n| n.starts_with(&t) || t.starts_with(n))
    {
        return Some(id);
    }
    let allowed = t.chars().count() / 5;
    if allowed == 0 {
        return None;
    }
    only(&|n| distance(n, &t) <= allowed)
}

/// A settlement's name without «с.», «село», «а.» before it.
pub fn settlement_name(s: &str) -> String {
    let f = fold(s);
    for p in &words().settlement_prefixes {
        if let Some(rest) = f.strip_prefix(&format!("{p} ")) {
            return rest.to_string();
        }
    }
    f
}

/// «да», «+», «Повторное: да» → true; «нет», «-» → false; anything else → None.
pub fn yes_no(s: &str) -> Option<bool> {
    let v = s.rsplit(':').next().unwrap_or(s);
    let v = fold(v);
    if v.is_empty() {
        return Some(false);
    }
    let w = words();
    if w.yes.iter().any(|y| fold(y) == v) {
        Some(true)
    } else if w.no.iter().any(|n| fold(n) == v) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_matched_as_people_type_them() {
        let names = vec![
            (
                1,
                vec!["Водоснабжение".to_string(), "Сумен жабдықтау".to_string()],
            ),
            (2, vec!["Дороги".to_string()]),
            (3, vec!["Дороги и транспорт".to_string()]),
        ];
        assert_eq!(best_match("ВОДОСНАБЖЕНИЕ", &names), Some(1));
        assert_eq!(best_match("водоснабжени", &names), Some(1));
        assert_eq!(best_match("Водоснобжение", &names), Some(1));
        assert_eq!(best_match("сумен жабдыктау", &names), Some(1));
        assert_eq!(best_match("Дороги", &names), Some(2));
        assert_eq!(best_match("Газ", &names), None);
        assert_eq!(fold("Ф.И.О."), "фио");
        assert_eq!(settlement_name("с. Красный Яр"), "красный яр");
        assert_eq!(yes_no("Повторное: да"), Some(true));
        assert_eq!(yes_no("жоқ"), Some(false));
        assert_eq!(yes_no("может быть"), None);
        assert_eq!(
            code_of(&words().outcome, "outcome", "удовл."),
            Some("satisfied")
        );
        assert_eq!(
            code_of(&words().outcome, "outcome", "Разъяснено"),
            Some("explained")
        );
        assert_eq!(
            code_of(&words().channel, "channel", "Личный приём"),
            Some("reception")
        );
        assert_eq!(
            code_of(&words().channel, "channel", "e-Өтініш"),
            Some("eotinish")
        );
        assert_eq!(
            code_of(
                &words().outcome,
                "outcome",
                "перенаправлено в другие органы"
            ),
            Some("redirected")
        );
    }
}
