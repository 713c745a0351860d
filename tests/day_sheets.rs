//! Printed documents, read back as a printer and a reader would: `qpdf --check`, `pdffonts`
//! (every font embedded), `pdftotext` (every name exactly, headers repeated, the page count),
//! `pdfinfo` (landscape for the wall chart).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::path::{Path, PathBuf};

use common::{assert_sound, demo_file, pages_of, run_in, scalar, text_of, tool};

/// The names a UK roster holds that a poor font or a careless layout loses.
const NAMES: [&str; 5] = ["Siobhán Ó Dálaigh", "Zoë Brontë", "Łukasz Wróbel", "Nguyễn Thị Hà", "Oluwaseun Adébáyọ̀"];

/// Junior doctors' Team 1 with the five names (Zoë's typed with a separate accent, as a Mac may
/// save it), on its demo day, and that day.
fn names_on_team_1(dir: &Path) -> (PathBuf, String) {
    let file = demo_file(dir, "print.placements", 200);
    let conn = rusqlite::Connection::open(&file).unwrap();
    let team: i64 = conn
        .query_row(
            "SELECT t.id FROM team t JOIN cohort c ON c.id = t.cohort_id \
             WHERE c.name = 'Junior doctors 2027' AND t.name = 'Team 1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM participant WHERE team_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([team], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids.len(), 4);
    let typed = ["Siobhán Ó Dálaigh", "Zoe\u{308} Bronte\u{308}", "Łukasz Wróbel", "Nguyễn Thị Hà"];
    for (id, name) in ids.iter().zip(typed) {
        conn.execute("UPDATE participant SET name = ?1 WHERE id = ?2", rusqlite::params![name, id]).unwrap();
    }
    // A fifth member.
    conn.execute(
        "INSERT INTO participant (cohort_id, team_id, name, mobile, emergency_contact_name, emergency_contact_phone, \
         access_needs, created_at, updated_at) SELECT cohort_id, ?1, 'Oluwaseun Adébáyọ̀', '07700 900999', \
         'Bola Adébáyọ̀', '07700 900998', 'Uses a wheelchair', '2026-01-01', '2026-01-01' FROM team WHERE id = ?1",
        [team],
    )
    .unwrap();
    let day: String = conn
        .query_row("SELECT day FROM placement WHERE team_id = ?1 AND status <> 'cancelled'", [team], |r| r.get(0))
        .unwrap();
    (file, day)
}

#[test]
fn a_days_sheets_print_every_name_exactly_with_every_font_embedded() {
    let dir = tempfile::tempdir().unwrap();
    let (file, day) = names_on_team_1(dir.path());
    let teams_out: i64 =
        scalar(&file, &format!("SELECT count(*) FROM placement WHERE day = '{day}' AND status <> 'cancelled'"));
    let pdf = dir.path().join("day.pdf");
    let (ok, out, err) =
        run_in(dir.path(), &["day-sheets", file.to_str().unwrap(), "--date", &day, "-o", pdf.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_sound(&pdf);
    // An overview, then a page for each team out (none of them long).
    assert_eq!(pages_of(&pdf), 1 + teams_out as usize);
    assert_eq!(out.trim(), format!("wrote {} ({} pages)", pdf.display(), 1 + teams_out));
    let text = text_of(&pdf, None);
    for name in NAMES {
        assert!(text.contains(name), "{name} is missing from:\n{text}");
    }
    assert!(!text.contains("Zoe\u{308}"), "the name typed with a separate accent is printed composed");
    // Every page says it holds personal data, and which page of how many it is.
    for page in 1..=pages_of(&pdf) {
        let words = text_of(&pdf, Some(page));
        assert!(words.contains("Contains personal data: keep safe, shred after use."), "page {page}");
        assert!(words.contains(&format!("Page {page} of {}", 1 + teams_out)), "page {page}: {words}");
    }
    // Team 1's sheet: its day in full, its mobile and emergency contact.
    assert!(text.contains("07700 900999") && text.contains("Bola Adébáyọ̀"), "{text}");
}

#[test]
fn a_long_team_runs_onto_a_second_page_with_the_table_header_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = names_on_team_1(dir.path());
    let conn = rusqlite::Connection::open(&file).unwrap();
    for i in 0..30 {
        conn.execute(
            "INSERT INTO participant (cohort_id, team_id, name, created_at, updated_at) \
             SELECT cohort_id, team_id, ?1, '2026-01-01', '2026-01-01' FROM participant WHERE name = 'Łukasz Wróbel'",
            [format!("Extra Member {i:02}")],
        )
        .unwrap();
    }
    drop(conn);
    let pdf = dir.path().join("team.pdf");
    let (ok, _, err) = run_in(
        dir.path(),
        &[
            "day-sheets",
            file.to_str().unwrap(),
            "--team",
            "Team 1",
            "--cohort",
            "Junior doctors 2027",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert_sound(&pdf);
    let pages = pages_of(&pdf);
    assert!(pages >= 2, "{pages}");
    // Both tables run over a page break (35 people): each header is on every page the table is.
    let on_pages = |words: &str| (1..=pages).filter(|p| text_of(&pdf, Some(*p)).contains(words)).count();
    assert!(on_pages("Profession and organisation") >= 2, "the team table's header is repeated");
    assert!(on_pages("Time in Time out Signature") >= 2, "the sign-in table's header is repeated");
    let text = text_of(&pdf, None);
    for i in 0..30 {
        let name = format!("Extra Member {i:02}");
        // In the team table and the sign-in table: nothing cut off.
        assert_eq!(text.matches(&name).count(), 2, "{name}");
    }
}

#[test]
fn a_host_groups_letter_names_its_visits_and_nobodys_phone() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = names_on_team_1(dir.path());
    let group: String = scalar(
        &file,
        "SELECT g.name FROM placement p JOIN team t ON t.id = p.team_id JOIN offer o ON o.id = p.offer_id \
         JOIN community_group g ON g.id = o.group_id JOIN cohort c ON c.id = t.cohort_id \
         WHERE c.name = 'Junior doctors 2027' AND t.name = 'Team 1'",
    );
    let pdf = dir.path().join("letter.pdf");
    let (ok, _, err) =
        run_in(dir.path(), &["day-sheets", file.to_str().unwrap(), "--group", &group, "-o", pdf.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_sound(&pdf);
    let text = text_of(&pdf, None);
    assert!(text.contains(&group) && text.contains("Team 1 (Junior doctors 2027)"), "{text}");
    assert!(text.contains("Uses a wheelchair"), "the access needs the group must plan for: {text}");
    assert!(!text.contains("Contains personal data"), "{text}");
    // No participant's name, mobile or emergency contact.
    let conn = rusqlite::Connection::open(&file).unwrap();
    let mut stmt = conn.prepare("SELECT name, mobile, emergency_contact_phone FROM participant").unwrap();
    let people: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap();
    for (name, mobile, emergency) in people {
        assert!(!text.contains(&name), "{name} is named in the letter");
        for phone in [mobile, emergency].iter().filter(|p| !p.is_empty()) {
            assert!(!text.contains(phone.as_str()), "{phone} is in the letter");
        }
    }
}

#[test]
fn the_programme_prints_as_a_landscape_wall_chart_with_its_clash_marked() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "chart.placements", 200);
    let pdf = dir.path().join("programme.pdf");
    let (ok, _, err) = run_in(
        dir.path(),
        &[
            "day-sheets",
            file.to_str().unwrap(),
            "--programme",
            "--cohort",
            "Systems leaders 2027",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert_sound(&pdf);
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let size = info.lines().find_map(|l| l.strip_prefix("Page size:")).map(str::trim);
    assert_eq!(size, Some("841.89 x 595.276 pts (A4)"), "landscape A4: {info}");
    let text = text_of(&pdf, None);
    assert!(text.contains("Systems leaders 2027: the programme"), "{text}");
    assert!(text.contains("CLASH"), "the demo's clash is marked: {text}");
    // Every live placement of the cohort is on it, by team name; cancelled ones are not.
    let live: i64 = scalar(
        &file,
        "SELECT count(*) FROM placement p JOIN team t ON t.id = p.team_id JOIN cohort c ON c.id = t.cohort_id \
         WHERE c.name = 'Systems leaders 2027' AND p.status <> 'cancelled'",
    );
    let teams_on_chart = text.matches("Team ").count() as i64;
    assert_eq!(teams_on_chart, live, "{text}");
}

#[test]
fn nothing_to_print_is_one_line_and_exit_1_and_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "empty.placements", 60);
    let pdf = dir.path().join("none.pdf");
    let (ok, out, err) = run_in(
        dir.path(),
        &["day-sheets", file.to_str().unwrap(), "--date", "2027-12-25", "-o", pdf.to_str().unwrap()],
    );
    assert!(!ok && out.is_empty());
    assert_eq!(err.trim(), "placements: No team is out on Saturday 25 December 2027: there is nothing to print.");
    assert!(!pdf.exists());
    let (ok, _, err) = run_in(dir.path(), &["day-sheets", file.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    assert!(!ok && err.lines().count() == 1 && err.contains("say what to print"), "{err}");
}

/// The safety fault of issue 22: a day sheet printed an offer's address with its group's
/// registered-office postcode, sending a team to the wrong place. From a blank file, through the
/// command line as a coordinator would: every "Meet at" is the offer's own place with the
/// postcode its offer gave, the group's office postcode is printed nowhere on a team's sheet,
/// and an offer with no postcode prints what it has, flagged, and is a warning in `check`.
#[test]
fn meet_at_is_the_offers_own_place_never_the_groups_office_postcode() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let (ok, out, err) = run_in(dir.path(), args);
        assert!(ok, "{args:?}: {err}{out}");
        out
    };
    let file = dir.path().join("own.placements");
    let f = file.to_str().unwrap();
    run(&["new", f]);
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let groups = write(
        "register.csv",
        "registered_charity_number,charity_name,charity_contact_address,charity_contact_postcode\n\
         1100001,FRIENDS OF LONGFORD PARK LIMITED,\"Trafford Town Hall, Talbot Road, Stretford\",M32 9BY\n",
    );
    run(&["import", "groups", f, &groups]);
    let offers = write(
        "offers.csv",
        "Group,Charity no.,Activity,What the team will do,Dates available,Days,Times,Team size,How many teams can you host?,Contact on the day,Meeting place,Postcode\n\
         Friends of Longford Park,,Park clean-up,Clear the paths,12/04/2027 - 28/05/2027,Mon-Fri,10am-4pm,3-6,2,Jo Bloggs 07700 900123,\"Longford Park, Edge Lane, Stretford\",M32 8PX\n\
         Friends of Longford Park,,Bulb planting,Plant bulbs,12/04/2027 - 28/05/2027,Mon-Fri,10am-3pm,3-6,1,Jo Bloggs,\"The Pavilion, Longford Park\",\n",
    );
    let said = run(&["import", "offers", f, &offers]);
    assert!(said.contains("imported 2, updated 0, skipped 0, errors 0"), "{said}");
    assert!(said.contains("line 3: kept as given: postcode not given; day sheets will say so"), "{said}");
    let roster = write(
        "roster.csv",
        "Name,Email,Organisation\nAsha Patel,asha@example.org,Trust A\nBen Okoro,ben@example.org,Trust B\n\
         Cara Lee,cara@example.org,Council\nDev Shah,dev@example.org,Trust A\nEve Hart,eve@example.org,Trust B\n\
         Fay Moss,fay@example.org,Council\n",
    );
    run(&["import", "participants", f, &roster, "--cohort", "Spring 2027"]);
    run(&["teams", f, "--cohort", "Spring 2027", "--size", "3", "--apply"]);
    let offer_id = |title: &str| -> String {
        scalar::<i64>(&file, &format!("SELECT id FROM offer WHERE title = '{title}'")).to_string()
    };
    let teams: Vec<String> = {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let mut stmt = conn.prepare("SELECT name FROM team ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(teams.len(), 2, "{teams:?}");
    for (team, (title, day)) in teams.iter().zip([("Park clean-up", "2027-04-13"), ("Bulb planting", "2027-04-14")]) {
        run(&["place", f, "--cohort", "Spring 2027", "--team", team, "--date", day, "--offer", &offer_id(title)]);
    }
    let pdf = dir.path().join("sheets.pdf");
    run(&["day-sheets", f, "--every-day", "--cohort", "Spring 2027", "-o", pdf.to_str().unwrap()]);
    assert_sound(&pdf);
    let text = text_of(&pdf, None);
    // (pdftotext reads a sheet's labels before their values.)
    assert_eq!(text.matches("Longford Park, Edge Lane, Stretford, M32 8PX").count(), 2, "overview and sheet: {text}");
    assert_eq!(text.matches("The Pavilion, Longford Park (Postcode not given)").count(), 2, "{text}");
    assert!(!text.contains("M32 9BY"), "the group's office postcode is on a team's sheet:\n{text}");
    // The day contact's name and phone, taken apart from one cell.
    assert!(text.contains("Jo Bloggs, 07700 900123"), "{text}");
    // `check` warns of the offer with no postcode, and does not fail for it.
    let (ok, out, _) = run_in(dir.path(), &["check", f]);
    assert!(ok, "{out}");
    assert!(
        out.contains("FRIENDS OF LONGFORD PARK LIMITED: Bulb planting · warning: meeting place: postcode not given"),
        "{out}"
    );
    assert!(!out.contains("Park clean-up · warning"), "{out}");
}
