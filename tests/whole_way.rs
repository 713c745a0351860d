//! Property tests through the whole way: bytes read as a spreadsheet, planned, imported into a
//! real file, exported and imported again into another, with no panic anywhere and every value
//! the importer accepted kept. Every field is fed text with characters of several bytes
//! (accents, Word's dashes, full-width digits, emoji) where a byte-indexed slice would break.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::{Path, PathBuf};

use placements::exchange::group_export::{groups_csv, groups_xlsx};
use placements::exchange::import_kind::{Groups, ImportKind, Offers, Participants, run_import};
use placements::exchange::mapping::{Mapping, Plan};
use placements::exchange::table::{Table, is_missing, read_csv};
use placements::exchange::xlsx::read_xlsx;
use placements::model::OnDuplicate;
use placements::model::{CohortId, CommunityGroup, GroupRecord};
use placements::store::{OpenMode, Store};
use proptest::prelude::*;

/// A file with a few groups (named as the offers below name them) and a cohort, made once and
/// copied for each case.
fn template() -> &'static Path {
    static TEMPLATE: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    &TEMPLATE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = common::demo_file(dir.path(), "template.placements", 30);
            (dir, path)
        })
        .1
}

/// A fresh copy of the template, or a new empty file, in `dir`.
fn fresh_file(dir: &Path, name: &str, empty: bool) -> Store {
    let path = dir.join(name);
    if empty {
        Store::create(&path).unwrap()
    } else {
        std::fs::copy(template(), &path).unwrap();
        Store::open(&path, OpenMode::Edit).unwrap()
    }
}

/// Plans `table` as records of `K` and imports every planned row; returns the plan.
fn import_all<K: ImportKind>(kind: &K, store: &mut Store, table: &Table) -> Plan<K::Row> {
    let lookup = kind.lookup(store).unwrap();
    let plan = kind.plan(table, &Mapping::guess(&table.headers), &lookup);
    let rows: Vec<K::Row> = plan.rows.iter().map(|r| r.row.clone()).collect();
    let (counts, _) = run_import(kind, store, "Import", &rows, OnDuplicate::New, &mut |_| true).unwrap();
    assert_eq!(counts.imported + counts.updated + counts.skipped, rows.len());
    plan
}

/// The groups of a file, without ids, as a sorted list: what an export and import must keep.
fn groups_of(store: &Store) -> Vec<(CommunityGroup, String, Vec<String>)> {
    let mut groups: Vec<_> = store
        .group_records()
        .unwrap()
        .into_iter()
        .map(|GroupRecord { group, neighbourhood, categories, .. }| {
            (CommunityGroup { neighbourhood: None, categories: Vec::new(), ..group }, neighbourhood, categories)
        })
        .collect();
    groups.sort_by(|a, b| format!("{:?}", a).cmp(&format!("{:?}", b)));
    groups
}

/// Exports the file's groups as CSV and as XLSX, imports each into a new empty file, and checks
/// that both hold exactly the groups the first file held.
fn export_and_import_again(store: &Store, dir: &Path) -> Result<(), TestCaseError> {
    let before = groups_of(store);
    let records = store.group_records().unwrap();
    let csv = read_csv(&groups_csv(&records).unwrap());
    let xlsx = read_xlsx(&groups_xlsx(&records).unwrap(), None);
    for (name, table) in [("from-csv.placements", csv), ("from-xlsx.placements", xlsx)] {
        let mut again = fresh_file(dir, name, true);
        match table {
            Ok(table) => {
                let plan = import_all(&Groups, &mut again, &table);
                prop_assert!(plan.errors.is_empty(), "{name}: {:?}", plan.errors);
            }
            Err(e) => prop_assert!(before.is_empty(), "{name}: the export could not be read back: {e}"),
        }
        prop_assert_eq!(groups_of(&again), before.clone(), "{}", name);
    }
    Ok(())
}

/// Text for one cell: anything printable, with the characters that byte-sliced code trips on.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\\PC]{0,24}",
        "[A-Za-z0-9 ,.'–—’é½ßＦＹ１😀]{0,24}",
        Just("TBC – ?".to_owned()),
        Just("FY1 4AB".to_owned()),
        Just("０７７００ ９００１２３".to_owned()),
        Just("'=SUM(A1:A9)".to_owned()),
        Just("=1+1".to_owned()),
        Just("-".to_owned()),
        Just("  N/A ".to_owned()),
        Just("+44 7700 900123".to_owned()),
    ]
}

fn csv_cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn csv(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut text = headers.join(",");
    text.push('\n');
    for row in rows {
        text.push_str(&row.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        text.push('\n');
    }
    text.into_bytes()
}

/// Text as the file keeps it: composed (Unicode NFC), so that the same letters typed two ways
/// are one name.
fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    text.trim().nfc().collect()
}

/// What the importer keeps of a text cell: trimmed, missing ones blank, without the apostrophe
/// that stops a spreadsheet running a formula, and composed.
fn kept(cell: &str) -> String {
    if is_missing(cell) {
        return String::new();
    }
    let cell = cell.trim();
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => nfc(rest),
        _ => nfc(cell),
    }
}

const GROUP_TEXT_HEADERS: [&str; 14] = [
    "name",
    "other_names",
    "description",
    "address_line1",
    "address_line2",
    "town",
    "phone",
    "email",
    "website",
    "contact_name",
    "contact_role",
    "contact_email",
    "accessibility",
    "notes",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any bytes at all, as each kind of record: read or refused, planned, imported into a real
    /// file, and the directory exported and imported again, with nothing lost and no panic.
    #[test]
    fn any_bytes_go_the_whole_way(bytes in proptest::collection::vec(any::<u8>(), 0..1500)) {
        let dir = tempfile::tempdir().unwrap();
        let Ok(table) = read_csv(&bytes) else { return Ok(()) };
        let mut groups = fresh_file(dir.path(), "groups.placements", true);
        import_all(&Groups, &mut groups, &table);
        export_and_import_again(&groups, dir.path())?;
        let mut offers = fresh_file(dir.path(), "offers.placements", false);
        import_all(&Offers, &mut offers, &table);
        let mut people = fresh_file(dir.path(), "people.placements", false);
        import_all(&Participants::Into(CohortId(1)), &mut people, &table);
    }

    /// Groups whose every text field, postcode and phone number holds characters of several
    /// bytes: each value is kept as given (postcodes put in their usual form when they are
    /// postcodes), and survives an export to CSV and XLSX and an import again.
    #[test]
    fn every_group_field_is_kept_through_the_whole_way(
        rows in proptest::collection::vec((proptest::collection::vec(cell(), 14), cell(), cell(), cell()), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut headers = GROUP_TEXT_HEADERS.to_vec();
        headers.extend(["postcode", "contact_phone", "charity_number"]);
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|(texts, postcode, phone, charity)| {
                let mut row = texts.clone();
                row.extend([postcode.clone(), phone.clone(), charity.clone()]);
                row
            })
            .collect();
        let table = read_csv(&csv(&headers, &cells)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut store = fresh_file(dir.path(), "groups.placements", true);
        let plan = import_all(&Groups, &mut store, &table);
        // A row is refused only for a missing name; every other value is kept. A row that is a
        // group an earlier row already gave (the same charity number, or name and postcode) is
        // that group, not a second one.
        let named: Vec<&Vec<String>> = cells.iter().filter(|r| !kept(&r[0]).is_empty()).collect();
        prop_assert_eq!(plan.rows.len(), named.len());
        let in_file = groups_of(&store);
        let repeats = plan.rows.iter().filter(|r| r.row.earlier_line.is_some()).count();
        prop_assert_eq!(in_file.len(), named.len() - repeats);
        for (row, planned) in named.into_iter().zip(&plan.rows) {
            if planned.row.earlier_line.is_some() {
                continue;
            }
            let expected_postcode = placements::model::checks::normalise_postcode(&kept(&row[14]))
                .unwrap_or_else(|| kept(&row[14]));
            let found = in_file.iter().any(|(g, _, _)| {
                let texts = [
                    &g.name, &g.other_names, &g.description, &g.address_line1, &g.address_line2, &g.town,
                    &g.phone, &g.email, &g.website, &g.contact_name, &g.contact_role, &g.contact_email,
                    &g.accessibility, &g.notes,
                ];
                texts.iter().zip(&row[..14]).all(|(value, cell)| **value == kept(cell))
                    && g.postcode == expected_postcode
                    && g.contact_phone == kept(&row[15])
                    && g.charity_number == kept(&row[16])
            });
            prop_assert!(found, "the row {:?} is not in the file whole: {:?}", row, in_file);
        }
        export_and_import_again(&store, dir.path())?;
    }

    /// Offers whose times, dates, sizes and text hold characters of several bytes: each row is
    /// imported whole or refused with a reason, and an imported offer holds the row's text.
    #[test]
    fn offers_with_any_text_import_whole_or_not_at_all(
        texts in proptest::collection::vec((cell(), cell(), cell(), cell(), cell(), cell()), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = fresh_file(dir.path(), "offers.placements", false);
        let group = store.group_summaries().unwrap()[0].name().to_owned();
        let headers = ["group", "title", "what the team will do", "first day", "last day", "start time", "team size"];
        let cells: Vec<Vec<String>> = texts
            .iter()
            .map(|(title, activity, first, start, size, _)| {
                vec![group.clone(), title.clone(), activity.clone(), format!("05/04/2027{first}"), "28/05/2027".into(), start.clone(), size.clone()]
            })
            .collect();
        let table = read_csv(&csv(&headers, &cells)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let before = store.counts().unwrap().offers;
        let plan = import_all(&Offers, &mut store, &table);
        prop_assert_eq!(plan.rows.len() + plan.errors.len(), cells.len());
        prop_assert!(plan.errors.iter().all(|e| !e.reason.is_empty()));
        prop_assert_eq!(store.counts().unwrap().offers, before + plan.rows.len() as u64);
        let titles: Vec<String> = store.offer_summaries().unwrap().into_iter().map(|o| o.title).collect();
        for row in &plan.rows {
            let title = nfc(&row.row.edit.offer().title);
            prop_assert!(titles.contains(&title), "{:?} missing", title);
        }
    }

    /// Rosters whose names, emails, mobiles and days away hold characters of several bytes.
    #[test]
    fn rosters_with_any_text_import_whole_or_not_at_all(
        texts in proptest::collection::vec((cell(), cell(), cell(), cell()), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = fresh_file(dir.path(), "people.placements", false);
        let headers = ["name", "email", "mobile", "unavailable"];
        let cells: Vec<Vec<String>> =
            texts.iter().map(|(a, b, c, d)| vec![a.clone(), b.clone(), c.clone(), d.clone()]).collect();
        let table = read_csv(&csv(&headers, &cells)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let cohort = CohortId(1);
        let before = store.participants(cohort).unwrap().len();
        let plan = import_all(&Participants::Into(cohort), &mut store, &table);
        prop_assert_eq!(plan.rows.len() + plan.errors.len(), cells.len());
        let people = store.participants(cohort).unwrap();
        prop_assert_eq!(people.len(), before + plan.rows.len());
        for row in &plan.rows {
            let p = row.row.edit.participant();
            prop_assert!(people.iter().any(|q| q.name == nfc(&p.name)), "{:?} missing", p.name);
        }
    }
}
