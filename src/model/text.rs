//! Numbers as people read them.

/// `1,512` from 1512.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size on disk in words: "840 KB", "12.5 MB", "2.0 GB".
pub fn size_words(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes < 1024 * 1024 {
        format!("{} KB", thousands(bytes.div_ceil(1024)))
    } else if bytes < 1024 * 1024 * 1024 {
        format!("{:.1} MB", b / (1024.0 * 1024.0))
    } else {
        format!("{:.1} GB", b / (1024.0 * 1024.0 * 1024.0))
    }
}

/// `1 group`, `2 groups`, `1,512 groups`: every counted noun in the program is said this way.
pub fn count_of(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// A number to `places` decimal places, never "-0.0": what rounds to zero is zero, whatever
/// its sign (a sum of no numbers, or -0.04 hours, is not "-0.0").
pub fn decimal(v: f64, places: usize) -> String {
    let text = format!("{v:.places$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
        _ => text,
    }
}

/// A share as a whole percentage: "75%" from 0.75.
pub fn percent(share: f64) -> String {
    format!("{}%", decimal(share * 100.0, 0))
}

/// Writes a number into JSON with no negative zero (serde's `serialize_with`).
pub fn serialize_number<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(if *v == 0.0 { 0.0 } else { *v })
}

/// As [`serialize_number`], for a number that may be missing.
pub fn serialize_maybe_number<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize_number(v, s),
        None => s.serialize_none(),
    }
}

/// The words with their first letter in capitals: "Line" from "line".
pub fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Each word with a capital and the rest in small letters: "Stretford Food Bank" from
/// "STRETFORD FOOD BANK".
pub fn title_case(words: &str) -> String {
    words
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The parts that are not empty, joined: `join_present(&["4 Hall Rd", "", "Lytham"], ", ")`
/// is `4 Hall Rd, Lytham`.
pub fn join_present(parts: &[&str], separator: &str) -> String {
    parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(separator)
}

/// Text as the file keeps it: trimmed, and composed (Unicode NFC), so that a name typed or
/// imported with an accent as a separate mark (as a Mac may save it) is the same name as one
/// typed with the accented letter.
/// `s` trimmed and composed, when that differs from `s` trimmed.
pub fn composed(s: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization as _;
    let s = s.trim();
    // Plain ASCII, and most text, is composed already: only the rest is rebuilt.
    if s.is_ascii() || unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return None;
    }
    Some(s.nfc().collect())
}

/// Makes `s` trimmed and composed (see [`composed`]) in place.
pub fn compose_in_place(s: &mut String) {
    match composed(s) {
        Some(c) => *s = c,
        None if s.trim().len() != s.len() => *s = s.trim().to_owned(),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_said_in_kb_mb_and_gb() {
        assert_eq!(size_words(0), "0 KB");
        assert_eq!(size_words(1), "1 KB");
        assert_eq!(size_words(1_896_448), "1.8 MB");
        assert_eq!(size_words(104_726_528), "99.9 MB");
        assert_eq!(size_words(2 * 1024 * 1024 * 1024), "2.0 GB");
    }

    #[test]
    fn numbers_that_round_to_zero_have_no_minus() {
        assert_eq!(decimal(-0.0, 1), "0.0");
        assert_eq!(decimal(-0.04, 1), "0.0");
        assert_eq!(decimal(-0.4, 0), "0");
        assert_eq!(decimal(-0.06, 1), "-0.1");
        assert_eq!(decimal(12.25, 1), "12.2");
        assert_eq!(decimal(3.0, 1), "3.0");
        assert_eq!(percent(0.75), "75%");
        assert_eq!(percent(-0.0), "0%");
        assert_eq!(serde_json::to_string(&Zero(-0.0)).unwrap(), "0.0");
    }

    #[derive(serde::Serialize)]
    struct Zero(#[serde(serialize_with = "serialize_number")] f64);

    #[test]
    fn thousands_are_separated_with_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_512), "1,512");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(count_of(1, "group", "groups"), "1 group");
        assert_eq!(count_of(1_500, "group", "groups"), "1,500 groups");
        assert_eq!(join_present(&["4 Hall Rd", "", "Lytham"], ", "), "4 Hall Rd, Lytham");
    }
}
