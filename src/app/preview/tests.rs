use super::*;
use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use estu_core::forms::{Column, Footer, FormKind, HeaderCell, Orientation};
use estu_core::i18n::Lang;

#[test]
fn a_cells_height_is_measured_as_its_layout_is_tall() {
    let texts = [
        "",
        "1",
        "Ремонт водопровода по улице Абая и замена трёх колонок",
        "Организация/проведение сходов граждан в сёлах округа\nвторая строка",
        "Слишкомдлинноесловокотороенепомещаетсявячейку",
    ];
    // At 1 and 1.25 pixels a point (the app's zoom).
    for ppp in [1.0, 1.25] {
        Harness::builder()
            .with_pixels_per_point(ppp)
            .build_ui(|ui| {
                let font = FontId::proportional(11.0);
                for t in texts {
                    for w in [40.0, 120.0, 400.0] {
                        let laid = layout(ui, t, w, font.clone(), Color32::BLACK).size().y;
                        let measured = wrapped_height(ui, t, w, &font);
                        let same = (laid - measured).abs() < 0.05;
                        assert!(same, "{t:?} at {w}: {laid} vs {measured}");
                    }
                }
            })
            .run();
    }
}

/// An action plan shaped like F5 (its columns and widths, texts of its lengths) with `rows`
/// items, numbered «1.», «2.»…
fn plan(rows: usize) -> Form {
    let cols = [
        ("number", ColumnRole::Number, 8.0, Align::Center),
        ("problem", ColumnRole::Label, 40.0, Align::Left),
        ("settlement", ColumnRole::Value, 22.0, Align::Left),
        ("raised", ColumnRole::Value, 30.0, Align::Left),
        ("measure", ColumnRole::Value, 40.0, Align::Left),
        ("executor", ColumnRole::Value, 30.0, Align::Left),
        ("deadline", ColumnRole::Value, 19.0, Align::Center),
        ("funding", ColumnRole::Value, 26.0, Align::Left),
        ("needed", ColumnRole::Value, 18.0, Align::Right),
        ("allocated", ColumnRole::Value, 18.0, Align::Right),
        ("mark", ColumnRole::Value, 30.0, Align::Left),
    ];
    let text = |s: &str| Cell::Text(s.to_string());
    let row = |i: usize| Row {
        key: format!("item{i}"),
        number: format!("{}.", i + 1),
        label: format!("Ремонт водопровода по улице Абая, дом {i}, и замена трёх колонок"),
        level: 0,
        italic: false,
        mark: if i.is_multiple_of(7) {
            RowMark::Overdue
        } else {
            RowMark::Normal
        },
        cells: vec![
            text("село Қызылжар"),
            text("сход граждан 12.03.2025: вопрос о водоснабжении/канализации"),
            text("Подготовить проектно-сметную документацию и провести конкурс"),
            text("ГУ «Аппарат акима Қызылжарского сельского округа»"),
            text("31.12.2025"),
            text("местный бюджет"),
            Cell::Dec {
                value: 1250.5 + i as f64,
                places: 1,
            },
            Cell::Int(i as i64),
            text("в работе, исполнено на 40%"),
        ],
    };
    let day = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    Form {
        kind: FormKind::F5,
        lang: Lang::Ru,
        orientation: Orientation::Landscape,
        from: day,
        to: day,
        settlement: None,
        produced_on: day,
        title: Vec::new(),
        preamble: Vec::new(),
        tables: vec![Table {
            caption: String::new(),
            sheet: String::new(),
            columns: cols
                .iter()
                .map(|(key, role, width, align)| Column {
                    key: key.to_string(),
                    role: *role,
                    width: *width,
                    align: *align,
                })
                .collect(),
            header_rows: 1,
            header: (0..cols.len())
                .map(|col| HeaderCell {
                    text: format!("Графа {col}"),
                    row: 0,
                    col,
                    row_span: 1,
                    col_span: 1,
                    rotate: false,
                })
                .collect(),
            rows: (0..rows).map(row).collect(),
            repeat_header: true,
        }],
        postscript: Vec::new(),
        charts: Vec::new(),
        footer: Footer {
            position: "Аким".into(),
            name: "Е.М. Серикбаев".into(),
            executor: String::new(),
        },
    }
}

fn preview(form: Form) -> Harness<'static, (Form, Heights)> {
    Harness::builder()
        .with_size(Vec2::new(1024.0, 600.0))
        .build_ui_state(|ui, (f, h)| show(ui, f, h), (form, Heights::default()))
}

fn shows_first_row(h: &Harness<'_, (Form, Heights)>) -> bool {
    h.query_by_label("1.").is_some()
}

#[test]
fn an_okrugs_plan_is_drawn_in_the_frame_that_shows_it() {
    let mut h = preview(plan(300));
    h.step();
    assert!(shows_first_row(&h));
}

#[test]
fn a_regions_plan_is_measured_over_several_frames_then_drawn() {
    let mut h = preview(plan(16_000));
    h.step();
    // The frame that got the form measured a slice of it, and shows no row yet.
    assert!(!shows_first_row(&h));
    let mut frames = 1;
    while !shows_first_row(&h) && frames < 100 {
        h.step();
        frames += 1;
    }
    assert!(shows_first_row(&h), "no rows after {frames} frames");
    assert!(frames > 2, "measured in {frames} frames");
    let (form, heights) = h.state();
    let measured = heights.of(0, form.table()).map(<[f32]>::len);
    assert_eq!(measured, Some(16_000));

    // A new width is measured while the rows stay drawn at the old heights.
    h.set_size(Vec2::new(1366.0, 600.0));
    h.step();
    assert!(shows_first_row(&h));
}

/// The preview's frames for a region's plan, timed: run with
/// `cargo test --release --lib preview::tests::frames -- --ignored --nocapture`.
#[test]
#[ignore]
fn frames_of_a_regions_plan_timed() {
    // The form comes to a preview already on screen, as the reader's answer does.
    let mut h = preview(plan(1));
    h.run();
    h.state_mut().0 = plan(15_771);
    h.state_mut().1 = Heights::default();
    let mut times = Vec::new();
    while !shows_first_row(&h) || times.len() < 3 {
        let start = std::time::Instant::now();
        h.step();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    h.set_size(Vec2::new(1366.0, 600.0));
    for _ in 0..40 {
        let start = std::time::Instant::now();
        h.step();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let max = times.iter().copied().fold(0.0, f64::max);
    let shown: Vec<String> = times.iter().map(|t| format!("{t:.1}")).collect();
    println!("frames (ms): {}; slowest {max:.1}", shown.join(" "));
}
