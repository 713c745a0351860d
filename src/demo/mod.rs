//! The demo programme: a believable Fylde Coast placement programme, the same for the same seed.
//!
//! Phone numbers come from Ofcom's ranges kept for drama (01632 960xxx, 07700 900xxx) and email
//! addresses use `example.org`, so no real person or group can be reached through demo data.

mod history;
mod words;

use std::collections::HashSet;
use std::path::Path;

use chrono::{Datelike as _, Duration, NaiveDate, NaiveTime};

use crate::model::GroupEdit;
use crate::model::availability::{Availability, is_available};
use crate::model::calendar::is_weekend;
use crate::model::random::SplitMix64 as Rng;
use crate::model::*;
use crate::store::{BulkWriter, NewParticipant, OpenError, Store, StoreError};
use words::*;

/// What to put in a demo file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    pub groups: usize,
    pub seed: u64,
    /// The programme runs in April and May of this year.
    pub year: i32,
}

impl DemoOptions {
    pub const DEFAULT_GROUPS: usize = 1_500;
    pub const DEFAULT_SEED: u64 = 2027;

    pub fn new(year: i32) -> Self {
        Self { groups: Self::DEFAULT_GROUPS, seed: Self::DEFAULT_SEED, year }
    }
}

/// The year of the next April–May to come: this year's until the end of May, else next year's.
pub fn next_programme_year(today: NaiveDate) -> i32 {
    if today.month() <= 5 { today.year() } else { today.year() + 1 }
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{0}")]
    Open(#[from] OpenError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("the demo generator made a record that does not pass its own checks: {0}")]
    Invalid(String),
}

fn drama_landline(rng: &mut Rng) -> String {
    format!("01632 960{:03}", rng.below(1000))
}

fn drama_mobile(rng: &mut Rng) -> String {
    format!("07700 900{:03}", rng.below(1000))
}

/// A slug cut at a word to the 63 characters a part of a domain name may have.
fn domain_label(slug: &str) -> String {
    let mut label = String::new();
    for word in slug.split('-') {
        if label.len() + word.len() + 1 > 63 {
            break;
        }
        if !label.is_empty() {
            label.push('-');
        }
        label.push_str(word);
    }
    label
}

fn slug(text: &str, separator: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'í' | 'ï' => Some('i'),
            'ó' | 'ö' | 'ô' => Some('o'),
            'ú' | 'ü' => Some('u'),
            'a'..='z' | '0'..='9' => Some(c),
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            ' ' | '-' => Some('.'),
            _ => None,
        })
        .collect::<String>()
        .split('.')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

fn postcode(rng: &mut Rng, district: &str) -> String {
    const UNIT_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let a = UNIT_LETTERS[rng.below(UNIT_LETTERS.len())] as char;
    let b = UNIT_LETTERS[rng.below(UNIT_LETTERS.len())] as char;
    format!("{district} {}{a}{b}", 1 + rng.below(9))
}

/// A group name not used yet: the pattern in the group's locality, else in a nearby street or
/// a part of the locality, as real registers have them.
fn unique_group_name(rng: &mut Rng, pattern: &GroupPattern, place: &str, taken: &mut HashSet<String>) -> String {
    let saint = *rng.pick(SAINTS);
    let street = *rng.pick(STREETS);
    let fill = |place: &str| pattern.name.replace("{place}", place).replace("{saint}", saint);
    let candidates = [
        place.to_owned(),
        format!("{place} & District"),
        format!("North {place}"),
        format!("South {place}"),
        street.to_owned(),
        format!("East {place}"),
        format!("West {place}"),
        format!("Old {place}"),
    ];
    for candidate in candidates {
        let name = fill(&candidate);
        if taken.insert(name.clone()) {
            return name;
        }
    }
    let mut n = 1;
    loop {
        let name =
            if n == 1 { format!("{} ({street})", fill(place)) } else { format!("{} ({street}) {n}", fill(place)) };
        if taken.insert(name.clone()) {
            return name;
        }
        n += 1;
    }
}

fn make_group(
    rng: &mut Rng,
    hood: &NeighbourhoodSeed,
    hood_id: NeighbourhoodId,
    taken: &mut HashSet<String>,
) -> (CommunityGroup, &'static [&'static str]) {
    let pattern = rng.pick(GROUP_PATTERNS);
    let place = *rng.pick(hood.localities);
    let name = unique_group_name(rng, pattern, place, taken);
    let first = *rng.pick(FIRST_NAMES);
    let last = *rng.pick(LAST_NAMES);
    let contact_name = format!("{first} {last}");
    let group_slug = domain_label(&slug(&name, "-"));
    let district = rng_district(rng, hood);
    let status = match rng.below(100) {
        0..=87 => GroupStatus::Active,
        88..=96 => GroupStatus::Dormant,
        _ => GroupStatus::Closed,
    };
    let group = CommunityGroup {
        description: pattern.description.replace("{place}", place),
        neighbourhood: Some(hood_id),
        address_line1: format!("{} {}", 1 + rng.below(240), rng.pick(STREETS)),
        address_line2: if rng.percent(30) { place.to_owned() } else { String::new() },
        town: hood.town.to_owned(),
        postcode: postcode(rng, district),
        phone: drama_landline(rng),
        email: format!("hello@{group_slug}.example.org"),
        website: if rng.percent(60) { format!("https://www.{group_slug}.example.org") } else { String::new() },
        contact_role: rng.pick(CONTACT_ROLES).to_string(),
        contact_phone: drama_mobile(rng),
        contact_email: format!("{}@example.org", slug(&contact_name, ".")),
        contact_name,
        // Seven figures from 9,000,000: beyond every UK register (England and Wales numbers run
        // to about 1.2 million; Scotland's and Northern Ireland's carry SC and NIC), so a real
        // register imported into the demo never matches a made-up group by number.
        charity_number: if rng.percent(45) { format!("{}", 9_000_000 + rng.below(700_000)) } else { String::new() },
        status,
        accessibility: rng.pick(ACCESSIBILITY).to_string(),
        safeguarding_notes: if pattern.categories.contains(&"children and young people") {
            "DBS check needed for anyone working with the children.".to_owned()
        } else {
            String::new()
        },
        consent_to_contact: rng.percent(80),
        consent_date: None,
        last_verified: None,
        name,
        ..CommunityGroup::default()
    };
    (group, pattern.categories)
}

/// A day between 1 June two years before the programme and 31 October the year before.
fn recent_day(rng: &mut Rng, year: i32) -> Option<NaiveDate> {
    let start = NaiveDate::from_ymd_opt(year - 2, 6, 1)?;
    Some(start + Duration::days(rng.below(517) as i64))
}

fn rng_district(rng: &mut Rng, hood: &NeighbourhoodSeed) -> &'static str {
    let district: &&'static str = rng.pick(hood.districts);
    district
}

/// The days `offer` can host a team.
fn open_days(offer: &Offer) -> Vec<NaiveDate> {
    crate::model::dates::days_between(offer.when.first_date, offer.when.last_date)
        .filter(|d| is_available(&offer.when, *d).is_ok())
        .collect()
}

fn make_offer(
    rng: &mut Rng,
    group: GroupId,
    hood: NeighbourhoodId,
    year: i32,
    meeting_place: MeetingPlace,
) -> Result<Offer, DemoError> {
    let template = rng.pick(OFFER_TEMPLATES);
    let bad_date = || DemoError::Invalid(format!("no April in {year}"));
    let april_first = NaiveDate::from_ymd_opt(year, 4, 1).ok_or_else(bad_date)?;
    let may_last = NaiveDate::from_ymd_opt(year, 5, 31).ok_or_else(bad_date)?;
    let mut first_date = april_first + Duration::days(rng.below(28) as i64);
    while is_weekend(first_date) {
        first_date += Duration::days(1);
    }
    let last_date = (first_date + Duration::days(14 + rng.below(40) as i64)).min(may_last);
    let weekdays = match rng.below(10) {
        0 => Weekdays(0b000_1010), // Tuesdays and Thursdays
        1 => Weekdays(0b000_0101), // Mondays and Wednesdays
        2 => Weekdays(0b001_0100), // Wednesdays and Fridays
        _ => Weekdays::MONDAY_TO_FRIDAY,
    };
    let start = [(9, 0), (9, 30), (10, 0)][rng.below(3)];
    let finish = [(15, 0), (15, 30), (16, 0), (16, 30)][rng.below(4)];
    let time =
        |(h, m): (u32, u32)| NaiveTime::from_hms_opt(h, m, 0).ok_or_else(|| DemoError::Invalid("bad time".into()));
    let team_size_min = 3 + rng.below(2) as u32;
    // About one offer in five cannot host on one day in its range (the group's own event).
    let blackout_dates = if rng.below(5) == 0 {
        let span = (last_date - first_date).num_days().max(1) as usize;
        vec![first_date + Duration::days(rng.below(span) as i64)]
    } else {
        Vec::new()
    };
    // Every offer practises the first and last of the four starting practices and one other.
    let practises = vec![PracticeId(1), PracticeId(2 + rng.below(2) as i64), PracticeId(4)];
    let outdoors = template.requirements.contains("Outdoor");
    Ok(Offer {
        group,
        title: template.title.to_owned(),
        activity: template.activity.to_owned(),
        group_gains: template.gains.to_owned(),
        neighbourhood: Some(hood),
        meeting_place,
        travel: String::new(),
        site_access: String::new(),
        when: Availability {
            first_date,
            last_date,
            weekdays,
            extra_dates: Vec::new(),
            blackout_dates,
            weekends_allowed: false,
            bank_holidays_allowed: false,
        },
        start_time: time(start)?,
        finish_time: time(finish)?,
        team_size_min,
        team_size_max: team_size_min + 1 + rng.below(2) as u32,
        capacity: 1 + rng.below(3) as u32,
        practises,
        tags: Vec::new(),
        dbs_required: false,
        outdoor_clothing: outdoors,
        what_to_bring: String::new(),
        requirements: template.requirements.to_owned(),
        day_contact_name: String::new(),
        day_contact_phone: String::new(),
        status: match rng.below(10) {
            0 => OfferStatus::Draft,
            1..=5 => OfferStatus::Offered,
            _ => OfferStatus::Confirmed,
        },
    })
}

fn unique_person(rng: &mut Rng, taken: &mut HashSet<String>) -> String {
    loop {
        let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        if taken.insert(name.clone()) {
            return name;
        }
    }
}

/// Writes a new demo database at `path`. Refuses to overwrite an existing file; on failure the
/// half-made file is removed.
pub fn write_demo(path: &Path, options: &DemoOptions) -> Result<Counts, DemoError> {
    let mut store = Store::create(path)?;
    match fill(&mut store, options) {
        Ok(()) => Ok(store.counts()?),
        Err(e) => {
            drop(store);
            let _ = std::fs::remove_file(path);
            Err(e)
        }
    }
}

/// The demo's lists, by what the groups name.
struct Lists {
    hoods: Vec<NeighbourhoodId>,
    categories: std::collections::HashMap<&'static str, CategoryId>,
}

/// A group that can host: its id, neighbourhood and where its teams meet.
type Host = (GroupId, NeighbourhoodId, MeetingPlace);

/// An offer written, with the days it can host.
type WrittenOffer = (OfferId, Offer, Vec<NaiveDate>);

fn fill(store: &mut Store, options: &DemoOptions) -> Result<(), DemoError> {
    let mut rng = Rng(options.seed ^ 0x05EE_D0FC_0A57_u64);
    let year = options.year;
    store.bulk_insert(|w| -> Result<(), DemoError> {
        if let Some(stamp) = NaiveDate::from_ymd_opt(year - 1, 11, 2).and_then(|d| d.and_hms_opt(9, 0, 0)) {
            w.set_timestamp(stamp);
        }
        let lists = write_lists(w)?;
        let hosts = write_groups(w, &mut rng, options, &lists)?;
        let offers = write_offers(w, &mut rng, options, &hosts)?;
        let mut people = write_cohorts(w, &mut rng, year)?;
        write_placements(w, &mut rng, &offers, &people.teams)?;
        history::write_last_year(w, options.seed, year, &hosts, &mut people)
    })
}

fn write_lists(w: &mut BulkWriter<'_>) -> Result<Lists, StoreError> {
    let mut hoods = Vec::new();
    for (i, hood) in NEIGHBOURHOODS.iter().enumerate() {
        hoods.push(w.neighbourhood(hood.name, i as i64)?);
    }
    // One rule per postcode district, for the neighbourhood most of it lies in.
    for (district, hood) in
        [("FY1", 1), ("FY2", 0), ("FY3", 2), ("FY4", 3), ("FY5", 6), ("FY6", 7), ("FY7", 5), ("FY8", 10)]
    {
        w.postcode_rule(district, hoods[hood])?;
    }
    let mut categories = std::collections::HashMap::new();
    for name in CATEGORIES {
        categories.insert(*name, w.category(name)?);
    }
    Ok(Lists { hoods, categories })
}

/// The directory's groups; returns the ones that can host, for offers.
fn write_groups(
    w: &mut BulkWriter<'_>,
    rng: &mut Rng,
    options: &DemoOptions,
    lists: &Lists,
) -> Result<Vec<Host>, DemoError> {
    let mut hosts = Vec::new();
    let mut names = HashSet::new();
    for _ in 0..options.groups {
        let h = rng.below(NEIGHBOURHOODS.len());
        let (mut group, categories) = make_group(rng, &NEIGHBOURHOODS[h], lists.hoods[h], &mut names);
        if group.consent_to_contact {
            group.consent_date = recent_day(rng, options.year);
        }
        if rng.percent(65) {
            group.last_verified = recent_day(rng, options.year);
        }
        let cats: Vec<CategoryId> = categories.iter().filter_map(|c| lists.categories.get(c).copied()).collect();
        let active = group.status == GroupStatus::Active;
        let address = group.address_as_meeting_place();
        let edit = GroupEdit::check(group).map_err(|p| DemoError::Invalid(format!("{p:?}")))?;
        let id = w.group(&edit, &cats)?;
        if active && hosts.len() < 400 {
            hosts.push((id, lists.hoods[h], address));
        }
    }
    Ok(hosts)
}

/// About 150 offers from different groups.
fn write_offers(
    w: &mut BulkWriter<'_>,
    rng: &mut Rng,
    options: &DemoOptions,
    hosts: &[Host],
) -> Result<Vec<WrittenOffer>, DemoError> {
    let offer_count = (options.groups / 10).clamp(1, 150).min(hosts.len());
    let mut offers = Vec::new();
    for (group, hood, address) in hosts.iter().take(offer_count) {
        let offer = make_offer(rng, *group, *hood, options.year, address.clone())?;
        let days = open_days(&offer);
        let id = w.offer(&offer)?;
        offers.push((id, offer, days));
    }
    Ok(offers)
}

/// The cohorts' people: each cohort's teams, the organisations' ids, and the names taken.
struct People {
    teams: Vec<Vec<TeamId>>,
    organisations: Vec<OrganisationId>,
    names: HashSet<String>,
}

/// The two cohorts, their people and their teams.
fn write_cohorts(w: &mut BulkWriter<'_>, rng: &mut Rng, year: i32) -> Result<People, StoreError> {
    let mut org_ids = Vec::new();
    for org in ORGANISATIONS {
        org_ids.push(w.organisation(org.name)?);
    }
    let mut profession_ids = std::collections::HashMap::new();
    for p in PROFESSIONS {
        profession_ids.insert(*p, w.profession(p)?);
    }
    let window = (NaiveDate::from_ymd_opt(year, 4, 1), NaiveDate::from_ymd_opt(year, 5, 31));
    let mut people = HashSet::new();
    let mut all_teams = Vec::new();
    for (cohort_name, size, team_size, mixed) in
        [(format!("Junior doctors {year}"), 24usize, 4usize, false), (format!("Systems leaders {year}"), 100, 5, true)]
    {
        let cohort = w.cohort(&Cohort {
            id: CohortId(0),
            name: cohort_name,
            programme_type: if mixed { "Systems leadership" } else { "Junior doctors' leadership course" }.to_owned(),
            first_day: window.0,
            last_day: window.1,
            default_team_size: team_size as u32,
            coordinator_name: "Alex Morgan".to_owned(),
            coordinator_phone: "01632 960 123".to_owned(),
            notes: String::new(),
            personal_data_removed_on: None,
            most_per_day: None,
        })?;
        // People, sorted by organisation so that dealing them round the teams mixes them.
        let mut roster = Vec::new();
        for i in 0..size {
            let org = if mixed { i % ORGANISATIONS.len() } else { 0 };
            let profession = if mixed { *rng.pick(ORGANISATIONS[org].professions) } else { "junior doctor" };
            roster.push((org, profession, unique_person(rng, &mut people)));
        }
        roster.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
        let team_count = size / team_size;
        let mut teams = Vec::new();
        for t in 0..team_count {
            teams.push(w.team(cohort, &format!("Team {}", t + 1), t as i64)?);
        }
        for (i, (org, profession, name)) in roster.iter().enumerate() {
            w.participant(&NewParticipant {
                cohort,
                team: Some(teams[i % team_count]),
                name: name.clone(),
                preferred_name: name.split(' ').next().unwrap_or_default().to_owned(),
                profession: profession_ids.get(profession).copied(),
                organisation: Some(org_ids[*org]),
                email: format!("{}@example.org", slug(name, ".")),
                mobile: drama_mobile(rng),
            })?;
        }
        all_teams.push(teams);
    }
    Ok(People { teams: all_teams, organisations: org_ids, names: people })
}

/// Places some teams: each on its own offer and day, some confirmed and some pencilled (the last
/// junior doctors' team pencilled onto a day with no activity yet), then one clash on purpose.
fn write_placements(
    w: &mut BulkWriter<'_>,
    rng: &mut Rng,
    offers: &[WrittenOffer],
    all_teams: &[Vec<TeamId>],
) -> Result<(), StoreError> {
    let mut usable = offers.iter().filter(|(_, o, days)| o.status != OfferStatus::Draft && !days.is_empty());
    let mut first_placement = None;
    for (cohort_teams, how_many) in all_teams.iter().zip([4usize, 12]) {
        for (i, team) in cohort_teams.iter().take(how_many).enumerate() {
            let Some((offer_id, _, days)) = usable.next() else {
                break;
            };
            let day = days[rng.below(days.len())];
            let status = if i % 3 == 2 { PlacementStatus::Pencilled } else { PlacementStatus::Confirmed };
            let offer = if i + 1 == how_many && how_many == 4 { None } else { Some(*offer_id) };
            w.placement(*team, offer, day, if offer.is_none() { PlacementStatus::Pencilled } else { status })?;
            first_placement.get_or_insert((*offer_id, day));
        }
    }
    if let (Some((offer, day)), Some(team)) = (first_placement, all_teams.get(1).and_then(|t| t.get(12))) {
        w.placement(*team, Some(offer), day, PlacementStatus::Pencilled)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_programme_year_is_the_next_april_to_may() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(next_programme_year(d(2026, 11, 22)), 2027);
        assert_eq!(next_programme_year(d(2027, 1, 5)), 2027);
        assert_eq!(next_programme_year(d(2027, 5, 31)), 2027);
        assert_eq!(next_programme_year(d(2027, 6, 1)), 2028);
    }

    #[test]
    fn slugs_make_plain_email_parts() {
        assert_eq!(slug("St Anne's Men's Shed", "-"), "st-annes-mens-shed");
        assert_eq!(slug("Siobhán O'Neill", "."), "siobhan.oneill");
        let long = slug("Blackpool Town Centre & District Tenants' and Residents' Association", "-");
        assert!(long.len() > 63, "{long}");
        assert_eq!(domain_label(&long), "blackpool-town-centre-district-tenants-and-residents");
        assert_eq!(domain_label("bispham-mens-shed"), "bispham-mens-shed");
    }
}
