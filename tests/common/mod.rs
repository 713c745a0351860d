//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use placements::demo::{DemoOptions, write_demo};
use rusqlite::types::Value;

/// A small demo file (the real generator, fewer groups to keep tests quick).
pub fn demo_file(dir: &Path, name: &str, groups: usize) -> PathBuf {
    let path = dir.join(name);
    write_demo(&path, &DemoOptions { groups, seed: 7, year: 2027 }).expect("demo written");
    path
}

/// Every row of every table, read with plain SQLite: what the file really holds. The search
/// index is compared by its rows (`group_text`), not by the bytes of its shadow tables, which
/// SQLite may lay out differently for the same rows.
pub fn dump(path: &Path) -> BTreeMap<String, Vec<Vec<Value>>> {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE 'group\\_search\\_%' ESCAPE '\\' AND name NOT LIKE 'group\\_text\\_%' ESCAPE '\\' \
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeMap::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid")).unwrap();
        let n = stmt.column_count();
        let rows: Vec<Vec<Value>> = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        out.insert(table, rows);
    }
    out
}

pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

/// A value from a table, read with plain SQLite.
pub fn scalar<T: rusqlite::types::FromSql>(path: &Path, sql: &str) -> T {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).expect("query")
}

/// Runs the real `placements` binary with its data folder in `data_dir` (never the real one).
pub fn placements(args: &[&str], data_dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_placements"))
        .args(args)
        .env("PLACEMENTS_DATA_DIR", data_dir)
        .output()
        .expect("run placements")
}

/// Runs the binary with its data folder in `dir/data`: (succeeded, standard output, standard error).
pub fn run_in(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = placements(args, &dir.join("data"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Takes a file back to an older format version, undoing the later schema steps, as a file made
/// by an older release would be.
#[allow(dead_code)]
pub fn downgrade(path: &Path, version: u32) {
    let conn = rusqlite::Connection::open(path).expect("open");
    let mut sql = String::new();
    if version < 9 {
        // Copies for colleagues.
        sql.push_str("DROP TABLE share_ids; DROP TABLE share_sent; DROP TABLE share_partner; DROP TABLE share_copy;");
    }
    if version < 8 {
        // An offer's own town and postcode; a cohort's most teams out on one day.
        sql.push_str(
            "ALTER TABLE offer DROP COLUMN town; ALTER TABLE offer DROP COLUMN postcode;
             ALTER TABLE cohort DROP COLUMN most_per_day;",
        );
    }
    if version < 7 {
        // The short fields' trigram index, and the triggers that kept both indexes in step.
        let index_new = "INSERT INTO group_search (rowid, name, other_names, contact_name, postcode, identifiers)
                 VALUES (new.id, new.name, new.other_names, new.contact_name, new.postcode,
                         new.charity_number || ' ' || new.company_number || ' ' || new.other_identifier);
                 INSERT INTO group_text (rowid, description, contact)
                 VALUES (new.id, new.description, new.contact_role || ' ' || new.contact_email || ' ' ||
                         new.contact_phone || ' ' || new.phone || ' ' || new.email);";
        let forget_old = "DELETE FROM group_search WHERE rowid = old.id; DELETE FROM group_text WHERE rowid = old.id;";
        sql.push_str(&format!(
            "DROP TRIGGER community_group_search_insert; DROP TRIGGER community_group_search_update;
             DROP TRIGGER community_group_search_delete;
             CREATE VIRTUAL TABLE group_search USING fts5(
                 name, other_names, contact_name, postcode, identifiers,
                 content = '', contentless_delete = 1, tokenize = 'trigram remove_diacritics 1');
             INSERT INTO group_search (rowid, name, other_names, contact_name, postcode, identifiers)
                 SELECT id, name, other_names, contact_name, postcode,
                        charity_number || ' ' || company_number || ' ' || other_identifier
                 FROM community_group;
             CREATE TRIGGER community_group_search_insert AFTER INSERT ON community_group BEGIN {index_new} END;
             CREATE TRIGGER community_group_search_update AFTER UPDATE ON community_group BEGIN
                 {forget_old} {index_new}
             END;
             CREATE TRIGGER community_group_search_delete AFTER DELETE ON community_group BEGIN {forget_old} END;"
        ));
    }
    if version < 6 {
        sql.push_str("DROP TABLE feedback_rating; DROP TABLE participant_feedback; DROP TABLE placement_outcome;");
    }
    if version < 5 {
        sql.push_str(
            "CREATE TABLE placement_old (id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES team(id),
                offer_id INTEGER NOT NULL REFERENCES offer(id), day TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
             INSERT INTO placement_old SELECT id, team_id, offer_id, day, notes, created_at, updated_at
                FROM placement WHERE offer_id IS NOT NULL;
             DROP TABLE placement; ALTER TABLE placement_old RENAME TO placement;
             CREATE INDEX placement_team ON placement (team_id);
             CREATE INDEX placement_offer ON placement (offer_id, day);",
        );
    }
    if version < 4 {
        sql.push_str("DROP TABLE participant_unavailable; ALTER TABLE cohort DROP COLUMN personal_data_removed_on;");
    }
    if version < 3 {
        sql.push_str(
            "DROP TABLE offer_practice; DROP TABLE practice; DROP TABLE offer_day;
             ALTER TABLE offer DROP COLUMN travel; ALTER TABLE offer DROP COLUMN site_access;
             ALTER TABLE offer DROP COLUMN weekends_allowed; ALTER TABLE offer DROP COLUMN bank_holidays_allowed;
             ALTER TABLE offer DROP COLUMN dbs_required; ALTER TABLE offer DROP COLUMN outdoor_clothing;
             ALTER TABLE offer DROP COLUMN what_to_bring; ALTER TABLE offer DROP COLUMN tags;",
        );
    }
    if version < 2 {
        sql.push_str(
            "DROP TRIGGER community_group_search_insert; DROP TRIGGER community_group_search_update;
             DROP TRIGGER community_group_search_delete; DROP TABLE group_search; DROP TABLE group_text;
             DROP TABLE postcode_rule;",
        );
    }
    sql.push_str(&format!("PRAGMA user_version = {version}; VACUUM;"));
    conn.execute_batch(&sql).expect("downgrade");
}

/// A PDF tool (qpdf, pdffonts, pdftotext, pdfinfo) run on the real file: its output.
pub fn tool(program: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not run: {e}"));
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The words of a page (or of them all) in reading order, each run of white space one space: a
/// table cell's text is whole however it wrapped.
pub fn text_of(pdf: &Path, page: Option<usize>) -> String {
    let pdf = pdf.to_str().unwrap();
    let text = match page {
        Some(n) => tool("pdftotext", &["-f", &n.to_string(), "-l", &n.to_string(), pdf, "-"]),
        None => tool("pdftotext", &[pdf, "-"]),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn pages_of(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

/// A PDF that a printer takes: qpdf finds nothing wrong, and every font is embedded.
pub fn assert_sound(pdf: &Path) {
    let pdf = pdf.to_str().unwrap();
    let check = tool("qpdf", &["--check", pdf]);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
    let fonts = tool("pdffonts", &[pdf]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name, type (one or two words), encoding, emb, sub, uni, object, generation
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "a font is not embedded: {row}");
    }
}

/// The whole app on `file` (its data folder `data_dir`, file dialogs scripted), in a window of
/// `size`, after its first frames, showing the panel of Ctrl+`panel`.
pub fn app_on(
    data_dir: &Path,
    file: &Path,
    dialogs: placements::ui::dialogs::ScriptedDialogs,
    size: egui::Vec2,
    panel: egui::Key,
) -> egui_kittest::Harness<'static, placements::ui::PlacementsApp> {
    use placements::ui::{PlacementsApp, Start};
    let mut app = PlacementsApp::new(
        placements::paths::AppPaths { data_dir: data_dir.to_path_buf() },
        Box::new(dialogs),
        placements::ui::prefs::Prefs::default(),
    );
    app.start(Start::File(file.to_path_buf()));
    let mut h = egui_kittest::Harness::builder()
        .with_size(size)
        .with_theme(egui::Theme::Light)
        .with_context_setup(placements::ui::theme::apply)
        .build_ui_state(|ui, app: &mut PlacementsApp| app.shell_ui(ui), app);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, panel);
    // A panel that starts work on a worker shows a spinner, which never settles: step on.
    let _ = h.try_run();
    h
}
