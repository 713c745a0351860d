//! Reading what printed documents and calendar files say of each live placement: its team and
//! members, its offer and group, its cohort's coordinator (`model::sheets`).

use std::collections::HashMap;

use super::queries::{date, time};
use super::{Store, StoreError};
use crate::model::sheets::{SheetGroup, SheetMember, SheetOffer, SheetPlacement};
use crate::model::text::join_present;
use crate::model::*;

/// A cohort's name, programme type and coordinator.
struct CohortLine {
    name: String,
    programme_type: String,
    coordinator_name: String,
    coordinator_phone: String,
}

impl Store {
    /// The groups with this name (accents and case as typed, spaces trimmed), archived ones too.
    pub fn groups_named(&self, name: &str) -> Result<Vec<GroupId>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM community_group WHERE trim(name) = trim(?1) COLLATE NOCASE ORDER BY id")?;
        let rows = stmt.query_map([name], |r| r.get(0).map(GroupId))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every live placement (not cancelled) with all a document may say of it, by day and id.
    pub fn sheet_placements(&self) -> Result<Vec<SheetPlacement>, StoreError> {
        let cohorts = self.cohort_lines()?;
        let teams = self.team_lines()?;
        let mut members = self.sheet_members()?;
        let offers = self.sheet_offers()?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, team_id, offer_id, day, status, notes, updated_at FROM placement \
             WHERE status <> 'cancelled' ORDER BY day, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                PlacementId(r.get(0)?),
                TeamId(r.get(1)?),
                r.get::<_, Option<i64>>(2)?.map(OfferId),
                date(r, 3)?,
                PlacementStatus::from_code(&r.get::<_, String>(4)?).unwrap_or_default(),
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut placements = Vec::new();
        for row in rows {
            let (id, team, offer, day, status, notes, updated_at) = row?;
            let Some((cohort, team_name)) = teams.get(&team) else { continue };
            let Some(c) = cohorts.get(cohort) else { continue };
            placements.push(SheetPlacement {
                id,
                day,
                status,
                notes,
                updated_at,
                team,
                team_name: team_name.clone(),
                cohort: *cohort,
                cohort_name: c.name.clone(),
                programme_type: c.programme_type.clone(),
                coordinator_name: c.coordinator_name.clone(),
                coordinator_phone: c.coordinator_phone.clone(),
                members: members.get(&team).cloned().unwrap_or_default(),
                offer: offer.and_then(|o| offers.get(&o).cloned()),
            });
        }
        members.clear();
        Ok(placements)
    }

    fn cohort_lines(&self) -> Result<HashMap<CohortId, CohortLine>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name, programme_type, coordinator_name, coordinator_phone FROM cohort")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                CohortId(r.get(0)?),
                CohortLine {
                    name: r.get(1)?,
                    programme_type: r.get(2)?,
                    coordinator_name: r.get(3)?,
                    coordinator_phone: r.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn team_lines(&self) -> Result<HashMap<TeamId, (CohortId, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT id, cohort_id, name FROM team")?;
        let rows = stmt.query_map([], |r| Ok((TeamId(r.get(0)?), (CohortId(r.get(1)?), r.get(2)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Each team's members by name, with their profession and organisation.
    fn sheet_members(&self) -> Result<HashMap<TeamId, Vec<SheetMember>>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.team_id, p.id, p.name, p.preferred_name, coalesce(pr.name, ''), coalesce(o.name, ''), \
                    p.email, p.mobile, p.access_needs, p.emergency_contact_name, p.emergency_contact_phone \
             FROM participant p LEFT JOIN profession pr ON pr.id = p.profession_id \
             LEFT JOIN organisation o ON o.id = p.organisation_id \
             WHERE p.team_id IS NOT NULL ORDER BY p.name, p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                TeamId(r.get(0)?),
                SheetMember {
                    id: ParticipantId(r.get(1)?),
                    name: r.get(2)?,
                    preferred_name: r.get(3)?,
                    profession: r.get(4)?,
                    organisation: r.get(5)?,
                    email: r.get(6)?,
                    mobile: r.get(7)?,
                    access_needs: r.get(8)?,
                    emergency_name: r.get(9)?,
                    emergency_phone: r.get(10)?,
                },
            ))
        })?;
        let mut members: HashMap<TeamId, Vec<SheetMember>> = HashMap::new();
        for row in rows {
            let (team, member) = row?;
            members.entry(team).or_default().push(member);
        }
        Ok(members)
    }

    /// Every offer with its group and what it practises.
    fn sheet_offers(&self) -> Result<HashMap<OfferId, SheetOffer>, StoreError> {
        let mut practises: HashMap<OfferId, Vec<String>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT op.offer_id, pr.name FROM offer_practice op JOIN practice pr ON pr.id = op.practice_id \
             ORDER BY pr.sort_order, pr.name",
        )?;
        for row in stmt.query_map([], |r| Ok((OfferId(r.get(0)?), r.get::<_, String>(1)?)))? {
            let (offer, name) = row?;
            practises.entry(offer).or_default().push(name);
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT o.id, o.title, o.activity, o.group_gains, o.what_to_bring, o.requirements, o.dbs_required, \
                    o.outdoor_clothing, o.start_time, o.finish_time, o.address, o.travel, o.site_access, \
                    o.day_contact_name, o.day_contact_phone, g.id, g.name, g.contact_name, \
                    CASE WHEN g.contact_phone <> '' THEN g.contact_phone ELSE g.phone END, \
                    CASE WHEN g.contact_email <> '' THEN g.contact_email ELSE g.email END, \
                    g.address_line1, g.address_line2, g.town, g.postcode, coalesce(n.name, ''), \
                    o.town, o.postcode \
             FROM offer o JOIN community_group g ON g.id = o.group_id \
             LEFT JOIN neighbourhood n ON n.id = coalesce(o.neighbourhood_id, g.neighbourhood_id)",
        )?;
        let rows = stmt.query_map([], |r| {
            let (line1, line2, town): (String, String, String) = (r.get(20)?, r.get(21)?, r.get(22)?);
            let group = SheetGroup {
                id: GroupId(r.get(15)?),
                name: r.get(16)?,
                contact_name: r.get(17)?,
                phone: r.get(18)?,
                email: r.get(19)?,
                address: join_present(&[&line1, &line2, &town], ", "),
                postcode: r.get(23)?,
                neighbourhood: r.get(24)?,
            };
            let meeting_place = MeetingPlace { address: r.get(10)?, town: r.get(25)?, postcode: r.get(26)? };
            Ok(SheetOffer {
                id: OfferId(r.get(0)?),
                title: r.get(1)?,
                activity: r.get(2)?,
                group_gains: r.get(3)?,
                practises: Vec::new(),
                what_to_bring: r.get(4)?,
                requirements: r.get(5)?,
                dbs_required: r.get(6)?,
                outdoor_clothing: r.get(7)?,
                start: time(r, 8)?,
                finish: time(r, 9)?,
                meeting_place,
                travel: r.get(11)?,
                site_access: r.get(12)?,
                contact_name: r.get(13)?,
                contact_phone: r.get(14)?,
                group,
            })
        })?;
        let mut offers = HashMap::new();
        for row in rows {
            let mut offer = row?;
            offer.practises = practises.remove(&offer.id).unwrap_or_default();
            offers.insert(offer.id, offer);
        }
        Ok(offers)
    }
}
