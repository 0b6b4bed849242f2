//! What every form has besides its tables: the kind, language, days covered, production day and
//! settlement it says it is; the signature block; and the wizard's sample of how the profile
//! prints, which must be exactly what the forms print.

use crate::support::*;
use estu_core::Lang;
use estu_core::forms::{self, FormKind, Period};

#[test]
fn every_form_says_what_it_is_which_days_it_covers_and_when_it_was_made() {
    let mut f = Fixture::new();
    f.store.set_today(d(2025, 1, 15));
    for kind in FormKind::ALL {
        for lang in Lang::ALL {
            let form = f.form(kind, "2024-Q2", lang);
            assert_eq!((form.kind, form.lang), (kind, lang));
            assert_eq!(
                (form.from, form.to),
                (d(2024, 4, 1), d(2024, 6, 30)),
                "{kind:?}"
            );
            assert_eq!(form.produced_on, d(2025, 1, 15), "{kind:?}");
            assert_eq!(form.settlement, None, "{kind:?}");
        }
    }
    let village = f.form_in(FormKind::F1, "2024", Lang::Kk, Some("Красный Яр"));
    assert_eq!(village.settlement.as_deref(), Some("Қызыл Жар"));
}

#[test]
fn the_signature_names_the_akim_and_the_executor_only_when_there_is_one() {
    let f = Fixture::new();
    let mut p = f.store.profile().unwrap();
    let ru = forms::footer(&p, Lang::Ru);
    assert_eq!(ru.position, "Аким Красноярского сельского округа");
    assert_eq!(ru.name, "Е.М. Серикбаев");
    assert_eq!(ru.executor, "Исп.: Ахметова А.К., тел. 8 (7162) 40-12-34");
    let kk = forms::footer(&p, Lang::Kk);
    assert_eq!(kk.position, "Краснояр ауылдық округінің әкімі");
    assert_eq!(kk.executor, "Орынд.: Ахметова А.К., тел. 8 (7162) 40-12-34");

    p.executor_name = "  ".into();
    p.akim_position_kk = String::new();
    let kk = forms::footer(&p, Lang::Kk);
    assert_eq!(kk.executor, "", "no executor, no line");
    assert_eq!(kk.position, "Аким Красноярского сельского округа");
}

#[test]
fn the_wizards_sample_is_what_the_forms_print() {
    let f = Fixture::new();
    let p = f.store.profile().unwrap();
    let period = Period::parse("2024").unwrap();
    for lang in Lang::ALL {
        let title = |kind, village| f.form_in(kind, "2024", lang, village).title;
        // The wizard passes the village as typed, in the form's language.
        let village = lang.pick("Красный Яр", "Қызыл Жар");
        let (titles, footer) = forms::profile_sample(&p, lang, Some(village), &period);
        assert_eq!(
            titles,
            [
                title(FormKind::F1, None),
                title(FormKind::F2, None),
                title(FormKind::F3, None),
                title(FormKind::F5, None),
                title(FormKind::F1, Some(village)),
            ],
            "{lang:?}"
        );
        assert_eq!(footer, f.form(FormKind::F1, "2024", lang).footer);
        // No village typed (or only spaces): the four okrug titles.
        for village in [None, Some("  ")] {
            let (titles, _) = forms::profile_sample(&p, lang, village, &period);
            assert_eq!(titles.len(), 4, "{village:?}");
        }
    }
}
