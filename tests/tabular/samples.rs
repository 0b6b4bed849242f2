//! The meetings and the action plan of the samples in assets/samples/, in the shapes okrugs
//! keep them (made up, no real people): the meetings with the questions raised there as a
//! workbook whose meeting cells are merged over their questions' rows, the plan as a CSV in
//! Windows-1251 with the columns of F5.

pub const MEETINGS_TITLE: &str =
    "Встречи акима сельского округа с населением и поднятые вопросы, 2022 год";
pub const MEETING_HEADERS: [&str; 14] = [
    "№ п/п",
    "Дата проведения",
    "Вид встречи",
    "Населённый пункт",
    "Место проведения",
    "Количество участников",
    "Instagram, просмотров",
    "Телевидение, зрителей",
    "Выступило",
    "Поднятый вопрос",
    "Тема",
    "Повторный",
    "Критическое замечание",
    "В адрес",
];

/// A meeting as the workbook has it: (date, kind, village, place, participants, instagram,
/// tv, speakers) and its questions (text, topic, repeated, critical, addressee).
pub type SampleMeeting = (
    (u32, u32),
    &'static str,
    &'static str,
    &'static str,
    i64,
    Option<i64>,
    Option<i64>,
    i64,
    Vec<[&'static str; 5]>,
);

pub fn meetings() -> Vec<SampleMeeting> {
    vec![
        (
            (18, 1),
            "Встреча акима с населением (Указ №826)",
            "Красный Яр",
            "Дом культуры",
            120,
            Some(340),
            None,
            8,
            vec![
                [
                    "Ремонт дороги по ул. Школьная",
                    "Дороги",
                    "нет",
                    "да",
                    "аким района",
                ],
                [
                    "Уличное освещение на ул. Мира",
                    "Электроснабжение",
                    "",
                    "",
                    "",
                ],
                [
                    "Вывоз мусора с окраины села",
                    "Санитарная очистка",
                    "",
                    "",
                    "",
                ],
            ],
        ),
        (
            (15, 2),
            "Сход граждан",
            "Кызыл Жулдыз",
            "Школа",
            45,
            None,
            None,
            3,
            vec![
                [
                    "Подача питьевой воды по графику",
                    "Водоснабжение",
                    "нет",
                    "да",
                    "аким с/о",
                ],
                [
                    "Ремонт спортзала школы",
                    "Ремонт и строительство школ",
                    "",
                    "",
                    "",
                ],
            ],
        ),
        (
            (28, 3),
            "Отчётная встреча",
            "Красный Яр",
            "Дом культуры",
            200,
            Some(560),
            Some(1200),
            12,
            vec![
                [
                    "Газификация микрорайона Северный",
                    "Газоснабжение",
                    "",
                    "",
                    "",
                ],
                ["Ремонт дороги по ул. Школьная", "Дороги", "да", "", ""],
                ["Детская площадка у школы", "Благоустройство", "", "", ""],
            ],
        ),
    ]
}

/// The meetings workbook: a title line, the headers, each meeting's cells merged down over
/// the rows of its questions.
pub fn meetings_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let plain = Format::new();
    ws.write(0, 0, MEETINGS_TITLE).unwrap();
    for (c, h) in MEETING_HEADERS.iter().enumerate() {
        ws.write(1, c as u16, *h).unwrap();
    }
    let mut r = 2u32;
    for (n, (day, kind, village, place, people, insta, tv, speakers, questions)) in
        meetings().into_iter().enumerate()
    {
        let last = r + questions.len() as u32 - 1;
        for c in 0..9u16 {
            if last > r {
                ws.merge_range(r, c, last, c, "", &plain).unwrap();
            }
        }
        ws.write(r, 0, n as u32 + 1).unwrap();
        let d = ExcelDateTime::from_ymd(2022, day.1 as u8, day.0 as u8).unwrap();
        ws.write_with_format(r, 1, &d, &date).unwrap();
        ws.write(r, 2, kind).unwrap();
        ws.write(r, 3, village).unwrap();
        ws.write(r, 4, place).unwrap();
        ws.write(r, 5, people as f64).unwrap();
        for (c, v) in [(6, insta), (7, tv)] {
            if let Some(v) = v {
                ws.write(r, c, v as f64).unwrap();
            }
        }
        ws.write(r, 8, speakers as f64).unwrap();
        for (i, q) in questions.iter().enumerate() {
            for (c, v) in q.iter().enumerate() {
                if !v.is_empty() {
                    ws.write(r + i as u32, 9 + c as u16, *v).unwrap();
                }
            }
        }
        r = last + 1;
    }
    wb.save_to_buffer().unwrap()
}

pub const PLAN_TITLE: &str =
    "План мероприятий по решению проблемных вопросов, поднятых жителями, 2022 год";
pub const PLAN_HEADERS: [&str; 11] = [
    "№",
    "Проблемный вопрос",
    "Населённый пункт",
    "Где поднят",
    "Мероприятие по решению",
    "Ответственный исполнитель",
    "Срок исполнения",
    "Источник финансирования",
    "Потребность, тыс. тенге",
    "Выделено, тыс. тенге",
    "Отметка об исполнении",
];

/// The plan's rows as written (without the № column).
pub fn plan() -> Vec<[&'static str; 10]> {
    vec![
        [
            "Ремонт дороги по ул. Школьная",
            "Красный Яр",
            "встреча 18.01.2022",
            "Средний ремонт 1,2 км дороги",
            "ГУ «Отдел ЖКХ района»",
            "30.09.2022",
            "местный бюджет",
            "45 000",
            "45 000",
            "исполнено 15.09.2022",
        ],
        [
            "Уличное освещение на ул. Мира",
            "Красный Яр",
            "встреча 18.01.2022",
            "Установка 25 светильников",
            "ТОО «Жарык»",
            "30.06.2022",
            "бюджет сельского округа",
            "3 200,5",
            "3 200,5",
            "исполнено 20.06.2022",
        ],
        [
            "Подача питьевой воды по графику",
            "Кызыл Жулдыз",
            "сход 15.02.2022",
            "Замена насоса водозабора",
            "ГКП «Су арнасы»",
            "31.12.2022",
            "местный бюджет",
            "1 800",
            "0",
            "на исполнении",
        ],
        [
            "Газификация микрорайона Северный",
            "Красный Яр",
            "отчётная встреча 28.03.2022",
            "Разработка проектно-сметной документации",
            "Отдел строительства района",
            "31.12.2023",
            "республиканский бюджет",
            "120 000",
            "",
            "требует решения на уровне области",
        ],
        [
            "Ремонт моста через реку",
            "Новосёловка",
            "приём 08.02.2022",
            "Капитальный ремонт моста",
            "ГУ «Отдел ЖКХ района»",
            "31.12.2023",
            "",
            "30 000",
            "",
            "включено в бюджетную заявку на 2023 год",
        ],
        [
            "Строительство нового клуба",
            "Кызыл Жулдыз",
            "сход 15.02.2022",
            "Строительство клуба на 100 мест",
            "",
            "",
            "",
            "250 000",
            "",
            "не поддержано: нет в генплане села",
        ],
    ]
}

/// The plan as Excel saves a CSV on a Russian Windows: Windows-1251, `;`.
pub fn plan_csv_1251() -> Vec<u8> {
    let q = |s: &str| {
        if s.contains([';', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = format!(
        "{}{}\r\n{}\r\n",
        PLAN_TITLE,
        ";".repeat(PLAN_HEADERS.len() - 1),
        PLAN_HEADERS.join(";")
    );
    for (i, row) in plan().iter().enumerate() {
        let mut cells = vec![(i + 1).to_string()];
        cells.extend(row.iter().map(|c| q(c)));
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    encoding_rs::WINDOWS_1251.encode(&out).0.into_owned()
}
