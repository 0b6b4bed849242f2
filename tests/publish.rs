//! The published plan: a well-formed, self-contained page with every plan item, in both
//! languages, without any applicant's name, ИИН, address or phone; and its PNG card.

use chrono::NaiveDate;
use estu_core::forms::Period;
use estu_core::model::PlanStatus;
use estu_core::publish::{self, card, html};
use estu_core::store::plan;
use estu_core::{Lang, Store, demo};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn demo_store() -> Store {
    let mut s = Store::in_memory(&demo::profile()).unwrap();
    let until = d(2026, 6, 30);
    s.set_today(until);
    let mut o = demo::Options::new(11, demo::Scale::Okrug, until);
    o.first_year = 2025;
    demo::generate(&mut s, &o).unwrap();
    s
}

/// Every person's name, ИИН, address and phone in the file.
fn personal(s: &Store) -> Vec<String> {
    let mut st = s
        .conn()
        .prepare(
            "SELECT applicant_name, coalesce(applicant_id, ''), applicant_address, applicant_phone
             FROM appeal WHERE applicant_type = 'person'",
        )
        .unwrap();
    let rows = st
        .query_map([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))
        .unwrap();
    let mut out: Vec<String> = rows
        .flat_map(|r: rusqlite::Result<[String; 4]>| r.unwrap())
        .filter(|v| v.trim().chars().count() >= 4)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_page_is_well_formed_complete_and_without_personal_data() {
    let mut s = demo_store();
    let who = personal(&s);
    assert!(who.len() > 100, "the demo has applicants");
    // A plan item that quotes an applicant: the page must still not show them.
    let (name, iin) = {
        let mut st = s
            .conn()
            .prepare("SELECT applicant_name, applicant_id FROM appeal WHERE applicant_type = 'person' AND applicant_id IS NOT NULL LIMIT 1")
            .unwrap();
        st.query_row([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap()
    };
    s.write(|tx| {
        let mut item = estu_core::model::PlanItem {
            measure: "Включить в план текущего ремонта".into(),
            deadline: Some(d(2026, 9, 1)),
            created_on: Some(d(2026, 5, 5)),
            status: PlanStatus::InProgress,
            ..estu_core::model::PlanItem::new(&format!(
                "Заявитель {name} (ИИН {iin}) просит отремонтировать крышу школы"
            ))
        };
        plan::save(tx, &mut item)
    })
    .unwrap();

    let period = Period::as_of(d(2026, 6, 30));
    let pages = publish::prepare(s.conn(), period, d(2026, 6, 30)).unwrap();
    let page = html::render(&pages);

    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&page, options).expect("well-formed");
    for p in &who {
        assert!(
            !page.contains(p.as_str()),
            "personal detail {p:?} published"
        );
    }
    assert!(page.contains("просит отремонтировать крышу школы"));
    // Self-contained: no script, no external file.
    for bad in ["<script", "src=", "<link", "url(", "http:", "https:"] {
        assert!(!page.contains(bad), "{bad}");
    }
    // Both languages, each with its headings, and every item of the plan in each.
    for p in &pages {
        let section = doc
            .descendants()
            .find(|n| n.has_tag_name("section") && n.attribute("lang") == Some(p.lang.code()))
            .expect("a section per language");
        assert!(section.descendants().any(|n| n.has_tag_name("h1")));
        assert!(
            section
                .descendants()
                .filter(|n| n.has_tag_name("h2"))
                .count()
                >= 2
        );
        let rows: Vec<_> = section
            .descendants()
            .filter(|n| n.has_tag_name("tbody"))
            .flat_map(|b| b.children().filter(|n| n.has_tag_name("tr")))
            .collect();
        let items = p.form.table().rows.len();
        assert_eq!(rows.len(), items, "every item and the closing line");
        assert_eq!(p.summary.total as usize + 1, items);
        let heads = section
            .descendants()
            .filter(|n| n.has_tag_name("th") && n.attribute("scope") == Some("col"))
            .count();
        assert_eq!(heads, p.form.table().columns.len());
        let progress = format!("{} из {}", p.summary.done, p.summary.total);
        if p.lang == Lang::Ru {
            assert!(
                section
                    .descendants()
                    .any(|n| n.text().is_some_and(|t| t.contains(&progress)))
            );
        }
    }
    assert!(pages.iter().any(|p| p.lang == Lang::Kk));
    assert!(page.contains("<section id=\"kk\" lang=\"kk\">"));
}

#[test]
fn the_card_is_a_square_png_of_the_same_figures() {
    let s = demo_store();
    let pages = publish::prepare(s.conn(), Period::as_of(d(2026, 6, 30)), d(2026, 6, 30)).unwrap();
    let ru = &pages[0];
    let svg = card::svg(ru);
    let resolved = format!(
        "решено {} из {} вопросов",
        ru.summary.done, ru.summary.total
    );
    assert!(svg.contains(&resolved), "{svg}");
    assert!(svg.contains(&format!("{}%", ru.summary.pct())));
    for (name, _) in &ru.top {
        assert!(
            svg.contains(&name.chars().take(20).collect::<String>()),
            "{name}"
        );
    }
    let png = card::png(ru).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((w, h), (1080, 1080));
    assert!(png.len() > 20_000, "drawn, not blank: {} bytes", png.len());
}
