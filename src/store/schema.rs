//! Schema migrations: numbered steps, each applied in one transaction with `PRAGMA user_version`.
//! Later features add steps at the end; a step, once released, is never changed.

use rusqlite::Connection;

use super::APPLICATION_ID;

struct Step {
    version: u32,
    sql: &'static str,
}

const STEPS: &[Step] = &[
    Step { version: 1, sql: include_str!("migrations/001_initial.sql") },
    Step { version: 2, sql: include_str!("migrations/002_directory_search.sql") },
    Step { version: 3, sql: include_str!("migrations/003_offers.sql") },
    Step { version: 4, sql: include_str!("migrations/004_people.sql") },
    Step { version: 5, sql: include_str!("migrations/005_board.sql") },
    Step { version: 6, sql: include_str!("migrations/006_outcomes.sql") },
    Step { version: 7, sql: include_str!("migrations/007_short_fields_searched_in_memory.sql") },
    Step { version: 8, sql: include_str!("migrations/008_coordinators_own_programme.sql") },
    Step { version: 9, sql: include_str!("migrations/009_shared_copies.sql") },
];

/// The newest file format this program reads and writes.
pub const SCHEMA_VERSION: u32 = STEPS[STEPS.len() - 1].version;

/// Brings the file up to [`SCHEMA_VERSION`], one step per transaction.
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for step in STEPS.iter().filter(|s| s.version > current) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(step.sql)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", step.version)?;
        tx.commit()?;
        log::info!("file format upgraded to version {}", step.version);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_numbered_one_by_one() {
        for (i, step) in STEPS.iter().enumerate() {
            assert_eq!(step.version as usize, i + 1);
        }
    }

    #[test]
    fn migrating_an_empty_database_builds_every_table_and_marks_it_ours() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
        assert_eq!((version, app), (SCHEMA_VERSION, APPLICATION_ID));
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for table in ["cohort", "community_group", "offer", "participant", "placement", "team"] {
            assert!(tables.iter().any(|t| t == table), "{table} missing from {tables:?}");
        }
        // A second run has nothing to do.
        migrate(&mut conn).unwrap();
    }
}
