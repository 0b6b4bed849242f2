//! Which column holds what: found from the headers (Russian or Kazakh), confirmed or changed by
//! the user, and remembered for the next file with the same headers.

use super::sheet::{Cell, Grid, column_letter};
use super::words::{fold, words};
use crate::error::Result;
use crate::store::{Db, Tx, reference};

/// What the rows of a table are: appeals (a journal), meetings with the questions raised at
/// them, or the lines of an action plan. Each field belongs to one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    #[default]
    Appeals,
    Meetings,
    Plan,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Appeals, Kind::Meetings, Kind::Plan];

    /// The code of `--records` and of the i18n keys `import.kind.<code>`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Appeals => "appeals",
            Kind::Meetings => "meetings",
            Kind::Plan => "plan",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s.trim())
    }

    /// The fields a table of this kind may have.
    pub fn fields(self) -> impl Iterator<Item = Field> {
        Field::ALL.iter().copied().filter(move |f| f.kind() == self)
    }

    /// The columns without which no record of this kind can be written.
    pub fn required(self) -> &'static [Field] {
        match self {
            Kind::Appeals => &[Field::ReceivedOn, Field::Summary],
            Kind::Meetings => &[Field::MeetingDate],
            Kind::Plan => &[Field::Problem],
        }
    }
}

macro_rules! fields {
    ($($kind:ident: $($v:ident = $code:literal => $key:literal),+;)+) => {
        /// What a column of a table may hold.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field { $($($v),+),+ }

        impl Field {
            pub const ALL: &'static [Field] = &[$($(Field::$v),+),+];

            /// The code in `words.json`, `--map` and the saved mapping.
            pub fn code(self) -> &'static str {
                match self { $($(Field::$v => $code),+),+ }
            }

            pub fn parse(s: &str) -> Option<Field> {
                match s.trim() { $($($code => Some(Field::$v),)+)+ _ => None }
            }

            /// The record's field it fills (`field.<key>` names it to the user; problems found
            /// by the rules name it too).
            pub fn key(self) -> &'static str {
                match self { $($(Field::$v => $key),+),+ }
            }

            /// The kind of table it belongs to.
            pub fn kind(self) -> Kind {
                match self { $($(Field::$v)|+ => Kind::$kind),+ }
            }
        }
    };
}

fields! {
    Appeals:
    RegNumber = "reg_number" => "appeal.reg_number",
    ReceivedOn = "received_on" => "appeal.received_at",
    ReceivedTime = "received_time" => "appeal.received_time",
    ApplicantName = "applicant_name" => "appeal.applicant_name",
    ApplicantType = "applicant_type" => "appeal.applicant_type",
    ApplicantId = "applicant_id" => "appeal.applicant_iin",
    ApplicantAddress = "applicant_address" => "appeal.applicant_address",
    ApplicantPhone = "applicant_phone" => "appeal.applicant_phone",
    Settlement = "settlement" => "appeal.settlement",
    Channel = "channel" => "appeal.channel",
    Kind = "kind" => "appeal.kind",
    Summary = "summary" => "appeal.summary",
    Topic = "topic" => "appeal.topic",
    Executor = "executor" => "appeal.executor",
    Outcome = "outcome" => "appeal.outcome",
    AnsweredOn = "answered_on" => "appeal.answered_on",
    Answer = "answer" => "appeal.answer",
    Repeated = "repeated" => "appeal.repeated",
    Persons = "persons" => "appeal.persons",
    RegisteredOn = "registered_on" => "appeal.registered_on",
    AcceptedBy = "accepted_by" => "appeal.accepted_by",
    AppealDeadline = "appeal_deadline" => "appeal.deadline",
    ExtendedTo = "extended_to" => "appeal.extended_to",
    ExtensionReason = "extension_reason" => "appeal.extension_reason",
    ExtensionNotifiedOn = "extension_notified_on" => "appeal.extension_notified_on",
    RedirectedTo = "redirected_to" => "appeal.redirected_to",
    RepeatedOf = "repeated_of" => "appeal.repeated_of";
    Meetings:
    MeetingDate = "meeting_date" => "meeting.held_on",
    MeetingKind = "meeting_kind" => "meeting.kind",
    MeetingTitle = "meeting_title" => "meeting.title",
    MeetingSettlement = "meeting_settlement" => "meeting.settlement",
    MeetingPlace = "meeting_place" => "meeting.place",
    Participants = "participants" => "meeting.participants_offline",
    Speakers = "speakers" => "meeting.speakers",
    ViewersInstagram = "viewers_instagram" => "meeting.viewers_instagram",
    ViewersFacebook = "viewers_facebook" => "meeting.viewers_facebook",
    ViewersVks = "viewers_vks" => "meeting.viewers_vks",
    ViewersTv = "viewers_tv" => "meeting.viewers_tv",
    MediaCentral = "media_central" => "meeting.media_central",
    MediaLocal = "media_local" => "meeting.media_local",
    MediaSocial = "media_social" => "meeting.media_social",
    Minutes = "minutes" => "meeting.minutes",
    Question = "question" => "question.text",
    QuestionTopic = "question_topic" => "question.topic",
    QuestionRepeated = "question_repeated" => "question.repeated",
    Critical = "critical" => "question.critical",
    Addressee = "addressee" => "question.addressee_level";
    Plan:
    Problem = "problem" => "plan.problem",
    PlanSettlement = "plan_settlement" => "plan.settlement",
    PlanTopic = "plan_topic" => "plan.topic",
    Measure = "measure" => "plan.measure",
    PlanExecutor = "plan_executor" => "plan.executor",
    Deadline = "deadline" => "plan.deadline",
    FundingSource = "funding_source" => "plan.funding_source",
    MoneyNeeded = "money_needed" => "plan.money_needed",
    MoneyAllocated = "money_allocated" => "plan.money_allocated",
    Status = "status" => "plan.status",
    DoneOn = "done_on" => "plan.done_on",
    PlanNote = "plan_note" => "plan.note",
    RaisedAt = "raised_at" => "plan.raised_at";
}

/// The columns of one table: where the header row is and what each column holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// What the rows are.
    pub kind: Kind,
    /// Index in `Grid::rows` of the header row.
    pub header_row: usize,
    /// The user's headers, as written.
    pub headers: Vec<String>,
    pub fields: Vec<Option<Field>>,
    /// Whether it came from a mapping the user saved for files of this shape.
    pub saved: bool,
}

impl Mapping {
    pub fn column_of(&self, f: Field) -> Option<usize> {
        self.fields.iter().position(|x| *x == Some(f))
    }

    /// Sets column `col`'s field (one column per field: another holding it is cleared).
    pub fn set(&mut self, col: usize, field: Option<Field>) {
        if let Some(f) = field {
            for x in self.fields.iter_mut().filter(|x| **x == Some(f)) {
                *x = None;
            }
        }
        if let Some(x) = self.fields.get_mut(col) {
            *x = field;
        }
    }

    /// The key files of this shape are remembered by: their headers, folded.
    fn signature(&self) -> String {
        let h: Vec<String> = self.headers.iter().map(|h| fold(h)).collect();
        format!("import.columns:{}", h.join("|"))
    }

    /// `--map` entries: «Заголовок=field», «C=field» (a column letter), `field` `-` to ignore
    /// the column. Returns the entries that name no column or field.
    pub fn apply(&mut self, entries: &[(String, String)], first_col: usize) -> Vec<String> {
        let mut unknown = Vec::new();
        for (col, code) in entries {
            let field = if code.trim() == "-" {
                None
            } else {
                Field::parse(code).filter(|f| f.kind() == self.kind)
            };
            let at = self
                .headers
                .iter()
                .position(|h| fold(h) == fold(col))
                .or_else(|| {
                    (0..self.headers.len())
                        .find(|i| column_letter(i + first_col).eq_ignore_ascii_case(col.trim()))
                });
            match (at, field.is_some() || code.trim() == "-") {
                (Some(i), true) => self.set(i, field),
                _ => unknown.push(format!("{col}={code}")),
            }
        }
        unknown
    }
}

/// What a header means among `kind`'s fields: a word of `words.json` exactly, else the
/// longest it starts with.
fn field_of(header: &str, kind: Kind) -> Option<(Field, bool)> {
    let h = fold(header);
    if h.is_empty() {
        return None;
    }
    let mut best: Option<(Field, usize)> = None;
    for f in kind.fields() {
        for w in words().headers.get(f.code()).into_iter().flatten() {
            let w = fold(w);
            if w == h {
                return Some((f, true));
            }
            if h.starts_with(&format!("{w} ")) && best.is_none_or(|(_, n)| w.len() > n) {
                best = Some((f, w.len()));
            }
        }
    }
    best.map(|(f, _)| (f, false))
}

/// The header row (among the first rows: journals often have a title above), what the rows
/// are (the kind whose headers the row has most of, appeals on a tie; or `kind` when the
/// user said) and what each column holds; `None` when no row has two known headers.
pub fn detect(grid: &Grid, kind: Option<Kind>) -> Option<Mapping> {
    // (kind, row, each column's field and whether its header matched exactly, fields found)
    type Found = Vec<Option<(Field, bool)>>;
    let mut best: Option<(Kind, usize, Found, usize)> = None;
    let kinds: Vec<Kind> = kind.map_or(Kind::ALL.to_vec(), |k| vec![k]);
    for k in kinds {
        for (i, row) in grid.rows.iter().enumerate().take(15) {
            let found: Found = row.iter().map(|c| field_of(&c.shown(), k)).collect();
            let n = found.iter().flatten().count();
            if n >= 2 && best.as_ref().is_none_or(|(_, _, _, m)| n > *m) {
                best = Some((k, i, found, n));
            }
        }
    }
    let (kind, row, found, _) = best?;
    let mut fields: Vec<Option<Field>> = vec![None; found.len()];
    // Exact headers first, then the rest: each field goes to one column only.
    for exact in [true, false] {
        for (i, f) in found.iter().enumerate() {
            if let Some((f, e)) = f
                && *e == exact
                && !fields.contains(&Some(*f))
                && fields[i].is_none()
            {
                fields[i] = Some(*f);
            }
        }
    }
    Some(Mapping {
        kind,
        header_row: row,
        headers: grid.rows[row].iter().map(Cell::shown).collect(),
        fields,
        saved: false,
    })
}

/// The mapping the user saved for files with these headers, if any.
/// (A mapping saved for another kind than the user asks for is not it.)
pub fn saved(conn: &Db, detected: &Mapping, asked: Option<Kind>) -> Result<Option<Mapping>> {
    let Some(v) = reference::setting(conn, &detected.signature())? else {
        return Ok(None);
    };
    let fields: Vec<Option<Field>> = v.split(',').map(Field::parse).collect();
    let kinds: Vec<Kind> = fields.iter().flatten().map(|f| f.kind()).collect();
    let Some(kind) = kinds.first().copied() else {
        return Ok(None);
    };
    if fields.len() != detected.headers.len()
        || kinds.iter().any(|k| *k != kind)
        || asked.is_some_and(|a| a != kind)
    {
        return Ok(None);
    }
    Ok(Some(Mapping {
        kind,
        fields,
        saved: true,
        ..detected.clone()
    }))
}

/// Remembers the user's mapping for the next file with the same headers.
pub fn save(tx: &Tx, m: &Mapping) -> Result<()> {
    let v: Vec<&str> = m
        .fields
        .iter()
        .map(|f| f.map_or("", |f| f.code()))
        .collect();
    reference::set_setting(tx, &m.signature(), &v.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| Cell::Text(s.to_string())).collect())
                .collect(),
            first_row: 1,
            first_col: 1,
        }
    }

    #[test]
    fn headers_in_russian_and_kazakh_below_a_title() {
        let g = grid(&[
            &["Журнал приёма граждан за 2022 год"],
            &[
                "№ п/п",
                "Дата поступления",
                "Ф.И.О.",
                "ИИН",
                "Содержание обращения",
                "Дата ответа",
                "Результат",
            ],
        ]);
        let m = detect(&g, None).unwrap();
        assert_eq!(m.header_row, 1);
        use Field::*;
        assert_eq!(
            m.fields,
            [
                None,
                Some(ReceivedOn),
                Some(ApplicantName),
                Some(ApplicantId),
                Some(Summary),
                Some(AnsweredOn),
                Some(Outcome)
            ]
        );
        let g = grid(&[&["Түскен күні", "Аты-жөні", "Мазмұны", "Тақырыбы", "Нәтиже"]]);
        let m = detect(&g, None).unwrap();
        assert_eq!(
            m.fields,
            [
                Some(ReceivedOn),
                Some(ApplicantName),
                Some(Summary),
                Some(Topic),
                Some(Outcome)
            ]
        );
        let mut m = m;
        assert!(
            m.apply(
                &[
                    ("Тақырыбы".into(), "-".into()),
                    ("A".into(), "answered_on".into())
                ],
                1
            )
            .is_empty()
        );
        assert_eq!(m.fields[0], Some(AnsweredOn));
        assert_eq!(m.fields[3], None);
        assert_eq!(
            m.apply(&[("Нет такого".into(), "topic".into())], 1),
            ["Нет такого=topic"]
        );
        assert!(detect(&grid(&[&["a", "b"]]), None).is_none());
        assert_eq!(m.kind, super::Kind::Appeals);
    }

    #[test]
    fn every_field_and_kind_is_named_in_both_languages_and_has_header_words() {
        use crate::i18n::{Lang, has};
        for f in Field::ALL {
            for lang in Lang::ALL {
                let key = format!("field.{}", f.key());
                assert!(has(lang, &key), "{lang:?} lacks {key}");
            }
            assert!(words().headers.contains_key(f.code()), "{f:?}");
        }
        for k in super::Kind::ALL {
            for lang in Lang::ALL {
                assert!(has(lang, &format!("import.kind.{}", k.code())), "{k:?}");
                assert!(has(
                    lang,
                    &format!("err.tabular.needs_columns.{}", k.code())
                ));
            }
        }
    }
}
