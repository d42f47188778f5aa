//! Small text helpers the engine's sentences share.

/// `text` with its first letter upper-case: an error's detail that starts a sentence.
pub(crate) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_first_letter_changes() {
        assert_eq!(super::capitalized("the role is gone"), "The role is gone");
        assert_eq!(super::capitalized("éclair"), "Éclair");
        assert_eq!(super::capitalized(""), "");
    }
}
