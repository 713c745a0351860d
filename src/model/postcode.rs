//! UK postcodes: the one place that knows their shape. A postcode is an outward code (the
//! district, `FY1`) and an inward code (`4AB`). Everything here works on characters, never on
//! byte positions, so any text a user or a file gives is safe.

/// The shapes of an outward code (a postcode district): `A` a letter, `9` a digit.
const DISTRICT_SHAPES: [&str; 6] = ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"];

/// Upper case, with every space taken out.
fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect()
}

/// Whether `text` (already compact) has the shape of a postcode district: `FY1`, `M33`, `SW1A`.
fn has_district_shape(text: &str) -> bool {
    let shape: String = text
        .chars()
        .map(|c| match c {
            '0'..='9' => '9',
            'A'..='Z' => 'A',
            _ => '?',
        })
        .collect();
    DISTRICT_SHAPES.contains(&shape.as_str())
}

/// Splits compact text into (outward, inward) when it has a postcode's shape.
fn split_postcode(compact: &str) -> Option<(String, String)> {
    let chars: Vec<char> = compact.chars().collect();
    if !(5..=7).contains(&chars.len()) {
        return None;
    }
    let (outward, inward) = chars.split_at(chars.len() - 3);
    let inward_ok =
        matches!(inward, [d, a, b] if d.is_ascii_digit() && a.is_ascii_uppercase() && b.is_ascii_uppercase());
    let outward: String = outward.iter().collect();
    (inward_ok && has_district_shape(&outward)).then(|| (outward, inward.iter().collect()))
}

/// An address with its postcode after it, unless the address already holds it ("240 Newton
/// Drive, Blackpool FY4 8HU" and "FY4 8HU" stay as they are).
pub fn with_postcode(address: &str, postcode: &str) -> String {
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let (address, postcode) = (address.trim(), postcode.trim());
    if postcode.is_empty() || squeeze(address).contains(&squeeze(postcode)) {
        address.to_owned()
    } else if address.is_empty() {
        postcode.to_owned()
    } else {
        format!("{address}, {postcode}")
    }
}

/// A UK postcode in its usual form (`FY1 4AB`), or `None` if the text is not one.
pub fn normalise_postcode(text: &str) -> Option<String> {
    split_postcode(&compact(text)).map(|(outward, inward)| format!("{outward} {inward}"))
}

/// The first postcode written anywhere in `text` ("Longford Park, Edge Lane, Stretford M32 8PX"
/// holds `M32 8PX`), in its usual form: one word (`M328PX`) or two (`M32 8PX`).
pub fn find_postcode(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().find_map(|(i, word)| {
        normalise_postcode(word)
            .or_else(|| words.get(i + 1).and_then(|next| normalise_postcode(&format!("{word}{next}"))))
    })
}

/// The sector of a postcode (its district and the inward code's digit): `FY1 4` from `FY1 4AB`.
pub fn postcode_sector(postcode: &str) -> Option<String> {
    split_postcode(&compact(postcode))
        .and_then(|(outward, inward)| inward.chars().next().map(|d| format!("{outward} {d}")))
}

/// A postcode district (`fy1`) or sector (`FY1 4`, `fy14`) as typed, in its usual form, or
/// `None` when it is neither.
pub fn normalise_area(text: &str) -> Option<String> {
    // "FY1 4" is a sector, but without its space it is the district FY14: the space decides.
    let words: Vec<&str> = text.split_whitespace().collect();
    if let [outward, digit] = words.as_slice() {
        let outward = compact(outward);
        let is_digit = digit.len() == 1 && digit.chars().all(|c| c.is_ascii_digit());
        if is_digit && has_district_shape(&outward) {
            return Some(format!("{outward} {digit}"));
        }
    }
    normalise_district(text)
}

/// Rules that give each postcode district ("FY1") or sector ("FY1 4") something (a
/// neighbourhood): a sector's rule beats its district's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaRules<T> {
    rules: std::collections::HashMap<String, T>,
}

impl<T> Default for AreaRules<T> {
    fn default() -> Self {
        Self { rules: std::collections::HashMap::new() }
    }
}

impl<T> FromIterator<(String, T)> for AreaRules<T> {
    /// Rules as the file keeps them, each area as typed ("fy1", "FY1 4"); one that is neither a
    /// district nor a sector is left out.
    fn from_iter<I: IntoIterator<Item = (String, T)>>(rules: I) -> Self {
        Self {
            rules: rules.into_iter().filter_map(|(area, value)| normalise_area(&area).map(|a| (a, value))).collect(),
        }
    }
}

impl<T> AreaRules<T> {
    /// What the rule for `postcode`'s sector says, else its district's.
    pub fn find(&self, postcode: &str) -> Option<&T> {
        let sector = postcode_sector(postcode)?;
        self.rules.get(&sector).or_else(|| postcode_district(postcode).and_then(|d| self.rules.get(&d)))
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// The district (outward code) of a postcode: `FY1` from `FY1 4AB`; `None` when the text is not
/// a postcode.
pub fn postcode_district(postcode: &str) -> Option<String> {
    split_postcode(&compact(postcode)).map(|(outward, _)| outward)
}

/// A postcode district as typed (`fy1`, `M 33`) in its usual form, or `None` if it is not one.
pub fn normalise_district(text: &str) -> Option<String> {
    let district = compact(text);
    has_district_shape(&district).then_some(district)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_normalised_or_refused() {
        assert_eq!(normalise_postcode("fy1 4ab").as_deref(), Some("FY1 4AB"));
        assert_eq!(normalise_postcode("FY84PQ").as_deref(), Some("FY8 4PQ"));
        assert_eq!(normalise_postcode(" sw1a 1aa ").as_deref(), Some("SW1A 1AA"));
        assert_eq!(normalise_postcode("M1 1AE").as_deref(), Some("M1 1AE"));
        assert_eq!(normalise_postcode("Blackpool"), None);
        assert_eq!(normalise_postcode("FY1"), None);
        assert_eq!(normalise_postcode("12345"), None);
    }

    #[test]
    fn districts_come_from_postcodes() {
        assert_eq!(postcode_district("FY1 4AB").as_deref(), Some("FY1"));
        assert_eq!(postcode_district("m334rz").as_deref(), Some("M33"));
        assert_eq!(postcode_district("SW1A 1AA").as_deref(), Some("SW1A"));
        assert_eq!(postcode_district("FY1"), None);
        assert_eq!(normalise_district(" fy 1").as_deref(), Some("FY1"));
        assert_eq!(normalise_district("FY1 4AB"), None);
    }

    #[test]
    fn a_postcode_is_found_inside_an_address() {
        assert_eq!(find_postcode("Longford Park, Edge Lane, Stretford M32 8PX").as_deref(), Some("M32 8PX"));
        assert_eq!(find_postcode("Unit 4, FY84PQ").as_deref(), Some("FY8 4PQ"));
        assert_eq!(find_postcode("The Hall, 12 Church St, Lytham").as_deref(), None);
        assert_eq!(find_postcode("Room 101, M1 (ask at desk)").as_deref(), None);
        assert_eq!(find_postcode("").as_deref(), None);
    }

    #[test]
    fn sectors_and_districts_are_read_as_typed() {
        assert_eq!(postcode_sector("FY1 4AB").as_deref(), Some("FY1 4"));
        assert_eq!(postcode_sector("m328px").as_deref(), Some("M32 8"));
        assert_eq!(postcode_sector("FY1"), None);
        assert_eq!(normalise_area("fy1").as_deref(), Some("FY1"));
        assert_eq!(normalise_area("FY1 4").as_deref(), Some("FY1 4"));
        assert_eq!(normalise_area("fy14").as_deref(), Some("FY14"), "without its space, a district");
        assert_eq!(normalise_area("FY1 4 A"), None);
        assert_eq!(normalise_area(" fy 1").as_deref(), Some("FY1"), "a district typed with a space");
        assert_eq!(normalise_area("SW1A 1").as_deref(), Some("SW1A 1"));
        assert_eq!(normalise_area("FY1 4AB"), None);
        assert_eq!(normalise_area("Blackpool"), None);
        assert_eq!(normalise_area("é"), None);
    }

    #[test]
    fn a_sectors_rule_beats_its_districts() {
        let rules: AreaRules<&str> =
            [("fy1".to_owned(), "Central"), ("FY1 6".to_owned(), "North Shore"), ("nonsense".to_owned(), "x")]
                .into_iter()
                .collect();
        assert_eq!(rules.find("FY1 4AB"), Some(&"Central"));
        assert_eq!(rules.find("fy16ab"), Some(&"North Shore"));
        assert_eq!(rules.find("FY2 9AB"), None);
        assert_eq!(rules.find("TBC"), None);
    }

    #[test]
    fn text_with_characters_of_several_bytes_is_never_cut_inside_one() {
        // A dash from Word or Excel is three bytes; these used to be sliced by byte.
        for text in ["TBC – ?", "–––––", "FY1–4AB", "ＦＹ１ ４ＡＢ", "ß1 4AB", "é", "FY1 4ÅB", "İ1 4AB"]
        {
            assert_eq!(postcode_district(text), None, "{text}");
            assert_eq!(normalise_postcode(text), None, "{text}");
            let _ = normalise_district(text);
        }
    }
}
