//! One gate for every write: edits, undo and redo, imports, the bulk writer, worker handles and
//! restore all refuse a file that is no longer the one opened, no longer writable, or whose lock
//! this process no longer holds; and a backup restored as a new file takes that file's lock.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use common::{bytes, demo_file, dump};
use placements::model::OnDuplicate;
use placements::model::PlacementId;
use placements::store::{Backups, OpenError, OpenMode, Store, StoreError};

/// Tries every kind of write on `store`, returning each refusal with the name of the path it
/// took. `backup` is a good backup to restore from.
fn every_write(store: &mut Store, backup: &Path) -> Vec<(&'static str, Result<(), StoreError>)> {
    // Undo and redo pass the gate before they look at the change set.
    let nothing = placements::store::ChangeSet::new("Test");
    let undo = store.undo(&nothing);
    let redo = store.redo(&nothing);
    let edit = store.remove_placement(PlacementId(1)).map(drop);
    let bulk = store.bulk_insert(|w| w.neighbourhood("Gate Test", 99).map(drop));
    let import = store.import_groups("Import", &[], OnDuplicate::Skip, &mut |_| true).map(drop);
    let worker = store.worker_handle().map(drop);
    let restore = store.restore_from(backup);
    vec![
        ("edit", edit),
        ("undo", undo),
        ("redo", redo),
        ("bulk writer", bulk),
        ("import", import),
        ("worker handle", worker),
        ("restore", restore),
    ]
}

fn assert_all_refused(results: Vec<(&str, Result<(), StoreError>)>, expected: impl Fn(&StoreError) -> bool) {
    for (path, result) in results {
        match result {
            Ok(()) => panic!("{path} was allowed to write"),
            Err(e) => assert!(expected(&e), "{path}: {e:?}"),
        }
    }
}

#[test]
fn every_write_refuses_a_file_moved_away_while_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "moved.placements", 20);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let backup = Backups::new(dir.path().join("backups")).take(&store).unwrap();
    let elsewhere = dir.path().join("moved away.placements");
    fs::rename(&path, &elsewhere).unwrap();
    // Something else now sits where the file was.
    fs::copy(&elsewhere, &path).unwrap();
    let before = (bytes(&path), bytes(&elsewhere));
    assert_all_refused(every_write(&mut store, &backup), |e| matches!(e, StoreError::FileGone));
    assert_eq!((bytes(&path), bytes(&elsewhere)), before, "neither file was written");
}

#[test]
fn every_write_refuses_a_file_made_read_only_while_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "read-only later.placements", 20);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let backup = Backups::new(dir.path().join("backups")).take(&store).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = bytes(&path);
    assert_all_refused(every_write(&mut store, &backup), |e| matches!(e, StoreError::FileMadeReadOnly));
    assert_eq!(bytes(&path), before);
}

#[test]
fn every_write_refuses_once_another_copy_has_taken_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "lock lost.placements", 20);
    let mut first = Store::open(&path, OpenMode::Edit).unwrap();
    let backup = Backups::new(dir.path().join("backups")).take(&first).unwrap();
    // Someone deletes the hidden lock file, and a second copy opens the file for changes.
    fs::remove_file(dir.path().join(".lock lost.placements.lock")).unwrap();
    let second = Store::open(&path, OpenMode::Edit).expect("the second copy takes a new lock");
    assert!(second.is_writable());
    let before = dump(&path);
    assert_all_refused(every_write(&mut first, &backup), |e| matches!(e, StoreError::LockLost));
    assert_eq!(dump(&path), before, "the first copy wrote nothing");
    let message = StoreError::LockLost.to_string();
    assert!(message.contains("no longer holds the file"), "{message}");
}

#[test]
fn a_worker_handle_shares_the_lock_and_passes_the_same_gate() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "worker.placements", 20);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let mut worker = store.worker_handle().unwrap();
    drop(store);
    // The window's handle is gone but the worker still holds the file: nobody else may write.
    assert!(matches!(Store::open(&path, OpenMode::Edit), Err(OpenError::InUse { .. })));
    worker.remove_placement(PlacementId(1)).unwrap();
    drop(worker);
    assert!(Store::open(&path, OpenMode::Edit).unwrap().is_writable());
}

#[test]
fn a_backup_restored_as_a_new_file_refuses_a_target_open_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo_file(dir.path(), "source.placements", 20);
    let backup = Backups::new(dir.path().join("backups")).take(&Store::open(&source, OpenMode::Edit).unwrap()).unwrap();
    let target = demo_file(dir.path(), "in use.placements", 30);
    let _elsewhere = Store::open(&target, OpenMode::Edit).unwrap();
    let before = bytes(&target);
    let refused = Store::restore_as(&backup, &target).unwrap_err();
    assert!(matches!(refused, StoreError::TargetInUse { .. }), "{refused:?}");
    assert_eq!(bytes(&target), before, "the file open elsewhere was not replaced");
}

#[test]
fn a_backup_restored_as_a_new_file_is_opened_holding_its_lock() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo_file(dir.path(), "source.placements", 20);
    let backup = Backups::new(dir.path().join("backups")).take(&Store::open(&source, OpenMode::Edit).unwrap()).unwrap();
    let target = dir.path().join("restored.placements");
    let mut restored = Store::restore_as(&backup, &target).unwrap();
    assert_eq!(dump(&target), dump(&source));
    assert!(matches!(Store::open(&target, OpenMode::Edit), Err(OpenError::InUse { .. })));
    restored.remove_placement(PlacementId(1)).unwrap();
}
