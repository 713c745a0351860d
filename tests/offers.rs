//! Offers in the file: saving the whole record, undo and redo, deleting, the list's facts, and an
//! older file brought up to date.

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::{demo_file, dump, scalar};
use placements::model::availability::is_available;
use placements::model::{GroupId, Offer, OfferStatus, PracticeId};
use placements::store::{OfferEdit, OpenMode, Store};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, day).unwrap()
}

fn full_offer(group: GroupId) -> Offer {
    let mut offer = Offer::new_draft(group, d(4, 5));
    offer.title = "Paint the scout hut".into();
    offer.activity = "Prepare and paint the main hall in a day.".into();
    offer.group_gains = "A fresh hall for the summer fair.".into();
    offer.travel = "Car park behind the hall; bus 14 stops outside.".into();
    offer.site_access = "Step-free entrance; accessible toilet.".into();
    offer.when.extra_dates = vec![d(5, 8)];
    offer.when.blackout_dates = vec![d(4, 14), d(4, 7)];
    offer.start_time = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    offer.finish_time = NaiveTime::from_hms_opt(15, 30, 0).unwrap();
    offer.team_size_min = 4;
    offer.team_size_max = 5;
    offer.capacity = 3;
    offer.practises = vec![PracticeId(3), PracticeId(1)];
    offer.tags = vec!["painting".into(), " outdoors ".into(), "Painting".into()];
    offer.dbs_required = true;
    offer.outdoor_clothing = true;
    offer.what_to_bring = "Old clothes".into();
    offer.requirements = "Under-18s on site in the evening only.".into();
    offer.day_contact_name = "Siobhán Kelly".into();
    offer.day_contact_phone = "07700 900123".into();
    offer.status = OfferStatus::Confirmed;
    offer
}

#[test]
fn an_offer_is_saved_whole_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "offers.placements", 40);
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let offer = full_offer(GroupId(3));
    let (id, _) = store.add_offer(&OfferEdit::check(offer.clone()).unwrap()).unwrap();
    drop(store);

    let store = Store::open(&file, OpenMode::ReadOnly).unwrap();
    let back = store.offer(id).unwrap();
    // Days come back sorted, tags without blanks or repeats, practices in the list's order.
    let mut expected = offer;
    expected.when.blackout_dates = vec![d(4, 7), d(4, 14)];
    expected.tags = vec!["painting".into(), "outdoors".into()];
    expected.practises = vec![PracticeId(1), PracticeId(3)];
    assert_eq!(back, expected);
    assert_eq!(
        is_available(&back.when, d(4, 14)).map_err(|w| w.explanation()),
        Err("the group cannot host that day".into())
    );
    assert!(is_available(&back.when, d(5, 8)).is_ok(), "the extra Saturday");

    let summary = store.offer_summaries().unwrap().into_iter().find(|s| s.id == id).unwrap();
    assert_eq!(summary.group, GroupId(3));
    assert_eq!((summary.capacity, summary.placed, summary.capacity_left()), (3, 0, 3));
    assert_eq!(summary.when, back.when);
}

#[test]
fn editing_an_offer_undoes_and_redoes_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "undo.placements", 40);
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let (id, added) = store.add_offer(&OfferEdit::check(full_offer(GroupId(2))).unwrap()).unwrap();
    drop(store);
    let after_add = dump(&file);

    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let mut changed = store.offer(id).unwrap();
    changed.title = "Paint the scout hut and fence".into();
    changed.when.blackout_dates = vec![d(4, 8)];
    changed.when.extra_dates.clear();
    changed.practises = vec![PracticeId(2)];
    let edit = store.update_offer(id, &OfferEdit::check(changed.clone()).unwrap()).unwrap();
    assert_eq!(store.offer(id).unwrap().when.blackout_dates, [d(4, 8)]);
    store.undo(&edit).unwrap();
    drop(store);
    assert_eq!(dump(&file), after_add, "undo puts every row back, days and practices included");

    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    store.redo(&edit).unwrap();
    assert_eq!(store.offer(id).unwrap().title, changed.title);
    store.undo(&edit).unwrap();
    store.undo(&added).unwrap();
    assert!(store.offer(id).is_err(), "undoing the add removes the offer");
    drop(store);
    assert_eq!(scalar::<i64>(&file, &format!("SELECT count(*) FROM offer_day WHERE offer_id = {}", id.0)), 0);
    assert_eq!(scalar::<i64>(&file, &format!("SELECT count(*) FROM offer_practice WHERE offer_id = {}", id.0)), 0);
}

#[test]
fn an_offer_with_teams_placed_is_kept_and_one_without_can_go() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "delete.placements", 40);
    let placed: i64 = scalar(&file, "SELECT offer_id FROM placement LIMIT 1");
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let refused = store.delete_offer(placed_id(placed)).unwrap_err().to_string();
    assert!(refused.contains("Withdrawn"), "{refused}");
    assert!(store.offer(placed_id(placed)).is_ok());

    let (id, _) = store.add_offer(&OfferEdit::check(full_offer(GroupId(5))).unwrap()).unwrap();
    let before = store.counts().unwrap().offers;
    let deleted = store.delete_offer(id).unwrap();
    assert_eq!(store.counts().unwrap().offers, before - 1);
    store.undo(&deleted).unwrap();
    assert_eq!(store.offer(id).unwrap().when.extra_dates, [d(5, 8)], "undo brings back the offer with its days");
}

fn placed_id(id: i64) -> placements::model::OfferId {
    placements::model::OfferId(id)
}

#[test]
fn a_bad_offer_is_refused_with_each_reason_and_not_saved() {
    let mut offer = full_offer(GroupId(1));
    offer.title = "  ".into();
    offer.finish_time = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    offer.team_size_min = 6;
    offer.capacity = 0;
    let problems = OfferEdit::check(offer).unwrap_err();
    let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
    assert_eq!(fields, ["title", "finish_time", "team_size_max", "capacity"]);
}

#[test]
fn practices_start_with_the_programme_list_and_can_be_added_and_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "practices.placements", 20);
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let names: Vec<String> = store.practices().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        [
            "Working across organisational boundaries",
            "Planning time and finishing by the end of the day",
            "Building relationships with the local community",
            "Working well together as a team"
        ]
    );
    store.add_practice("Holding a difficult conversation").unwrap();
    let renamed = store.rename_practice(PracticeId(4), "Working as one team").unwrap();
    let names: Vec<String> = store.practices().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(names[3], "Working as one team");
    assert_eq!(names[4], "Holding a difficult conversation");
    store.undo(&renamed).unwrap();
    assert_eq!(store.practices().unwrap()[3].name, "Working well together as a team");
    assert!(store.add_practice("working well together as a team").is_err(), "names are unique, any case");
}

#[test]
fn a_file_from_before_offers_grew_is_upgraded_with_its_offers_intact() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "old.placements", 30);
    let titles_before: Vec<String> = {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let mut stmt = conn.prepare("SELECT title FROM offer ORDER BY id").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    // Take the file back to format version 2.
    rusqlite::Connection::open(&file)
        .unwrap()
        .execute_batch(
            "DROP TABLE offer_practice; DROP TABLE practice; DROP TABLE offer_day;
             ALTER TABLE offer DROP COLUMN travel; ALTER TABLE offer DROP COLUMN site_access;
             ALTER TABLE offer DROP COLUMN weekends_allowed; ALTER TABLE offer DROP COLUMN bank_holidays_allowed;
             ALTER TABLE offer DROP COLUMN dbs_required; ALTER TABLE offer DROP COLUMN outdoor_clothing;
             ALTER TABLE offer DROP COLUMN what_to_bring; ALTER TABLE offer DROP COLUMN tags;
             PRAGMA user_version = 2;",
        )
        .unwrap();
    let store = Store::open(&file, OpenMode::Edit).unwrap();
    assert_eq!(store.schema_version().unwrap(), placements::store::SCHEMA_VERSION);
    let summaries = store.offer_summaries().unwrap();
    let mut titles: Vec<(i64, String)> = summaries.iter().map(|s| (s.id.0, s.title.clone())).collect();
    titles.sort();
    assert_eq!(titles.into_iter().map(|(_, t)| t).collect::<Vec<_>>(), titles_before);
    assert!(summaries.iter().all(|s| s.practises.is_empty() && s.when.blackout_dates.is_empty()));
    assert_eq!(store.practices().unwrap().len(), 4);
}
