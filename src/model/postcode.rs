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

/// A UK postcode in its usual form (`FY1 4AB`), or `None` if the text is not one.
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

pub fn normalise_postcode(text: &str) -> Option<String> {
    split_postcode(&compact(text)).map(|(outward, inward)| format!("{outward} {inward}"))
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
