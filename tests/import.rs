//! Importing community groups from real spreadsheets.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use common::placements;

use std::path::{Path, PathBuf};

use common::{bytes, demo_file, dump, scalar};
use placements::exchange::group_import::{ColumnMapping, plan_group_import};
use placements::exchange::table::{is_missing, read_csv};
use placements::model::{ImportGroup, OnDuplicate};
use placements::store::{OpenMode, Store, StoreError};

/// The ids of the groups the directory shows for `search`, over the file's list as it is now.
fn ids_found(store: &Store, search: &str) -> Vec<i64> {
    use placements::model::directory::{DirectoryFilter, SortOrder};
    use placements::model::search::Vocabulary;
    let groups = store.group_summaries().unwrap();
    let vocabulary = Vocabulary::from_texts(groups.iter().map(|g| g.name()));
    let filter = DirectoryFilter { include_archived: true, ..Default::default() };
    let mut cache = placements::store::SearchCache::default();
    let shown = placements::store::find_groups(
        store,
        0,
        &mut cache,
        &groups,
        &vocabulary,
        search,
        &filter,
        SortOrder::default(),
    )
    .unwrap();
    shown.into_iter().map(|i| groups[i].id.0).collect()
}

fn trafford() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/registers/trafford-charities.csv")
}

fn plan_rows(store: &Store, source: &[u8]) -> (Vec<ImportGroup>, usize) {
    let table = read_csv(source).unwrap();
    let existing = store.group_keys().unwrap();
    let plan = plan_group_import(&table, &ColumnMapping::guess(&table.headers), &existing);
    (plan.rows.into_iter().map(|r| r.row).collect(), plan.errors.len())
}

/// The register extract read independently of the importer: what each group must hold.
fn expected_trafford() -> Vec<[String; 6]> {
    let mut reader = csv::Reader::from_path(trafford()).unwrap();
    let value = |s: &str| if is_missing(s) { String::new() } else { s.trim().to_owned() };
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let postcode = value(&r[7]);
            let postcode = placements::model::checks::normalise_postcode(&postcode).unwrap_or(postcode);
            [value(&r[0]), value(&r[2]), postcode, value(&r[8]), value(&r[9]), value(&r[10])]
        })
        .collect()
}

#[test]
fn the_trafford_register_imports_every_row_intact() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("trafford.placements");
    Store::create(&file).unwrap();
    let out = placements(&["import", "groups", file.to_str().unwrap(), trafford().to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().last(), Some("imported 736, updated 0, skipped 0, errors 0"), "{stdout}");

    let expected = expected_trafford();
    assert_eq!(expected.len(), 736);
    let conn = rusqlite::Connection::open(&file).unwrap();
    for [charity, name, postcode, phone, email, web] in &expected {
        let found: (String, String, String, String, String) = conn
            .query_row(
                "SELECT name, postcode, phone, email, website FROM community_group WHERE charity_number = ?1",
                [charity],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap_or_else(|e| panic!("charity {charity} missing: {e}"));
        assert_eq!(
            &found,
            &(name.clone(), postcode.clone(), phone.clone(), email.clone(), web.clone()),
            "charity {charity}"
        );
    }
    // "NA" never becomes a value.
    let na: i64 = scalar(
        &file,
        "SELECT count(*) FROM community_group WHERE email = 'NA' OR website = 'NA' OR company_number = 'NA' OR description = 'NA'",
    );
    assert_eq!(na, 0);
    // The one malformed postcode is kept as given and reported.
    assert!(stdout.contains("“WA15 OHF”"), "{stdout}");
}

#[test]
fn a_second_import_finds_the_duplicates_and_does_as_asked() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "duplicates.placements", 20);
    let source = bytes(&trafford());
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let (rows, errors) = plan_rows(&store, &source);
    assert_eq!((rows.len(), errors), (736, 0));
    let (counts, _) = store.import_groups("Import", &rows, OnDuplicate::Skip, &mut |_| true).unwrap();
    assert_eq!(counts.imported, 736);
    assert_eq!(store.counts().unwrap().groups, 756);

    let (again, _) = plan_rows(&store, &source);
    assert!(again.iter().all(|r| r.duplicate_of.is_some()));
    let (counts, _) = store.import_groups("Skip", &again, OnDuplicate::Skip, &mut |_| true).unwrap();
    assert_eq!((counts.imported, counts.updated, counts.skipped), (0, 0, 736));
    let (counts, _) = store.import_groups("Update", &again[..5], OnDuplicate::Update, &mut |_| true).unwrap();
    assert_eq!((counts.imported, counts.updated, counts.skipped), (0, 5, 0));
    let (counts, _) = store.import_groups("New", &again[..5], OnDuplicate::New, &mut |_| true).unwrap();
    assert_eq!(counts.imported, 5);
    assert_eq!(store.counts().unwrap().groups, 761);
}

#[test]
fn undoing_an_import_restores_the_file_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "exact.placements", 20);
    let before = dump(&file);
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let (rows, _) = plan_rows(&store, &bytes(&trafford()));
    let (_, change) = store.import_groups("Import", &rows, OnDuplicate::Skip, &mut |_| true).unwrap();
    let imported = dump(&file);
    store.undo(&change).unwrap();
    assert_eq!(dump(&file), before);
    store.redo(&change).unwrap();
    assert_eq!(store.counts().unwrap().groups, 756);
    assert_eq!(dump(&file), imported);
    // And again: the second undo checks the rows against those the first one read.
    store.undo(&change).unwrap();
    assert_eq!(dump(&file), before);
    store.redo(&change).unwrap();
    assert_eq!(dump(&file), imported);
}

/// An import's new rows are recorded by id; if one has gone since (changed outside the
/// program's history), its undo is refused whole and nothing changes. Likewise a redo whose
/// rows are back already.
#[test]
fn an_import_whose_groups_changed_since_is_not_undone_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "import-conflict.placements", 20);
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let (rows, _) = plan_rows(&store, &bytes(&trafford()));
    let (_, change) = store.import_groups("Import", &rows, OnDuplicate::Skip, &mut |_| true).unwrap();
    let last: i64 = scalar(&file, "SELECT max(id) FROM community_group");
    {
        let outside = rusqlite::Connection::open(&file).unwrap();
        outside.execute("DELETE FROM group_category WHERE group_id = ?1", [last]).unwrap();
        outside.execute("DELETE FROM community_group WHERE id = ?1", [last]).unwrap();
    }
    let before = dump(&file);
    assert!(matches!(store.undo(&change), Err(StoreError::UndoConflict { .. })));
    assert_eq!(dump(&file), before);

    // Undone cleanly, then a row comes back from outside: redo is refused.
    let (_, change) = store.import_groups("Import", &rows[..300], OnDuplicate::New, &mut |_| true).unwrap();
    store.undo(&change).unwrap();
    let first_new = last + 1;
    {
        let outside = rusqlite::Connection::open(&file).unwrap();
        outside
            .execute(
                "INSERT INTO community_group (id, name, created_at, updated_at) VALUES (?1, 'Outsider', '', '')",
                [first_new + 5],
            )
            .unwrap();
    }
    let before = dump(&file);
    assert!(matches!(store.redo(&change), Err(StoreError::UndoConflict { .. })));
    assert_eq!(dump(&file), before);
}

#[test]
fn a_cancelled_import_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "cancel.placements", 20);
    let before = dump(&file);
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let (rows, _) = plan_rows(&store, &bytes(&trafford()));
    let result = store.import_groups("Import", &rows, OnDuplicate::Skip, &mut |done| done < 300);
    assert!(matches!(result, Err(StoreError::Cancelled)));
    drop(store);
    assert_eq!(dump(&file), before);
}

#[test]
fn a_windows_1252_spreadsheet_with_bad_rows_imports_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w1252.placements");
    Store::create(&file).unwrap();
    let source = dir.path().join("groups.csv");
    let mut csv = b"Group Name,Post Code,Telephone,E-mail,Categories\r\n".to_vec();
    csv.extend_from_slice(b"Caf\xE9 Cr\xE8me Lunch Club,fy1 4ab,01632 960001,info@example.org,food; older people\r\n");
    csv.extend_from_slice(b",FY2 9AB,01632 960002,,\r\n");
    csv.extend_from_slice(b"\"Quoted \"\"Friends\"\" of\r\nthe Prom\",FY4 1AA,N/A,-,environment\r\n");
    let long = "x".repeat(200_000);
    csv.extend_from_slice(format!("Too Long Group,{long},,,\r\n").as_bytes());
    std::fs::write(&source, &csv).unwrap();

    let out = placements(&["import", "groups", file.to_str().unwrap(), source.to_str().unwrap()], dir.path());
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.last(), Some(&"imported 2, updated 0, skipped 0, errors 2"), "{stdout}");
    assert!(lines.iter().any(|l| l.starts_with("line 3: not imported: A group needs a name.")), "{stdout}");
    assert!(lines.iter().any(|l| l.starts_with("line 6: not imported:") && l.contains("longer than")), "{stdout}");
    assert_eq!(
        scalar::<String>(&file, "SELECT postcode FROM community_group WHERE name LIKE 'Café Crème%'"),
        "FY1 4AB"
    );
    assert_eq!(
        scalar::<String>(&file, "SELECT name FROM community_group WHERE postcode = 'FY4 1AA'"),
        "Quoted \"Friends\" of\r\nthe Prom"
    );
    assert_eq!(
        scalar::<String>(&file, "SELECT phone || '|' || email FROM community_group WHERE postcode = 'FY4 1AA'"),
        "|"
    );
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM group_category"), 3);
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "untouched.placements", 20);
    let before = bytes(&file);
    let junk = dir.path().join("photo.csv");
    std::fs::write(&junk, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let out = placements(&["import", "groups", file.to_str().unwrap(), junk.to_str().unwrap()], dir.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("does not look like a spreadsheet"), "{stderr}");
    assert_eq!(bytes(&file), before);
}

/// Imports `csv` into a fresh demo file and returns (exit ok, stdout, stderr, groups added).
fn import_bytes(csv: &[u8]) -> (bool, String, String, i64) {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "bad-input.placements", 10);
    let source = dir.path().join("source.csv");
    std::fs::write(&source, csv).unwrap();
    let out = placements(&["import", "groups", file.to_str().unwrap(), source.to_str().unwrap()], dir.path());
    let added = scalar::<i64>(&file, "SELECT count(*) FROM community_group") - 10;
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        added,
    )
}

#[test]
fn bad_spreadsheets_get_row_errors_or_a_clear_refusal() {
    // A quote never closed: an error with its line, never a group whose name swallows the rest
    // of the file; nothing is imported.
    let (ok, stdout, stderr, added) =
        import_bytes(b"name,postcode\r\nGood Group,FY1 1AA\r\n\"Open quote group,FY2 2BB\r\nAnother,FY3 3CC\r\n");
    assert!(!ok, "{stdout}");
    assert_eq!(added, 0, "{stdout}");
    assert!(stderr.contains("Line 3 opens a quoted cell (\") that is never closed"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");

    // Duplicate column names: the first one is used, nothing crashes.
    let (ok, stdout, _, added) = import_bytes(b"name,name,postcode\r\nFirst Name,Second Name,FY1 1AA\r\n");
    assert!(ok);
    assert_eq!(added, 1, "{stdout}");

    // Formula cells are kept as text, exactly as written.
    let (ok, stdout, _, added) =
        import_bytes(b"name,website\r\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",=1+1\r\n");
    assert!(ok, "{stdout}");
    assert_eq!(added, 1, "{stdout}");
    // Unquoted, the formula's comma splits the row: reported, not half imported.
    let (ok, stdout, _, added) = import_bytes(b"name,website\r\n=HYPERLINK(\"http://x\",\"Click\"),=1+1\r\n");
    assert!(ok);
    assert_eq!(added, 0);
    assert!(stdout.contains("line 2: not imported: it has 3 cells but the header has 2 columns"), "{stdout}");

    // A 10 MB cell makes its row an error; the other rows import.
    let mut big = b"name,notes\r\nSmall Group,fine\r\nHuge Group,".to_vec();
    big.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    big.extend_from_slice(b"\r\nAfter Group,fine\r\n");
    let (ok, stdout, _, added) = import_bytes(&big);
    assert!(ok);
    assert_eq!(added, 2, "{stdout}");
    assert!(
        stdout.contains("line 3: not imported: the cell in column “notes” is longer than 100000 characters"),
        "{stdout}"
    );

    // A header and nothing else: a clear refusal, nothing changes.
    let (ok, _, stderr, added) = import_bytes(b"name,postcode\r\n");
    assert!(!ok);
    assert!(stderr.contains("has a header row but no rows of data"), "{stderr}");
    assert_eq!(added, 0);
}

/// Runs `placements import groups FILE SOURCE [extra…]`: its lines.
fn import_groups(dir: &Path, file: &Path, source: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["import", "groups", file.to_str().unwrap(), source.to_str().unwrap()];
    args.extend(extra);
    let out = placements(&args, dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect()
}

#[test]
fn a_real_register_imported_into_the_demo_matches_none_of_its_made_up_groups() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "demo.placements", 1500);
    let made_up: i64 = scalar(&file, "SELECT count(*) FROM community_group WHERE charity_number <> ''");
    assert!(made_up > 500, "the demo's groups have charity numbers: {made_up}");
    let lines = import_groups(dir.path(), &file, &trafford(), &[]);
    assert_eq!(lines.last().map(String::as_str), Some("imported 736, updated 0, skipped 0, errors 0"), "{lines:?}");
}

#[test]
fn every_row_that_matched_is_listed_with_what_it_matched_and_a_group_listed_twice_is_one_group() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register.placements");
    let made = placements(&["new", file.to_str().unwrap()], dir.path());
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let first = dir.path().join("first.csv");
    std::fs::write(
        &first,
        "name,postcode,charity number\n\
         Fleetwood Hearing Voices Group,FY7 2BA,1026843\n\
         Bispham Walkers,FY2 9AB,\n",
    )
    .unwrap();
    import_groups(dir.path(), &file, &first, &[]);
    let second = dir.path().join("second.csv");
    std::fs::write(
        &second,
        "name,postcode,charity number\n\
         FLEETWOOD HEARING VOICES,FY7 2BA,1026843\n\
         Bispham Walkers,fy2 9ab,\n\
         Thornton Gardeners,FY5 4AA,1026843\n\
         Layton Choir,FY3 7XY,\n\
         Layton Choir,FY3 7XY,\n",
    )
    .unwrap();
    let lines = import_groups(dir.path(), &file, &second, &["--on-duplicate", "skip"]);
    let expected = [
        "line 2: same charity number 1026843 as ‘Fleetwood Hearing Voices Group’, FY7 2BA; skipped",
        "line 3: same name and postcode as ‘Bispham Walkers’, FY2 9AB; skipped",
        "line 4: kept as given: a doubtful match: same charity number 1026843 as ‘Fleetwood Hearing Voices Group’, FY7 2BA, but a different name and postcode; imported as new",
        "line 6: same name and postcode as line 5 (‘Layton Choir’, FY3 7XY); counted once",
        "read 5 lines naming 4 groups",
        "imported 2, updated 0, skipped 3, errors 0",
    ];
    assert_eq!(lines, expected);
    let names: Vec<String> = {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let mut stmt = conn.prepare("SELECT name FROM community_group ORDER BY id").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(names, ["Fleetwood Hearing Voices Group", "Bispham Walkers", "Thornton Gardeners", "Layton Choir"]);
}

#[test]
fn a_360giving_grants_file_makes_one_group_per_recipient() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("grants.placements");
    Store::create(&file).unwrap();
    // The 360Giving standard's column names: a row per grant, the recipient's in `Recipient Org:`.
    let mut csv = String::from(
        "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,\
         Recipient Org:Name,Recipient Org:Charity Number,Recipient Org:Company Number,\
         Recipient Org:Street Address,Recipient Org:City,Recipient Org:Postal Code,Funding Org:Identifier,Funding Org:Name\n",
    );
    let recipients = [
        ("GB-CHC-1026843", "Fleetwood Hearing Voices Group", "1026843", "", "12 Dock Street", "Fleetwood", "FY7 6AB"),
        (
            "GB-COH-04567890",
            "Blackpool Food Partnership CIC",
            "",
            "04567890",
            "3 Market Street",
            "Blackpool",
            "FY1 1AA",
        ),
        ("360G-blackpool-ORG-77", "Layton Allotment Friends", "", "", "", "", ""),
    ];
    let mut grant = 0;
    for round in 0..3 {
        for (r, (id, name, charity, company, street, city, postcode)) in recipients.iter().enumerate() {
            if round == 2 && r == 2 {
                continue;
            }
            grant += 1;
            csv.push_str(&format!(
                "360G-blackpool-VSG{grant},Voluntary sector grant {grant},Core costs for round {round},GBP,{},2026-0{}-01,\
                 {id},{name},{charity},{company},{street},{city},{postcode},GB-LAE-BPL,Blackpool Council\n",
                1000 + grant * 250,
                round + 4
            ));
        }
    }
    let source = dir.path().join("grants.csv");
    std::fs::write(&source, csv).unwrap();
    let lines = import_groups(dir.path(), &file, &source, &[]);
    assert!(lines.contains(&"read 8 lines naming 3 groups".to_owned()), "{lines:?}");
    assert_eq!(lines.last().map(String::as_str), Some("imported 3, updated 0, skipped 5, errors 0"), "{lines:?}");
    let conn = rusqlite::Connection::open(&file).unwrap();
    let mut stmt = conn
        .prepare("SELECT name, other_identifier, charity_number, company_number, postcode, description FROM community_group ORDER BY id")
        .unwrap();
    let groups: Vec<(String, String, String, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(groups.len(), 3);
    assert_eq!(
        groups[0],
        (
            "Fleetwood Hearing Voices Group".into(),
            "GB-CHC-1026843".into(),
            "1026843".into(),
            String::new(),
            "FY7 6AB".into(),
            String::new()
        ),
        "the recipient's identifier and numbers; nothing of the grant's"
    );
    assert_eq!(groups[1].1, "GB-COH-04567890");
    assert_eq!(groups[1].3, "04567890");
    assert_eq!(groups[2].1, "360G-blackpool-ORG-77");
}

/// A register of about 9,500 rows built from the Trafford extract: the extract, eleven copies
/// as other groups (another name, no numbers), then the extract again (each row a repeat of
/// one thousands of rows earlier), with a category column and some rows without a name.
fn large_register() -> placements::exchange::table::Table {
    let trafford = read_csv(&bytes(&trafford())).unwrap();
    let column = |name: &str| trafford.headers.iter().position(|h| h == name).unwrap();
    let (name, charity, company) =
        (column("charity_name"), column("registered_charity_number"), column("charity_company_registration_number"));
    let mut headers = trafford.headers.clone();
    headers.push("categories".to_owned());
    let mut rows = Vec::new();
    for copy in 0..13 {
        for row in &trafford.rows {
            let mut cells = row.cells.clone();
            if (1..12).contains(&copy) {
                cells[name] = format!("{} {copy}", cells[name]);
                cells[charity].clear();
                cells[company].clear();
            }
            if rows.len() % 97 == 50 {
                cells[name].clear();
            }
            cells.push(["Arts and culture", "Health; Older people", ""][rows.len() % 3].to_owned());
            rows.push(placements::exchange::table::TableRow { line: rows.len() as u64 + 2, cells });
        }
    }
    placements::exchange::table::Table { headers, rows, encoding: "UTF-8", unit: "line", lines_in_1252: Vec::new() }
}

/// The file without when each group was written (the two imports run seconds apart).
fn dump_without_times(file: &Path) -> std::collections::BTreeMap<String, Vec<Vec<rusqlite::types::Value>>> {
    let mut all = dump(file);
    let conn = rusqlite::Connection::open(file).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('community_group')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for row in all.get_mut("community_group").unwrap() {
        for (value, name) in row.iter_mut().zip(&names) {
            if name == "created_at" || name == "updated_at" {
                *value = rusqlite::types::Value::Null;
            }
        }
    }
    all
}

/// The large register as a CSV file's bytes.
fn large_register_csv() -> Vec<u8> {
    let table = large_register();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&table.headers).unwrap();
    for row in &table.rows {
        writer.write_record(&row.cells).unwrap();
    }
    writer.into_inner().unwrap()
}

/// The command line reads and checks a large file a piece at a time while it writes the
/// pieces before, keeping only what it says of each row: what it reports and the file it leaves
/// are exactly those of reading and checking every row first, across the pieces' edges (repeats thousands of rows apart, rows in
/// error, groups already in the file), whether the rows come from CSV text as it is reached or
/// from a table read whole (XLSX, Open Referral UK); and it is one undo step.
#[test]
fn checking_while_writing_gives_the_same_plan_and_file_as_checking_first() {
    use placements::exchange::group_import::plan_and_import_groups;
    use placements::exchange::import_kind::{Groups, notes_of_plan};
    use placements::exchange::mapping::Imported;
    use placements::exchange::table::{CsvText, RowSource};
    let dir = tempfile::tempdir().unwrap();
    let csv = large_register_csv();
    let table = read_csv(&csv).unwrap();
    assert!(table.rows.len() > 9_000);
    let mapping = ColumnMapping::guess(&table.headers);
    // Every file already holds the first 40 groups of the extract, to be matched and updated.
    let files: Vec<PathBuf> = ["first.placements", "csv.placements", "table.placements"]
        .iter()
        .map(|name| {
            let file = demo_file(dir.path(), name, 20);
            let mut store = Store::open(&file, OpenMode::Edit).unwrap();
            let (rows, _) = plan_rows(&store, &bytes(&trafford()));
            store.import_groups("Import", &rows[..40], OnDuplicate::Skip, &mut |_| true).unwrap();
            file
        })
        .collect();

    let mut first = Store::open(&files[0], OpenMode::Edit).unwrap();
    let plan = plan_group_import(&table, &mapping, &first.group_keys().unwrap());
    let rows: Vec<ImportGroup> = plan.rows.iter().map(|r| r.row.clone()).collect();
    let (counts, _) = first.import_groups("Import", &rows, OnDuplicate::Update, &mut |_| true).unwrap();
    // The 40 groups already in the file are updated by the extract's rows, and again by the
    // second copy's; the second copy's other rows are counted once; rows without a name are
    // listed.
    assert_eq!(counts.updated, 80);
    assert_eq!(plan.errors.len(), (0..table.rows.len()).filter(|i| i % 97 == 50).count());
    assert!(plan.rows.iter().filter(|r| r.row.earlier_line.is_some()).count() > 600);
    assert!(counts.imported > 8_000, "{counts:?}");

    let text = CsvText::decode(&csv).unwrap();
    let (headers, csv_rows) = text.rows().unwrap();
    assert_eq!(headers, table.headers);
    let sources = [(&files[1], RowSource::Csv(csv_rows)), (&files[2], RowSource::Table(&table.rows))];
    for (file, source) in sources {
        let before = dump(file);
        let mut store = Store::open(file, OpenMode::Edit).unwrap();
        let existing = store.group_keys().unwrap();
        let Imported { notes: streamed, counts: streamed_counts, change, rows_read } =
            plan_and_import_groups(&mut store, &headers, source, &mapping, &existing, "Import", OnDuplicate::Update)
                .unwrap();
        assert_eq!(streamed, notes_of_plan::<Groups>(&plan, OnDuplicate::Update), "{}", file.display());
        assert!(streamed.notes.len() > 600 && streamed.repeats > 600 && streamed.planned == plan.rows.len());
        assert_eq!(streamed_counts, counts);
        assert_eq!(rows_read, table.rows.len());
        assert_eq!(dump_without_times(file), dump_without_times(&files[0]));
        // The last piece's groups are found by the search as soon as the import returns: by
        // their name and by a word of what they do (the file's word index).
        let last = plan.rows.iter().rev().find(|r| r.row.earlier_line.is_none()).unwrap().row.edit.group();
        let id: i64 = scalar(
            file,
            &format!("SELECT max(id) FROM community_group WHERE name = '{}'", last.name.replace('\'', "''")),
        );
        let word = last.description.split_whitespace().find(|w| w.len() >= 5 && w.chars().all(char::is_alphabetic));
        for search in [Some(last.name.as_str()), word].into_iter().flatten() {
            assert!(ids_found(&store, search).contains(&id), "“{search}” does not find {}", last.name);
        }

        store.undo(&change).unwrap();
        assert_eq!(dump(file), before);
    }
}

/// A refused import, or one that imports nothing, changes nothing: not a byte of the file, and
/// a roster import makes no cohort.
#[test]
fn an_import_that_imports_nothing_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "untouched.placements", 20);
    let f = file.to_str().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let before = bytes(&file);
    let cohorts: i64 = scalar(&file, "SELECT count(*) FROM cohort");
    // A roster with no column of names: refused, and no cohort "Wave 9" made.
    let roster = write("no names.csv", "Email,Organisation\nasha@example.org,Trust A\n");
    let out = placements(&["import", "participants", f, roster.to_str().unwrap(), "--cohort", "Wave 9"], dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("names"), "{}", String::from_utf8_lossy(&out.stderr));
    // A roster whose every row is in error: nobody imported, and still no cohort.
    let roster = write("bad rows.csv", "Name,Email\n,asha@example.org\n ,ben@example.org\n");
    let out = placements(&["import", "participants", f, roster.to_str().unwrap(), "--cohort", "Wave 9"], dir.path());
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("imported 0,"));
    // Offers whose every row names no group in the file.
    let offers = write("offers.csv", "Group,Activity,Dates available\nNobody's Club,Tea,12/04/2027 - 14/05/2027\n");
    let out = placements(&["import", "offers", f, offers.to_str().unwrap()], dir.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("imported 0, updated 0, skipped 0, errors 1"));
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM cohort"), cohorts);
    assert!(bytes(&file) == before, "the file changed");
}

/// Excel's "Unicode text" (UTF-16, tab-separated) and a semicolon-separated file (Excel where a
/// comma is the decimal point) import with the same mapping as any CSV.
#[test]
fn utf16_tab_and_semicolon_files_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "separators.placements", 10);
    let f = file.to_str().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Name\tPostcode\tContact\r\nZoë's Café Club\tFY1 4AB\tzoe@example.org\r\nŁukasz's Allotment\tFY2 9AB\t07700 900123\r\n"
        .encode_utf16()
    {
        utf16.extend(unit.to_le_bytes());
    }
    let unicode = dir.path().join("Unicode text.txt");
    std::fs::write(&unicode, &utf16).unwrap();
    let out = placements(&["import", "groups", f, unicode.to_str().unwrap()], dir.path());
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains("imported 2, updated 0, skipped 0, errors 0"), "{said}");
    assert_eq!(
        scalar::<String>(&file, "SELECT contact_email FROM community_group WHERE name = 'Zoë''s Café Club'"),
        "zoe@example.org"
    );
    assert_eq!(
        scalar::<String>(&file, "SELECT contact_phone FROM community_group WHERE postcode = 'FY2 9AB'"),
        "07700 900123"
    );
    let group: String = scalar(&file, "SELECT name FROM community_group WHERE name = 'Zoë''s Café Club'");
    let semicolons = dir.path().join("offers.csv");
    std::fs::write(
        &semicolons,
        format!("Group;Activity;Dates available;Times;Meeting place;Postcode\n{group};Tea dance;12/04/2027 - 14/05/2027;2pm-4pm;Church hall, Lytham;FY8 4PQ\n"),
    )
    .unwrap();
    let out = placements(&["import", "offers", f, semicolons.to_str().unwrap()], dir.path());
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains("imported 1, updated 0, skipped 0, errors 0"), "{said}");
    assert_eq!(
        scalar::<String>(&file, "SELECT address || ' ' || postcode FROM offer WHERE title = 'Tea dance'"),
        "Church hall, Lytham FY8 4PQ"
    );
}
