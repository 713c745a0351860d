//! Offers in the file: saving the whole record, undo and redo, deleting, the list's facts, and an
//! older file brought up to date.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::{demo_file, dump, scalar};
use placements::model::availability::is_available;
use placements::model::{GroupId, Offer, OfferEdit, OfferFormField, OfferStatus, PracticeId};
use placements::store::{OpenMode, Store};

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
    let placed: i64 = scalar(&file, "SELECT offer_id FROM placement WHERE offer_id IS NOT NULL ORDER BY id LIMIT 1");
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
    let fields: Vec<OfferFormField> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [OfferFormField::Title, OfferFormField::FinishTime, OfferFormField::TeamSizeMax, OfferFormField::Capacity]
    );
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
    common::downgrade(&file, 2);
    let store = Store::open(&file, OpenMode::Edit).unwrap();
    assert_eq!(store.schema_version().unwrap(), placements::store::SCHEMA_VERSION);
    let summaries = store.offer_summaries().unwrap();
    let mut titles: Vec<(i64, String)> = summaries.iter().map(|s| (s.id.0, s.title.clone())).collect();
    titles.sort();
    assert_eq!(titles.into_iter().map(|(_, t)| t).collect::<Vec<_>>(), titles_before);
    assert!(summaries.iter().all(|s| s.practises.is_empty() && s.when.blackout_dates.is_empty()));
    assert_eq!(store.practices().unwrap().len(), 4);
}

/// Two groups of the demo directory: (name, charity number) of the first with a charity number,
/// and the name of another.
fn two_groups(file: &std::path::Path) -> ((String, String), String) {
    let conn = rusqlite::Connection::open(file).unwrap();
    let with_number: (String, String) = conn
        .query_row(
            "SELECT name, charity_number FROM community_group WHERE charity_number <> '' AND NOT archived
             ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let other: String = conn
        .query_row(
            "SELECT name FROM community_group WHERE name <> ?1 AND charity_number = '' AND NOT archived AND name NOT IN
                (SELECT name FROM community_group GROUP BY name HAVING count(*) > 1) ORDER BY id LIMIT 1",
            [&with_number.0],
            |r| r.get(0),
        )
        .unwrap();
    (with_number, other)
}

#[test]
fn offers_import_from_a_spreadsheet_matched_to_groups_with_unmatched_rows_listed() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "import-offers.placements", 40);
    let ((numbered, number), named) = two_groups(&file);
    let before: i64 = scalar(&file, "SELECT count(*) FROM offer");
    let csv = format!(
        "Group,Charity number,Offer title,What you will do,From,To,Days,Start,Finish,Team size,Places,Practices,Blackout dates,DBS,Status\r\n\
         \"{}\",,Spring clean,\"Clear the yard, paint the gate\",05/04/2027,30/04/2027,Tuesdays and Thursdays,9am,3.30pm,3-5,2,\"Working well together as a team; Listening to residents\",13/04/2027,yes,confirmed\r\n\
         Not The Same Words,{number},Bake sale,Bake and sell,2027-05-04,2027-05-28,Mon-Fri,10:00,14:00,4,1,,,no,\r\n\
         Nobody's Club,,Tea party,,05/04/2027,30/04/2027,weekdays,10:00,12:00,3-6,1,,,,\r\n\
         \"{named}\",,Backwards day,,05/04/2027,30/04/2027,weekdays,15:00,10:00,3-6,1,,,,\r\n\
         \"{named}\",,Someday,,sometime,30/04/2027,weekdays,10:00,12:00,3-6,1,,,,\r\n",
        named.to_uppercase()
    );
    let source = dir.path().join("offers.csv");
    std::fs::write(&source, &csv).unwrap();
    let out = common::placements(&["import", "offers", file.to_str().unwrap(), source.to_str().unwrap()], dir.path());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.trim().lines().last(), Some("imported 2, updated 0, skipped 0, errors 3"), "{text}");
    assert!(text.contains("line 4: not imported: no group in the directory is called “Nobody's Club”"), "{text}");
    assert!(text.contains("line 5: not imported: Finish: the day must finish after it starts"), "{text}");
    assert!(text.contains("line 6: not imported: From: “sometime” is not a date"), "{text}");
    assert!(text.contains("“Listening to residents” will be added to the list of practices"), "{text}");
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM offer"), before + 2);

    let store = Store::open(&file, OpenMode::ReadOnly).unwrap();
    let summaries = store.offer_summaries().unwrap();
    let spring = summaries.iter().find(|s| s.title == "Spring clean").unwrap();
    assert_eq!(spring.group_name, named.clone());
    let spring = store.offer(spring.id).unwrap();
    assert_eq!(spring.when.weekdays.0, 0b000_1010);
    assert_eq!(spring.when.blackout_dates, [d(4, 13)]);
    assert_eq!((spring.start_time.to_string(), spring.finish_time.to_string()), ("09:00:00".into(), "15:30:00".into()));
    assert_eq!((spring.team_size_min, spring.team_size_max, spring.capacity), (3, 5, 2));
    assert!(spring.dbs_required);
    assert_eq!(spring.status, OfferStatus::Confirmed);
    let practice_names: Vec<String> =
        store.practices().unwrap().into_iter().filter(|p| spring.practises.contains(&p.id)).map(|p| p.name).collect();
    assert_eq!(practice_names, ["Working well together as a team", "Listening to residents"]);
    let bake = summaries.iter().find(|s| s.title == "Bake sale").unwrap();
    assert_eq!(bake.group_name, numbered, "matched by charity number, whatever the name says");
    assert_eq!(bake.status, OfferStatus::Offered);
    drop(store);

    // The same sheet again: both offers are already there and are skipped.
    let again = common::placements(&["import", "offers", file.to_str().unwrap(), source.to_str().unwrap()], dir.path());
    let text = String::from_utf8_lossy(&again.stdout).to_string();
    assert_eq!(text.trim().lines().last(), Some("imported 0, updated 0, skipped 2, errors 3"), "{text}");
}

#[test]
fn offers_import_from_an_excel_workbook_with_date_and_time_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "xlsx-offers.placements", 40);
    let (_, named) = two_groups(&file);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let time = Format::new().set_num_format("hh:mm");
    for (col, header) in ["Group", "Title", "First day", "Last day", "Start time", "Finish time"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, &named).unwrap();
    sheet.write_string(1, 1, "Allotment open day").unwrap();
    sheet.write_date_with_format(1, 2, ExcelDateTime::from_ymd(2027, 4, 12).unwrap(), &date).unwrap();
    sheet.write_date_with_format(1, 3, ExcelDateTime::from_ymd(2027, 5, 21).unwrap(), &date).unwrap();
    sheet.write_datetime_with_format(1, 4, ExcelDateTime::from_hms(9, 15, 0).unwrap(), &time).unwrap();
    sheet.write_datetime_with_format(1, 5, ExcelDateTime::from_hms(16, 45, 0).unwrap(), &time).unwrap();
    let source = dir.path().join("offers.xlsx");
    workbook.save(&source).unwrap();

    let out = common::placements(&["import", "offers", file.to_str().unwrap(), source.to_str().unwrap()], dir.path());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(text.trim().lines().last(), Some("imported 1, updated 0, skipped 0, errors 0"), "{text}");
    let store = Store::open(&file, OpenMode::ReadOnly).unwrap();
    let id = store.offer_summaries().unwrap().into_iter().find(|s| s.title == "Allotment open day").unwrap().id;
    let offer = store.offer(id).unwrap();
    assert_eq!((offer.when.first_date, offer.when.last_date), (d(4, 12), d(5, 21)));
    assert_eq!(offer.start_time, NaiveTime::from_hms_opt(9, 15, 0).unwrap());
    assert_eq!(offer.finish_time, NaiveTime::from_hms_opt(16, 45, 0).unwrap());
}

/// Asking groups for offers: a letter to each with the reply to fill in, the same as a mail
/// merge, and a form's questions; a Microsoft Forms export of that form imports as it comes.
#[test]
fn asking_for_offers_writes_letters_a_merge_and_a_form_whose_export_imports_as_it_comes() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "ask.placements", 40);
    let f = file.to_str().unwrap();
    let ((numbered, number), named) = two_groups(&file);
    let run = |args: &[&str]| {
        let out = common::placements(args, dir.path());
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let pdf = dir.path().join("letters.pdf");
    let said = run(&["ask-for-offers", f, "-o", pdf.to_str().unwrap(), "--group", &numbered, "--group", &named]);
    assert!(said.contains("2 letters (2 pages)"), "{said}");
    common::assert_sound(&pdf);
    let text = common::text_of(&pdf, None);
    for words in [numbered.as_str(), named.as_str(), number.as_str(), "Dates available", "Meeting place", "Postcode"] {
        assert!(text.contains(words), "{words} missing from {text}");
    }
    // Between the coming programme's first and last day (the demo's cohorts' window), and no
    // participant named: the file's people are nowhere in it.
    assert!(text.contains("between Thursday 1 April 2027 and Monday 31 May 2027"), "{text}");
    let people: Vec<String> = {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let mut stmt = conn.prepare("SELECT name FROM participant").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    assert!(people.iter().all(|p| !text.contains(p.as_str())));

    let merge = dir.path().join("merge.xlsx");
    run(&["ask-for-offers", f, "-o", merge.to_str().unwrap()]);
    let table = placements::exchange::read_spreadsheet(&merge, None).unwrap();
    assert_eq!(table.headers, placements::exchange::offer_request::MERGE_HEADERS);
    let running: i64 = scalar(&file, "SELECT count(*) FROM community_group WHERE NOT archived AND status <> 'closed'");
    assert_eq!(table.rows.len() as i64, running);

    let form = dir.path().join("form.txt");
    run(&["ask-for-offers", f, "-o", form.to_str().unwrap()]);
    let questions = std::fs::read_to_string(&form).unwrap();
    for c in placements::exchange::offer_request::REPLY_COLUMNS {
        assert!(questions.contains(&format!(". {}\r\n", c.title)), "{} missing from {questions}", c.title);
    }

    // Microsoft Forms' Excel export of that form, saved as CSV: its own columns first.
    let export = dir.path().join("Offers form.csv");
    std::fs::write(
        &export,
        format!(
            "ID,Start time,Completion time,Email,Name,Last modified time,Group,Charity no.,Activity,What the team will do,\
             Dates available,Days,Times,Team size,How many teams can you host?,Contact on the day,Meeting place,Postcode\r\n\
             1,4/1/27 9:02:11,4/1/27 9:10:40,anonymous,,,\"{named}\",,Litter pick,Clear the beach,19 April 2027 to 21 May 2027,\
             Tuesdays and Thursdays,9.30am - 3.30pm,4-6,3,Sam Reed 07700 900456,\"Lifeboat station, The Promenade\",FY7 6AB\r\n"
        ),
    )
    .unwrap();
    let said = run(&["import", "offers", f, export.to_str().unwrap()]);
    assert!(said.contains("imported 1, updated 0, skipped 0, errors 0"), "{said}");
    assert!(
        said.contains("columns not imported: ID, Start time, Completion time, Email, Name, Last modified time"),
        "{said}"
    );
    let store = Store::open(&file, OpenMode::ReadOnly).unwrap();
    let id = store.offer_summaries().unwrap().into_iter().find(|o| o.title == "Litter pick").unwrap().id;
    let offer = store.offer(id).unwrap();
    assert_eq!((offer.when.first_date, offer.when.last_date), (d(4, 19), d(5, 21)));
    assert_eq!(offer.when.weekdays.0, 0b000_1010);
    assert_eq!(
        (offer.start_time, offer.finish_time),
        (NaiveTime::from_hms_opt(9, 30, 0).unwrap(), NaiveTime::from_hms_opt(15, 30, 0).unwrap())
    );
    assert_eq!((offer.team_size_min, offer.team_size_max, offer.capacity), (4, 6, 3));
    assert_eq!((offer.day_contact_name.as_str(), offer.day_contact_phone.as_str()), ("Sam Reed", "07700 900456"));
    assert_eq!(offer.meeting_place.one_line(), "Lifeboat station, The Promenade, FY7 6AB");
}
