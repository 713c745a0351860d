//! Cohorts and participants in the file: a roster imported from a spreadsheet, records edited
//! and undone, and personal details removed so that they are gone from the file's bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use chrono::NaiveDate;
use common::{bytes, demo_file, dump, placements, scalar};
use placements::model::{DaySpan, Participant, ParticipantEdit, ParticipantFormField};
use placements::store::{OpenMode, Store};

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_roster_imports_into_a_new_cohort_and_the_same_people_are_not_added_twice() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "roster.placements", 20);
    // As Excel saves CSV on UK Windows: Windows-1252, so "Siobhán" is one byte 0xE1.
    let mut csv: Vec<u8> = Vec::new();
    csv.extend_from_slice(b"First name,Surname,Job title,Employer,Email,Mobile,Unavailable,Access needs\r\n");
    csv.extend_from_slice(b"Siobh\xe1n,Kelly,nurse,Blackpool Teaching Hospitals,s.kelly@example.org,07700 900111,12/04/2027; 19/04/2027 to 23/04/2027,Step-free access\r\n");
    csv.extend_from_slice(b"Tom,Reyes,paramedic,North West Ambulance Service,tom at example,07700 900112,,\r\n");
    csv.extend_from_slice(b",,manager,Blackpool Council,nobody@example.org,,,\r\n");
    csv.extend_from_slice(b"Priya,Shah,social worker,Blackpool Council,P.Shah@example.org,07700 900113,sometime,\r\n");
    let source = dir.path().join("roster.csv");
    std::fs::write(&source, &csv).unwrap();
    let args = [
        "import",
        "participants",
        file.to_str().unwrap(),
        source.to_str().unwrap(),
        "--cohort",
        "Systems leaders wave 1",
    ];
    let out = placements(&args, dir.path());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.trim().lines().last(), Some("imported 2, updated 0, skipped 0, errors 2"), "{text}");
    assert!(text.contains("line 3: kept as given: “tom at example”: This is not an email address"), "{text}");
    assert!(text.contains("line 4: not imported: A participant needs a name."), "{text}");
    assert!(text.contains("line 5: not imported: “sometime” is not a day or a range of days"), "{text}");

    let store = Store::open(&file, OpenMode::ReadOnly).unwrap();
    let cohort = store.cohort_named("systems leaders wave 1").unwrap().expect("the cohort was made");
    let people = store.participants(cohort.id).unwrap();
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Siobhán Kelly", "Tom Reyes"]);
    assert_eq!(people[0].organisation, "Blackpool Teaching Hospitals");
    assert_eq!(people[0].profession, "nurse", "an existing profession of the list is reused");
    let siobhan = store.participant(people[0].id).unwrap();
    let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    assert_eq!(
        siobhan.unavailable,
        [DaySpan { first: d(4, 12), last: d(4, 12) }, DaySpan { first: d(4, 19), last: d(4, 23) }]
    );
    assert_eq!(siobhan.access_needs, "Step-free access");
    drop(store);

    // The same sheet again: Siobhán and Tom are already there (same email), Priya still refused.
    let again = placements(&args, dir.path());
    let text = String::from_utf8_lossy(&again.stdout).to_string();
    assert_eq!(text.trim().lines().last(), Some("imported 0, updated 0, skipped 2, errors 2"), "{text}");
}

#[test]
fn editing_a_participant_undoes_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "edit-person.placements", 20);
    let id = placements::model::ParticipantId(scalar(&file, "SELECT min(id) FROM participant"));
    let before = dump(&file);
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let mut person: Participant = store.participant(id).unwrap();
    person.mobile = "07700 900999".into();
    person.emergency_contact_name = "Sam Jones".into();
    person.unavailable = vec![DaySpan {
        first: NaiveDate::from_ymd_opt(2027, 4, 5).unwrap(),
        last: NaiveDate::from_ymd_opt(2027, 4, 9).unwrap(),
    }];
    let change = store.update_participant(id, &ParticipantEdit::check(person.clone()).unwrap()).unwrap();
    assert_eq!(store.participant(id).unwrap(), person);
    store.undo(&change).unwrap();
    drop(store);
    assert_eq!(dump(&file), before);

    let mut bad = person;
    bad.email = "not an email".into();
    let problems = ParticipantEdit::check(bad).unwrap_err();
    assert_eq!(problems.iter().map(|p| p.field).collect::<Vec<_>>(), [ParticipantFormField::Email]);
}

#[test]
fn removing_personal_data_leaves_none_of_it_in_the_files_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "forget.placements", 20);
    let cohort = placements::model::CohortId(scalar(&file, "SELECT id FROM cohort WHERE name LIKE 'Junior%'"));
    let id = placements::model::ParticipantId(scalar(
        &file,
        &format!("SELECT min(id) FROM participant WHERE cohort_id = {}", cohort.0),
    ));
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let mut person = store.participant(id).unwrap();
    person.name = "Zebedee Quartermaine".into();
    person.email = "zebedee.quartermaine@example.org".into();
    person.mobile = "07700 900777".into();
    person.access_needs = "Needs a hearing loop at every venue".into();
    person.emergency_contact_name = "Marigold Quartermaine".into();
    person.emergency_contact_phone = "07700 900778".into();
    person.unavailable = vec![DaySpan {
        first: NaiveDate::from_ymd_opt(2027, 4, 26).unwrap(),
        last: NaiveDate::from_ymd_opt(2027, 4, 30).unwrap(),
    }];
    store.update_participant(id, &ParticipantEdit::check(person).unwrap()).unwrap();
    // Their feedback on their team's day: the words go, the ratings stay (unnamed) for the counts.
    let day = store.placement_summaries().unwrap().into_iter().find(|p| p.cohort == cohort).unwrap();
    let member = store.participants(cohort).unwrap().into_iter().find(|m| m.team == Some(day.team)).unwrap().id;
    let feedback = placements::model::outcomes::Feedback {
        participant: Some(member),
        ratings: [(placements::model::PracticeId(1), 4), (placements::model::PracticeId(4), 5)].into(),
        learnt: "Quillon taught me to ask the allotment first".into(),
        differently: "Bring Quillon's spare wellies".into(),
        given_on: NaiveDate::from_ymd_opt(2027, 4, 20),
    };
    store.save_outcome(day.id, None, &[feedback]).unwrap();
    drop(store);
    let secrets = [
        "Quillon taught me",
        "Quillon's spare wellies",
        "Zebedee Quartermaine",
        "zebedee.quartermaine@example.org",
        "07700 900777",
        "Needs a hearing loop",
        "Marigold Quartermaine",
        "07700 900778",
        "2027-04-26",
    ];
    let before = bytes(&file);
    for secret in secrets {
        assert!(contains(&before, secret), "the test's details are in the file before: {secret}");
    }
    let people_before: i64 = scalar(&file, "SELECT count(*) FROM participant");

    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    let (removed, _) = store.remove_personal_data(cohort, placements::store::KeepNames::No).unwrap();
    assert_eq!(removed.participants, 24);
    drop(store);
    let after = bytes(&file);
    for secret in secrets {
        assert!(!contains(&after, secret), "“{secret}” is still in the file's bytes");
    }
    assert_eq!(scalar::<i64>(&file, "SELECT count(*) FROM participant"), people_before, "counts are kept");
    // The feedback is kept for the counts: unnamed, its ratings whole.
    assert_eq!(
        scalar::<i64>(&file, &format!("SELECT count(*) FROM participant_feedback WHERE participant_id = {}", member.0)),
        0
    );
    let kept: String = scalar(
        &file,
        &format!(
            "SELECT group_concat(r.practice_id || '=' || r.rating, ' ') FROM participant_feedback f \
             JOIN feedback_rating r ON r.feedback_id = f.id WHERE f.placement_id = {} AND f.participant_id IS NULL \
             AND f.learnt = '' AND f.differently = ''",
            day.id.0
        ),
    );
    assert_eq!(kept, "1=4 4=5");
    assert_eq!(
        scalar::<i64>(
            &file,
            &format!("SELECT count(*) FROM participant WHERE cohort_id = {} AND email = ''", cohort.0)
        ),
        24
    );
    let name: String = scalar(&file, &format!("SELECT name FROM participant WHERE id = {}", id.0));
    assert!(name.starts_with("Participant "), "{name}");
    let removed_on: String =
        scalar(&file, &format!("SELECT personal_data_removed_on FROM cohort WHERE id = {}", cohort.0));
    assert_eq!(removed_on, chrono::Local::now().date_naive().format("%Y-%m-%d").to_string());
}

#[test]
fn a_file_from_before_step_four_is_upgraded_with_its_people_intact() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "old-people.placements", 20);
    let before: i64 = scalar(&file, "SELECT count(*) FROM participant");
    common::downgrade(&file, 3);
    let store = Store::open(&file, OpenMode::Edit).unwrap();
    assert_eq!(store.schema_version().unwrap(), placements::store::SCHEMA_VERSION);
    assert_eq!(store.counts().unwrap().participants as i64, before);
    let professions: Vec<String> = store.professions().unwrap().into_iter().map(|p| p.name).collect();
    for usual in ["consultant", "GP", "paramedic", "public health", "social worker"] {
        assert!(professions.iter().any(|p| p.eq_ignore_ascii_case(usual)), "{usual} in {professions:?}");
    }
    assert!(store.cohorts().unwrap().iter().all(|c| c.personal_data_removed_on.is_none()));
}
