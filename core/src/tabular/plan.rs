//! The action plan's lines from a table, a row each, in the shape of F5: the problem, its
//! village, where it was raised, the measure, the executor, the deadline, the money and the
//! «отметка об исполнении» as people write it («исполнено 12.05.2022», «не поддержано: нет
//! средств»). Where it was raised («сход 15.02.2022») links the item to the question of that
//! day's meeting with the same text (imported before, or typed in); else it is kept in the
//! item's note.

use super::Preview;
use super::columns::Field;
use super::refs::Refs;
use super::rows::Reader;
use super::words::{fold, words};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::input::parse_date;
use crate::model::*;
use crate::store::{Tx, meetings, plan};
use chrono::NaiveDate;

pub(super) fn run(
    tx: &mut Tx,
    reader: &mut Reader,
    refs: &mut Refs,
    preview: &mut Preview,
) -> Result<()> {
    let rows: Vec<usize> = reader.data_rows().collect();
    for i in rows {
        let before = reader.problems.len();
        let Some(mut p) = item(reader, i) else {
            continue;
        };
        p.topic_id = refs.topic(reader, i, Field::PlanTopic, false);
        let typed = reader.text(i, Field::PlanSettlement);
        p.settlement_id = refs.settlement(tx, &typed, preview)?;
        let typed = reader.text(i, Field::PlanExecutor);
        p.executor_id = refs.executor(tx, &typed, preview)?;
        raised_at(tx, reader, i, &mut p)?;
        if reader.problems.len() > before {
            continue;
        }
        match plan::save(tx, &mut p) {
            Ok(_) => preview.plan_items += 1,
            Err(Error::Invalid(ps)) => reader.refused(i, ps),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Row `index` as a plan item without its references; `None` when a value could not be read.
fn item(reader: &mut Reader, index: usize) -> Option<PlanItem> {
    let before = reader.problems.len();
    let problem = reader.text(index, Field::Problem);
    if problem.is_empty() {
        reader.problem(index, Field::Problem, Text::new("import.value.no_problem"));
    }
    let mut p = PlanItem::new(&problem);
    p.measure = reader.text(index, Field::Measure);
    p.funding_source = reader.text(index, Field::FundingSource);
    p.note = reader.text(index, Field::PlanNote);
    p.deadline = reader.day(index, Field::Deadline);
    p.money_needed = reader.money(index, Field::MoneyNeeded).unwrap_or(0.0);
    p.money_allocated = reader.money(index, Field::MoneyAllocated).unwrap_or(0.0);
    let mark = reader.text(index, Field::Status);
    if let Some(s) = reader.coded(
        index,
        Field::Status,
        &words().plan_status,
        "plan_status",
        PlanStatus::parse,
    ) {
        p.status = s;
    }
    p.done_on = reader.day(index, Field::DoneOn);
    match p.status {
        // «исполнено 12.05.2022»: the day it was done, when no column holds it.
        PlanStatus::Done => p.done_on = p.done_on.or_else(|| date_in(&mark)),
        PlanStatus::InProgress => {}
        // The reason or the year is in the mark: kept as the status note.
        _ => p.status_note = mark,
    }
    (reader.problems.len() == before).then_some(p)
}

/// Links `p` to the question its «где поднят» names, or keeps the words in its note.
fn raised_at(tx: &Tx, reader: &Reader, index: usize, p: &mut PlanItem) -> Result<()> {
    let said = reader.text(index, Field::RaisedAt);
    if said.is_empty() {
        return Ok(());
    }
    if let Some(day) = date_in(&said) {
        let problem = fold(&p.problem);
        for m in meetings::list(tx, None, day, day)? {
            if let Some(q) = meetings::questions_of_meeting(tx, m.id)?
                .into_iter()
                .find(|q| fold(&q.text) == problem)
            {
                p.question_ids = vec![q.id];
                return Ok(());
            }
        }
    }
    let header = reader
        .mapping
        .column_of(Field::RaisedAt)
        .map(|c| reader.mapping.headers[c].clone())
        .unwrap_or_default();
    let kept = format!("{header}: {said}");
    p.note = if p.note.is_empty() {
        kept
    } else {
        format!("{}\n{kept}", p.note)
    };
    Ok(())
}

/// The first date written in `text`.
fn date_in(text: &str) -> Option<NaiveDate> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .find_map(parse_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_in_the_mark() {
        let d = NaiveDate::from_ymd_opt(2022, 5, 12);
        assert_eq!(date_in("исполнено 12.05.2022"), d);
        assert_eq!(date_in("исполнено (12.05.2022)."), d);
        assert_eq!(date_in("исполнено"), None);
    }
}
