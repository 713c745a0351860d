//! Exporting the directory, and reading the export back.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use common::placements;

use std::path::Path;

use common::{bytes, demo_file};
use placements::model::GroupRecord;
use placements::store::{OpenMode, Store};

/// Groups as the user sees them: everything but ids and timestamps, in name order.
fn groups_of(path: &Path) -> Vec<GroupRecord> {
    let store = Store::open(path, OpenMode::ReadOnly).unwrap();
    let mut records = store.group_records().unwrap();
    for r in &mut records {
        r.id = placements::model::GroupId(0);
    }
    records
}

fn round_trip(extension: &str) {
    let dir = tempfile::tempdir().unwrap();
    let original = demo_file(dir.path(), "original.placements", 400);
    {
        // Awkward values that must survive the trip.
        let mut store = Store::open(&original, OpenMode::Edit).unwrap();
        let group = store.group(placements::model::GroupId(1)).unwrap();
        let edit = placements::model::GroupEdit::check(placements::model::CommunityGroup {
            name: "=HYPERLINK(\"http://example.org\",\"Click\")".into(),
            description: "Line one\r\nline two, with \"quotes\"; and a semicolon".into(),
            phone: "+44 7700 900123".into(),
            notes: "-5 degrees in the garden".into(),
            ..group
        })
        .unwrap();
        store.update_group(placements::model::GroupId(1), &edit).unwrap();
    }
    let out = dir.path().join(format!("groups.{extension}"));
    let result = placements(&["export", "groups", original.to_str().unwrap(), out.to_str().unwrap()], dir.path());
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));

    let copy = dir.path().join("copy.placements");
    Store::create(&copy).unwrap();
    let result = placements(&["import", "groups", copy.to_str().unwrap(), out.to_str().unwrap()], dir.path());
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert_eq!(stdout.lines().last(), Some("imported 400, updated 0, skipped 0, errors 0"), "{stdout}");

    let (before, after) = (groups_of(&original), groups_of(&copy));
    assert_eq!(before.len(), after.len());
    for (a, b) in before.iter().zip(&after) {
        assert_eq!(a.group.name, b.group.name);
        assert_eq!(
            a,
            &GroupRecord {
                group: placements::model::CommunityGroup { neighbourhood: a.group.neighbourhood, ..b.group.clone() },
                ..b.clone()
            },
            "{}",
            a.group.name
        );
    }
}

#[test]
fn a_csv_export_imports_back_as_the_same_groups() {
    round_trip("csv");
}

#[test]
fn an_xlsx_export_imports_back_as_the_same_groups() {
    round_trip("xlsx");
}

#[test]
fn the_csv_export_opens_in_excel_as_text_not_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "excel.placements", 5);
    {
        let mut store = Store::open(&file, OpenMode::Edit).unwrap();
        let group = store.group(placements::model::GroupId(2)).unwrap();
        let edit = placements::model::GroupEdit::check(placements::model::CommunityGroup {
            name: "@SUM(1+1)".into(),
            notes: "=1+2".into(),
            ..group
        })
        .unwrap();
        store.update_group(placements::model::GroupId(2), &edit).unwrap();
    }
    let out = dir.path().join("groups.csv");
    assert!(
        placements(&["export", "groups", file.to_str().unwrap(), out.to_str().unwrap()], dir.path()).status.success()
    );
    let data = bytes(&out);
    assert!(data.starts_with(b"\xEF\xBB\xBFname,"), "UTF-8 with a byte order mark");
    let text = String::from_utf8(data[3..].to_vec()).unwrap();
    assert!(text.contains("'@SUM(1+1)"), "{text}");
    assert!(text.contains("'=1+2"), "{text}");
    assert!(text.contains("\r\n"));
    assert_eq!(text.lines().count(), 6);
}

#[test]
fn exporting_an_older_file_reads_it_without_changing_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "old.placements", 30);
    // Make it look like a file from format version 1.
    common::downgrade(&file, 1);
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o444)).unwrap();
    let before = bytes(&file);
    let info = placements(&["info", file.to_str().unwrap(), "--json"], dir.path());
    assert!(String::from_utf8_lossy(&info.stdout).starts_with("{\"schema_version\":1,"));
    let out = dir.path().join("old.csv");
    let result = placements(&["export", "groups", file.to_str().unwrap(), out.to_str().unwrap()], dir.path());
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(bytes(&file), before);
    assert_eq!(String::from_utf8_lossy(&bytes(&out)).lines().count(), 31);
}
