//! What a form covers: the whole okrug, or one settlement (which then appears in the title).

use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};
use crate::model::Settlement;
use crate::store::Db;
use crate::store::reference;
use crate::text::fold;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scope {
    pub settlement: Option<Settlement>,
}

impl Scope {
    pub fn okrug() -> Scope {
        Scope { settlement: None }
    }

    /// The settlement by its Russian or Kazakh name (case and ё/е ignored); None = whole okrug.
    pub fn resolve(conn: &Db, name: Option<&str>) -> Result<Scope> {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(Scope::okrug());
        };
        let wanted = fold(name);
        let found = reference::settlements(conn)?.into_iter().find(|s| {
            fold(&s.name_ru) == wanted || (!s.name_kk.is_empty() && fold(&s.name_kk) == wanted)
        });
        match found {
            Some(s) => Ok(Scope {
                settlement: Some(s),
            }),
            None => Err(Error::Other(
                Text::new("forms.err.settlement").arg("name", name),
            )),
        }
    }

    pub fn by_id(conn: &Db, id: i64) -> Result<Scope> {
        let found = reference::settlements(conn)?
            .into_iter()
            .find(|s| s.id == id);
        match found {
            Some(s) => Ok(Scope {
                settlement: Some(s),
            }),
            None => Err(Error::Other(
                Text::new("forms.err.settlement").arg("name", id),
            )),
        }
    }

    /// The id to bind in `(?N IS NULL OR settlement_id = ?N)`.
    pub fn id(&self) -> Option<i64> {
        self.settlement.as_ref().map(|s| s.id)
    }

    /// The settlement's name in `lang` (Russian when the Kazakh one is not filled in).
    pub fn name(&self, lang: Lang) -> Option<String> {
        self.settlement.as_ref().map(|s| match lang {
            Lang::Kk if !s.name_kk.trim().is_empty() => s.name_kk.clone(),
            _ => s.name_ru.clone(),
        })
    }
}
