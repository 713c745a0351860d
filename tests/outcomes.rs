//! Outcomes and the programme's report: the figures counted again here straight from the file's
//! rows (never through the report's own code), feedback from real shapes of Microsoft Forms and
//! Google Forms exports, the report as a PDF read back with qpdf, pdffonts and pdftotext, and
//! the form driven through egui_kittest.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{assert_sound, demo_file, run_in, scalar, text_of};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use placements::model::outcomes::{DayResult, Feedback, Outcome};
use placements::model::report::{ReportFacts, ReportPlacement, report};
use placements::model::{
    CohortId, GroupId, NeighbourhoodId, ParticipantId, PlacementId, PlacementStatus, PracticeId, TeamId,
};
use placements::store::{OpenMode, Store};
use placements::ui::PlacementsApp;
use placements::ui::dialogs::ScriptedDialogs;
use serde_json::Value;

const LAST_YEAR: &str = "Systems leaders 2026";

/// The report's figures as the command line writes them in JSON.
fn report_json(dir: &Path, file: &Path, cohort: Option<&str>) -> Value {
    let out = dir.join("report.json");
    let mut args = vec!["report", file.to_str().unwrap(), "-o", out.to_str().unwrap()];
    if let Some(c) = cohort {
        args.extend(["--cohort", c]);
    }
    let (ok, said, err) = run_in(dir, &args);
    assert!(ok, "{err}");
    assert_eq!(said.trim(), format!("wrote the report to {}", out.display()));
    serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap()
}

/// One query's rows, each as text.
fn rows(file: &Path, sql: &str, cohort: Option<i64>) -> Vec<Vec<String>> {
    let conn = rusqlite::Connection::open(file).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([cohort], |r| {
        (0..n)
            .map(|i| {
                Ok(match r.get::<_, rusqlite::types::Value>(i)? {
                    rusqlite::types::Value::Null => String::new(),
                    rusqlite::types::Value::Integer(v) => v.to_string(),
                    rusqlite::types::Value::Real(v) => v.to_string(),
                    rusqlite::types::Value::Text(v) => v,
                    rusqlite::types::Value::Blob(_) => "blob".into(),
                })
            })
            .collect()
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// A single number from a query over the live placements of the cohort (or all, with NULL):
/// `live` is each placement with its outcome, members, neighbourhood and group, and `out` the
/// ones that went out (an outcome of completed or partly completed, or marked done with no
/// outcome yet).
fn count(file: &Path, cohort: Option<i64>, select: &str) -> f64 {
    let sql = format!(
        "WITH live AS (
            SELECT p.id, p.team_id, p.status, o.result, o.hours, o.local_people, o.group_host_again,
                   (SELECT count(*) FROM participant m WHERE m.team_id = p.team_id) AS members,
                   coalesce(f.neighbourhood_id, g.neighbourhood_id) AS hood, g.id AS grp
            FROM placement p JOIN team t ON t.id = p.team_id
            LEFT JOIN placement_outcome o ON o.placement_id = p.id
            LEFT JOIN offer f ON f.id = p.offer_id LEFT JOIN community_group g ON g.id = f.group_id
            WHERE p.status <> 'cancelled' AND (?1 IS NULL OR t.cohort_id = ?1)),
         out AS (SELECT * FROM live WHERE result IN ('completed', 'partly_completed')
                                       OR (result IS NULL AND status = 'done'))
         {select}"
    );
    rusqlite::Connection::open(file)
        .unwrap()
        .query_row(&sql, [cohort], |r| r.get::<_, Option<f64>>(0))
        .unwrap()
        .unwrap_or(0.0)
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Every figure of the report equals a count made here from the rows.
fn assert_report_is_the_rows(dir: &Path, file: &Path, cohort: Option<&str>) {
    let r = report_json(dir, file, cohort);
    let id: Option<i64> = cohort.map(|c| scalar(file, &format!("SELECT id FROM cohort WHERE name = '{c}'")));
    let c = |select: &str| count(file, id, select);
    assert_eq!(num(&r["teams_placed"]), c("SELECT count(DISTINCT team_id) FROM live"));
    assert_eq!(num(&r["teams_gone_out"]), c("SELECT count(DISTINCT team_id) FROM out"));
    assert_eq!(num(&r["team_days"]), c("SELECT count(*) FROM out"));
    let hours = c("SELECT sum(hours * members) FROM out");
    assert!((num(&r["person_hours"]) - hours).abs() < 1e-9, "{} against {hours}", r["person_hours"]);
    assert_eq!(num(&r["local_people"]), c("SELECT sum(local_people) FROM out"));
    assert_eq!(num(&r["groups_reached"]), c("SELECT count(DISTINCT grp) FROM out"));
    assert_eq!(num(&r["neighbourhoods_reached"]), c("SELECT count(DISTINCT hood) FROM out"));
    assert_eq!(num(&r["neighbourhoods_in_all"]), c("SELECT count(*) FROM neighbourhood"));
    let completion = &r["completion"];
    assert_eq!(num(&completion["recorded"]), c("SELECT count(result) FROM live"));
    assert_eq!(num(&completion["completed"]), c("SELECT count(*) FROM live WHERE result = 'completed'"));
    assert_eq!(num(&completion["not_done"]), c("SELECT count(*) FROM live WHERE result = 'not_done'"));
    match c("SELECT count(result) FROM live") {
        0.0 => assert!(completion["rate"].is_null(), "no rate with nothing recorded"),
        _ => {
            let rate = c("SELECT 1.0 * sum(result = 'completed') / count(result) FROM live");
            assert!((num(&completion["rate"]) - rate).abs() < 1e-9);
        }
    }
    assert_eq!(
        num(&r["feedback_responses"]),
        c("SELECT count(*) FROM participant_feedback WHERE placement_id IN (SELECT id FROM live)")
    );
    assert_eq!(
        r["host_again"],
        serde_json::json!([
            c("SELECT count(*) FROM live WHERE group_host_again = 'yes'") as u64,
            c("SELECT count(*) FROM live WHERE group_host_again = 'maybe'") as u64,
            c("SELECT count(*) FROM live WHERE group_host_again = 'no'") as u64,
        ])
    );
    assert_eq!(
        num(&r["teams_mixing_four_or_more"]),
        c("SELECT count(*) FROM (SELECT m.team_id FROM participant m JOIN organisation o ON o.id = m.organisation_id \
           WHERE m.team_id IN (SELECT team_id FROM live) GROUP BY m.team_id HAVING count(DISTINCT o.name) >= 4)")
    );
    // Each practice: its responses, its mean, and how many gave each rating.
    for p in r["practices"].as_array().unwrap() {
        let name = p["practice"].as_str().unwrap().replace('\'', "''");
        let of = format!(
            "FROM feedback_rating x JOIN participant_feedback f ON f.id = x.feedback_id \
             JOIN practice pr ON pr.id = x.practice_id WHERE pr.name = '{name}' AND f.placement_id IN (SELECT id FROM live)"
        );
        assert_eq!(num(&p["responses"]), c(&format!("SELECT count(*) {of}")), "{name}");
        let mean = c(&format!("SELECT avg(x.rating) {of}"));
        if p["responses"] == 0 {
            assert!(p["mean"].is_null(), "{name}: no mean with no answers");
        } else {
            assert!((num(&p["mean"]) - mean).abs() < 1e-9, "{name}: {} against {mean}", p["mean"]);
        }
        for rating in 1..=5 {
            assert_eq!(
                num(&p["counts"][rating - 1]),
                c(&format!("SELECT count(*) {of} AND x.rating = {rating}")),
                "{name}"
            );
        }
    }
    assert_eq!(r["practices"].as_array().unwrap().len() as f64, c("SELECT count(*) FROM practice"));
    // Every neighbourhood is listed, those with no team too, each with its team-days.
    let by_hood: BTreeMap<String, f64> = r["by_neighbourhood"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["name"].as_str().unwrap().to_owned(), num(&b["team_days"])))
        .collect();
    for hood in rows(file, "SELECT id, name FROM neighbourhood WHERE ?1 IS NULL OR 1", None) {
        let days = c(&format!("SELECT count(*) FROM out WHERE hood = {}", hood[0]));
        assert_eq!(by_hood.get(&hood[1]), Some(&days), "{}", hood[1]);
    }
    // The groups that hosted more than once, with how many times.
    let repeat: Vec<(String, f64)> =
        r["repeat_hosts"].as_array().unwrap().iter().map(|h| (h[0].as_str().unwrap().to_owned(), num(&h[1]))).collect();
    let mut counted: Vec<(String, f64)> = rows(
        file,
        "SELECT g.name, count(*) FROM placement p JOIN team t ON t.id = p.team_id JOIN offer f ON f.id = p.offer_id \
         JOIN community_group g ON g.id = f.group_id WHERE p.status <> 'cancelled' AND (?1 IS NULL OR t.cohort_id = ?1) \
         GROUP BY g.id HAVING count(*) > 1",
        id,
    )
    .into_iter()
    .map(|row| (row[0].clone(), row[1].parse().unwrap()))
    .collect();
    counted.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(repeat, counted);
}

#[test]
fn the_reports_figures_on_the_demo_are_the_counts_of_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "report.placements", 300);
    assert_report_is_the_rows(dir.path(), &file, Some(LAST_YEAR));
    assert_report_is_the_rows(dir.path(), &file, None);
    assert_report_is_the_rows(dir.path(), &file, Some("Junior doctors 2027"));

    // Last year's programme is never empty on first look: days out, hours, feedback, and a day
    // not done among them.
    let r = report_json(dir.path(), &file, Some(LAST_YEAR));
    assert!(num(&r["team_days"]) >= 7.0 && num(&r["person_hours"]) > 100.0, "{r}");
    assert!(num(&r["feedback_responses"]) >= 20.0 && num(&r["completion"]["not_done"]) >= 1.0, "{r}");
    assert_eq!(r["scope"], LAST_YEAR);
}

fn placement(id: i64, team: i64, members: usize, result: Option<(DayResult, f64)>) -> ReportPlacement {
    ReportPlacement {
        id: PlacementId(id),
        cohort: CohortId(1),
        team: TeamId(team),
        team_name: format!("Team {team}"),
        day: chrono::NaiveDate::from_ymd_opt(2027, 4, 12 + id as u32).unwrap(),
        status: PlacementStatus::Done,
        group: Some((GroupId(id), format!("Group {id}"))),
        neighbourhood: Some(NeighbourhoodId(1)),
        members: (0..members).map(|m| (ParticipantId(team * 10 + m as i64), format!("Org {m}"))).collect(),
        outcome: result.map(|(result, hours)| Outcome {
            result,
            reason: if result == DayResult::Completed { String::new() } else { "Rain".into() },
            hours: Some(hours),
            ..Default::default()
        }),
        feedback: Vec::new(),
    }
}

#[test]
fn a_day_not_done_counts_in_the_completion_rate_but_gives_no_hours() {
    let facts = ReportFacts {
        scope: "Test".into(),
        neighbourhoods: vec![(NeighbourhoodId(1), "Bispham".into())],
        placements: vec![
            placement(1, 1, 5, Some((DayResult::Completed, 6.0))),
            placement(2, 2, 4, Some((DayResult::NotDone, 2.0))),
            placement(3, 3, 3, Some((DayResult::PartlyCompleted, 4.0))),
        ],
        ..Default::default()
    };
    let r = report(&facts);
    assert_eq!((r.completion.recorded, r.completion.completed, r.completion.not_done), (3, 1, 1));
    assert_eq!(r.completion.rate, Some(1.0 / 3.0));
    // 5 people × 6 hours, and 3 × 4 for the partly completed day; nothing for the day not done.
    assert_eq!(r.person_hours, 42.0);
    assert_eq!((r.team_days, r.teams_placed, r.teams_gone_out), (2, 3, 2));
    assert_eq!(r.by_neighbourhood[0].person_hours, 42.0);
    assert_eq!(r.teams_mixing_four_or_more, 2);
}

/// Last year's Team 8 (its day out recorded as done, nobody's feedback yet): (name, email).
fn team_8(file: &Path) -> Vec<(String, String)> {
    rows(
        file,
        "SELECT m.name, m.email FROM participant m JOIN team t ON t.id = m.team_id JOIN cohort c ON c.id = t.cohort_id \
         WHERE c.name = 'Systems leaders 2026' AND t.name = 'Team 8' AND ?1 IS NULL ORDER BY m.id",
        None,
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone()))
    .collect()
}

/// Each member's feedback on last year's Team 8 day: email → (ratings by practice name, learnt).
fn team_8_feedback(file: &Path) -> BTreeMap<String, (String, String)> {
    rows(
        file,
        "SELECT m.email, coalesce((SELECT group_concat(pr.name || '=' || x.rating, '; ') FROM \
            (SELECT * FROM feedback_rating ORDER BY practice_id) x JOIN practice pr ON pr.id = x.practice_id \
            WHERE x.feedback_id = f.id), ''), f.learnt \
         FROM participant_feedback f JOIN participant m ON m.id = f.participant_id JOIN team t ON t.id = m.team_id \
         JOIN cohort c ON c.id = t.cohort_id WHERE c.name = 'Systems leaders 2026' AND t.name = 'Team 8' AND ?1 IS NULL",
        None,
    )
    .into_iter()
    .map(|r| (r[0].clone(), (r[1].clone(), r[2].clone())))
    .collect()
}

const PRACTICES: [&str; 4] = [
    "Working across organisational boundaries",
    "Planning time and finishing by the end of the day",
    "Building relationships with the local community",
    "Working well together as a team",
];

#[test]
fn microsoft_forms_and_google_forms_exports_import_and_the_unmatched_are_listed() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "forms.placements", 40);
    let team = team_8(&file);
    assert_eq!(team.len(), 5);
    assert!(team_8_feedback(&file).is_empty());

    // Microsoft Forms: an Excel workbook, a row per response; its Likert question gives a column
    // per statement, answered in the scale's words; the times are real date-time cells.
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Sheet1").unwrap();
    let headers = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Last modified time",
        "Which team were you in?",
        PRACTICES[0],
        PRACTICES[1],
        PRACTICES[2],
        PRACTICES[3],
        "What did you learn on the day?",
        "What would you do differently next time?",
    ];
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    let stamp = Format::new().set_num_format("m/d/yy h:mm:ss");
    let answers = [
        ["Strongly agree", "Agree", "Neutral", "Strongly agree"],
        ["Agree", "Disagree", "Agree", "Agree"],
        ["Strongly disagree", "Agree", "Agree", "Neither agree nor disagree"],
    ];
    let ms_rows: Vec<(String, String)> =
        team[..3].iter().cloned().chain([("Pat Nobody".to_owned(), "pat.nobody@example.net".to_owned())]).collect();
    for (i, (name, email)) in ms_rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number(row, 0, f64::from(row)).unwrap();
        let when = ExcelDateTime::from_ymd(2026, 4, 20).unwrap().and_hms(9, 30 + i as u8, 0).unwrap();
        sheet.write_datetime_with_format(row, 1, &when, &stamp).unwrap();
        sheet.write_datetime_with_format(row, 2, &when, &stamp).unwrap();
        sheet.write_string(row, 3, email.to_uppercase()).unwrap();
        sheet.write_string(row, 4, name).unwrap();
        sheet.write_string(row, 6, "Team 8").unwrap();
        for (p, answer) in answers[i.min(2)].iter().enumerate() {
            sheet.write_string(row, 7 + p as u16, *answer).unwrap();
        }
        sheet.write_string(row, 11, format!("Response {row}: to ask before assuming")).unwrap();
        sheet.write_string(row, 12, "Check the kit list").unwrap();
    }
    let ms = dir.path().join("Day out feedback(1-4).xlsx");
    workbook.save(&ms).unwrap();
    let (ok, said, err) = run_in(dir.path(), &["import", "feedback", file.to_str().unwrap(), ms.to_str().unwrap()]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = said.trim().lines().collect();
    assert_eq!(lines.last(), Some(&"imported 3, updated 0, skipped 0, errors 1"), "{said}");
    assert!(lines.contains(&"row 5: not imported: no participant has the email PAT.NOBODY@EXAMPLE.NET"), "{said}");

    let got = team_8_feedback(&file);
    let (ratings, learnt) = &got[&team[0].1];
    assert_eq!(ratings, &format!("{}=5; {}=4; {}=3; {}=5", PRACTICES[0], PRACTICES[1], PRACTICES[2], PRACTICES[3]));
    assert_eq!(learnt, "Response 1: to ask before assuming");
    assert_eq!(
        got[&team[2].1].0,
        format!("{}=1; {}=4; {}=4; {}=3", PRACTICES[0], PRACTICES[1], PRACTICES[2], PRACTICES[3])
    );
    let given: String = scalar(&file, "SELECT max(given_on) FROM participant_feedback");
    assert!(given.as_str() >= "2026-04-20", "{given}");

    // Google Forms: a CSV from the responses sheet; a grid question gives "Question [Row]"
    // headers; a date question, and a UK timestamp.
    let grid = "How well did your team practise each of these?";
    let mut csv = format!(
        "Timestamp,Email address,Your name,Date of your day out,{},What did you learn about leadership?,What would you do differently?\n",
        PRACTICES.iter().map(|p| format!("\"{grid} [{p}]\"")).collect::<Vec<_>>().join(",")
    );
    csv.push_str(&format!(
        "21/04/2026 17:02:44,{},{},16/04/2026,Excellent,Very good,Good,5,\"To listen, then plan\",Stop for lunch\n",
        team[3].1, team[3].0
    ));
    csv.push_str(&format!(
        "22/04/2026 08:15:01,{},{},16/04/2026,4,3,Fair,Poor,Trust the volunteers,\n",
        team[4].1, team[4].0
    ));
    csv.push_str(&format!("22/04/2026 09:00:00,{},{},17/04/2026,5,5,5,5,Wrong day,\n", team[0].1, team[0].0));
    csv.push_str("23/04/2026 10:00:00,someone@elsewhere.example,Someone Else,16/04/2026,5,5,5,5,Hello,\n");
    let google = dir.path().join("Day out feedback (Responses) - Form responses 1.csv");
    std::fs::write(&google, csv).unwrap();
    let (ok, said, err) = run_in(dir.path(), &["import", "feedback", file.to_str().unwrap(), google.to_str().unwrap()]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = said.trim().lines().collect();
    assert_eq!(lines.last(), Some(&"imported 2, updated 0, skipped 0, errors 2"), "{said}");
    assert!(lines.contains(&"line 5: not imported: no participant has the email someone@elsewhere.example"), "{said}");
    let wrong_day = format!(
        "line 4: not imported: {}: their team has no day out on {}",
        team[0].0,
        placements::model::dates::uk_date(chrono::NaiveDate::from_ymd_opt(2026, 4, 17).unwrap())
    );
    assert!(lines.contains(&wrong_day.as_str()), "{said}");
    let got = team_8_feedback(&file);
    assert_eq!(got.len(), 5);
    assert_eq!(
        got[&team[3].1],
        (
            format!("{}=5; {}=4; {}=3; {}=5", PRACTICES[0], PRACTICES[1], PRACTICES[2], PRACTICES[3]),
            "To listen, then plan".to_owned()
        )
    );
    assert_eq!(
        got[&team[4].1].0,
        format!("{}=4; {}=3; {}=2; {}=1", PRACTICES[0], PRACTICES[1], PRACTICES[2], PRACTICES[3])
    );
    // The first import's answer from the wrong-day row was not overwritten.
    assert_eq!(got[&team[0].1].1, "Response 1: to ask before assuming");
}

/// The app on a file, showing the Outcomes panel.
fn outcomes_panel(dir: &Path, file: &Path) -> Harness<'static, PlacementsApp> {
    common::app_on(dir, file, ScriptedDialogs::default(), egui::vec2(1500.0, 1000.0), Key::Num6)
}

#[test]
fn a_practice_added_to_the_list_appears_in_the_form_the_import_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "practice.placements", 40);
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    store.add_practice("Leading change with local people").unwrap();
    drop(store);
    let team = team_8(&file);

    // The import: a column named for it is read as its rating.
    let csv = format!(
        "Timestamp,Email address,Leading change with local people,{}\n20/04/2026 12:00:00,{},Strongly agree,4\n",
        PRACTICES[3], team[0].1
    );
    let source = dir.path().join("responses.csv");
    std::fs::write(&source, csv).unwrap();
    let (ok, said, err) = run_in(dir.path(), &["import", "feedback", file.to_str().unwrap(), source.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(said.trim().ends_with("imported 1, updated 0, skipped 0, errors 0"), "{said}");
    assert_eq!(team_8_feedback(&file)[&team[0].1].0, format!("{}=4; Leading change with local people=5", PRACTICES[3]));

    // The report: a figure for it.
    let r = report_json(dir.path(), &file, Some(LAST_YEAR));
    let added = r["practices"].as_array().unwrap().iter().find(|p| p["practice"] == "Leading change with local people");
    assert_eq!(added.map(|p| (num(&p["responses"]), num(&p["counts"][4]))), Some((1.0, 1.0)), "{r}");

    // The form: a column for it in Team 8's feedback table, filled from the import; a rating
    // typed in it is saved with the rest, as one undo step.
    let mut h = outcomes_panel(dir.path(), &file);
    h.get_by_label("Record a day's outcome").click();
    h.run();
    h.get_by_label_contains("Team 8 (Systems leaders 2026)").click();
    h.run();
    let field = format!("{}: Leading change with local people", team[1].0);
    h.get_by_label(&field).click();
    h.run();
    h.get_by_label(&field).type_text("3");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let rated: i64 = scalar(
        &file,
        &format!(
            "SELECT x.rating FROM feedback_rating x JOIN participant_feedback f ON f.id = x.feedback_id \
             JOIN participant m ON m.id = f.participant_id JOIN practice pr ON pr.id = x.practice_id \
             WHERE m.email = '{}' AND pr.name = 'Leading change with local people'",
            team[1].1
        ),
    );
    assert_eq!(rated, 3);
    assert_eq!(team_8_feedback(&file).len(), 2, "only the member given a rating has feedback");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let after_undo = team_8_feedback(&file);
    assert_eq!(after_undo.len(), 1, "{after_undo:?}");
    assert!(after_undo.contains_key(&team[0].1));
}

#[test]
fn the_days_outcome_is_recorded_in_the_form_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "form.placements", 40);
    let outcome_of_team_8 = "SELECT count(*) FROM placement_outcome o JOIN placement p ON p.id = o.placement_id \
        JOIN team t ON t.id = p.team_id JOIN cohort c ON c.id = t.cohort_id \
        WHERE c.name = 'Systems leaders 2026' AND t.name = 'Team 8'";
    assert_eq!(scalar::<i64>(&file, outcome_of_team_8), 0);
    let mut h = outcomes_panel(dir.path(), &file);
    // The report is the first thing shown, with last year's figures in it.
    assert!(h.query_all_by_label_contains("Person-hours").next().is_some());
    h.get_by_label("Record a day's outcome").click();
    h.run();
    h.get_by_label_contains("Team 8 (Systems leaders 2026)").click();
    h.run();
    // Partly completed with no reason: the form says what is missing and saves nothing.
    h.get_by_label("How it went").click();
    h.run();
    h.get_by_label("Partly completed").click();
    h.run();
    h.get_by_label("Hours each member spent").click();
    h.get_by_label("Hours each member spent").type_text("5.5");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(h.query_by_label_contains("Say why it was not completed.").is_some());
    assert_eq!(scalar::<i64>(&file, outcome_of_team_8), 0);
    h.get_by_label("Why not completed").click();
    h.get_by_label("Why not completed").type_text("The van broke down at two.");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let saved: (String, f64, String) = rusqlite::Connection::open(&file)
        .unwrap()
        .query_row(&outcome_of_team_8.replace("count(*)", "o.result, o.hours, o.reason"), [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(saved, ("partly_completed".into(), 5.5, "The van broke down at two.".into()));
    // One undo takes the whole form back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(scalar::<i64>(&file, outcome_of_team_8), 0);
}

#[test]
fn the_report_pdf_is_sound_and_names_every_neighbourhood_with_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "pdf.placements", 300);
    let pdf = dir.path().join("report.pdf");
    let (ok, said, err) =
        run_in(dir.path(), &["report", file.to_str().unwrap(), "--cohort", LAST_YEAR, "-o", pdf.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(said.contains("wrote the report"), "{said}");
    assert_sound(&pdf);
    let text = text_of(&pdf, None);
    assert!(text.contains("Systems leaders 2026: outcomes"), "{text}");
    let r = report_json(dir.path(), &file, Some(LAST_YEAR));
    for hood in r["by_neighbourhood"].as_array().unwrap() {
        let hours = num(&hood["person_hours"]);
        let hours = if hours.fract() == 0.0 { format!("{hours:.0}") } else { format!("{hours:.1}") };
        let row = format!(
            "{} {} {} {} {}",
            hood["name"].as_str().unwrap(),
            hood["placed"],
            hood["team_days"],
            hours,
            hood["completed"]
        );
        assert!(text.contains(&row), "“{row}” is not in the report: {text}");
    }
    for p in r["practices"].as_array().unwrap() {
        let row = format!("{} {:.1} {}", p["practice"].as_str().unwrap(), num(&p["mean"]), p["responses"]);
        assert!(text.contains(&row), "“{row}” is not in the report");
    }
    let hours = num(&r["person_hours"]);
    assert!(
        text.contains(&format!("Person-hours given {hours:.0}"))
            || text.contains(&format!("Person-hours given {hours:.1}")),
        "{text}"
    );
}

#[test]
fn the_figures_export_as_csv_and_xlsx_with_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "figures.placements", 40);
    let csv = dir.path().join("figures.csv");
    let xlsx = dir.path().join("figures.xlsx");
    for out in [&csv, &xlsx] {
        let (ok, _, err) = run_in(dir.path(), &["report", file.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(ok, "{err}");
    }
    let from_csv = placements::exchange::read_spreadsheet(&csv, None).unwrap();
    let from_xlsx = placements::exchange::read_spreadsheet(&xlsx, None).unwrap();
    assert_eq!(from_csv.headers, ["Section", "Name", "Measure", "Value"]);
    assert_eq!(from_csv.headers, from_xlsx.headers);
    let cells = |t: &placements::exchange::table::Table| t.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>();
    assert_eq!(cells(&from_csv), cells(&from_xlsx));
    let team_days = cells(&from_csv).into_iter().find(|r| r[0] == "Programme" && r[2] == "Team-days").unwrap();
    let r = report_json(dir.path(), &file, None);
    assert_eq!(team_days[3], r["team_days"].to_string());
    // A file name that is neither: a clear message, nothing written.
    let (ok, _, err) =
        run_in(dir.path(), &["report", file.to_str().unwrap(), "-o", dir.path().join("r.docx").to_str().unwrap()]);
    assert!(!ok && err.contains("should end in .pdf, .csv, .xlsx or .json"), "{err}");
    assert!(!dir.path().join("r.docx").exists());
}

#[test]
fn a_step_five_file_upgrades_and_keeps_its_placements() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "old.placements", 40);
    let placed: i64 = scalar(&file, "SELECT count(*) FROM placement");
    common::downgrade(&file, 5);
    let mut store = Store::open(&file, OpenMode::Edit).unwrap();
    assert_eq!(store.schema_version().unwrap(), placements::store::SCHEMA_VERSION);
    assert_eq!(store.counts().unwrap().placements as i64, placed);
    let any = store.placement_summaries().unwrap()[0].id;
    assert_eq!(store.outcome(any).unwrap(), None);
    let done = Outcome { result: DayResult::Completed, hours: Some(6.0), ..Default::default() };
    let feedback = Feedback { participant: None, ratings: [(PracticeId(1), 5)].into(), ..Default::default() };
    store.save_outcome(any, Some(&done), &[feedback]).unwrap();
    assert_eq!(store.outcome(any).unwrap(), Some(done));
}

/// A programme with nothing gone out yet (the demo's coming cohort): its report in PDF, CSV and
/// JSON says nought as "0", never "-0.0", and counts no days as "0 days".
#[test]
fn a_report_with_nothing_gone_out_has_no_negative_zero_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "zero.placements", 40);
    let mut said = Vec::new();
    for name in ["zero.pdf", "zero.csv", "zero.json"] {
        let out = dir.path().join(name);
        let (ok, _, err) = run_in(
            dir.path(),
            &["report", file.to_str().unwrap(), "--cohort", "Junior doctors 2027", "-o", out.to_str().unwrap()],
        );
        assert!(ok, "{err}");
        let text = if name.ends_with(".pdf") { text_of(&out, None) } else { std::fs::read_to_string(&out).unwrap() };
        said.push((name, text));
    }
    for (name, text) in &said {
        let minus_zero = text.match_indices("-0").any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + 2..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_digit() && c != '0')
        });
        assert!(!minus_zero, "{name} has a negative zero: {text}");
    }
    let (_, pdf) = &said[0];
    assert!(pdf.contains("Person-hours given 0"), "{pdf}");
    let json: Value = serde_json::from_str(&said[2].1).unwrap();
    assert_eq!(json["person_hours"].as_f64(), Some(0.0));
    assert!(!said[2].1.contains("-0.0"));
}

/// With no day come yet, the Record tab says when the first one is and leads to the board; on
/// a new file, that teams are placed first.
#[test]
fn the_record_tab_says_when_the_first_day_comes_and_leads_to_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path(), "coming.placements", 40);
    // Only the coming cohort's days are left: last year's are taken off.
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch(
        "DELETE FROM feedback_rating; DELETE FROM participant_feedback; DELETE FROM placement_outcome; \
         DELETE FROM placement WHERE team_id IN (SELECT t.id FROM team t JOIN cohort c ON c.id = t.cohort_id \
         WHERE c.name <> 'Junior doctors 2027');",
    )
    .unwrap();
    let first: String = scalar(&file, "SELECT MIN(day) FROM placement");
    drop(conn);
    let first = chrono::NaiveDate::parse_from_str(&first, "%Y-%m-%d").unwrap();
    let mut h = outcomes_panel(dir.path(), &file);
    h.get_by_label("Record a day's outcome").click();
    h.run();
    let said = format!("No team's day has come yet: the first is {} (", placements::model::dates::uk_date(first));
    assert!(h.query_by_label_contains(&said).is_some(), "{said}");
    h.get_by_label("Go to the board").click();
    h.run();
    assert!(h.query_by_label_contains("Teams to place").is_some(), "the board is shown");

    let blank = dir.path().join("blank.placements");
    Store::create(&blank).unwrap();
    let mut h = outcomes_panel(dir.path(), &blank);
    h.get_by_label("Record a day's outcome").click();
    h.run();
    assert!(h.query_by_label_contains("No team is placed yet. Place teams on the board").is_some());
}
