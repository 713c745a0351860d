//! An organisation's name as people write it. The register says "THE CHESHIRE WILDLIFE TRUST
//! LIMITED"; the group's reply says "Cheshire Wildlife Trust". Case, accents, punctuation, "&"
//! for "and", a leading "The" and the legal endings (Limited, Ltd, CIO, CIC, Incorporated, …)
//! say nothing about which group it is, so [`name_key`] drops them; [`core_key`] also drops a
//! last "Trust" or "Charity", which people leave off as often as they write it.

use super::search::fold;

/// Legal forms at the end of a name, longest first, as words of a folded name.
const LEGAL_ENDINGS: [&[&str]; 14] = [
    &["charitable", "incorporated", "organisation"],
    &["charitable", "incorporated", "organization"],
    &["community", "interest", "company"],
    &["company", "limited", "by", "guarantee"],
    &["limited", "by", "guarantee"],
    &["limited"],
    &["ltd"],
    &["cio"],
    &["cic"],
    &["incorporated"],
    &["inc"],
    &["plc"],
    &["llp"],
    &["uk", "ltd"],
];

/// Words at the end of a name that people write or leave off: "Cheshire Wildlife Trust Ltd"
/// and "Cheshire Wildlife" name the same group as often as not.
const LOOSE_ENDINGS: [&[&str]; 3] = [&["charitable", "trust"], &["trust"], &["charity"]];

/// The name's words, folded (lower case, no accents), "&" and "+" read as "and", everything
/// that is not a letter or a digit a break between words; "St." and "St" alike.
fn words(name: &str) -> Vec<String> {
    let folded = fold(name).replace(['&', '+'], " and ");
    // "Women's" and "Womens" alike: an apostrophe joins, it does not break.
    let joined: String = folded.chars().filter(|c| !matches!(c, '\'' | '’' | '‘')).collect();
    joined.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

fn strip_endings(words: &mut Vec<String>, endings: &[&[&str]]) {
    loop {
        let found = endings.iter().find(|ending| {
            ending.len() < words.len()
                && words[words.len() - ending.len()..].iter().zip(ending.iter()).all(|(w, e)| w == e)
        });
        match found {
            Some(ending) => words.truncate(words.len() - ending.len()),
            None => return,
        }
    }
}

fn key_words(name: &str) -> Vec<String> {
    let mut words = words(name);
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    strip_endings(&mut words, &LEGAL_ENDINGS);
    words
}

/// The name as matching compares it: "THE CHESHIRE WILDLIFE TRUST LIMITED" and "Cheshire
/// Wildlife Trust" both give "cheshire wildlife trust".
pub fn name_key(name: &str) -> String {
    key_words(name).join(" ")
}

/// [`name_key`] without a last "Trust" or "Charity" either: "cheshire wildlife".
pub fn core_key(name: &str) -> String {
    let mut words = key_words(name);
    strip_endings(&mut words, &LOOSE_ENDINGS);
    words.join(" ")
}

/// How alike two names' keys are, from 0 to 1, spaces aside: the pairs of letters they share,
/// over all their pairs (Dice's coefficient). "stretford foodbank" and "stretford food bank" are
/// 1; "stretford foodbank project" and "stretford food bank" about 0.8; names with a word or two
/// in common and nothing else far less.
pub fn likeness(a: &str, b: &str) -> f32 {
    fn pairs(key: &str) -> Vec<(char, char)> {
        let letters: Vec<char> = key.chars().filter(|c| !c.is_whitespace()).collect();
        let mut pairs: Vec<(char, char)> = letters.windows(2).map(|w| (w[0], w[1])).collect();
        pairs.sort_unstable();
        pairs
    }
    let (a, b) = (pairs(a), pairs(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * shared) as f32 / (a.len() + b.len()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_as_people_write_them() {
        // (as the register has it, as a group's reply has it)
        let same = [
            ("THE CHESHIRE WILDLIFE TRUST LIMITED", "Cheshire Wildlife Trust"),
            ("STRETFORD FOOD BANK LTD", "Stretford Food Bank"),
            ("Age UK Trafford", "AGE UK TRAFFORD LIMITED"),
            ("FRIENDS OF LONGFORD PARK CIO", "Friends of Longford Park"),
            ("SALE COMMUNITY GARDEN CIC", "The Sale Community Garden"),
            ("PARTINGTON ARTS & CRAFTS INCORPORATED", "Partington Arts and Crafts"),
            ("ST. JOHN'S CENTRE", "St Johns Centre"),
            ("Café Néro Club", "CAFE NERO CLUB"),
            ("URMSTON WOMEN'S INSTITUTE", "Urmston Womens Institute"),
            ("TRAFFORD HOMELESS CHARITY COMMUNITY INTEREST COMPANY", "Trafford Homeless Charity"),
            ("BOOTH HALL TRUST LIMITED BY GUARANTEE", "Booth Hall Trust"),
        ];
        for (register, reply) in same {
            assert_eq!(name_key(register), name_key(reply), "{register} / {reply}");
        }
        assert_eq!(name_key("THE CHESHIRE WILDLIFE TRUST LIMITED"), "cheshire wildlife trust");
        // "Trust Ltd" and "Trust" go, for the looser match.
        let loosely = [
            ("THE CHESHIRE WILDLIFE TRUST LTD", "Cheshire Wildlife"),
            ("ALTRINCHAM CHARITY", "Altrincham"),
            ("SALE CHARITABLE TRUST", "Sale"),
        ];
        for (register, reply) in loosely {
            assert_ne!(name_key(register), name_key(reply), "{register} / {reply}");
            assert_eq!(core_key(register), core_key(reply), "{register} / {reply}");
        }
        // What is left is never empty: "The Trust" and "Limited" are names too.
        assert_eq!(name_key("The Trust"), "trust");
        assert_eq!(core_key("The Trust"), "trust");
        assert_eq!(name_key("Limited"), "limited");
        assert_eq!(name_key("The"), "the");
        // Different groups stay different.
        for (a, b) in [("Sale Food Bank", "Stretford Food Bank"), ("The Friends of Longford Park", "Longford Park")] {
            assert_ne!(core_key(a), core_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn likeness_counts_the_pairs_of_letters_in_common() {
        assert_eq!(likeness("stretford foodbank", "stretford food bank"), 1.0);
        let project = likeness("stretford foodbank project", "stretford food bank");
        assert!((0.8..0.9).contains(&project), "{project}");
        let other_club = likeness("nobodys club", "harbour lights club");
        assert!(other_club < 0.4, "{other_club}");
        assert_eq!(likeness("", "anything"), 0.0);
        assert_eq!(likeness("a", "a"), 0.0, "one letter has no pair");
    }
}
