//! The directory's search and filters on a real file, as the Directory panel runs them.

mod common;

use common::demo_file;
use placements::model::directory::{DirectoryFilter, SortOrder};
use placements::model::search::Vocabulary;
use placements::model::{CommunityGroup, GroupId};
use placements::store::{GroupEdit, OpenMode, Store};
use placements::store::{SearchCache, find_groups};

fn names_found(store: &Store, search: &str) -> Vec<String> {
    let groups = store.group_summaries().unwrap();
    let vocabulary = Vocabulary::from_texts(groups.iter().map(|g| g.name.as_str()));
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
    shown.into_iter().map(|i| groups[i].name.clone()).collect()
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
