//! Text helpers shared by search and matching.

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
