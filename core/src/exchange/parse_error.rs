//! A broken exchange file said in the user's words: which section, record and field, at which
//! line and column, and why — a missing field, an unknown code with the ones allowed, a date or
//! time that cannot be read — instead of serde's English («missing field `kind`»).

use crate::i18n::Text;
use std::path::Path;

/// The message for a file serde could not read: `path` is the value's path in the file
/// (`appeals[3].received_at`), `inner` serde_json's error.
pub(crate) fn describe(file: &Path, path: &str, inner: &serde_json::Error) -> Text {
    let key = if inner.is_eof() {
        "err.import.truncated"
    } else {
        "err.import.broken"
    };
    Text::new(key)
        .arg("path", file.display())
        .arg("line", inner.line())
        .arg("column", inner.column())
        .arg("field", path)
        .arg_text("place", place(path))
        .arg_text("reason", reason(inner))
}

/// «Обращения, запись № 4, поле «received_at»» from `appeals[3].received_at`.
fn place(path: &str) -> Text {
    let mut parts = path.splitn(2, '.');
    let head = parts.next().unwrap_or("");
    let field = parts.next().unwrap_or("");
    let Some((section, index)) = head
        .strip_suffix(']')
        .and_then(|h| h.split_once('['))
        .and_then(|(s, i)| Some((s, i.parse::<usize>().ok()?)))
    else {
        return Text::new("import.place.field").arg("field", path);
    };
    let record = Text::new("import.place.record")
        .arg_text("section", Text::new(format!("section.{section}")))
        .arg("n", index + 1);
    if field.is_empty() {
        record
    } else {
        Text::new("import.place.record_field")
            .arg_text("record", record)
            .arg("field", field)
    }
}

/// Why serde refused the value, from its message (its wording is stable across serde 1.x).
fn reason(inner: &serde_json::Error) -> Text {
    let full = inner.to_string();
    let msg = full.rfind(" at line ").map(|i| &full[..i]).unwrap_or(&full);
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if inner.is_eof() {
        Text::new("import.reason.truncated")
    } else if inner.is_syntax() {
        Text::new("import.reason.syntax")
    } else if let Some(rest) = msg.strip_prefix("missing field ") {
        Text::new("import.reason.missing").arg("field", quoted(rest))
    } else if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let allowed: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, a)| a.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        Text::new("import.reason.unknown_code")
            .arg("value", quoted(rest))
            .arg("allowed", allowed.join(", "))
    } else if let Some(rest) = msg.strip_prefix("bad moment: ") {
        Text::new("import.reason.bad_moment").arg("value", rest.trim_matches('"'))
    } else if matches!(
        msg,
        "input contains invalid characters" | "premature end of input" | "trailing input"
    ) || msg.contains("out of range")
        || msg.contains("input is out of range")
    {
        Text::new("import.reason.bad_date")
    } else if msg.starts_with("invalid value: integer") {
        Text::new("import.reason.bad_number").arg("value", quoted(msg))
    } else if msg.starts_with("invalid type") {
        let found = msg
            .trim_start_matches("invalid type: ")
            .split(',')
            .next()
            .unwrap_or("");
        Text::new("import.reason.bad_type").arg("value", found)
    } else {
        Text::new("import.reason.other")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::Appeal;

    fn said(json: &str, lang: Lang) -> String {
        let de = &mut serde_json::Deserializer::from_str(json);
        let e = serde_path_to_error::deserialize::<_, Vec<Appeal>>(de).unwrap_err();
        let path = format!("appeals{}", e.path());
        describe(Path::new("f.json"), &path, e.inner()).render(lang)
    }

    #[test]
    fn serde_errors_are_said_in_the_users_words() {
        let base = r#"{"received_at":"2022-01-10T10:00","channel":"online","applicant_name":"А","topic_id":1,"summary":"С"}"#;
        let missing = format!("[{}]", base.replace(r#","summary":"С""#, ""));
        let m = said(&missing, Lang::Ru);
        assert!(m.contains("Обращения, запись № 1"), "{m}");
        assert!(m.contains("нет обязательного поля «summary»"), "{m}");
        assert!(!m.contains("missing field"), "{m}");

        let code = format!("[{}]", base.replace("online", "fax"));
        let m = said(&code, Lang::Ru);
        assert!(
            m.contains("«fax»") && m.contains("reception, written_person"),
            "{m}"
        );

        let moment = format!("[{}]", base.replace("2022-01-10T10:00", "10 января"));
        let m = said(&moment, Lang::Ru);
        assert!(
            m.contains("«10 января»") && m.contains("received_at"),
            "{m}"
        );
        let m = said(&moment, Lang::Kk);
        assert!(
            m.contains("«10 января»") && !m.contains("bad moment"),
            "{m}"
        );

        let date = format!(
            "[{}]",
            base.replace(
                r#""summary":"С""#,
                r#""summary":"С","deadline":"2022-02-30""#
            )
        );
        let m = said(&date, Lang::Ru);
        assert!(m.contains("дата") && m.contains("deadline"), "{m}");

        let m = said(r#"[{"received_at": "#, Lang::Ru);
        assert!(m.contains("обрывается"), "{m}");
    }
}
