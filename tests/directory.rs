//! The directory's search and filters on a real file, as the Directory panel runs them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use common::demo_file;
use placements::model::GroupEdit;
use placements::model::directory::{DirectoryFilter, SortOrder};
use placements::model::search::Vocabulary;
use placements::model::{CommunityGroup, GroupId};
use placements::store::{OpenMode, Store};
use placements::store::{SearchCache, find_groups};

fn names_found(store: &Store, search: &str) -> Vec<String> {
    let groups = store.group_summaries().unwrap();
    let vocabulary = Vocabulary::from_folded(groups.iter().map(|g| g.name_key()));
    let shown = find_groups(
        store,
        0,
        &mut SearchCache::default(),
        &groups,
        &vocabulary,
        search,
        &DirectoryFilter::default(),
        SortOrder::default(),
    )
    .unwrap();
    shown.into_iter().map(|i| groups[i].name().to_owned()).collect()
}

fn rename(store: &mut Store, id: i64, name: &str) {
    let group = store.group(GroupId(id)).unwrap();
    let edit = GroupEdit::check(CommunityGroup { name: name.to_owned(), ..group }).unwrap();
    store.update_group(GroupId(id), &edit).unwrap();
}

#[test]
fn search_forgives_accents_and_small_slips() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "search.placements", 300);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    rename(&mut store, 10, "Siobhán's Knitting Circle");
    rename(&mut store, 11, "Cleveleys Walking Group for Everyone");

    assert!(names_found(&store, "siobhan knit").contains(&"Siobhán's Knitting Circle".to_owned()));
    assert!(names_found(&store, "SIOBHÁN").contains(&"Siobhán's Knitting Circle".to_owned()));
    let walking = names_found(&store, "walkng grop everyone");
    assert_eq!(walking, vec!["Cleveleys Walking Group for Everyone".to_owned()]);
    assert!(names_found(&store, "zzqxv").is_empty());
}

#[test]
fn the_index_keeps_in_step_with_edits_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "step.placements", 50);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let group = store.group(GroupId(7)).unwrap();
    let old_name = group.name.clone();
    let change = store
        .update_group(
            GroupId(7),
            &GroupEdit::check(CommunityGroup { name: "Quokka Appreciation Society".into(), ..group }).unwrap(),
        )
        .unwrap();
    assert_eq!(names_found(&store, "quokka"), vec!["Quokka Appreciation Society".to_owned()]);
    store.undo(&change).unwrap();
    assert!(names_found(&store, "quokka").is_empty());
    assert!(names_found(&store, &old_name).contains(&old_name));
    store.redo(&change).unwrap();
    assert_eq!(names_found(&store, "quokka"), vec!["Quokka Appreciation Society".to_owned()]);
}

#[test]
fn search_looks_in_contacts_postcodes_and_charity_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "fields.placements", 80);
    let store = Store::open(&path, OpenMode::ReadOnly).unwrap();
    let group = store.group(GroupId(5)).unwrap();
    for query in [group.postcode.clone(), group.contact_name.clone(), group.contact_email.clone()] {
        assert!(names_found(&store, &query).contains(&group.name), "{query} did not find {}", group.name);
    }
    let with_charity =
        (1..=80).map(|i| store.group(GroupId(i)).unwrap()).find(|g| !g.charity_number.is_empty()).unwrap();
    assert!(names_found(&store, &with_charity.charity_number).contains(&with_charity.name));
}

/// Any part of a word of the short fields is found, as the trigram index found it before they
/// moved into the list (step 7); a word is not found across two fields.
#[test]
fn part_of_a_word_of_a_name_contact_or_number_finds_the_group() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "parts.placements", 60);
    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    let group = store.group(GroupId(9)).unwrap();
    let edit = GroupEdit::check(CommunityGroup {
        name: "Ansdell Tuesday Knitters".into(),
        other_names: "Tuesday Wool Club".into(),
        contact_name: "Siobhán Dvořák Fitzgerald".into(),
        charity_number: "1026843".into(),
        company_number: "07345612".into(),
        ..group
    })
    .unwrap();
    store.update_group(GroupId(9), &edit).unwrap();
    let knitters = "Ansdell Tuesday Knitters".to_owned();
    for part in ["nitter", "wool clu", "fitzger", "obhan", "dvorak", "DVOŘÁ", "26843", "345612", "1026843 07345612"] {
        assert!(names_found(&store, part).contains(&knitters), "“{part}”");
    }
    // Two numbers are two words: nothing is found across them, nor across two fields.
    for across in ["684307", "clubsiob", "geraldfy", "dvorakfitz"] {
        assert!(!names_found(&store, across).contains(&knitters), "“{across}”");
    }
}

/// A file made before step 7 (a trigram index of the short fields) is brought up to date when
/// opened: the index goes, and search and the word index work as in a new file.
#[test]
fn a_file_from_before_step_7_loses_its_trigram_index_and_searches_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), "old.placements", 120);
    let store = Store::open(&path, OpenMode::ReadOnly).unwrap();
    let group = store.group(GroupId(12)).unwrap();
    let searches = searches_for(&group);
    let before: Vec<Vec<String>> = searches.iter().map(|s| names_found(&store, s)).collect();
    drop(store);
    common::downgrade(&path, 6);
    assert_eq!(common::scalar::<i64>(&path, "SELECT count(*) FROM group_search"), 120);

    let mut store = Store::open(&path, OpenMode::Edit).unwrap();
    assert_eq!(store.schema_version().unwrap(), placements::store::SCHEMA_VERSION);
    let tables: i64 = common::scalar(&path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'group_search%'");
    assert_eq!(tables, 0, "the trigram index and its shadow tables are gone");
    for (search, found) in searches.iter().zip(&before) {
        assert_eq!(&names_found(&store, search), found, "“{search}”");
    }
    // The triggers left keep the word index in step.
    let change = store
        .update_group(
            GroupId(12),
            &GroupEdit::check(CommunityGroup { description: "Marmalade making".into(), ..group.clone() }).unwrap(),
        )
        .unwrap();
    assert_eq!(names_found(&store, "marmalade"), vec![group.name.clone()]);
    store.undo(&change).unwrap();
    assert!(names_found(&store, "marmalade").is_empty());
}

/// Every field a search looks in, for one group: what a coordinator might type to find it.
fn searches_for(group: &CommunityGroup) -> Vec<String> {
    let mut searches =
        vec![group.name.clone(), group.postcode.clone(), group.contact_name.clone(), group.contact_email.clone()];
    searches.push(group.charity_number.clone());
    if let Some(word) = group.description.split_whitespace().find(|w| w.len() > 6 && w.chars().all(char::is_alphabetic))
    {
        searches.push(word.to_owned());
    }
    searches.retain(|s| !s.trim().is_empty());
    searches
}

/// A large import indexes its groups in one pass after writing them (the insert trigger set
/// aside); a small one goes row by row through the trigger. Both must find the same groups for
/// every search, and undo and redo must keep the index in step.
#[test]
fn a_large_import_is_searchable_exactly_as_rows_added_one_by_one() {
    use placements::exchange::group_export::groups_csv;
    use placements::exchange::import_kind::{Groups, ImportKind, run_import};
    use placements::exchange::table::read_csv;
    use placements::model::OnDuplicate;

    let dir = tempfile::tempdir().unwrap();
    let source = demo_file(dir.path(), "source.placements", 450);
    let records = Store::open(&source, OpenMode::ReadOnly).unwrap().group_records().unwrap();
    let table = read_csv(&groups_csv(&records).unwrap()).unwrap();
    let groups: Vec<CommunityGroup> = records.into_iter().map(|r| r.group).collect();
    let plan_of = |store: &Store| {
        let lookup = Groups.lookup(store).unwrap();
        let plan = Groups.plan(&table, &Groups.guess(&table.headers, &lookup), &lookup);
        plan.rows.into_iter().map(|r| r.row).collect::<Vec<_>>()
    };
    // In one go (the one-pass path), and in batches of 30 (each through the trigger).
    let at_once_path = dir.path().join("at-once.placements");
    let mut at_once = Store::create(&at_once_path).unwrap();
    let rows = plan_of(&at_once);
    assert_eq!(rows.len(), 450);
    let (counts, change) =
        run_import(&Groups, &mut at_once, "Import", &rows, OnDuplicate::Skip, &mut |_| true).unwrap();
    assert_eq!(counts.imported, 450);
    let mut by_batch = Store::create(&dir.path().join("by-batch.placements")).unwrap();
    for batch in rows.chunks(30) {
        run_import(&Groups, &mut by_batch, "Import", batch, OnDuplicate::Skip, &mut |_| true).unwrap();
    }
    // Every group by its name; every seventh by every field it can be found by.
    for (i, group) in groups.iter().enumerate() {
        let searches = if i % 7 == 0 { searches_for(group) } else { vec![group.name.clone()] };
        for search in searches {
            let found = names_found(&at_once, &search);
            assert!(found.contains(&group.name), "“{search}” does not find {}", group.name);
            assert_eq!(found, names_found(&by_batch, &search), "“{search}”");
        }
    }
    // The forgiving search too: a slip in a long word of a name.
    let long = groups.iter().find(|g| g.name.split_whitespace().any(|w| w.len() >= 8)).unwrap();
    let word = long.name.split_whitespace().find(|w| w.len() >= 8).unwrap();
    let slipped: String =
        word.chars().take(word.chars().count() - 2).chain(word.chars().skip(word.chars().count() - 1)).collect();
    assert!(names_found(&at_once, &slipped).contains(&long.name), "{slipped} for {}", long.name);

    // Undo takes the groups out of the index (in one pass too), redo puts them back: twice, the
    // second undo checking the rows against those the first one read.
    for _ in 0..2 {
        at_once.undo(&change).unwrap();
        for group in groups.iter().step_by(7) {
            assert!(names_found(&at_once, &group.name).is_empty(), "{} still found after undo", group.name);
        }
        at_once.redo(&change).unwrap();
        for group in groups.iter().step_by(7) {
            let found = names_found(&at_once, &group.name);
            assert!(found.contains(&group.name), "{} not found after redo", group.name);
            assert_eq!(found, names_found(&by_batch, &group.name), "“{}” after redo", group.name);
        }
    }
    drop(at_once);
    let conn = rusqlite::Connection::open(&at_once_path).unwrap();
    conn.execute("INSERT INTO group_text (group_text) VALUES ('integrity-check')", []).unwrap();
    drop(conn);
    // The trigger is back after the import: a group added afterwards is found.
    let mut reopened = Store::open(&at_once_path, OpenMode::Edit).unwrap();
    let added =
        GroupEdit::check(CommunityGroup { name: "Quokka Appreciation Society".into(), ..Default::default() }).unwrap();
    reopened.add_group(&added).unwrap();
    assert_eq!(names_found(&reopened, "quokka"), vec!["Quokka Appreciation Society".to_owned()]);
}
