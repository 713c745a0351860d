//! The placement database file: opening checks, read-only, locking, Save As, undo and backups,
//! all on real SQLite files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt as _;

use common::{bytes, demo_file, dump, scalar};
use placements::model::{GroupEdit, GroupFormField, GroupId, GroupStatus, PlacementId};
use placements::store::{
    APPLICATION_ID, Access, Backups, OpenError, OpenMode, ReadOnlyReason, SCHEMA_VERSION, Store, StoreError,
};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn a_new_file_is_built_from_empty_to_the_latest_version_and_marked_ours() {
    let dir = temp();
    let path = dir.path().join("new.placements");
    let store = Store::create(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.is_writable());
    drop(store);
    assert_eq!(scalar::<i32>(&path, "PRAGMA application_id"), APPLICATION_ID);
    assert_eq!(scalar::<u32>(&path, "PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(scalar::<String>(&path, "PRAGMA journal_mode"), "delete");
    // It opens again, and New refuses to make it a second time.
    assert!(Store::open(&path, OpenMode::Edit).is_ok());
    let before = bytes(&path);
    assert!(matches!(Store::create(&path), Err(OpenError::AlreadyExists)));
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_brand_new_empty_sqlite_database_is_taken_in_and_upgraded() {
    let dir = temp();
    let path = dir.path().join("blank.db");
    rusqlite::Connection::open(&path).unwrap().execute_batch("PRAGMA user_version = 0; VACUUM;").unwrap();
    let store = Store::open(&path, OpenMode::Edit).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

fn assert_refused_unchanged(path: &std::path::Path, check: impl Fn(&OpenError) -> bool) {
    let before = bytes(path);
    let result = Store::open(path, OpenMode::Edit);
    match result {
        Err(e) => assert!(check(&e), "unexpected refusal: {e}"),
        Ok(_) => panic!("{} was opened but should have been refused", path.display()),
    }
    assert_eq!(bytes(path), before, "the refused file's bytes changed");
    let lock = path.with_file_name(format!(".{}.lock", path.file_name().unwrap().to_string_lossy()));
    assert!(!lock.exists(), "a lock file was left beside a refused file");
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_unchanged() {
    let dir = temp();
    let path = demo_file(dir.path(), "newer.placements", 30);
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 5).unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, OpenError::Newer { .. }));
    let message = Store::open(&path, OpenMode::Edit).unwrap_err().to_string();
    assert!(message.contains("made by a newer version of Community Placements"), "{message}");
}

#[test]
fn files_that_are_not_ours_are_refused_and_left_unchanged() {
    let dir = temp();
    let zero = dir.path().join("zero.placements");
    fs::write(&zero, b"").unwrap();
    assert_refused_unchanged(&zero, |e| matches!(e, OpenError::Empty));

    let text = dir.path().join("notes.placements");
    fs::write(&text, "Name,Postcode\nBispham Walking Group,FY2 9AB\n".repeat(20)).unwrap();
    assert_refused_unchanged(&text, |e| matches!(e, OpenError::NotSqlite));

    let png = dir.path().join("photo.placements");
    let mut png_bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png_bytes.extend((0..4000u32).map(|i| (i * 7 % 251) as u8));
    fs::write(&png, &png_bytes).unwrap();
    assert_refused_unchanged(&png, |e| matches!(e, OpenError::NotSqlite));

    let other = dir.path().join("other-app.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);",
        )
        .unwrap();
    assert_refused_unchanged(&other, |e| matches!(e, OpenError::OtherApplication));

    let folder = dir.path().join("a folder.placements");
    fs::create_dir(&folder).unwrap();
    assert!(matches!(Store::open(&folder, OpenMode::Edit), Err(OpenError::IsFolder)));

    let missing = dir.path().join("missing.placements");
    assert!(matches!(Store::open(&missing, OpenMode::Edit), Err(OpenError::NotFound)));
    assert!(!missing.exists(), "Open must never create a file");
}

#[test]
fn a_truncated_file_is_refused_and_left_unchanged() {
    let dir = temp();
    let path = demo_file(dir.path(), "cut.placements", 400);
    let full = bytes(&path);
    fs::write(&path, &full[..full.len() / 2]).unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, OpenError::Truncated { .. } | OpenError::Damaged(_)));
}

#[test]
fn a_damaged_file_is_refused_by_the_quick_check_and_left_unchanged() {
    let dir = temp();
    let path = demo_file(dir.path(), "damaged.placements", 400);
    let mut data = bytes(&path);
    // Scribble over the middle of the file, past the header and the schema page.
    let middle = data.len() / 2;
    for b in &mut data[middle..middle + 8192] {
        *b = 0x5A;
    }
    fs::write(&path, &data).unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, OpenError::Damaged(_)));
}

#[test]
fn a_read_only_file_opens_read_only_and_refuses_every_edit() {
    let dir = temp();
    let path = demo_file(dir.path(), "readonly.placements", 30);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = bytes(&path);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    assert_eq!(store.access(), Access::ReadOnly(ReadOnlyReason::FileIsReadOnly));
    let group = store.group(GroupId(1)).unwrap();
    let edit = GroupEdit::check(placements::model::CommunityGroup { name: "Renamed".into(), ..group }).unwrap();
    assert!(matches!(store.update_group(GroupId(1), &edit), Err(StoreError::ReadOnly)));
    assert!(matches!(store.remove_placement(PlacementId(1)), Err(StoreError::ReadOnly)));
    drop(store);
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_second_writer_is_refused_but_may_read() {
    let dir = temp();
    let path = demo_file(dir.path(), "shared.placements", 30);
    let first = Store::open(&path, OpenMode::Edit).unwrap();
    assert!(first.is_writable());
    match Store::open(&path, OpenMode::Edit) {
        Err(e @ OpenError::InUse { .. }) => {
            assert!(e.to_string().contains("already open in another copy"), "{e}");
        }
        other => panic!("a second writer was not refused: {other:?}"),
    }
    let reader = Store::open(&path, OpenMode::ReadOnly).unwrap();
    assert_eq!(reader.access(), Access::ReadOnly(ReadOnlyReason::Requested));
    assert_eq!(reader.counts().unwrap().groups, 30);
    drop(first);
    // Once the first copy closes, the file can be opened for writing again.
    assert!(Store::open(&path, OpenMode::Edit).unwrap().is_writable());
}

#[test]
fn a_lock_file_left_by_a_crash_does_not_keep_anyone_out() {
    let dir = temp();
    let path = demo_file(dir.path(), "crashed.placements", 30);
    fs::write(dir.path().join(".crashed.placements.lock"), "process 99999 since yesterday").unwrap();
    assert!(Store::open(&path, OpenMode::Edit).unwrap().is_writable());
}

#[test]
fn save_as_keeps_every_row_and_carries_on_in_the_copy() {
    let dir = temp();
    let path = demo_file(dir.path(), "original.placements", 200);
    let original = dump(&path);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let copy = dir.path().join("copy.placements");
    store.save_as(&copy).unwrap();
    assert_eq!(store.path(), copy.as_path());
    assert_eq!(dump(&copy), original);
    assert_eq!(scalar::<i32>(&copy, "PRAGMA application_id"), APPLICATION_ID);
    // The next edit lands in the copy, not in the original.
    let group = store.group(GroupId(3)).unwrap();
    let edit = GroupEdit::check(placements::model::CommunityGroup { name: "Moved On Group".into(), ..group }).unwrap();
    store.update_group(GroupId(3), &edit).unwrap();
    assert_eq!(scalar::<String>(&copy, "SELECT name FROM community_group WHERE id = 3"), "Moved On Group");
    assert_eq!(dump(&path), original);
    // No temporary file is left behind.
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("saving"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn save_as_into_a_missing_folder_fails_cleanly() {
    let dir = temp();
    let path = demo_file(dir.path(), "stay.placements", 30);
    let before = bytes(&path);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let target = dir.path().join("no such folder").join("copy.placements");
    assert!(store.save_as(&target).is_err());
    assert_eq!(store.path(), path.as_path());
    assert!(store.is_writable());
    drop(store);
    assert_eq!(bytes(&path), before);
}

#[test]
fn save_as_over_a_file_open_elsewhere_is_refused() {
    let dir = temp();
    let path = demo_file(dir.path(), "mine.placements", 30);
    let other = demo_file(dir.path(), "theirs.placements", 40);
    let theirs = Store::open(&other, OpenMode::Edit).unwrap();
    let before = bytes(&other);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    assert!(matches!(store.save_as(&other), Err(StoreError::TargetInUse { .. })));
    drop(theirs);
    assert_eq!(bytes(&other), before);
}

#[test]
fn undo_and_redo_of_an_edit_restore_the_exact_rows() {
    let dir = temp();
    let path = demo_file(dir.path(), "undo.placements", 50);
    let before = dump(&path);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let group = store.group(GroupId(5)).unwrap();
    let edit = GroupEdit::check(placements::model::CommunityGroup {
        name: "Renamed Group".into(),
        postcode: "fy1 1aa".into(),
        status: GroupStatus::Dormant,
        ..group
    })
    .unwrap();
    let change = store.update_group(GroupId(5), &edit).unwrap();
    assert_eq!(change.changes.len(), 1);
    let after = dump(&path);
    assert_ne!(after, before);
    assert_eq!(scalar::<String>(&path, "SELECT postcode FROM community_group WHERE id = 5"), "FY1 1AA");

    store.undo(&change).unwrap();
    assert_eq!(dump(&path), before);
    store.redo(&change).unwrap();
    assert_eq!(dump(&path), after);

    // A deleted row comes back with its own id and every column.
    let removal = store.remove_placement(PlacementId(2)).unwrap();
    let without = dump(&path);
    assert_eq!(without["placement"].len(), after["placement"].len() - 1);
    store.undo(&removal).unwrap();
    assert_eq!(dump(&path), after);
    store.redo(&removal).unwrap();
    assert_eq!(dump(&path), without);
}

#[test]
fn an_undo_whose_rows_changed_since_is_refused_and_changes_nothing() {
    let dir = temp();
    let path = demo_file(dir.path(), "conflict.placements", 20);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let group = store.group(GroupId(1)).unwrap();
    let first = store
        .update_group(
            GroupId(1),
            &GroupEdit::check(placements::model::CommunityGroup { name: "First".into(), ..group.clone() }).unwrap(),
        )
        .unwrap();
    store
        .update_group(
            GroupId(1),
            &GroupEdit::check(placements::model::CommunityGroup { name: "Second".into(), ..group }).unwrap(),
        )
        .unwrap();
    let before = dump(&path);
    assert!(matches!(store.undo(&first), Err(StoreError::UndoConflict { .. })));
    assert_eq!(dump(&path), before);
}

#[test]
fn invalid_values_are_never_saved() {
    let group = placements::model::CommunityGroup {
        name: "Fine".into(),
        email: "not-an-address".into(),
        postcode: "Blackpool".into(),
        ..Default::default()
    };
    let problems = GroupEdit::check(group).unwrap_err();
    let fields: Vec<GroupFormField> = problems.iter().map(|p| p.field).collect();
    assert_eq!(fields, vec![GroupFormField::Postcode, GroupFormField::Email]);
}

#[test]
fn a_backup_is_taken_only_when_the_file_has_changed_and_old_ones_are_thinned() {
    let dir = temp();
    let path = demo_file(dir.path(), "Bolton 2027.placements", 20);
    let backups = Backups::new(dir.path().join("backups"));
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let first = backups.take(&store).unwrap();
    // Unchanged: the copy already taken holds it, and no second one is made.
    assert_eq!(backups.take(&store).unwrap(), first);
    assert_eq!(backups.of_document(&path).len(), 1);
    let name = first.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("Bolton 2027 2") && name.ends_with(".placements"), "{name}");
    // Each change, then a backup: a new copy each time, all of them today, so thinning keeps the
    // newest five.
    let mut taken = vec![first];
    for i in 0..8 {
        let edit = GroupEdit::check(placements::model::CommunityGroup {
            name: format!("Changed group {i}"),
            ..Default::default()
        })
        .unwrap();
        store.add_group(&edit).unwrap();
        taken.push(backups.take(&store).unwrap());
    }
    let listed = backups.of_document(&path);
    assert_eq!(listed.len(), placements::store::KEEP_NEWEST);
    assert_eq!(listed[0].path, taken[8]);
    assert_eq!(listed[4].path, taken[4]);
    assert!(!taken[3].exists() && !taken[0].exists());
    assert!(listed.iter().all(|b| b.document == "Bolton 2027"));
    // Each is a complete placement database; the newest holds the last change.
    assert_eq!(dump(&listed[0].path), dump(&path));
    let (count, bytes) = backups.space_of_document(&path);
    assert_eq!((count, bytes), (5, listed.iter().map(|b| b.bytes).sum()));
    assert_eq!(backups.space(), bytes);
    // Deleting the copies taken before a moment (after personal data is removed).
    let oldest = listed[4].taken;
    assert_eq!(backups.delete_before(&path, oldest).unwrap(), (0, 0));
    let later = chrono::Local::now().naive_local() + chrono::Duration::minutes(1);
    assert_eq!(backups.delete_before(&path, later).unwrap(), (5, bytes));
    assert!(backups.of_document(&path).is_empty());
    // With the copies gone, the next backup copies the file again.
    assert!(backups.take(&store).unwrap().exists());
}

#[test]
fn restoring_a_backup_brings_back_its_rows() {
    let dir = temp();
    let path = demo_file(dir.path(), "restore.placements", 40);
    let original = dump(&path);
    let backups = Backups::new(dir.path().join("backups"));
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let backup = backups.take(&store).unwrap();
    store.remove_placement(PlacementId(1)).unwrap();
    assert_ne!(dump(&path), original);
    store.restore_from(&backup).unwrap();
    assert_eq!(dump(&path), original);
    assert_eq!(store.counts().unwrap().placements as usize, original["placement"].len());
}

#[test]
fn adding_archiving_and_merging_groups_are_each_one_undo_step() {
    use placements::model::CommunityGroup;
    let dir = temp();
    let path = demo_file(dir.path(), "merge.placements", 40);
    let before = dump(&path);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();

    let new = GroupEdit::check(CommunityGroup {
        name: "Layton Litter Pickers".into(),
        postcode: "fy3 7aa".into(),
        ..Default::default()
    })
    .unwrap();
    let (id, added) = store.add_group(&new).unwrap();
    assert_eq!(store.group(id).unwrap().postcode, "FY3 7AA");
    let archived = store.set_group_archived(id, placements::store::Archiving::Archive).unwrap();
    assert!(store.group(id).unwrap().archived);
    store.undo(&archived).unwrap();
    store.undo(&added).unwrap();
    assert_eq!(dump(&path), before);

    // Merge the group that made the first offer into another: its offers move, it goes.
    let (offer_group,): (i64,) = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT group_id FROM offer ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?,)))
        .unwrap();
    let remove = GroupId(offer_group);
    let keep = GroupId(if offer_group == 1 { 2 } else { 1 });
    let offers_before: i64 =
        scalar(&path, &format!("SELECT count(*) FROM offer WHERE group_id IN ({}, {})", keep.0, remove.0));
    let kept = store.group(keep).unwrap();
    let merged = GroupEdit::check(CommunityGroup { notes: "Merged from a duplicate".into(), ..kept }).unwrap();
    let merge = store.merge_groups(keep, remove, &merged).unwrap();
    assert_eq!(scalar::<i64>(&path, &format!("SELECT count(*) FROM offer WHERE group_id = {}", keep.0)), offers_before);
    assert!(store.group(remove).is_err());
    assert_eq!(store.group(keep).unwrap().notes, "Merged from a duplicate");
    store.undo(&merge).unwrap();
    assert_eq!(dump(&path), before);
}

#[test]
fn postcode_rules_assign_neighbourhoods_and_lists_refuse_duplicates() {
    use placements::model::CommunityGroup;
    let dir = temp();
    let path = demo_file(dir.path(), "rules.placements", 10);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    // The demo comes with a rule per FY district.
    assert!(store.postcode_rules().unwrap().iter().any(|r| r.district == "FY1"));
    let central = store.neighbourhoods().unwrap().into_iter().find(|n| n.name == "Blackpool Central").unwrap().id;
    let new = GroupEdit::check(CommunityGroup {
        name: "Talbot Gateway Gardeners".into(),
        postcode: "FY1 1AP".into(),
        ..Default::default()
    })
    .unwrap();
    let (id, _) = store.add_group(&new).unwrap();
    assert_eq!(store.group(id).unwrap().neighbourhood, None);
    let (changed, assign) = store.apply_postcode_rules(placements::store::Overwrite::OnlyMissing).unwrap();
    assert_eq!(changed, 1, "only the group without a neighbourhood");
    assert_eq!(store.group(id).unwrap().neighbourhood, Some(central));
    store.undo(&assign).unwrap();
    assert_eq!(store.group(id).unwrap().neighbourhood, None);

    assert!(
        matches!(store.set_postcode_rule("Blackpool", central), Err(StoreError::NotAnArea(area)) if area == "Blackpool")
    );
    store.set_postcode_rule("m33", central).unwrap();
    assert!(store.postcode_rules().unwrap().iter().any(|r| r.district == "M33"));
    let clash = store.add_category("food").unwrap_err();
    assert!(clash.to_string().contains("already a category called “food”"), "{clash}");
    store.add_category("Allotments").unwrap();
    assert!(store.categories().unwrap().iter().any(|c| c.name == "Allotments"));
}

#[test]
fn a_file_deleted_while_open_refuses_the_next_edit_and_save_as_rescues_everything() {
    let dir = temp();
    let path = demo_file(dir.path(), "vanishing.placements", 30);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let group = store.group(GroupId(4)).unwrap();
    let edit =
        GroupEdit::check(placements::model::CommunityGroup { name: "Renamed Before".into(), ..group.clone() }).unwrap();
    store.update_group(GroupId(4), &edit).unwrap();
    fs::remove_file(&path).unwrap();
    let edit = GroupEdit::check(placements::model::CommunityGroup { name: "Renamed After".into(), ..group }).unwrap();
    let refused = store.update_group(GroupId(4), &edit).unwrap_err();
    assert!(matches!(refused, StoreError::FileGone));
    assert!(refused.to_string().contains("Save As"), "{refused}");
    // Everything saved before is still there to be rescued.
    let rescue = dir.path().join("rescued.placements");
    store.save_as(&rescue).unwrap();
    assert_eq!(scalar::<String>(&rescue, "SELECT name FROM community_group WHERE id = 4"), "Renamed Before");
    assert_eq!(scalar::<i64>(&rescue, "SELECT count(*) FROM community_group"), 30);
    // And the rescued copy takes edits again.
    store.update_group(GroupId(4), &edit).unwrap();
    assert_eq!(scalar::<String>(&rescue, "SELECT name FROM community_group WHERE id = 4"), "Renamed After");
}

#[test]
fn a_file_made_read_only_while_open_refuses_the_next_edit() {
    let dir = temp();
    let path = demo_file(dir.path(), "locked-later.placements", 10);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = bytes(&path);
    let refused = store.remove_placement(PlacementId(1)).unwrap_err();
    assert!(matches!(refused, StoreError::FileMadeReadOnly), "{refused}");
    assert_eq!(bytes(&path), before);
}

/// Files in `dir` whose names show they are half-written temporaries.
fn leftovers(dir: &std::path::Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(".saving-") || n.contains(".writing-") || n.ends_with("-journal"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn save_as_into_a_read_only_folder_fails_with_a_message_and_leaves_nothing() {
    let dir = temp();
    let path = demo_file(dir.path(), "stay-put.placements", 30);
    let before = bytes(&path);
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let error = store.save_as(&locked.join("copy.placements")).unwrap_err();
    assert!(error.to_string().contains("That folder cannot be written to"), "{error}");
    assert_eq!(store.path(), path.as_path());
    drop(store);
    assert_eq!(fs::read_dir(&locked).unwrap().count(), 0, "nothing was left in the folder");
    assert_eq!(bytes(&path), before);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
}

/// A real full disk: a 256 KiB tmpfs (needs root, as CI and this machine have).
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(path: std::path::PathBuf) -> Self {
        fs::create_dir_all(&path).unwrap();
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
            .arg(&path)
            .status()
            .expect("run mount");
        assert!(status.success(), "mounting a small tmpfs needs root");
        Self(path)
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn save_as_onto_a_full_disk_fails_with_a_message_and_leaves_nothing() {
    let dir = temp();
    let path = demo_file(dir.path(), "too-big.placements", 2_000);
    assert!(fs::metadata(&path).unwrap().len() > 256 * 1024, "the file must not fit");
    let before = bytes(&path);
    let disk = SmallDisk::mount(dir.path().join("small-disk"));
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let error = store.save_as(&disk.0.join("copy.placements")).unwrap_err();
    assert!(error.to_string().contains("disk is full"), "{error}");
    assert_eq!(store.path(), path.as_path(), "still working in the original");
    assert!(store.is_writable());
    assert!(!disk.0.join("copy.placements").exists());
    assert!(leftovers(&disk.0).is_empty(), "{:?}", leftovers(&disk.0));
    // The original takes edits as before.
    store.remove_placement(PlacementId(1)).unwrap();
    drop(store);
    assert_ne!(bytes(&path), before);
}

#[test]
fn a_name_already_on_any_list_is_refused_in_words_not_sqlites() {
    use placements::model::{Cohort, CohortEdit};
    use placements::store::{PeopleList, PeopleListItem};
    let dir = temp();
    let path = demo_file(dir.path(), "names.placements", 20);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let before = dump(&path);
    let cohort = store.cohorts().unwrap()[0].clone();
    let copy = CohortEdit::check(Cohort { id: placements::model::CohortId(0), ..cohort.clone() }).unwrap();
    let practice = store.practices().unwrap()[0].name.clone();
    let organisation = store.organisations().unwrap()[0].clone();
    let professions = store.professions().unwrap();
    let (profession, other) = (professions[1].clone(), professions[2].clone());
    let refusals = [
        (
            store.add_cohort(&copy).map(drop).unwrap_err(),
            format!("There is already a cohort called “{}”.", cohort.name),
        ),
        (store.add_practice(&practice).unwrap_err(), format!("There is already a practice called “{practice}”.")),
        (
            store.add_to_people_list(PeopleList::Organisation, &organisation.name).unwrap_err(),
            format!("There is already an organisation called “{}”.", organisation.name),
        ),
        (
            store
                .rename_in_people_list(PeopleListItem::Profession(profession.id), &other.name.to_uppercase())
                .unwrap_err(),
            format!("There is already a profession called “{}”.", other.name.to_uppercase()),
        ),
    ];
    for (refused, words) in refusals {
        assert_eq!(refused.to_string(), words);
        assert!(!refused.to_string().contains("UNIQUE"), "{refused}");
    }
    assert_eq!(dump(&path), before, "nothing was changed");
}
