//! Calendar files read back by a real parser (Python's `icalendar`, installed by `.ci/run`), and
//! the mail merge read back as a spreadsheet would.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;

use common::{demo_file, run_in, scalar};
use placements::exchange::read_spreadsheet;

/// Every event of every `.ics` under `dir`, as the parser sees it: file → [(uid, start, end,
/// summary, status, location, description)], start and end in UTC ("2027-04-14T08:30:00Z") or a
/// date.
type Events = BTreeMap<String, Vec<BTreeMap<String, String>>>;

const READER: &str = r#"
import json, pathlib, sys, datetime
import icalendar
out = {}
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.ics")):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = []
    for e in cal.walk("VEVENT"):
        def when(key):
            v = e.decoded(key)
            if isinstance(v, datetime.datetime):
                return v.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            return v.isoformat()
        events.append({k: str(v) for k, v in {
            "uid": e.get("UID"), "start": when("DTSTART"), "end": when("DTEND"),
            "summary": e.get("SUMMARY"), "status": e.get("STATUS"),
            "location": e.get("LOCATION", ""), "description": e.get("DESCRIPTION", ""),
        }.items()})
    out[str(path.relative_to(sys.argv[1]))] = events
print(json.dumps(out))
"#;

fn read_calendars(dir: &Path) -> Events {
    let out = Command::new("python3").arg("-c").arg(READER).arg(dir).output().expect("python3");
    assert!(out.status.success(), "the parser refused a file: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the reader's JSON")
}

/// A demo file with one more placement: Junior doctors' Team 2 on Monday 15 March 2027 (before
/// the clocks change), pencilled, at an offer that starts at 09:30.
fn with_a_winter_day(dir: &Path) -> std::path::PathBuf {
    let file = demo_file(dir, "ics.placements", 200);
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute(
        "INSERT INTO placement (team_id, offer_id, day, status, created_at, updated_at) \
         SELECT t.id, (SELECT id FROM offer WHERE start_time = '09:30' ORDER BY id LIMIT 1), '2027-03-15', \
         'pencilled', '2026-11-02 09:00:00', '2026-11-02 09:00:00' \
         FROM team t JOIN cohort c ON c.id = t.cohort_id WHERE c.name = 'Junior doctors 2027' AND t.name = 'Team 2'",
        [],
    )
    .unwrap();
    file
}

/// Whether a day (from April to October; the demo's days are in spring) is in British Summer
/// Time, counted here by the rule rather than through the program's time zone data.
fn in_summer_time(day: &str) -> bool {
    use chrono::Datelike;
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let march_31 = chrono::NaiveDate::from_ymd_opt(day.year(), 3, 31).unwrap();
    let last_sunday = march_31 - chrono::Duration::days(i64::from(march_31.weekday().num_days_from_sunday()));
    let october_31 = chrono::NaiveDate::from_ymd_opt(day.year(), 10, 31).unwrap();
    let last_october_sunday =
        october_31 - chrono::Duration::days(i64::from(october_31.weekday().num_days_from_sunday()));
    day >= last_sunday && day < last_october_sunday
}

#[test]
fn every_calendar_file_reads_and_every_placement_is_there_once_at_the_right_time() {
    let dir = tempfile::tempdir().unwrap();
    let file = with_a_winter_day(dir.path());
    let out = dir.path().join("calendars");
    let (ok, said, err) = run_in(dir.path(), &["export", "ics", file.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(said.starts_with("wrote calendar files for "), "{said}");
    let events = read_calendars(&out);

    // Each team's file holds each of its live placements once, by a UID from the placement.
    let conn = rusqlite::Connection::open(&file).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT p.id, t.name, c.name, p.day, p.status, o.start_time FROM placement p \
             JOIN team t ON t.id = p.team_id JOIN cohort c ON c.id = t.cohort_id \
             LEFT JOIN offer o ON o.id = p.offer_id WHERE p.status <> 'cancelled'",
        )
        .unwrap();
    let rows: Vec<(i64, String, String, String, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(rows.len() > 10);
    for (id, team, cohort, day, status, start) in &rows {
        let team_file = &events[&format!("teams/{team} ({cohort}).ics")];
        let uid = format!("placement-{id}@community-placements");
        let found: Vec<_> = team_file.iter().filter(|e| e["uid"] == uid).collect();
        assert_eq!(found.len(), 1, "{uid} in {team}'s file");
        let event = found[0];
        assert_eq!(event["status"], if status == "pencilled" { "TENTATIVE" } else { "CONFIRMED" });
        match start {
            // UK time to UTC: an hour back in British Summer Time (from the last Sunday of March).
            Some(start) => {
                let (h, m) = (start[..2].parse::<u32>().unwrap(), &start[3..5]);
                let utc_hour = if in_summer_time(day) { h - 1 } else { h };
                assert_eq!(event["start"], format!("{day}T{utc_hour:02}:{m}:00Z"), "{team} on {day}");
            }
            // No activity yet: the whole day.
            None => assert_eq!(event["start"], *day),
        }
    }
    // The winter day: 09:30 GMT is 09:30 UTC.
    let winter = events["teams/Team 2 (Junior doctors 2027).ics"].iter().find(|e| e["start"].starts_with("2027-03-15"));
    assert_eq!(winter.map(|e| e["start"].as_str()), Some("2027-03-15T09:30:00Z"));
    assert!(events.keys().any(|k| k.starts_with("groups/")) && events.keys().any(|k| k.starts_with("participants/")));

    // Exporting again gives the same files, byte for byte: a calendar that imports them again
    // updates its events instead of doubling them.
    let again = dir.path().join("again");
    assert!(run_in(dir.path(), &["export", "ics", file.to_str().unwrap(), again.to_str().unwrap()]).0);
    for name in events.keys() {
        assert_eq!(std::fs::read(out.join(name)).unwrap(), std::fs::read(again.join(name)).unwrap(), "{name}");
    }
}

#[test]
fn a_participants_file_holds_only_their_days_and_a_groups_names_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let file = with_a_winter_day(dir.path());
    let out = dir.path().join("calendars");
    assert!(
        run_in(
            dir.path(),
            &["export", "ics", file.to_str().unwrap(), out.to_str().unwrap(), "--cohort", "Junior doctors 2027"]
        )
        .0
    );
    let events = read_calendars(&out);
    // A member of Team 2: only Team 2's days.
    let member: String = scalar(
        &file,
        "SELECT p.name FROM participant p JOIN team t ON t.id = p.team_id JOIN cohort c ON c.id = t.cohort_id \
         WHERE c.name = 'Junior doctors 2027' AND t.name = 'Team 2' ORDER BY p.name LIMIT 1",
    );
    let theirs = &events[&format!("participants/{member}.ics")];
    let team_2 = &events["teams/Team 2 (Junior doctors 2027).ics"];
    let uids = |e: &Vec<BTreeMap<String, String>>| e.iter().map(|e| e["uid"].clone()).collect::<HashSet<_>>();
    assert_eq!(uids(theirs), uids(team_2));
    assert_eq!(theirs.len(), 2, "the demo day and the winter day");
    // No Systems leaders in a Junior doctors export.
    assert!(events.keys().all(|k| !k.contains("Systems leaders")));
    // Host groups' files: no participant's name or phone anywhere.
    let conn = rusqlite::Connection::open(&file).unwrap();
    let mut stmt = conn.prepare("SELECT name, mobile FROM participant").unwrap();
    let people: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
    for (name, events) in events.iter().filter(|(k, _)| k.starts_with("groups/")) {
        let text = format!("{events:?}");
        for (person, mobile) in &people {
            assert!(!text.contains(person.as_str()), "{person} in {name}");
            assert!(mobile.is_empty() || !text.contains(mobile.as_str()), "{mobile} in {name}");
        }
        assert!(text.contains("People: "), "{text}");
    }
}

#[test]
fn the_mail_merge_has_a_row_per_participant_per_day_and_reads_back_in_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let file = with_a_winter_day(dir.path());
    let expected: i64 = scalar(
        &file,
        "SELECT count(*) FROM placement pl JOIN participant p ON p.team_id = pl.team_id WHERE pl.status <> 'cancelled'",
    );
    for name in ["merge.csv", "merge.xlsx"] {
        let out = dir.path().join(name);
        let (ok, said, err) =
            run_in(dir.path(), &["export", "mail-merge", file.to_str().unwrap(), out.to_str().unwrap()]);
        assert!(ok, "{err}");
        assert!(said.contains(&format!("({expected} rows)")), "{said}");
        let table = read_spreadsheet(&out, None).unwrap();
        assert_eq!(table.rows.len() as i64, expected, "{name}");
        for header in [
            "First name",
            "Full name",
            "Email",
            "Team-mates",
            "Date",
            "Date (YYYY-MM-DD)",
            "Start",
            "Group",
            "Meeting place",
            "Town",
            "Postcode",
            "Contact on the day",
            "What to bring",
            "Coordinator",
        ] {
            assert!(table.headers.iter().any(|h| h == header), "{header} in {name}");
        }
        let col = |h: &str| table.headers.iter().position(|x| x == h).unwrap();
        let winter = &table.rows.iter().find(|r| r.cells[col("Date (YYYY-MM-DD)")] == "2027-03-15").unwrap().cells;
        assert_eq!(winter[col("Date")], "Monday 15 March 2027");
        assert_eq!(winter[col("Start")], "09:30");
    }
    // For the groups: a row per placement with an activity, and no participant's name.
    let out = dir.path().join("groups.csv");
    assert!(
        run_in(dir.path(), &["export", "mail-merge", file.to_str().unwrap(), out.to_str().unwrap(), "--for", "groups"])
            .0
    );
    let table = read_spreadsheet(&out, None).unwrap();
    let with_offer: i64 =
        scalar(&file, "SELECT count(*) FROM placement WHERE status <> 'cancelled' AND offer_id IS NOT NULL");
    assert_eq!(table.rows.len() as i64, with_offer);
    assert!(!table.headers.iter().any(|h| h.contains("Mobile") || h == "Full name"));
}
