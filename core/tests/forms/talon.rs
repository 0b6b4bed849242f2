//! The талон handed to the applicant: what it shows for an appeal the test registers, in both
//! languages, with and without the lines that are left out when there is nothing to print.

use crate::support::*;
use estu_core::Lang;
use estu_core::forms::talon::{self, SUMMARY_MAX, shorten};
use estu_core::model::{Appeal, Channel, Staff};
use estu_core::rules::validate::fmt_date;
use estu_core::store::reference;

fn staff_id(f: &Fixture, name: &str) -> i64 {
    reference::staff(f.store.conn())
        .unwrap()
        .into_iter()
        .find(|s| s.full_name == name)
        .unwrap_or_else(|| panic!("no staff {name}"))
        .id
}

/// A written appeal accepted by `accepted_by` (None: nobody recorded).
fn registered(f: &mut Fixture, accepted_by: Option<i64>) -> Appeal {
    f.appeal(
        at(2024, 3, 4, 10, 5),
        Channel::WrittenPerson,
        "roads",
        |a| {
            a.applicant_name = "  Иванов Пётр  ".into();
            a.summary = "Ремонт   дороги\nпо улице Мира".into();
            a.accepted_by = accepted_by;
        },
    )
}

fn labels(t: &talon::Talon) -> Vec<&str> {
    t.fields.iter().map(|(l, _)| l.as_str()).collect()
}

#[test]
fn the_talon_shows_the_appeal_who_accepted_it_and_the_phone_in_either_language() {
    let mut f = Fixture::new();
    // Not the first of the staff by name: the talon names the one who accepted the appeal.
    let akim = staff_id(&f, "Серикбаев Ерлан Маратович");
    let a = registered(&mut f, Some(akim));
    let due = fmt_date(a.due().expect("a registered appeal has a deadline"));
    let conn = f.store.conn();

    let ru = talon::compute(conn, &format!("  {} ", a.reg_number), Lang::Ru).unwrap();
    assert_eq!(ru.lang, Lang::Ru);
    assert_eq!(ru.org, "ГУ «Аппарат акима Красноярского сельского округа»");
    assert_eq!(ru.title, "ТАЛОН");
    assert_eq!(ru.subtitle, "о приёме и регистрации обращения");
    assert_eq!(ru.signature, "Подпись принявшего");
    assert_eq!(ru.note, "Сохраните талон до получения ответа.");
    let want = [
        ("Регистрационный номер", a.reg_number.as_str()),
        ("Заявитель", "Иванов Пётр"),
        ("Дата и время поступления", "04.03.2024 10:05"),
        ("Краткое содержание", "Ремонт дороги по улице Мира"),
        ("Срок рассмотрения", due.as_str()),
        ("Принял(а)", "Е.М. Серикбаев, аким"),
        ("Телефон для справок", "8 (7162) 40-12-30"),
    ];
    let got: Vec<(&str, &str)> = ru
        .fields
        .iter()
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .collect();
    assert_eq!(got, want);

    let kk = talon::compute(conn, &a.reg_number, Lang::Kk).unwrap();
    assert_eq!(kk.lang, Lang::Kk);
    assert_eq!(kk.org, "«Краснояр ауылдық округі әкімінің аппараты» ММ");
    assert_eq!(kk.subtitle, "өтінішті қабылдау және тіркеу туралы");
    assert_eq!(
        labels(&kk),
        [
            "Тіркеу нөмірі",
            "Өтініш беруші",
            "Түскен күні мен уақыты",
            "Қысқаша мазмұны",
            "Қарау мерзімі",
            "Қабылдаған",
            "Анықтама телефоны",
        ]
    );
    assert_eq!(kk.fields[5].1, "Е.М. Серикбаев, әкім");
}

#[test]
fn lines_with_nothing_to_print_are_left_out_and_missing_kazakh_names_fall_back_to_russian() {
    let mut f = Fixture::new();
    let clerk = f
        .store
        .write(|tx| {
            reference::save_staff(
                tx,
                &Staff {
                    id: 0,
                    full_name: "Оспанова Дана".into(),
                    position_ru: "  ".into(),
                    position_kk: String::new(),
                    active: true,
                },
            )
        })
        .unwrap();
    let deputy = staff_id(&f, "Жумабеков Нурлан Серикович");
    let mut profile = f.store.profile().unwrap();
    profile.phone = "  ".into();
    profile.org_name_kk = String::new();
    f.store
        .write(|tx| reference::save_profile(tx, &profile))
        .unwrap();
    let nobody = registered(&mut f, None);
    let by_clerk = registered(&mut f, Some(clerk));
    let by_deputy = registered(&mut f, Some(deputy));
    let conn = f.store.conn();

    let t = talon::compute(conn, &nobody.reg_number, Lang::Kk).unwrap();
    assert_eq!(
        t.org, profile.org_name_ru,
        "no Kazakh name: the Russian one"
    );
    assert_eq!(
        labels(&t),
        [
            "Тіркеу нөмірі",
            "Өтініш беруші",
            "Түскен күні мен уақыты",
            "Қысқаша мазмұны",
            "Қарау мерзімі",
        ],
        "nobody accepted it and the okrug has no phone"
    );

    // A position left blank: the name alone, with no comma after it.
    let t = talon::compute(conn, &by_clerk.reg_number, Lang::Ru).unwrap();
    assert_eq!(
        t.fields.last().unwrap(),
        &("Принял(а)".into(), "Д. Оспанова".into())
    );

    let mut deputy_kk = reference::staff(conn)
        .unwrap()
        .into_iter()
        .find(|s| s.id == deputy)
        .unwrap();
    deputy_kk.position_kk = " ".into();
    f.store
        .write(|tx| reference::save_staff(tx, &deputy_kk))
        .unwrap();
    let t = talon::compute(f.store.conn(), &by_deputy.reg_number, Lang::Kk).unwrap();
    assert_eq!(
        t.fields.last().unwrap().1,
        "Н.С. Жумабеков, заместитель акима",
        "no Kazakh position: the Russian one"
    );
}

#[test]
fn a_long_essence_is_cut_at_a_word_with_an_ellipsis() {
    // Spaces and line breaks run together; a text of exactly the limit stays whole.
    assert_eq!(shorten("  короткий \n  текст ", 50), "короткий текст");
    assert_eq!(shorten("abc def", 7), "abc def");
    // No space to cut at: the first max − 1 characters and «…».
    assert_eq!(shorten("abcdefghij", 5), "abcd…");
    // Cut at the last space in the second half of what fits…
    assert_eq!(shorten("one two three four", 12), "one two…");
    // …but not at a space in the first half, which would throw away most of the text.
    assert_eq!(shorten("a bcdefghijk", 11), "a bcdefghi…");
    assert_eq!(shorten("aaaa bbbb cccc", 10), "aaaa bbbb…");
    // Punctuation before the cut goes.
    assert_eq!(shorten("alpha, beta gamma", 8), "alpha…");
    let long = "слово ".repeat(100);
    let s = shorten(&long, SUMMARY_MAX);
    let n = s.chars().count();
    assert!(n <= SUMMARY_MAX && n > SUMMARY_MAX - 10, "{n}: {s}");
    assert!(s.ends_with("слово…"), "{s}");
}
