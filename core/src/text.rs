//! Text helpers shared by search, matching and the layout of forms.

/// The pieces a line of a form may break between: words, and the parts of a word after a `/`
/// («встреча/сход/приём»). `true` marks a piece preceded by a space.
pub fn pieces(para: &str) -> impl Iterator<Item = (bool, &str)> {
    para.split_whitespace().flat_map(|word| {
        word.split_inclusive('/')
            .enumerate()
            .map(|(i, part)| (i == 0, part))
    })
}

/// Breaks `s` into lines no wider than `max` as `width` measures text (explicit `\n` kept):
/// between `pieces`, and only a piece longer than a line is cut between characters. The one
/// wrapping rule of forms: the PDF measures with its font, the preview with the screen's.
pub fn wrap(s: &str, max: f32, width: impl FnMut(&str) -> f32) -> Vec<String> {
    let mut lines = Collect::default();
    breaks(s, max, width, &mut lines);
    // An empty text is zero lines, not one empty line.
    if lines.out.iter().all(|l| l.is_empty()) {
        return Vec::new();
    }
    lines.out
}

/// How many lines `wrap` breaks `s` into, without building them: the preview measures every
/// row of a long plan by it, and a string per line of a hundred thousand cells is most of the cost.
pub fn line_count(s: &str, max: f32, width: impl FnMut(&str) -> f32) -> usize {
    let mut lines = Count::default();
    breaks(s, max, width, &mut lines);
    if lines.text { lines.lines } else { 0 }
}

/// Where `breaks` sends the text it places: the lines built (`wrap`) or only counted.
trait Lines {
    /// `piece` goes on the current line, after a space if `gap`.
    fn push(&mut self, gap: bool, piece: &str);
    /// The current line ends (it may be empty: an empty paragraph).
    fn end(&mut self);
}

#[derive(Default)]
struct Collect {
    out: Vec<String>,
    line: String,
}

impl Lines for Collect {
    fn push(&mut self, gap: bool, piece: &str) {
        if gap {
            self.line.push(' ');
        }
        self.line.push_str(piece);
    }

    fn end(&mut self) {
        self.out.push(std::mem::take(&mut self.line));
    }
}

#[derive(Default)]
struct Count {
    lines: usize,
    /// Whether any line has text (an empty text is zero lines).
    text: bool,
}

impl Lines for Count {
    fn push(&mut self, _gap: bool, piece: &str) {
        self.text |= !piece.is_empty();
    }

    fn end(&mut self) {
        self.lines += 1;
    }
}

/// The breaking rule itself, shared by `wrap` and `line_count`.
fn breaks(s: &str, max: f32, mut width: impl FnMut(&str) -> f32, out: &mut impl Lines) {
    let space = width(" ");
    for para in s.split('\n') {
        // The current line's width, grown word by word (each word measured once), and
        // whether it holds anything yet.
        let mut line_w = 0.0;
        let mut empty = true;
        for (spaced, word) in pieces(para) {
            let word_w = width(word);
            let gap = if empty || !spaced { 0.0 } else { space };
            if line_w + gap + word_w <= max {
                out.push(gap > 0.0, word);
                line_w += gap + word_w;
                empty = false;
                continue;
            }
            if !empty {
                out.end();
                line_w = 0.0;
            }
            if word_w <= max {
                out.push(false, word);
                line_w = word_w;
            } else {
                // Cut an over-long word between characters (the line is empty here).
                let mut first = true;
                for (at, c) in word.char_indices() {
                    let piece = &word[at..at + c.len_utf8()];
                    let cw = width(piece);
                    if line_w + cw > max && !first {
                        out.end();
                        line_w = 0.0;
                    }
                    out.push(false, piece);
                    line_w += cw;
                    first = false;
                }
            }
            empty = false;
        }
        out.end();
    }
}

/// Folds a name for comparison: Unicode lower case, ё → е, runs of spaces to one.
pub fn fold(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn wraps_between_words_and_cuts_only_a_word_longer_than_a_line() {
        // One unit a character: «исполнения» (10) fits a line of 12, so it is never cut.
        let w = |s: &str| s.chars().count() as f32;
        assert_eq!(
            super::wrap("срок исполнения мероприятия", 12.0, w),
            ["срок", "исполнения", "мероприятия"]
        );
        assert_eq!(super::wrap("встреча/сход", 8.0, w), ["встреча/", "сход"]);
        assert_eq!(
            super::wrap("водоснабжение", 5.0, w),
            ["водос", "набже", "ние"]
        );
        assert!(super::wrap(" ", 5.0, w).is_empty());
    }

    #[test]
    fn counts_the_lines_it_would_wrap() {
        let w = |s: &str| s.chars().count() as f32;
        let texts = [
            "",
            " ",
            "\n",
            "срок исполнения мероприятия",
            "встреча/сход/приём граждан",
            "водоснабжение",
            "а водоснабжение б\n\nв",
        ];
        for t in texts {
            for max in [1.0, 3.0, 5.0, 8.0, 12.0, 40.0] {
                let lines = super::wrap(t, max, w).len();
                assert_eq!(super::line_count(t, max, w), lines, "{t:?} in {max}");
            }
        }
    }

    #[test]
    fn folds_cyrillic_and_kazakh() {
        assert_eq!(super::fold("  ИВАНОВА  Алёна "), "иванова алена");
        assert_eq!(super::fold("ӘЛИЕВ Ұлан"), "әлиев ұлан");
    }
}
