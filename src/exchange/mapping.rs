//! What every spreadsheet import shares: which column fills which field, reading a row's
//! mapped cells, and the plan (rows to import, rows that cannot be) shown before importing.

use super::table::{MAX_CELL_CHARS, is_missing};
use crate::model::search::fold;

/// The fields of one kind of record that a column can fill.
pub trait FieldKind: Copy + Eq + std::fmt::Debug + Send + Sync + 'static {
    /// Every field, in the order the mapping list offers them.
    fn all() -> &'static [Self];
    /// The words shown in the mapping list.
    fn label(self) -> &'static str;
    /// The field a header names, given as [`header_key`] makes it.
    fn from_header(key: &str) -> Option<Self>;
}

/// Headers as they are compared: lower case, letters and digits only.
pub fn header_key(header: &str) -> String {
    fold(header).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// Which field each column fills (`None`: the column is not imported).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping<F> {
    pub fields: Vec<Option<F>>,
}

impl<F: FieldKind> Mapping<F> {
    /// Guesses from the headers; each field is given to the first column that claims it.
    pub fn guess(headers: &[String]) -> Self {
        let mut taken = Vec::new();
        let fields = headers
            .iter()
            .map(|h| {
                let field = F::from_header(&header_key(h)).filter(|f| !taken.contains(f));
                if let Some(f) = field {
                    taken.push(f);
                }
                field
            })
            .collect();
        Self { fields }
    }

    pub fn column_of(&self, field: F) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }

    /// The headers of the columns no field is read from ("Opening times", "Referral method"),
    /// for the import's summary.
    pub fn unmapped_headers(&self, headers: &[String]) -> Vec<String> {
        headers
            .iter()
            .zip(&self.fields)
            .filter(|(h, f)| f.is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.trim().to_owned())
            .collect()
    }
}

/// `f` of every item, in order, on the computer's cores: checking 100,000 rows of a register
/// takes half the time on two. Few items are done on the calling thread.
pub fn map_in_parallel<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    map_on_threads(cores(), items, f)
}

/// How many cores the computer has.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` of every item, in order, on at most `threads` threads (counting the calling one).
pub fn map_on_threads<T: Sync, U: Send>(threads: usize, items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    const AT_LEAST_PER_THREAD: usize = 2_000;
    let threads = threads.min(items.len() / AT_LEAST_PER_THREAD);
    if threads < 2 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<U>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for part in parts {
            match part.join() {
                Ok(done) => out.extend(done),
                // A fault on a helper thread is a fault here, as if it had been done here.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// What an import that planned and wrote in one go did: what it has to say of its rows, its
/// counts, its undo step, and how many rows it read. It keeps no row itself: a whole register
/// (400,000 groups) held as records would take most of a laptop's memory.
#[derive(Debug)]
pub struct Imported {
    pub notes: RowNotes,
    pub counts: crate::model::ImportCounts,
    pub change: crate::store::ChangeSet,
    pub rows_read: usize,
}

/// What an import nobody watched has to say of its rows, in file order: each that asks a
/// question, keeps a doubtful value or matched a record, and each refused; and how many rows
/// were planned and how many of those repeat an earlier row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowNotes {
    pub notes: Vec<RowNote>,
    pub errors: Vec<RowError>,
    /// Rows planned (imported, matched or repeating an earlier row), and of those the repeats.
    pub planned: usize,
    pub repeats: usize,
}

/// One thing an import says of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowNote {
    /// Nobody was there to choose: the row was not imported. What it asks, and the options.
    Question { line: u64, asked: String, options: Vec<String> },
    /// A doubtful value kept as given.
    Kept { line: u64, warning: String },
    /// The row matched a record, in words with what was done with it.
    Matched { line: u64, words: String },
}

/// A row that could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub reason: String,
}

/// A row read into a record, ready for the store.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared<R> {
    pub line: u64,
    pub row: R,
    /// Doubtful values kept as given, for the import report.
    pub warnings: Vec<String>,
}

/// What an import will do, before it is done: the rows to import and the rows that cannot be.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan<R> {
    pub rows: Vec<Prepared<R>>,
    pub errors: Vec<RowError>,
}

impl<R> Default for Plan<R> {
    fn default() -> Self {
        Self { rows: Vec::new(), errors: Vec::new() }
    }
}

/// The row's non-missing cells with the field each fills, trimmed, with the apostrophe this
/// program's export puts before would-be formulas taken off. A row with more cells than the
/// header, or a cell over [`MAX_CELL_CHARS`], is refused with the reason.
pub fn mapped_values<F: FieldKind>(
    cells: &[String],
    mapping: &Mapping<F>,
    headers: &[String],
) -> Result<Vec<(F, String)>, String> {
    if cells.len() > headers.len() && cells[headers.len()..].iter().any(|c| !is_missing(c)) {
        return Err(format!("it has {} cells but the header has {} columns", cells.len(), headers.len()));
    }
    // Room for every mapped field at once: growing a row's list by doubling cost a tenth of
    // the checking time in the allocator.
    let mut values = Vec::with_capacity(mapping.fields.iter().flatten().count());
    for (i, field) in mapping.fields.iter().enumerate() {
        let Some(field) = field else { continue };
        let Some(cell) = cells.get(i) else { continue };
        // A cell has at least as many bytes as characters: most need no counting.
        if cell.len() > MAX_CELL_CHARS && cell.chars().count() > MAX_CELL_CHARS {
            let header = headers.get(i).map_or("?", String::as_str);
            return Err(format!("the cell in column “{header}” is longer than {MAX_CELL_CHARS} characters"));
        }
        if is_missing(cell) {
            continue;
        }
        let value = cell.trim();
        let value = match value.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
            _ => value.to_owned(),
        };
        values.push((*field, value));
    }
    Ok(values)
}

/// "yes"/"no" and their spreadsheet spellings.
pub fn yes_or_no(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// A list in one cell, split at semicolons, commas or bars.
pub fn split_list(value: &str) -> Vec<String> {
    value.split([';', ',', '|']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()
}

/// What a "contact" cell holds, taken apart: a name, a phone number, an email address, or some
/// of each ("Jo Bloggs 07700 900123", "jo@example.org", "Tel: 0161 980 6090"). A second number
/// or address stays with the name, so nothing in the cell is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactCell {
    pub name: String,
    pub phone: String,
    pub email: String,
}

/// Takes a contact cell apart (see [`ContactCell`]).
pub fn split_contact(cell: &str) -> ContactCell {
    use crate::model::checks::{is_plausible_email, is_plausible_uk_phone};
    let words: Vec<&str> = cell.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '/')).collect();
    let words: Vec<&str> = words.into_iter().filter(|w| !w.is_empty()).collect();
    let is_phone_part = |w: &str| w.chars().all(|c| c.is_ascii_digit() || "+()-".contains(c));
    let (mut contact, mut name) = (ContactCell::default(), Vec::new());
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let bare = word.trim_matches(|c| matches!(c, '<' | '>' | '(' | ')' | '[' | ']'));
        if contact.email.is_empty() && is_plausible_email(bare.trim_end_matches('.')) {
            contact.email = bare.trim_end_matches('.').to_owned();
            i += 1;
            continue;
        }
        if contact.phone.is_empty() && is_phone_part(word) && word.chars().any(|c| c.is_ascii_digit()) {
            let end = (i..words.len()).find(|j| !is_phone_part(words[*j])).unwrap_or(words.len());
            // The longest run of number-like words from here that is a phone number.
            if let Some(last) = (i + 1..=end).rev().find(|j| is_plausible_uk_phone(&words[i..*j].join(" "))) {
                contact.phone = words[i..last].join(" ");
                i = last;
                continue;
            }
        }
        let label = word.trim_end_matches(':').to_lowercase();
        let is_label = word.ends_with(':')
            && matches!(
                label.as_str(),
                "tel" | "phone" | "telephone" | "mobile" | "mob" | "email" | "e-mail" | "t" | "m" | "e"
            );
        if !is_label {
            name.push(word);
        }
        i += 1;
    }
    contact.name = name.join(" ").trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace()).to_owned();
    contact
}

#[cfg(test)]
mod contact_tests {
    use super::*;

    #[test]
    fn a_contact_cell_is_taken_apart_into_name_phone_and_email() {
        let cell = |name: &str, phone: &str, email: &str| ContactCell {
            name: name.into(),
            phone: phone.into(),
            email: email.into(),
        };
        assert_eq!(split_contact("Jo Bloggs"), cell("Jo Bloggs", "", ""));
        assert_eq!(split_contact("info@stretfordfoodbank.org.uk"), cell("", "", "info@stretfordfoodbank.org.uk"));
        assert_eq!(split_contact("0161 980 6090"), cell("", "0161 980 6090", ""));
        assert_eq!(split_contact("07700900123"), cell("", "07700900123", ""));
        assert_eq!(split_contact("Jo Bloggs 07700 900123"), cell("Jo Bloggs", "07700 900123", ""));
        assert_eq!(
            split_contact("Jo Bloggs - Tel: 0161 980 6090, jo@example.org"),
            cell("Jo Bloggs", "0161 980 6090", "jo@example.org")
        );
        assert_eq!(split_contact("Jo (jo@example.org)"), cell("Jo", "", "jo@example.org"));
        // A second number stays with the name: nothing is lost.
        assert_eq!(split_contact("0161 980 6090 / 07700 900123"), cell("07700 900123", "0161 980 6090", ""));
        // A number that is not a phone number is part of the name.
        assert_eq!(split_contact("Room 101"), cell("Room 101", "", ""));
    }
}
