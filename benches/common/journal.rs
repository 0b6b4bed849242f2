//! A reception journal of the shape okrugs keep in Excel (made up, no real people): a title
//! line, then «№ п/п, Дата приёма, Время, Ф.И.О. заявителя, ИИН, Адрес, Населённый пункт,
//! Краткое содержание, Тема, Исполнитель, Результат, Дата ответа, Повторное». Used by the
//! samples in assets/samples/, the import tests and the import benchmark.

#![allow(dead_code)]

use chrono::{NaiveDate, NaiveTime};
use estu_core::rules::iin::make_iin;

pub const TITLE: &str = "Журнал учёта приёма граждан акимом сельского округа, 2022 год";
pub const HEADERS: [&str; 13] = [
    "№ п/п",
    "Дата приёма",
    "Время",
    "Ф.И.О. заявителя",
    "ИИН",
    "Адрес",
    "Населённый пункт",
    "Краткое содержание",
    "Тема",
    "Исполнитель",
    "Результат",
    "Дата ответа",
    "Повторное",
];

/// One journal line as a person wrote it.
#[derive(Clone)]
pub struct Line {
    pub day: NaiveDate,
    pub time: NaiveTime,
    pub name: &'static str,
    pub iin: String,
    pub address: &'static str,
    pub settlement: &'static str,
    pub summary: &'static str,
    pub topic: &'static str,
    pub executor: &'static str,
    pub result: &'static str,
    pub answered: Option<NaiveDate>,
    pub repeated: &'static str,
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// The eight lines of the samples.
pub fn lines() -> Vec<Line> {
    let l = |day,
             time,
             name,
             iin: String,
             address,
             settlement,
             summary,
             topic,
             executor,
             result,
             answered,
             repeated| Line {
        day,
        time,
        name,
        iin,
        address,
        settlement,
        summary,
        topic,
        executor,
        result,
        answered,
        repeated,
    };
    vec![
        l(
            d(2022, 1, 11),
            t(10, 0),
            "Сапарова Айгерим Болатовна",
            make_iin(d(1985, 3, 14), true, 101),
            "ул. Школьная, 5",
            "с. Красный Яр",
            "Нет воды в колонке на улице Школьной",
            "Водоснабжение",
            "Ахметова А.К.",
            "удовл.",
            Some(d(2022, 1, 20)),
            "нет",
        ),
        l(
            d(2022, 1, 11),
            t(10, 30),
            "Ким Виктор Олегович",
            make_iin(d(2001, 7, 2), false, 102),
            "ул. Мира, 12",
            "Кызыл Жулдыз",
            "Просит справку о составе семьи",
            "Государственные услуги",
            "",
            "разъяснено",
            Some(d(2022, 1, 12)),
            "",
        ),
        l(
            d(2022, 1, 25),
            t(11, 0),
            "Оспанов Ерлан Маратович",
            make_iin(d(1970, 11, 30), false, 103),
            "ул. Мира, 3",
            "Красный Яр",
            "Ямы на дороге по улице Мира",
            "Дороги",
            "ТОО «Жол Сервис»",
            "",
            None,
            "Повторное: да",
        ),
        l(
            d(2022, 2, 8),
            t(9, 15),
            "Литвиненко Ольга Петровна",
            make_iin(d(1962, 5, 5), true, 104),
            "ул. Луговая, 1",
            "с. Новоселовка",
            "Не горят фонари на улице Луговой",
            "Электроснабжение",
            "Ахметова А.К.",
            "удовлетворено",
            Some(d(2022, 2, 15)),
            "нет",
        ),
        l(
            d(2022, 2, 22),
            t(10, 0),
            "Жумабаева Сауле Касымовна",
            make_iin(d(1990, 1, 21), true, 105),
            "ул. Школьная, 17",
            "Красный Яр",
            "Просит поставить в очередь на жильё",
            "Предоставление жилья",
            "",
            "отказано",
            Some(d(2022, 3, 1)),
            "нет",
        ),
        l(
            d(2022, 3, 9),
            t(15, 40),
            "Ибраев Нурлан Серикович",
            make_iin(d(1978, 9, 9), false, 106),
            "ул. Степная, 8",
            "Кызыл Жулдыз",
            "Не вывозят мусор с улицы Степной",
            "Санитарная очистка",
            "ИП Сейткали",
            "",
            None,
            "нет",
        ),
        l(
            d(2022, 3, 22),
            t(11, 20),
            "Петренко Анна Ивановна",
            make_iin(d(1955, 12, 1), true, 107),
            "ул. Садовая, 2",
            "Красный Яр",
            "Консультация по оформлению земельного участка",
            "Земельные участки",
            "",
            "разъясн.",
            Some(d(2022, 3, 22)),
            "нет",
        ),
        l(
            d(2022, 4, 12),
            t(10, 5),
            "Сапарова Айгерим Болатовна",
            make_iin(d(1985, 3, 14), true, 101),
            "ул. Школьная, 5",
            "с. Красный Яр",
            "Повторно: нет воды в колонке",
            "Водоснабжение",
            "Ахметова А.К.",
            "",
            None,
            "да",
        ),
    ]
}

/// `n` lines: the eight above over and over, a day apart from the start of 2022.
pub fn many(n: usize) -> Vec<Line> {
    let base = lines();
    (0..n)
        .map(|i| {
            let mut l = base[i % base.len()].clone();
            let day = d(2022, 1, 10) + chrono::Days::new((i / 40) as u64);
            l.answered = l.answered.map(|_| day + chrono::Days::new(7));
            l.day = day;
            l
        })
        .collect()
}

/// The workbook as Excel keeps it: real date cells, the ИИН as a number (its leading zero
/// lost, as Excel does), the time as a time cell.
pub fn xlsx(lines: &[Line]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let time = Format::new().set_num_format("hh:mm");
    ws.write(0, 0, TITLE).unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write(1, c as u16, *h).unwrap();
    }
    let xd = |d: NaiveDate| {
        ExcelDateTime::from_ymd(
            d.year_ce().1 as u16,
            d.month0() as u8 + 1,
            d.day0() as u8 + 1,
        )
        .unwrap()
    };
    use chrono::Datelike;
    use chrono::Timelike;
    for (i, l) in lines.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write(r, 0, i as u32 + 1).unwrap();
        ws.write_with_format(r, 1, xd(l.day), &date).unwrap();
        let tm = ExcelDateTime::from_hms(l.time.hour() as u16, l.time.minute() as u8, 0).unwrap();
        ws.write_with_format(r, 2, &tm, &time).unwrap();
        ws.write(r, 3, l.name).unwrap();
        ws.write(r, 4, l.iin.parse::<f64>().unwrap()).unwrap();
        for (c, v) in [
            (5, l.address),
            (6, l.settlement),
            (7, l.summary),
            (8, l.topic),
            (9, l.executor),
            (10, l.result),
        ] {
            if !v.is_empty() {
                ws.write(r, c, v).unwrap();
            }
        }
        if let Some(a) = l.answered {
            ws.write_with_format(r, 11, xd(a), &date).unwrap();
        }
        if !l.repeated.is_empty() {
            ws.write(r, 12, l.repeated).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The same journal saved by Excel on a Russian Windows as «CSV (разделители — точка с
/// запятой)»: Windows-1251, `;`, dates as `dd.mm.yy`, times with seconds.
pub fn csv_1251(lines: &[Line]) -> Vec<u8> {
    let q = |s: &str| {
        if s.contains([';', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = format!("{};;;;;;;;;;;;\r\n{}\r\n", TITLE, HEADERS.join(";"));
    for (i, l) in lines.iter().enumerate() {
        let cells = [
            (i + 1).to_string(),
            l.day.format("%d.%m.%y").to_string(),
            l.time.format("%H:%M:%S").to_string(),
            l.name.to_string(),
            l.iin.clone(),
            l.address.to_string(),
            l.settlement.to_string(),
            l.summary.to_string(),
            l.topic.to_string(),
            l.executor.to_string(),
            l.result.to_string(),
            l.answered
                .map(|a| a.format("%d.%m.%Y").to_string())
                .unwrap_or_default(),
            l.repeated.to_string(),
        ];
        let row: Vec<String> = cells.iter().map(|c| q(c)).collect();
        out.push_str(&row.join(";"));
        out.push_str("\r\n");
    }
    encoding_rs::WINDOWS_1251.encode(&out).0.into_owned()
}
