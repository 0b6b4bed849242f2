//! The plan as one HTML page: no external file, font or script (system fonts); both languages
//! in the page, switched by links (`:target`, no script); headings, a captioned table with
//! header cells; on a phone each item becomes a card; prints on A4 landscape. Well-formed as
//! XML, so it is checked by a parser in the tests.

use super::Page;
use crate::forms::{Cell, ColumnRole, RowMark};
use crate::i18n::{Lang, tr, trf};
use std::fmt::Write;

const STYLE: &str = "
:root{color-scheme:light}
body{font-family:'Noto Sans','PT Sans','Segoe UI',Arial,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.45}
main{max-width:1200px;margin:0 auto;padding:1rem}
nav.langs{max-width:1200px;margin:0 auto;padding:.5rem 1rem;text-align:right}
nav.langs a{margin-left:1rem;color:#0b4f8a}
h1{font-size:1.35rem;text-align:center;margin:.5rem 0 1rem}
h1 span{display:block}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.progress{font-size:1.25rem;font-weight:bold}
.bar{height:.8rem;background:#e3e8ee;border-radius:.4rem;overflow:hidden;max-width:30rem}
.bar span{display:block;height:100%;background:#1e7a46}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #9aa4ae;padding:.35rem;vertical-align:top;text-align:left}
thead th{background:#eef1f4}
td.num{text-align:right;white-space:nowrap}
tr.overdue td,tr.overdue th{background:#fdeeee}
tr.total th,tr.total td{font-weight:bold;background:#f4f6f8}
footer{margin-top:1.5rem;font-size:.9rem}
#kk{display:none}
#kk:target{display:block}
#kk:target~#ru{display:none}
@media (max-width:700px){
 thead{position:absolute;left:-9999px}
 table,tbody,tr,th,td{display:block;width:auto}
 tr{border:1px solid #9aa4ae;margin:0 0 .8rem;padding:.3rem}
 th,td{border:none;padding:.15rem .3rem}
 td::before{content:attr(data-label) ': ';font-weight:bold}
 td.empty{display:none}
 td.num{text-align:left}
}
@media print{
 nav.langs{display:none}
 @page{size:A4 landscape;margin:12mm}
 tr{break-inside:avoid}
 main{max-width:none;padding:0}
 body{font-size:10pt}
 table{font-size:8pt}
 th,td{padding:2px 3px;overflow-wrap:break-word}
}
";

/// `s` escaped for text and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page, Russian first (shown by default) and Kazakh (shown at `#kk`).
pub fn render(pages: &[Page]) -> String {
    let first = pages.first().map_or(Lang::Ru, |p| p.lang);
    let title = pages
        .first()
        .map(|p| {
            p.form
                .title
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        first.code(),
        esc(&title)
    );
    h.push_str("<nav class=\"langs\" aria-label=\"Язык / Тіл\">");
    for p in pages {
        let _ = write!(
            h,
            "<a href=\"#{0}\" lang=\"{0}\" hreflang=\"{0}\">{1}</a>",
            p.lang.code(),
            esc(&tr(p.lang, "publish.lang_name"))
        );
    }
    h.push_str("</nav>\n<main>\n");
    // Kazakh before Russian: `#kk:target ~ #ru` hides the Russian page only when asked.
    let mut order: Vec<&Page> = pages.iter().collect();
    order.sort_by_key(|p| p.lang != Lang::Kk);
    for p in order {
        section(&mut h, p);
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn section(h: &mut String, p: &Page) {
    let lang = p.lang;
    let _ = write!(h, "<section id=\"{0}\" lang=\"{0}\">\n<h1>", lang.code());
    for l in &p.form.title {
        let _ = write!(h, "<span>{}</span>", esc(&l.text));
    }
    h.push_str("</h1>\n");
    let s = &p.summary;
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p class=\"progress\">{}</p>\n\
         <div class=\"bar\" role=\"img\" aria-label=\"{2}%\"><span style=\"width:{2}%\"></span></div>\n",
        esc(&tr(lang, "publish.progress")),
        esc(&crate::forms::f5::progress(lang, s)),
        s.pct().clamp(0, 100)
    );
    for line in &p.form.postscript {
        let _ = writeln!(h, "<p>{}</p>", esc(line));
    }
    if !p.top.is_empty() {
        let _ = write!(h, "<h2>{}</h2>\n<ol>", esc(&tr(lang, "publish.top_topics")));
        for (name, n) in &p.top {
            let items = trf(lang, "publish.items_count", &[("n", n)]);
            let _ = write!(h, "<li>{} — {}</li>", esc(name), esc(&items));
        }
        h.push_str("</ol>\n");
    }
    // The table is named by its heading (a caption repeating the progress line above read
    // twice, and squeezed into a column on a phone).
    let _ = writeln!(
        h,
        "<h2 id=\"plan-{}\">{}</h2>",
        lang.code(),
        esc(&tr(lang, "publish.plan"))
    );
    table(h, p);
    let f = &p.form.footer;
    let _ = write!(
        h,
        "<footer><p>{} — {}</p><p>{}</p></footer>\n</section>\n",
        esc(&f.position),
        esc(&f.name),
        esc(&trf(
            lang,
            "publish.produced",
            &[("date", &p.form.produced_on.format("%d.%m.%Y"))]
        ))
    );
}

fn table(h: &mut String, p: &Page) {
    let t = p.form.table();
    let heads: Vec<&str> = (0..t.columns.len())
        .map(|i| {
            t.header
                .iter()
                .find(|c| c.col == i)
                .map_or("", |c| c.text.as_str())
        })
        .collect();
    let _ = write!(
        h,
        "<table aria-labelledby=\"plan-{}\">\n<thead><tr>",
        p.lang.code()
    );
    for head in &heads {
        let _ = write!(h, "<th scope=\"col\">{}</th>", esc(head));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let values = t.value_columns();
    for r in &t.rows {
        let class = match r.mark {
            RowMark::Overdue => " class=\"overdue\"",
            RowMark::Total => " class=\"total\"",
            _ => "",
        };
        let _ = write!(h, "<tr{class}>");
        for (i, col) in t.columns.iter().enumerate() {
            let label = esc(heads[i]);
            match col.role {
                ColumnRole::Number => {
                    let _ = write!(h, "<td data-label=\"{label}\">{}</td>", esc(&r.number));
                }
                ColumnRole::Label => {
                    let _ = write!(h, "<th scope=\"row\">{}</th>", esc(&r.label));
                }
                ColumnRole::Value => {
                    let k = values.iter().position(|&v| v == i).unwrap_or(0);
                    let cell = r.cells.get(k).cloned().unwrap_or(Cell::Empty);
                    let text = cell.text();
                    let mut classes = Vec::new();
                    if matches!(cell, Cell::Dec { .. } | Cell::Int(_)) {
                        classes.push("num");
                    }
                    if text.is_empty() {
                        classes.push("empty");
                    }
                    let class = if classes.is_empty() {
                        String::new()
                    } else {
                        format!(" class=\"{}\"", classes.join(" "))
                    };
                    let _ = write!(h, "<td{class} data-label=\"{label}\">{}</td>", esc(&text));
                }
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}
