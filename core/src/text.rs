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
pub fn wrap(s: &str, max: f32, mut width: impl FnMut(&str) -> f32) -> Vec<String> {
    let space = width(" ");
    let mut out = Vec::new();
    for para in s.split('\n') {
        // The line so far and its width, grown word by word (each word measured once).
        let mut line = String::new();
        let mut line_w = 0.0;
        for (spaced, word) in pieces(para) {
            let word_w = width(word);
            let gap = if line.is_empty() || !spaced {
                0.0
            } else {
                space
            };
            if line_w + gap + word_w <= max {
                if gap > 0.0 {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += gap + word_w;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if word_w <= max {
                line = word.to_string();
                line_w = word_w;
            } else {
                // Cut an over-long word between characters.
                for c in word.chars() {
                    let cw = width(c.encode_utf8(&mut [0; 4]));
                    if line_w + cw > max && !line.is_empty() {
                        out.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
        }
        out.push(line);
    }
    // An empty text is zero lines, not one empty line.
    if out.iter().all(|l| l.is_empty()) {
        return Vec::new();
    }
    out
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
    fn folds_cyrillic_and_kazakh() {
        assert_eq!(super::fold("  ИВАНОВА  Алёна "), "иванова алена");
        assert_eq!(super::fold("ӘЛИЕВ Ұлан"), "әлиев ұлан");
    }
}
