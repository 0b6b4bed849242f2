//! The embedded fonts (Noto Sans, OFL: full Kazakh Cyrillic) and text measurement and wrapping
//! with their real glyph advances, so that nothing printed overflows its cell.

use crate::text::pieces;
use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};
use std::sync::OnceLock;

pub const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Bold.ttf");
pub const ITALIC: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Italic.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Regular,
    Bold,
    Italic,
}

/// Advance widths of the characters a form may print, per style.
struct Metrics {
    per_em: f32,
    face: ttf_parser::Face<'static>,
    /// Advances (font units) of U+0000..U+0500 (Latin and all of Cyrillic, Kazakh letters
    /// included), looked up once: a long plan measures millions of characters.
    common: Vec<u16>,
}

impl Metrics {
    fn load(bytes: &'static [u8]) -> Metrics {
        let face = ttf_parser::Face::parse(bytes, 0).expect("bundled font parses");
        let per_em = face.units_per_em() as f32;
        let mut m = Metrics {
            per_em,
            face,
            common: Vec::new(),
        };
        m.common = (0..0x500u32)
            .map(|c| char::from_u32(c).map_or(0, |c| m.lookup(c)))
            .collect();
        m
    }

    fn lookup(&self, c: char) -> u16 {
        self.face
            .glyph_index(c)
            .and_then(|g| self.face.glyph_hor_advance(g))
            .unwrap_or((self.per_em * 0.5) as u16)
    }

    fn advance(&self, c: char) -> u32 {
        match self.common.get(c as usize) {
            Some(a) => *a as u32,
            None => self.lookup(c) as u32,
        }
    }
}

fn metrics(style: Style) -> &'static Metrics {
    static M: OnceLock<[Metrics; 3]> = OnceLock::new();
    let all = M.get_or_init(|| [REGULAR, BOLD, ITALIC].map(Metrics::load));
    &all[style as usize]
}

/// Width of `s` in points at `size` points.
pub fn width(s: &str, style: Style, size: f32) -> f32 {
    let m = metrics(style);
    let units: u32 = s.chars().map(|c| m.advance(c)).sum();
    units as f32 * size / m.per_em
}

/// The widest piece of `s` that `wrap` never breaks (a word, or a part of it after a `/`).
pub fn longest_piece(s: &str, style: Style, size: f32) -> f32 {
    pieces(s)
        .map(|(_, p)| width(p, style, size))
        .fold(0.0, f32::max)
}

/// Breaks `s` into lines no wider than `max` points (explicit `\n` kept); a word longer than a
/// line is cut between characters. The rule is `text::wrap`, which the preview uses too.
pub fn wrap(s: &str, style: Style, size: f32, max: f32) -> Vec<String> {
    crate::text::wrap(s, max, |piece| width(piece, style, size))
}

/// The size (at most `size`, at least 5.5 pt) at which no word of `s` has to be cut to fit
/// `max`, and the lines at that size.
pub fn fit(s: &str, style: Style, size: f32, max: f32) -> (f32, Vec<String>) {
    let longest = longest_piece(s, style, size);
    let size = if longest > max && longest > 0.0 {
        // A hair under the exact ratio: rounding must not push the word over the edge.
        (size * max / longest * 0.98).max(5.5)
    } else {
        size
    };
    (size, wrap(s, style, size, max))
}

/// The three fonts added to one document.
#[derive(Clone)]
pub struct Fonts {
    pub regular: FontId,
    pub bold: FontId,
    pub italic: FontId,
}

fn parsed(style: Style) -> &'static ParsedFont {
    static P: OnceLock<[ParsedFont; 3]> = OnceLock::new();
    let all = P.get_or_init(|| {
        [REGULAR, BOLD, ITALIC].map(|bytes| {
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("bundled font parses")
        })
    });
    &all[style as usize]
}

impl Fonts {
    /// Adds the fonts to `doc`; without `italic`, italic text (there is none) would print
    /// upright, and the document carries one font less to subset. Each font's resource name is
    /// also its subset tag (six capitals, as PDF wants): short, because every change of font in
    /// the text names it, and random, so that subsets from different files never clash.
    pub fn add(doc: &mut PdfDocument, italic: bool) -> Fonts {
        let tag: String = (0..5).map(|_| fastrand::uppercase()).collect();
        let mut add = |letter: char, style: Style| {
            let id = FontId(format!("{tag}{letter}"));
            doc.resources
                .fonts
                .map
                .insert(id.clone(), PdfFont::new(parsed(style).clone()));
            id
        };
        let regular = add('R', Style::Regular);
        Fonts {
            bold: add('B', Style::Bold),
            italic: if italic {
                add('I', Style::Italic)
            } else {
                regular.clone()
            },
            regular,
        }
    }

    pub fn id(&self, style: Style) -> &FontId {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
            Style::Italic => &self.italic,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_width_and_keeps_every_word() {
        let s = "Жұмысқа орналастыру, жұмыспен қамту, әлеуметтік қамсыздандыру";
        let lines = wrap(s, Style::Regular, 8.0, 80.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(width(l, Style::Regular, 8.0) <= 80.0, "{l}");
        }
        assert_eq!(lines.join(" "), s);
        assert!(wrap("", Style::Regular, 8.0, 60.0).is_empty());
        let long = wrap("Жилищно-коммунальное", Style::Bold, 10.0, 30.0);
        assert!(long.len() > 1);
        assert_eq!(long.concat(), "Жилищно-коммунальное");
        let slash = wrap("(встреча/сход/приём, дата)", Style::Regular, 8.0, 50.0);
        assert!(slash.len() > 1 && slash[0].ends_with('/'), "{slash:?}");
        let (size, lines) = fit("рассмотрено", Style::Bold, 8.5, 40.0);
        assert!(size < 8.5 && lines.len() == 1, "{size} {lines:?}");
        for max in [62.0, 66.0, 70.0, 75.9, 80.0] {
            let (_, lines) = fit("қанағаттандырылды", Style::Bold, 8.5, max);
            assert_eq!(lines.len(), 1, "{max}: {lines:?}");
        }
    }

    #[test]
    fn kazakh_letters_have_glyphs() {
        let m = metrics(Style::Regular);
        for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ«»–№".chars() {
            assert!(m.face.glyph_index(c).is_some(), "{c}");
        }
    }
}
