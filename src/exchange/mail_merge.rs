//! Mail merge: a row for each letter the coordinator sends with Word or Outlook. For
//! participants, one row per participant per placement with every field a letter to them needs;
//! for host groups, one row per placement with what a host letter needs (no participant named,
//! no participant's phone). CSV or XLSX, Excel-safe like the directory export.

use crate::model::dates::uk_date_long;
use crate::model::records::PlacementStatus;
use crate::model::sheets::{SheetOffer, SheetPlacement};

/// Whom the letters are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MergeFor {
    #[default]
    Participants,
    Groups,
}

impl MergeFor {
    pub fn label(self) -> &'static str {
        match self {
            Self::Participants => "participants",
            Self::Groups => "groups",
        }
    }
}

const PARTICIPANT_HEADERS: [&str; 23] = [
    "First name",
    "Full name",
    "Email",
    "Team",
    "Cohort",
    "Team-mates",
    "Date",
    "Date (YYYY-MM-DD)",
    "Start",
    "Finish",
    "Group",
    "Activity",
    "What you will do",
    "Meeting place",
    "Town",
    "Postcode",
    "How to get there",
    "Contact on the day",
    "Contact's phone",
    "What to bring",
    "Coordinator",
    "Coordinator's phone",
    "Status",
];

const GROUP_HEADERS: [&str; 18] = [
    "Group",
    "Contact name",
    "Contact email",
    "Group phone",
    "Group address",
    "Postcode",
    "Date",
    "Date (YYYY-MM-DD)",
    "Start",
    "Finish",
    "Activity",
    "Meeting place",
    "Team",
    "Cohort",
    "People",
    "Access needs",
    "Coordinator",
    "Coordinator's phone",
];

fn status(p: &SheetPlacement) -> String {
    match p.status {
        PlacementStatus::Pencilled => "Pencilled in: not yet confirmed",
        PlacementStatus::Confirmed => "Confirmed",
        PlacementStatus::Done => "Done",
        PlacementStatus::Cancelled => "Cancelled",
    }
    .to_owned()
}

/// The offer's cells of a participant's row, empty when the placement has no activity yet.
fn offer_cells(offer: Option<&SheetOffer>) -> Vec<String> {
    let Some(o) = offer else { return vec![String::new(); 12] };
    let flags =
        [(o.dbs_required, "A DBS check is needed."), (o.outdoor_clothing, "Bring clothes and shoes for outdoors.")];
    let mut bring = vec![o.what_to_bring.trim().to_owned()];
    bring.extend(flags.iter().filter(|(on, _)| *on).map(|(_, words)| (*words).to_owned()));
    vec![
        o.start.format("%H:%M").to_string(),
        o.finish.format("%H:%M").to_string(),
        o.group.name.clone(),
        o.title.clone(),
        o.activity.clone(),
        o.meeting_place.address.clone(),
        o.meeting_place.town.clone(),
        o.meeting_place.postcode.clone(),
        o.travel.clone(),
        o.contact_name.clone(),
        o.contact_phone.clone(),
        bring.iter().filter(|b| !b.is_empty()).cloned().collect::<Vec<_>>().join(" "),
    ]
}

fn participant_rows(placements: &[&SheetPlacement]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for p in placements {
        for m in &p.members {
            let mates: Vec<&str> = p.members.iter().filter(|o| o.id != m.id).map(|o| o.name.as_str()).collect();
            let mut row = vec![
                m.first_name().to_owned(),
                m.name.clone(),
                m.email.clone(),
                p.team_name.clone(),
                p.cohort_name.clone(),
                mates.join(", "),
                uk_date_long(p.day),
                p.day.format("%Y-%m-%d").to_string(),
            ];
            row.extend(offer_cells(p.offer.as_ref()));
            row.extend([p.coordinator_name.clone(), p.coordinator_phone.clone(), status(p)]);
            rows.push(row);
        }
    }
    rows
}

fn group_rows(placements: &[&SheetPlacement]) -> Vec<Vec<String>> {
    placements
        .iter()
        .filter_map(|p| {
            let o = p.offer.as_ref()?;
            let needs: Vec<&str> = p.members.iter().map(|m| m.access_needs.trim()).filter(|a| !a.is_empty()).collect();
            Some(vec![
                o.group.name.clone(),
                o.group.contact_name.clone(),
                o.group.email.clone(),
                o.group.phone.clone(),
                o.group.address.clone(),
                o.group.postcode.clone(),
                uk_date_long(p.day),
                p.day.format("%Y-%m-%d").to_string(),
                o.start.format("%H:%M").to_string(),
                o.finish.format("%H:%M").to_string(),
                o.title.clone(),
                o.meeting_place.one_line(),
                p.team_name.clone(),
                p.cohort_name.clone(),
                p.members.len().to_string(),
                needs.join("; "),
                p.coordinator_name.clone(),
                p.coordinator_phone.clone(),
            ])
        })
        .collect()
}

/// The headers and rows of the merge.
pub fn merge_table(placements: &[&SheetPlacement], merge_for: MergeFor) -> (Vec<&'static str>, Vec<Vec<String>>) {
    match merge_for {
        MergeFor::Participants => (PARTICIPANT_HEADERS.to_vec(), participant_rows(placements)),
        MergeFor::Groups => (GROUP_HEADERS.to_vec(), group_rows(placements)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_has_a_cell_for_each_header() {
        let (headers, rows) = merge_table(&[], MergeFor::Participants);
        assert_eq!(headers.len(), PARTICIPANT_HEADERS.len());
        assert!(rows.is_empty());
        // A participant's row: 8 of their own, 11 of the offer's, 3 of the coordinator and status.
        assert_eq!(8 + offer_cells(None).len() + 3, PARTICIPANT_HEADERS.len());
    }
}
