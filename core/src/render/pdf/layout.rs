//! A page writer: pages of drawing operations, a cursor moving down the page, page breaks, and
//! the primitives the form renderer needs (text, rotated text, rules, filled boxes).

use super::fonts::{Fonts, Style, wrap};
use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, PdfPage, Point, Pt, Rect,
    TextItem, TextMatrix,
};

pub const MM: f32 = 72.0 / 25.4;
/// Line height as a multiple of the font size.
pub const LEADING: f32 = 1.22;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HAlign {
    Left,
    Center,
    Right,
}

pub struct Writer {
    pub fonts: Fonts,
    pub page_w: f32,
    pub page_h: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    /// The cursor: the top of the next thing drawn, in points from the page's bottom.
    pub y: f32,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Within a text object (BT … ET): consecutive lines share one.
    in_text: bool,
    /// The font and size last set on this page, the line width last set: set again only when
    /// they change (a long plan prints hundreds of thousands of lines).
    font: Option<(Style, f32)>,
    stroke: Option<f32>,
}

/// A coordinate rounded to 1/100 pt: finer than any printer, and shorter in the file.
fn pt(v: f32) -> Pt {
    Pt((v * 100.0).round() / 100.0)
}

fn grey(percent: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent,
        icc_profile: None,
    })
}

impl Writer {
    /// A writer on pages of `w`×`h` millimetres with the given margins (mm).
    pub fn new(fonts: Fonts, w: f32, h: f32, margins: [f32; 4]) -> Writer {
        let [top, right, bottom, left] = margins.map(|m| m * MM);
        Writer {
            fonts,
            page_w: w * MM,
            page_h: h * MM,
            left,
            right,
            top,
            bottom,
            y: h * MM - top,
            pages: Vec::new(),
            ops: Vec::new(),
            in_text: false,
            font: None,
            stroke: None,
        }
    }

    pub fn content_width(&self) -> f32 {
        self.page_w - self.left - self.right
    }

    pub fn new_page(&mut self) {
        self.end_text();
        self.pages.push(std::mem::take(&mut self.ops));
        self.font = None;
        self.stroke = None;
        self.y = self.page_h - self.top;
    }

    /// Opens a text object (unless one is open) in `style` at `size`.
    fn begin_text(&mut self, style: Style, size: f32) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        if self.font != Some((style, size)) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(self.fonts.id(style).clone()),
                size: Pt(size),
            });
            self.font = Some((style, size));
        }
    }

    /// Closes the open text object: drawing is not allowed inside one.
    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn line_width(&mut self, w: f32) {
        if self.stroke != Some(w) {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            self.stroke = Some(w);
        }
    }

    /// Room on an empty page.
    pub fn page_room(&self) -> f32 {
        self.page_h - self.top - self.bottom
    }

    /// Room left on this page below the cursor.
    pub fn room(&self) -> f32 {
        self.y - self.bottom
    }

    /// Starts a new page unless `h` points fit below the cursor (and the page is not empty).
    pub fn ensure(&mut self, h: f32) -> bool {
        if h > self.room() && !self.ops.is_empty() {
            self.new_page();
            true
        } else {
            false
        }
    }

    /// One line of text with its baseline at (`x`, `baseline`).
    pub fn text(&mut self, x: f32, baseline: f32, style: Style, size: f32, s: &str) {
        self.show(TextMatrix::Translate(pt(x), pt(baseline)), style, size, s);
    }

    /// One line of text running bottom to top, its baseline the vertical line through `x`.
    pub fn text_up(&mut self, x: f32, y: f32, style: Style, size: f32, s: &str) {
        self.show(
            TextMatrix::TranslateRotate(pt(x), pt(y), 90.0),
            style,
            size,
            s,
        );
    }

    fn show(&mut self, matrix: TextMatrix, style: Style, size: f32, s: &str) {
        if s.is_empty() {
            return;
        }
        self.begin_text(style, size);
        self.ops.extend([
            Op::SetTextMatrix { matrix },
            Op::ShowText {
                items: vec![TextItem::Text(s.to_string())],
            },
        ]);
    }

    /// Lines of text in a box whose top is `top`, aligned horizontally in [x, x + w].
    pub fn lines(
        &mut self,
        lines: &[String],
        x: f32,
        w: f32,
        top: f32,
        font: (Style, f32),
        align: HAlign,
    ) {
        let (style, size) = font;
        for (i, l) in lines.iter().enumerate() {
            let baseline = top - i as f32 * size * LEADING - size * 0.93;
            let lw = super::fonts::width(l, style, size);
            let lx = match align {
                HAlign::Left => x,
                HAlign::Center => x + (w - lw) / 2.0,
                HAlign::Right => x + w - lw,
            };
            self.text(lx, baseline, style, size, l);
        }
    }

    /// A paragraph across the content width at the cursor, breaking pages between lines.
    pub fn paragraph(&mut self, s: &str, style: Style, size: f32, align: HAlign, gap_after: f32) {
        let lines = wrap(s, style, size, self.content_width());
        let lh = size * LEADING;
        for l in lines {
            self.ensure(lh);
            let (x, w) = (self.left, self.content_width());
            let top = self.y;
            self.lines(&[l], x, w, top, (style, size), align);
            self.y -= lh;
        }
        self.y -= gap_after;
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32) {
        let p = |x: f32, y: f32| LinePoint {
            p: Point { x: pt(x), y: pt(y) },
            bezier: false,
        };
        self.end_text();
        self.line_width(thickness);
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![p(x1, y1), p(x2, y2)],
                is_closed: false,
            },
        });
    }

    /// The outline of a box whose top-left corner is (`x`, `top`).
    pub fn frame(&mut self, x: f32, top: f32, w: f32, h: f32) {
        self.end_text();
        self.line_width(0.5);
        self.rect(x, top, w, h, PaintMode::Stroke);
    }

    /// A filled box (grey level 0 = black … 1 = white) whose top-left corner is (`x`, `top`).
    pub fn fill(&mut self, x: f32, top: f32, w: f32, h: f32, level: f32) {
        self.end_text();
        self.ops.push(Op::SetFillColor { col: grey(level) });
        self.rect(x, top, w, h, PaintMode::Fill);
        self.ops.push(Op::SetFillColor { col: grey(0.0) });
    }

    fn rect(&mut self, x: f32, top: f32, w: f32, h: f32, mode: PaintMode) {
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: pt(x),
                y: pt(top - h),
                width: pt(w),
                height: pt(h),
                mode: Some(mode),
                winding_order: None,
            },
        });
    }

    /// Closes the last page and returns every page, each with `label(n, total)` centred at its
    /// foot (empty: no label).
    pub fn finish(mut self, label: impl Fn(usize, usize) -> String) -> Vec<PdfPage> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let total = self.pages.len();
        let (w, h) = (self.page_w, self.page_h);
        let pages = std::mem::take(&mut self.pages);
        pages
            .into_iter()
            .enumerate()
            .map(|(i, ops)| {
                self.ops = ops;
                self.font = None;
                let s = label(i + 1, total);
                let size = 8.0;
                let lw = super::fonts::width(&s, Style::Regular, size);
                let y = self.bottom * 0.45;
                self.text((w - lw) / 2.0, y, Style::Regular, size, &s);
                self.end_text();
                PdfPage::new(Mm(w / MM), Mm(h / MM), std::mem::take(&mut self.ops))
            })
            .collect()
    }
}
