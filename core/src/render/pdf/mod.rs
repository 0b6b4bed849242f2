//! A form (or a талон) as PDF: A4 in the form's orientation, the title block, the tables
//! (header repeated on each page), charts, the signature footer, page numbers. Fonts are
//! embedded and subset; text stays selectable and extractable.

mod chart;
pub(crate) mod fonts;
mod layout;
mod table;

pub use fonts::{Style, width, wrap};

use crate::forms::talon::Talon;
use crate::forms::{Form, Orientation};
use crate::i18n::{Lang, trf};
use fonts::Fonts;
use layout::{HAlign, LEADING, Writer};
use printpdf::{PdfDocument, PdfSaveOptions};
use table::{Layout, Sizes};

/// The document's dates: now, as the PDF's creation and modification date.
fn stamp(doc: &mut PdfDocument) {
    let now = chrono::Utc::now().timestamp();
    if let Ok(t) = printpdf::DateTime::from_unix_timestamp(now) {
        doc.metadata.info.creation_date = t;
        doc.metadata.info.modification_date = t;
        doc.metadata.info.metadata_date = t;
    }
    doc.metadata.info.creator = "Estu".into();
    doc.metadata.info.producer = "Estu".into();
}

/// Writes the document: printpdf builds it (fonts subset), then its streams are compressed on
/// every core, and the small objects (one page dictionary and resources per page) go into
/// compressed object streams. A plan of hundreds of pages is thus a third smaller and several
/// times faster to write than with printpdf's own single-threaded, maximum-level save.
fn save(doc: &PdfDocument) -> Vec<u8> {
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut lo = doc.to_lopdf_document(&opts, &mut Vec::new());
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => {
                Some(s)
            }
            _ => None,
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = streams.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for chunk in streams.chunks_mut(per) {
            scope.spawn(move || chunk.iter_mut().for_each(|s| deflate(s)));
        }
    });
    let mut out = Vec::new();
    if lo.save_modern(&mut out).is_err() {
        // Writing to memory fails only on a broken document: fall back to printpdf's save.
        return doc.save(&PdfSaveOptions::default(), &mut Vec::new());
    }
    out
}

/// Compresses one stream (FlateDecode) when that makes it smaller.
fn deflate(s: &mut lopdf::Stream) {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    if z.write_all(&s.content).is_err() {
        return;
    }
    if let Ok(packed) = z.finish()
        && packed.len() + 19 < s.content.len()
    {
        s.dict.set("Filter", "FlateDecode");
        s.set_content(packed);
    }
}

/// Renders a computed form.
pub fn render(form: &Form) -> Vec<u8> {
    let title = form
        .title
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut doc = PdfDocument::new(&title);
    stamp(&mut doc);
    doc.metadata.info.subject = form.kind.code().to_uppercase();
    let italic = form.tables.iter().any(|t| t.rows.iter().any(|r| r.italic));
    let fonts = Fonts::add(&mut doc, italic);
    let (pw, ph) = match form.orientation {
        Orientation::Portrait => (210.0, 297.0),
        Orientation::Landscape => (297.0, 210.0),
    };
    // Top, right, bottom, left (mm): the left margin leaves room to file the sheet.
    let mut w = Writer::new(fonts, pw, ph, [12.0, 10.0, 14.0, 20.0]);

    for line in &form.title {
        let style = if line.bold {
            Style::Bold
        } else {
            Style::Regular
        };
        w.paragraph(&line.text, style, 11.0, HAlign::Center, 0.0);
    }
    w.y -= 8.0;
    for p in &form.preamble {
        w.paragraph(p, Style::Regular, 10.0, HAlign::Left, 6.0);
    }
    // F1's one wide row takes smaller type; long portrait tables the usual size.
    let sizes = match form.orientation {
        Orientation::Landscape => Sizes {
            head: 7.5,
            body: 8.0,
            pad: 2.5,
        },
        Orientation::Portrait => Sizes {
            head: 8.5,
            body: 9.0,
            pad: 2.5,
        },
    };
    for (i, t) in form.tables.iter().enumerate() {
        let (left, cw) = (w.left, w.content_width());
        // The last table keeps its last rows with what follows it down to the signature
        // (charts take pages of their own: nothing is kept before them).
        let keep = if i + 1 == form.tables.len() && form.charts.is_empty() {
            10.0 + postscript_height(&w, form) + footer_height(&w, form)
        } else {
            0.0
        };
        Layout::new(t, sizes, left, cw).draw(&mut w, keep);
        w.y -= 10.0;
    }
    for p in &form.postscript {
        w.paragraph(p, Style::Regular, 9.5, HAlign::Left, 4.0);
    }
    for c in &form.charts {
        chart::draw(&mut w, c);
    }
    footer(&mut w, form);
    let lang = form.lang;
    let pages = w.finish(|n, total| page_label(lang, n, total));
    doc.with_pages(pages);
    save(&doc)
}

fn page_label(lang: Lang, n: usize, total: usize) -> String {
    trf(lang, "forms.page", &[("n", &n), ("total", &total)])
}

/// The signature block's type size.
const FOOTER_SIZE: f32 = 10.5;

/// The height of the postscript's paragraphs.
fn postscript_height(w: &Writer, form: &Form) -> f32 {
    form.postscript
        .iter()
        .map(|p| {
            let lines = wrap(p, Style::Regular, 9.5, w.content_width()).len().max(1);
            lines as f32 * 9.5 * LEADING + 4.0
        })
        .sum()
}

/// The height of the signature block (`footer`), the executor's line included.
fn footer_height(w: &Writer, form: &Form) -> f32 {
    let f = &form.footer;
    let lh = FOOTER_SIZE * LEADING;
    let pos = wrap(
        &f.position,
        Style::Bold,
        FOOTER_SIZE,
        w.content_width() * 0.5,
    );
    let executor = if f.executor.is_empty() {
        0.0
    } else {
        8.0 * LEADING * 2.0
    };
    pos.len().max(1) as f32 * lh + 30.0 + 12.0 + executor
}

/// Position on the left, a signature line and the initials and surname on the right; the
/// executor in small type below.
fn footer(w: &mut Writer, form: &Form) {
    let f = &form.footer;
    let size = FOOTER_SIZE;
    let lh = size * LEADING;
    let cw = w.content_width();
    let pos = wrap(&f.position, Style::Bold, size, cw * 0.5);
    w.ensure(footer_height(w, form));
    w.y -= 12.0;
    let (x, top) = (w.left, w.y);
    w.lines(&pos, x, cw * 0.5, top, (Style::Bold, size), HAlign::Left);
    let last = top - (pos.len().max(1) as f32 - 1.0) * lh;
    let name_w = width(&f.name, Style::Bold, size);
    let name_x = w.left + cw - name_w;
    w.lines(
        std::slice::from_ref(&f.name),
        name_x,
        name_w,
        last,
        (Style::Bold, size),
        HAlign::Left,
    );
    let sig_end = name_x - 8.0;
    let sig_start = (w.left + cw * 0.55).min(sig_end - 40.0);
    w.line(
        sig_start,
        last - size * 1.05,
        sig_end,
        last - size * 1.05,
        0.5,
    );
    w.y = last - lh - 14.0;
    if !f.executor.is_empty() {
        w.paragraph(&f.executor, Style::Regular, 8.0, HAlign::Left, 0.0);
    }
}

/// The талон on an A6 page (105 × 148 mm).
pub fn render_talon(t: &Talon) -> Vec<u8> {
    let mut doc = PdfDocument::new(&t.title);
    stamp(&mut doc);
    let fonts = Fonts::add(&mut doc, true);
    let mut w = Writer::new(fonts, 105.0, 148.0, [8.0, 8.0, 8.0, 8.0]);
    w.paragraph(&t.org, Style::Regular, 8.5, HAlign::Center, 6.0);
    w.paragraph(&t.title, Style::Bold, 13.0, HAlign::Center, 0.0);
    w.paragraph(&t.subtitle, Style::Regular, 9.0, HAlign::Center, 8.0);
    for (label, value) in &t.fields {
        w.paragraph(label, Style::Bold, 8.0, HAlign::Left, 1.0);
        w.paragraph(value, Style::Regular, 9.5, HAlign::Left, 5.0);
    }
    // The accepting staff member signs on a line after the label.
    w.y -= 10.0;
    let (x, cw) = (w.left, w.content_width());
    let size = 8.0;
    let label_w = width(&t.signature, Style::Bold, size);
    w.lines(
        std::slice::from_ref(&t.signature),
        x,
        label_w,
        w.y,
        (Style::Bold, size),
        HAlign::Left,
    );
    let base = w.y - size * 1.05;
    w.line(x + label_w + 4.0, base, x + cw, base, 0.5);
    w.y -= size * LEADING + 8.0;
    let (x, y, cw) = (w.left, w.y, w.content_width());
    w.line(x, y, x + cw, y, 0.4);
    w.y -= 4.0;
    w.paragraph(&t.note, Style::Italic, 8.0, HAlign::Center, 0.0);
    let pages = w.finish(|_, _| String::new());
    doc.with_pages(pages);
    save(&doc)
}
