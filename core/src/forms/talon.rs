//! The талон: the applicant's receipt for a registered appeal (registration number, date and
//! time received, the applicant, the essence in short, the deadline, who accepted it, the
//! okrug's phone), with a line for the signature of the staff member who accepted it.

use crate::error::Result;
use crate::i18n::{Lang, tr};
use crate::model::initials_surname;
use crate::rules::validate::fmt_date;
use crate::store::Db;
use crate::store::{appeals, reference};
use serde::{Deserialize, Serialize};

/// Longest essence printed on the талон, in characters.
pub const SUMMARY_MAX: usize = 300;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Talon {
    pub lang: Lang,
    /// The okrug's official name, at the top.
    pub org: String,
    pub title: String,
    pub subtitle: String,
    /// (label, value) lines.
    pub fields: Vec<(String, String)>,
    /// The label of the line the staff member who accepted the appeal signs on.
    pub signature: String,
    pub note: String,
}

/// Shortens `s` to at most `max` characters at a word boundary, with «…» when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

pub fn compute(conn: &Db, reg_number: &str, lang: Lang) -> Result<Talon> {
    let a = appeals::by_number(conn, reg_number.trim())?;
    let profile = reference::profile(conn)?;
    let pick = |ru: &str, kk: &str| {
        if lang == Lang::Kk && !kk.trim().is_empty() {
            kk.to_string()
        } else {
            ru.to_string()
        }
    };
    let accepted = match a.accepted_by {
        Some(id) => reference::staff(conn)?
            .into_iter()
            .find(|s| s.id == id)
            .map(|s| {
                let position = pick(&s.position_ru, &s.position_kk);
                let name = initials_surname(&s.full_name);
                if position.trim().is_empty() {
                    name
                } else {
                    format!("{name}, {position}")
                }
            })
            .unwrap_or_default(),
        None => String::new(),
    };
    let t = |k: &str| tr(lang, &format!("forms.talon.{k}"));
    let mut fields = vec![(t("number"), a.reg_number.clone())];
    if !a.applicant_name.trim().is_empty() {
        fields.push((t("applicant"), a.applicant_name.trim().to_string()));
    }
    fields.extend([
        (
            t("received"),
            a.received_at.format("%d.%m.%Y %H:%M").to_string(),
        ),
        (t("summary"), shorten(&a.summary, SUMMARY_MAX)),
        (t("deadline"), a.due().map(fmt_date).unwrap_or_default()),
    ]);
    if !accepted.is_empty() {
        fields.push((t("accepted"), accepted));
    }
    if !profile.phone.trim().is_empty() {
        fields.push((t("phone"), profile.phone.clone()));
    }
    Ok(Talon {
        lang,
        org: pick(&profile.org_name_ru, &profile.org_name_kk),
        title: t("title"),
        subtitle: t("subtitle"),
        fields,
        signature: t("signature"),
        note: t("keep"),
    })
}
