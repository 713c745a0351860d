//! Forgiving search: folding text (case and accents) and finding near spellings, so that
//! "siobhan" finds "Siobhán" and "walkng" finds "walking group".

/// The plain letter of each of Unicode's Latin Extended-A letters (U+0100 to U+017F: Polish,
/// Czech, Romanian, Turkish, Hungarian, Baltic…), in order; `-` where there is none to give (the
/// ligatures Ĳ and Œ).
const LATIN_EXTENDED_A: &[u8] = concat!(
    "aaaaaa",       // Ā ā Ă ă Ą ą
    "cccccccc",     // Ć ć Ĉ ĉ Ċ ċ Č č
    "dddd",         // Ď ď Đ đ
    "eeeeeeeeee",   // Ē ē Ĕ ĕ Ė ė Ę ę Ě ě
    "gggggggg",     // Ĝ ĝ Ğ ğ Ġ ġ Ģ ģ
    "hhhh",         // Ĥ ĥ Ħ ħ
    "iiiiiiiiii",   // Ĩ ĩ Ī ī Ĭ ĭ Į į İ ı
    "--",           // Ĳ ĳ
    "jjkkk",        // Ĵ ĵ Ķ ķ ĸ
    "llllllllll",   // Ĺ ĺ Ļ ļ Ľ ľ Ŀ ŀ Ł ł
    "nnnnnnnnn",    // Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ
    "oooooo",       // Ō ō Ŏ ŏ Ő ő
    "--",           // Œ œ
    "rrrrrr",       // Ŕ ŕ Ŗ ŗ Ř ř
    "ssssssss",     // Ś ś Ŝ ŝ Ş ş Š š
    "tttttt",       // Ţ ţ Ť ť Ŧ ŧ
    "uuuuuuuuuuuu", // Ũ ũ Ū ū Ŭ ŭ Ů ů Ű ű Ų ų
    "wwyyy",        // Ŵ ŵ Ŷ ŷ Ÿ
    "zzzzzzs",      // Ź ź Ż ż Ž ž ſ
)
.as_bytes();
const _: () = assert!(LATIN_EXTENDED_A.len() == 0x180 - 0x100);

/// Lower case without accents: `Siobhán's Café` → `siobhan's cafe`, `Dvořák` → `dvorak`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], written at the end of `out`. Plain ASCII (most of a register) is only lowered.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in text.chars() {
        let plain = match c {
            '\u{100}'..='\u{17f}' if LATIN_EXTENDED_A[c as usize - 0x100] != b'-' => {
                char::from(LATIN_EXTENDED_A[c as usize - 0x100])
            }
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            '’' | '‘' => '\'',
            other => {
                out.extend(other.to_lowercase());
                continue;
            }
        };
        out.push(plain);
    }
}

/// Ends each field in a group's folded short fields ([`crate::model::GroupSummary::other_keys`]):
/// no search word holds it, so none is found across two fields.
pub const FIELD_END: char = '\u{1f}';

/// Fields folded and joined, each ended by [`FIELD_END`].
pub fn fold_fields<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for field in fields {
        fold_into(field, &mut out);
        out.push(FIELD_END);
    }
    out
}

/// The words of a folded text, where they lie: punctuation splits words, except an apostrophe
/// inside one.
fn folded_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '@' || c == '.'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '.'))
        .filter(|w| !w.is_empty())
}

/// The words of a search, folded. Punctuation splits words, except an apostrophe inside one.
pub fn search_words(query: &str) -> Vec<String> {
    folded_words(&fold(query)).map(str::to_owned).collect()
}

/// Whether `a` and `b` are at most `max` edits apart (insert, delete, change, or swap two
/// neighbouring letters), stopping early once they cannot be.
pub fn within_edits(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let width = b.len() + 1;
    let mut previous2 = vec![0usize; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current = vec![0usize; width];
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(previous2[j - 2] + 1);
            }
            current[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut previous2, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()] <= max
}

/// How many slips a word of this length may have: none for short words, one up to six
/// letters, two beyond.
pub fn slips_allowed(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

/// The distinct words of the directory's names, for finding what a misspelt word meant.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    words: Vec<String>,
}

impl Vocabulary {
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words: Vec<String> =
            texts.into_iter().flat_map(search_words).filter(|w| w.chars().count() >= 3).collect();
        words.sort_unstable();
        words.dedup();
        Self { words }
    }

    /// The same from texts folded already (the directory's `name_key`s): each word is looked at
    /// where it lies, and only the different ones are copied (400,000 names: a fifth of the
    /// time).
    pub fn from_folded<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for text in texts {
            seen.extend(folded_words(text).filter(|w| w.chars().count() >= 3));
        }
        let mut words: Vec<String> = seen.into_iter().map(str::to_owned).collect();
        words.sort_unstable();
        Self { words }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Known words within the slips allowed for `word`, `word` itself excluded.
    pub fn near(&self, word: &str) -> Vec<&str> {
        let max = slips_allowed(word);
        if max == 0 {
            return Vec::new();
        }
        self.words.iter().filter(|w| w.as_str() != word && within_edits(word, w, max)).map(String::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vocabulary_from_folded_names_is_the_one_from_the_names() {
        let names = ["Ély Walkers' Club", "St. Anne's Café", "BISPHAM food-bank", "a1 Ümit & Co", "Zoë’s tea"];
        let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
        assert_eq!(
            Vocabulary::from_folded(folded.iter().map(String::as_str)).words,
            Vocabulary::from_texts(names).words
        );
        assert_eq!(fold("Bispham FOOD Bank"), "bispham food bank");
    }

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Siobhán's Sewing Circle"), "siobhan's sewing circle");
        assert_eq!(fold("ZOË CAFÉ"), "zoe cafe");
        assert_eq!(
            fold("Dvořák Şahin Łukasz Ćosić Őry İlkay Żaneta ſ"),
            "dvorak sahin lukasz cosic ory ilkay zaneta s"
        );
        assert_eq!(fold("Œuvre Ĳssel"), "œuvre ĳssel", "ligatures have no one plain letter");
        assert_eq!(
            search_words("  Siobhán, walking-group FY1 4AB "),
            vec!["siobhan", "walking", "group", "fy1", "4ab"]
        );
    }

    #[test]
    fn small_slips_are_forgiven_and_large_ones_are_not() {
        assert!(within_edits("walkng", "walking", 1));
        assert!(within_edits("wlaking", "walking", 1), "two letters swapped");
        assert!(within_edits("pantyr", "pantry", 1));
        assert!(!within_edits("walk", "talking", 2));
        assert!(!within_edits("choir", "chair", 0));
        assert!(within_edits("", "", 0));
    }

    #[test]
    fn the_vocabulary_finds_what_a_misspelt_word_meant() {
        let vocabulary = Vocabulary::from_texts(["Bispham Walking Group", "Layton Walkers", "Talking Newspapers"]);
        assert_eq!(vocabulary.near("walkng"), vec!["walking"]);
        assert!(vocabulary.near("grp").is_empty(), "three-letter words are taken as typed");
    }
}
