//! The one-object JSON that `placements info --json` prints.

use std::collections::BTreeMap;

use crate::model::Counts;

/// `{"schema_version":N,"groups":N,...,"offers_by_status":{"confirmed":N,...}}`: keys are only
/// ever added, never removed.
pub fn info_json(schema_version: u32, counts: &Counts, offers_by_status: &BTreeMap<&str, u64>) -> String {
    info_object(schema_version, counts, offers_by_status, None)
}

/// [`info_json`] with `"placements_by_status":{"cancelled":N,"confirmed":N,...}` after it.
pub fn info_json_with_placements(
    schema_version: u32,
    counts: &Counts,
    offers_by_status: &BTreeMap<&str, u64>,
    placements_by_status: &BTreeMap<&str, u64>,
) -> String {
    info_object(schema_version, counts, offers_by_status, Some(placements_by_status))
}

fn info_object(
    schema_version: u32,
    counts: &Counts,
    offers_by_status: &BTreeMap<&str, u64>,
    placements_by_status: Option<&BTreeMap<&str, u64>>,
) -> String {
    #[derive(serde::Serialize)]
    struct Info<'a> {
        schema_version: u32,
        #[serde(flatten)]
        counts: &'a Counts,
        offers_by_status: &'a BTreeMap<&'a str, u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        placements_by_status: Option<&'a BTreeMap<&'a str, u64>>,
    }
    // Serialising plain integers cannot fail.
    serde_json::to_string(&Info { schema_version, counts, offers_by_status, placements_by_status }).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_in_the_documented_order() {
        let counts = Counts { groups: 3, offers: 2, cohorts: 1, participants: 9, teams: 2, placements: 1 };
        let by_status = BTreeMap::from([("draft", 1), ("offered", 1), ("withdrawn", 0)]);
        assert_eq!(
            info_json(1, &counts, &by_status),
            r#"{"schema_version":1,"groups":3,"offers":2,"cohorts":1,"participants":9,"teams":2,"placements":1,"offers_by_status":{"draft":1,"offered":1,"withdrawn":0}}"#
        );
    }
}
