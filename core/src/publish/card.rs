//! The plan's progress as a square picture (1080×1080 PNG) for the akimat's Instagram or
//! Telegram channel: the okrug, the period, resolved N of M, the top topics. Drawn as SVG and
//! rasterised by resvg with the bundled Noto Sans (the same figures as the HTML page).

use super::Page;
use crate::error::{Error, Result};
use crate::i18n::{Text, tr, trf};
use crate::render::pdf::fonts;
use resvg::{tiny_skia, usvg};
use std::fmt::Write;

pub const SIZE: u32 = 1080;
const MARGIN: i32 = 80;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Greedy word wrap at `max` characters (Noto Sans is even enough for a card), at most
/// `lines` lines, the last one shortened with «…».
fn wrap(text: &str, max: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > max {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    if out.len() > lines {
        out.truncate(lines);
        let last = &mut out[lines - 1];
        let keep: String = last.chars().take(max.saturating_sub(1)).collect();
        // «парки,…» reads as a typo: the cut ends on a letter.
        *last = format!(
            "{}…",
            keep.trim_end()
                .trim_end_matches([',', ';', ':', '(', '-', '—'])
                .trim_end()
        );
    }
    out
}

fn text(svg: &mut String, x: i32, y: i32, size: u32, weight: &str, fill: &str, s: &str) {
    let _ = writeln!(
        svg,
        "<text x=\"{x}\" y=\"{y}\" font-family=\"Noto Sans\" font-size=\"{size}\" \
         font-weight=\"{weight}\" fill=\"{fill}\">{}</text>",
        esc(s)
    );
}

/// The card as SVG text.
pub fn svg(p: &Page) -> String {
    let lang = p.lang;
    let s = &p.summary;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SIZE}\" height=\"{SIZE}\" \
         viewBox=\"0 0 {SIZE} {SIZE}\">\n<rect width=\"100%\" height=\"100%\" fill=\"#f7f4ec\"/>\n\
         <rect width=\"100%\" height=\"300\" fill=\"#0b4f8a\"/>"
    );
    let mut y = 120;
    for line in wrap(&p.okrug, 38, 2) {
        text(&mut svg, MARGIN, y, 46, "bold", "#ffffff", &line);
        y += 58;
    }
    let heading = trf(
        lang,
        "publish.card.heading",
        &[("period", &p.period.title(lang))],
    );
    for line in wrap(&heading, 48, 2) {
        text(&mut svg, MARGIN, y + 6, 34, "normal", "#dce9f5", &line);
        y += 44;
    }
    let pct = s.pct().clamp(0, 100);
    text(
        &mut svg,
        MARGIN,
        500,
        150,
        "bold",
        "#1e7a46",
        &format!("{pct}%"),
    );
    let resolved = trf(
        lang,
        "publish.card.resolved",
        &[("done", &s.done), ("total", &s.total)],
    );
    text(&mut svg, MARGIN, 575, 48, "bold", "#1b1b1b", &resolved);
    let width = SIZE as i32 - 2 * MARGIN;
    let _ = writeln!(
        svg,
        "<rect x=\"{MARGIN}\" y=\"615\" width=\"{width}\" height=\"34\" rx=\"17\" fill=\"#dfe3e8\"/>\n\
         <rect x=\"{MARGIN}\" y=\"615\" width=\"{}\" height=\"34\" rx=\"17\" fill=\"#1e7a46\"/>",
        width * pct as i32 / 100
    );
    let mut y = 730;
    if !p.top.is_empty() {
        text(
            &mut svg,
            MARGIN,
            y,
            38,
            "bold",
            "#0b4f8a",
            &tr(lang, "publish.top_topics"),
        );
        y += 60;
        for (i, (name, n)) in p.top.iter().enumerate() {
            let line = format!("{}. {} — {n}", i + 1, wrap(name, 40, 1)[0]);
            text(&mut svg, MARGIN, y, 36, "normal", "#1b1b1b", &line);
            y += 54;
        }
    }
    let produced = trf(
        lang,
        "publish.produced",
        &[("date", &p.form.produced_on.format("%d.%m.%Y"))],
    );
    text(
        &mut svg,
        MARGIN,
        SIZE as i32 - 50,
        28,
        "normal",
        "#5a6570",
        &produced,
    );
    svg.push_str("</svg>\n");
    svg
}

/// The card as PNG bytes.
pub fn png(p: &Page) -> Result<Vec<u8>> {
    let mut opt = usvg::Options::default();
    let db = opt.fontdb_mut();
    for font in [fonts::REGULAR, fonts::BOLD] {
        db.load_font_data(font.to_vec());
    }
    let failed = |detail: String| Error::Other(Text::new("err.publish.card").arg("detail", detail));
    let tree = usvg::Tree::from_str(&svg(p), &opt).map_err(|e| failed(e.to_string()))?;
    let mut pixmap =
        tiny_skia::Pixmap::new(SIZE, SIZE).ok_or_else(|| failed("pixmap".to_string()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| failed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_and_shortens() {
        assert_eq!(wrap("один два три", 8, 2), vec!["один два", "три"]);
        assert_eq!(wrap("один два три четыре", 8, 1), vec!["один дв…"]);
        assert_eq!(wrap("парки, детские площадки", 7, 1), vec!["парки…"]);
    }
}
