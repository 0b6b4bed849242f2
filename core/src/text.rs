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
    fn folds_cyrillic_and_kazakh() {
        assert_eq!(super::fold("  ИВАНОВА  Алёна "), "иванова алена");
        assert_eq!(super::fold("ӘЛИЕВ Ұлан"), "әлиев ұлан");
    }
}
