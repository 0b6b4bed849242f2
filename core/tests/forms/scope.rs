//! What a form covers: the whole okrug, or a settlement found by its Russian or Kazakh name
//! (case, spaces around and ё/е ignored) or by its id, and named in the form's language.

use crate::support::*;
use estu_core::Lang;
use estu_core::forms::Scope;
use estu_core::model::Settlement;
use estu_core::store::reference;

#[test]
fn a_settlement_by_either_name_or_id_else_the_whole_okrug() {
    let mut f = Fixture::new();
    let (red, kyzyl) = (f.villages[0], f.villages[1]);
    // A settlement with a ё and no Kazakh name.
    let birch = f
        .store
        .write(|tx| {
            reference::save_settlement(
                tx,
                &Settlement {
                    id: 0,
                    name_ru: "Берёзовка".into(),
                    name_kk: String::new(),
                    population: 10,
                    households: 3,
                    active: true,
                },
            )
        })
        .unwrap();
    let conn = f.store.conn();
    let id = |name: &str| Scope::resolve(conn, Some(name)).unwrap().id();
    for (name, want) in [
        ("Красный Яр", red),
        ("  красный яр ", red),
        ("Қызыл Жар", red),
        ("КЫЗЫЛ ЖУЛДЫЗ", kyzyl),
        ("қызыл жұлдыз", kyzyl),
        ("Березовка", birch),
    ] {
        assert_eq!(id(name), Some(want), "{name:?}");
    }
    for whole in [None, Some(""), Some("   ")] {
        assert_eq!(Scope::resolve(conn, whole).unwrap(), Scope::okrug());
        assert_eq!(Scope::resolve(conn, whole).unwrap().id(), None);
    }
    let err = Scope::resolve(conn, Some(" Сосновка ")).unwrap_err();
    assert_eq!(
        err.message(Lang::Ru),
        "Населённый пункт «Сосновка» не найден в справочнике населённых пунктов"
    );
    assert_eq!(Scope::by_id(conn, kyzyl).unwrap().id(), Some(kyzyl));
    assert_eq!(
        Scope::by_id(conn, 9999).unwrap_err().message(Lang::Ru),
        "Населённый пункт «9999» не найден в справочнике населённых пунктов"
    );

    // Named in the form's language; Russian when the Kazakh name is not filled in.
    let red = Scope::by_id(conn, red).unwrap();
    assert_eq!(red.name(Lang::Ru).as_deref(), Some("Красный Яр"));
    assert_eq!(red.name(Lang::Kk).as_deref(), Some("Қызыл Жар"));
    let birch = Scope::by_id(conn, birch).unwrap();
    assert_eq!(birch.name(Lang::Kk).as_deref(), Some("Берёзовка"));
    assert_eq!(Scope::okrug().name(Lang::Ru), None);
}
