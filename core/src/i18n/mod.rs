//! Every word the user reads: UI labels, messages and the official form wording live in
//! `assets/i18n/*.json` (one flat key → text map per language); code only names keys.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The two languages of the program and of the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ru,
    Kk,
}

impl Lang {
    /// The Kazakh name when the language is Kazakh and there is one, else the Russian: the one
    /// rule for every record named in both languages (settlements, topics, the okrug).
    pub fn pick<'s>(self, ru: &'s str, kk: &'s str) -> &'s str {
        if self == Lang::Kk && !kk.trim().is_empty() {
            kk
        } else {
            ru
        }
    }

    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::Kk];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_lowercase().as_str() {
            "ru" | "rus" | "русский" => Some(Lang::Ru),
            "kk" | "kz" | "kaz" | "қазақша" => Some(Lang::Kk),
            _ => None,
        }
    }
}

type Table = HashMap<String, String>;

fn load(sources: &[&str]) -> Table {
    let mut table = Table::new();
    for src in sources {
        let part: Table = serde_json::from_str(src).expect("assets/i18n JSON is valid (tested)");
        table.extend(part);
    }
    table
}

fn table(lang: Lang) -> &'static Table {
    static RU: OnceLock<Table> = OnceLock::new();
    static KK: OnceLock<Table> = OnceLock::new();
    match lang {
        Lang::Ru => RU.get_or_init(|| {
            load(&[
                include_str!("../../../assets/i18n/ru.json"),
                include_str!("../../../assets/i18n/forms.ru.json"),
            ])
        }),
        Lang::Kk => KK.get_or_init(|| {
            load(&[
                include_str!("../../../assets/i18n/kk.json"),
                include_str!("../../../assets/i18n/forms.kk.json"),
            ])
        }),
    }
}

/// The text of `key` in `lang`; a key missing in Kazakh falls back to Russian, a key missing
/// everywhere shows itself (tests check that none is missing).
pub fn tr(lang: Lang, key: &str) -> String {
    if let Some(s) = table(lang).get(key) {
        return s.clone();
    }
    if let Some(s) = table(Lang::Ru).get(key) {
        return s.clone();
    }
    key.to_string()
}

/// Whether `key` exists in `lang`'s own table (no fallback).
pub fn has(lang: Lang, key: &str) -> bool {
    table(lang).contains_key(key)
}

/// All keys of a language, for completeness tests.
pub fn keys(lang: Lang) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = table(lang).keys().map(|k| k.as_str()).collect();
    v.sort_unstable();
    v
}

/// `tr` with `{name}` placeholders filled in.
pub fn trf(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(&tr(lang, key), args)
}

/// A wording already looked up (`tr`) with its `{name}` placeholders filled in: for text
/// repeated over thousands of rows, looked up once.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut s = template.to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), &value.to_string());
    }
    s
}

/// A message that is rendered later in whatever language the user has chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub key: String,
    pub args: Vec<(String, Arg)>,
}

/// A placeholder's value: plain text, or another message rendered in the same language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Plain(String),
    Text(Text),
}

impl Text {
    pub fn new(key: impl Into<String>) -> Self {
        Text {
            key: key.into(),
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &str, value: impl std::fmt::Display) -> Self {
        self.args
            .push((name.to_string(), Arg::Plain(value.to_string())));
        self
    }

    /// A placeholder filled with another message, rendered in the same language.
    pub(crate) fn arg_text(mut self, name: &str, value: Text) -> Self {
        self.args.push((name.to_string(), Arg::Text(value)));
        self
    }

    /// The message's key (to tell one message from another without rendering it).
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn render(&self, lang: Lang) -> String {
        let mut s = tr(lang, &self.key);
        for (name, value) in &self.args {
            let v = match value {
                Arg::Plain(v) => v.clone(),
                Arg::Text(t) => t.render(lang),
            };
            s = s.replace(&format!("{{{name}}}"), &v);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_russian_key_has_a_kazakh_text_and_back() {
        let ru = keys(Lang::Ru);
        let kk = keys(Lang::Kk);
        let missing_kk: Vec<_> = ru.iter().filter(|k| !has(Lang::Kk, k)).collect();
        let missing_ru: Vec<_> = kk.iter().filter(|k| !has(Lang::Ru, k)).collect();
        assert!(missing_kk.is_empty(), "no Kazakh text for {missing_kk:?}");
        assert!(missing_ru.is_empty(), "no Russian text for {missing_ru:?}");
    }

    #[test]
    fn placeholders_are_filled() {
        let t = Text::new("err.iin.length").arg("value", "123");
        assert!(t.render(Lang::Ru).contains("123"));
        assert!(t.render(Lang::Kk).contains("123"));
        assert_ne!(t.render(Lang::Ru), t.render(Lang::Kk));
    }
}
