//! Turning spreadsheet rows into activity offers: each row is matched to a group of the
//! directory by its charity number or identifier, else by its name; a row whose group cannot
//! be found, or whose dates, times or sizes make no sense, is listed with its reason.

use std::collections::HashMap;

use chrono::{NaiveDate, Weekday};

use super::mapping::{FieldKind, Mapping, Plan, Prepared, RowError, mapped_values, split_list, yes_or_no};
use super::table::Table;
use crate::model::dates::{parse_time, parse_uk_date};
use crate::model::search::fold;
use crate::model::*;
use crate::store::{ImportOffer, OfferEdit, split_tags};

/// A field of an offer that a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OfferField {
    GroupName,
    GroupIdentifier,
    Title,
    Activity,
    GroupGains,
    Neighbourhood,
    Address,
    Travel,
    SiteAccess,
    FirstDate,
    LastDate,
    Weekdays,
    ExtraDates,
    BlackoutDates,
    Weekends,
    BankHolidays,
    StartTime,
    FinishTime,
    TeamSize,
    TeamSizeMin,
    TeamSizeMax,
    Capacity,
    Practises,
    Tags,
    DbsRequired,
    OutdoorClothing,
    WhatToBring,
    Requirements,
    DayContactName,
    DayContactPhone,
    Status,
}

impl OfferField {
    pub const ALL: [Self; 31] = [
        Self::GroupName,
        Self::GroupIdentifier,
        Self::Title,
        Self::Activity,
        Self::GroupGains,
        Self::Neighbourhood,
        Self::Address,
        Self::Travel,
        Self::SiteAccess,
        Self::FirstDate,
        Self::LastDate,
        Self::Weekdays,
        Self::ExtraDates,
        Self::BlackoutDates,
        Self::Weekends,
        Self::BankHolidays,
        Self::StartTime,
        Self::FinishTime,
        Self::TeamSize,
        Self::TeamSizeMin,
        Self::TeamSizeMax,
        Self::Capacity,
        Self::Practises,
        Self::Tags,
        Self::DbsRequired,
        Self::OutdoorClothing,
        Self::WhatToBring,
        Self::Requirements,
        Self::DayContactName,
        Self::DayContactPhone,
        Self::Status,
    ];
}

impl FieldKind for OfferField {
    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn label(self) -> &'static str {
        match self {
            Self::GroupName => "Group's name",
            Self::GroupIdentifier => "Group's charity number or identifier",
            Self::Title => "Title",
            Self::Activity => "What the team will do",
            Self::GroupGains => "What the group gains",
            Self::Neighbourhood => "Neighbourhood",
            Self::Address => "Address",
            Self::Travel => "Getting there",
            Self::SiteAccess => "Site accessibility",
            Self::FirstDate => "First day",
            Self::LastDate => "Last day",
            Self::Weekdays => "Days of the week",
            Self::ExtraDates => "Extra days",
            Self::BlackoutDates => "Blackout days",
            Self::Weekends => "Weekends offered (yes/no)",
            Self::BankHolidays => "Bank holidays offered (yes/no)",
            Self::StartTime => "Start time",
            Self::FinishTime => "Finish time",
            Self::TeamSize => "Team size (e.g. 3-6)",
            Self::TeamSizeMin => "Smallest team",
            Self::TeamSizeMax => "Largest team",
            Self::Capacity => "Team-days it can host",
            Self::Practises => "What the team will practise",
            Self::Tags => "Tags",
            Self::DbsRequired => "DBS check needed (yes/no)",
            Self::OutdoorClothing => "Outdoor clothing (yes/no)",
            Self::WhatToBring => "What to bring",
            Self::Requirements => "Anything the team must know",
            Self::DayContactName => "Contact on the day",
            Self::DayContactPhone => "Their phone",
            Self::Status => "Status",
        }
    }

    fn from_header(key: &str) -> Option<Self> {
        use OfferField::*;
        let field = match key {
            "group" | "groupname" | "organisation" | "organisationname" | "organization" | "host" | "hostgroup" => {
                GroupName
            }
            "charitynumber"
            | "registeredcharitynumber"
            | "groupidentifier"
            | "groupid"
            | "identifier"
            | "otheridentifier" => GroupIdentifier,
            "title" | "offer" | "offertitle" | "activitytitle" | "name" => Title,
            "activity" | "whattheteamwilldo" | "description" | "whatyouwilldo" => Activity,
            "groupgains" | "whatthegroupgains" | "benefit" | "benefits" => GroupGains,
            "neighbourhood" | "neighborhood" | "area" | "ward" => Neighbourhood,
            "address" | "venue" | "location" => Address,
            "travel" | "gettingthere" | "parking" | "transport" | "howtogetthere" => Travel,
            "access" | "accessibility" | "siteaccessibility" | "siteaccess" => SiteAccess,
            "firstdate" | "firstday" | "from" | "startdate" | "availablefrom" | "datefrom" => FirstDate,
            "lastdate" | "lastday" | "to" | "until" | "enddate" | "availableuntil" | "dateto" => LastDate,
            "weekdays" | "days" | "daysavailable" | "runson" | "daysoftheweek" => Weekdays,
            "extradates" | "extradays" | "alsoavailable" => ExtraDates,
            "blackoutdates" | "blackoutdays" | "notavailable" | "unavailabledates" => BlackoutDates,
            "weekends" | "weekendsoffered" | "weekendsallowed" => Weekends,
            "bankholidays" | "bankholidaysoffered" | "bankholidaysallowed" => BankHolidays,
            "starttime" | "start" | "starts" => StartTime,
            "finishtime" | "finish" | "endtime" | "end" | "finishes" => FinishTime,
            "teamsize" | "size" => TeamSize,
            "teamsizemin" | "minteamsize" | "minimumteamsize" | "smallestteam" | "min" => TeamSizeMin,
            "teamsizemax" | "maxteamsize" | "maximumteamsize" | "largestteam" | "max" => TeamSizeMax,
            "capacity" | "teamdays" | "places" | "teams" => Capacity,
            "practises" | "practices" | "practise" | "practice" | "leadershippractice" | "skills" => Practises,
            "tags" | "keywords" => Tags,
            "dbs" | "dbsrequired" | "dbscheck" | "dbscheckneeded" => DbsRequired,
            "outdoorclothing" | "outdoors" => OutdoorClothing,
            "whattobring" | "bring" => WhatToBring,
            "requirements" | "anythingtheteammustknow" | "notes" => Requirements,
            "daycontact" | "daycontactname" | "contactontheday" | "contact" | "contactname" => DayContactName,
            "daycontactphone" | "contactphone" | "phone" | "telephone" => DayContactPhone,
            "status" => Status,
            _ => return None,
        };
        Some(field)
    }
}

/// Which column fills which field of an offer.
pub type OfferMapping = Mapping<OfferField>;
/// The offers to import and the rows that cannot be.
pub type OfferImportPlan = Plan<ImportOffer>;

/// What the file holds that an offer import needs: its groups (to match rows to), its lists,
/// and its offers (to spot the same offer twice).
#[derive(Clone, Debug, Default)]
pub struct OfferLookup {
    groups: Vec<LookupGroup>,
    by_name: HashMap<String, Vec<usize>>,
    by_identifier: HashMap<String, usize>,
    neighbourhoods: HashMap<String, NeighbourhoodId>,
    practices: HashMap<String, PracticeId>,
    offers: HashMap<(GroupId, String), OfferId>,
}

/// A group as the offer import sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct LookupGroup {
    pub id: GroupId,
    pub name: String,
    pub charity_number: String,
    pub other_identifier: String,
    pub neighbourhood: Option<NeighbourhoodId>,
    pub address: String,
}

fn name_key(name: &str) -> String {
    fold(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn identifier_key(id: &str) -> String {
    id.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase()
}

impl OfferLookup {
    pub fn new(
        groups: Vec<LookupGroup>,
        neighbourhoods: &[Neighbourhood],
        practices: &[Practice],
        offers: impl IntoIterator<Item = (OfferId, GroupId, String)>,
    ) -> Self {
        let mut lookup = Self::default();
        for (i, g) in groups.iter().enumerate() {
            lookup.by_name.entry(name_key(&g.name)).or_default().push(i);
            for id in [&g.charity_number, &g.other_identifier] {
                let key = identifier_key(id);
                if !key.is_empty() {
                    lookup.by_identifier.entry(key).or_insert(i);
                }
            }
        }
        lookup.groups = groups;
        lookup.neighbourhoods = neighbourhoods.iter().map(|n| (name_key(&n.name), n.id)).collect();
        lookup.practices = practices.iter().map(|p| (name_key(&p.name), p.id)).collect();
        lookup.offers = offers.into_iter().map(|(offer, group, title)| ((group, name_key(&title)), offer)).collect();
        lookup
    }

    fn group(&self, name: Option<&str>, identifier: Option<&str>) -> Result<&LookupGroup, String> {
        if let Some(id) = identifier
            && let Some(i) = self.by_identifier.get(&identifier_key(id))
        {
            return Ok(&self.groups[*i]);
        }
        let Some(name) = name else {
            return Err(match identifier {
                Some(id) => format!("no group in the directory has the charity number or identifier “{id}”"),
                None => "it names no group".to_owned(),
            });
        };
        match self.by_name.get(&name_key(name)).map(Vec::as_slice) {
            Some([one]) => Ok(&self.groups[*one]),
            Some(many) if many.len() > 1 => Err(format!(
                "{} groups in the directory are called “{name}”; add their charity numbers or identifiers to tell them apart",
                many.len()
            )),
            _ => Err(format!("no group in the directory is called “{name}”")),
        }
    }
}

/// Reads what an offer import needs from the file.
pub fn offer_lookup(store: &crate::store::Store) -> Result<OfferLookup, crate::store::StoreError> {
    let groups = store
        .group_places()?
        .into_iter()
        .map(|(id, name, charity_number, other_identifier, neighbourhood, address)| LookupGroup {
            id,
            name,
            charity_number,
            other_identifier,
            neighbourhood,
            address,
        })
        .collect();
    Ok(OfferLookup::new(groups, &store.neighbourhoods()?, &store.practices()?, store.offer_titles()?))
}

/// Reads every row of `table` with `mapping` into offers, matching each to its group.
pub fn plan_offer_import(table: &Table, mapping: &OfferMapping, lookup: &OfferLookup) -> OfferImportPlan {
    let mut plan = OfferImportPlan::default();
    for row in &table.rows {
        match prepare_row(&row.cells, mapping, &table.headers, lookup) {
            Ok((import, warnings)) => plan.rows.push(Prepared { line: row.line, row: import, warnings }),
            Err(reason) => plan.errors.push(RowError { line: row.line, reason }),
        }
    }
    plan
}

fn prepare_row(
    cells: &[String],
    mapping: &OfferMapping,
    headers: &[String],
    lookup: &OfferLookup,
) -> Result<(ImportOffer, Vec<String>), String> {
    let values = mapped_values(cells, mapping, headers)?;
    let get = |field: OfferField| values.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_str());
    let group = lookup.group(get(OfferField::GroupName), get(OfferField::GroupIdentifier))?;
    let mut warnings = Vec::new();
    let first = get(OfferField::FirstDate).ok_or("it has no first day")?;
    let first_date = parse_date(first)?;
    let last_date = match get(OfferField::LastDate) {
        Some(text) => parse_date(text)?,
        None => first_date,
    };
    let mut offer = Offer::new_draft(group.id, first_date);
    offer.when.last_date = last_date;
    offer.status = OfferStatus::Offered;
    offer.neighbourhood = group.neighbourhood;
    offer.address = group.address.clone();
    let mut new_practices = Vec::new();
    for (field, value) in &values {
        apply_field(&mut offer, *field, value.clone(), lookup, &mut warnings, &mut new_practices)?;
    }
    let duplicate_of = lookup.offers.get(&(group.id, name_key(&offer.title))).copied();
    let (edit, more) = OfferEdit::imported(offer).map_err(|problems| {
        problems.into_iter().map(|p| p.message.trim_end_matches('.').to_lowercase()).collect::<Vec<_>>().join("; ")
    })?;
    warnings.extend(more);
    if !new_practices.is_empty() {
        warnings.push(format!("“{}” will be added to the list of practices", new_practices.join("”, “")));
    }
    Ok((ImportOffer { edit, group_name: group.name.clone(), new_practices, duplicate_of }, warnings))
}

/// Reads one mapped cell into the offer; doubtful values become warnings, bad ones the row's error.
fn apply_field(
    offer: &mut Offer,
    field: OfferField,
    value: String,
    lookup: &OfferLookup,
    warnings: &mut Vec<String>,
    new_practices: &mut Vec<String>,
) -> Result<(), String> {
    match field {
        OfferField::GroupName | OfferField::GroupIdentifier | OfferField::FirstDate | OfferField::LastDate => {}
        OfferField::Title => offer.title = value,
        OfferField::Activity => offer.activity = value,
        OfferField::GroupGains => offer.group_gains = value,
        OfferField::Neighbourhood => match lookup.neighbourhoods.get(&name_key(&value)) {
            Some(id) => offer.neighbourhood = Some(*id),
            None => warnings.push(format!("neighbourhood “{value}” is not on the list; the group's is used")),
        },
        OfferField::Address => offer.address = value,
        OfferField::Travel => offer.travel = value,
        OfferField::SiteAccess => offer.site_access = value,
        OfferField::Weekdays => offer.when.weekdays = parse_weekdays(&value)?,
        OfferField::ExtraDates => offer.when.extra_dates = parse_dates(&value)?,
        OfferField::BlackoutDates => offer.when.blackout_dates = parse_dates(&value)?,
        OfferField::Weekends => offer.when.weekends_allowed = flag(&value, "weekends offered", warnings),
        OfferField::BankHolidays => offer.when.bank_holidays_allowed = flag(&value, "bank holidays offered", warnings),
        OfferField::StartTime => offer.start_time = parse_time(&value)?,
        OfferField::FinishTime => offer.finish_time = parse_time(&value)?,
        OfferField::TeamSize => (offer.team_size_min, offer.team_size_max) = parse_size_range(&value)?,
        OfferField::TeamSizeMin => offer.team_size_min = number(&value, "smallest team")?,
        OfferField::TeamSizeMax => offer.team_size_max = number(&value, "largest team")?,
        OfferField::Capacity => offer.capacity = number(&value, "team-days it can host")?,
        OfferField::Practises => {
            for name in split_list(&value) {
                match lookup.practices.get(&name_key(&name)) {
                    Some(id) => offer.practises.push(*id),
                    None => new_practices.push(name),
                }
            }
        }
        OfferField::Tags => offer.tags = split_tags(&value),
        OfferField::DbsRequired => offer.dbs_required = flag(&value, "DBS check needed", warnings),
        OfferField::OutdoorClothing => offer.outdoor_clothing = flag(&value, "outdoor clothing", warnings),
        OfferField::WhatToBring => offer.what_to_bring = value,
        OfferField::Requirements => offer.requirements = value,
        OfferField::DayContactName => offer.day_contact_name = value,
        OfferField::DayContactPhone => offer.day_contact_phone = value,
        OfferField::Status => match OfferStatus::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(&value)) {
            Some(status) => offer.status = status,
            None => warnings.push(format!(
                "status “{value}” is not one of draft, offered, confirmed, withdrawn or completed; set to offered"
            )),
        },
    }
    Ok(())
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    // A spreadsheet's date cell may carry a time: "2027-04-05 00:00".
    let day = text.split_whitespace().next().unwrap_or_default();
    parse_uk_date(day)
        .or_else(|| parse_uk_date(text))
        .ok_or_else(|| format!("“{text}” is not a date (day first, like 05/04/2027)"))
}

fn parse_dates(text: &str) -> Result<Vec<NaiveDate>, String> {
    text.split([';', ',', '|']).map(str::trim).filter(|t| !t.is_empty()).map(parse_date).collect()
}

fn number(text: &str, what: &str) -> Result<u32, String> {
    text.trim().parse().map_err(|_| format!("{what} “{text}” is not a whole number"))
}

fn parse_size_range(text: &str) -> Result<(u32, u32), String> {
    let parts: Vec<&str> = text.split(['-', '–']).flat_map(|p| p.split(" to ")).map(str::trim).collect();
    match parts.as_slice() {
        [one] => number(one, "team size").map(|n| (n, n)),
        [from, to] => Ok((number(from, "team size")?, number(to, "team size")?)),
        _ => Err(format!("team size “{text}” is not a size like 3-6")),
    }
}

fn flag(text: &str, what: &str, warnings: &mut Vec<String>) -> bool {
    yes_or_no(text).unwrap_or_else(|| {
        warnings.push(format!("{what} “{text}” is not yes or no; taken as no"));
        false
    })
}

/// "Mon-Fri", "weekdays", "Tuesdays and Thursdays", "Mon, Wed, Fri", "every day".
pub fn parse_weekdays(text: &str) -> Result<Weekdays, String> {
    let lower = text.to_lowercase();
    if lower.contains("weekday") {
        return Ok(Weekdays::MONDAY_TO_FRIDAY);
    }
    if lower.contains("every day") || lower.contains("daily") || lower.contains("all week") {
        return Ok(Weekdays(0b111_1111));
    }
    const NAMES: [(&str, Weekday); 7] = [
        ("mon", Weekday::Mon),
        ("tue", Weekday::Tue),
        ("wed", Weekday::Wed),
        ("thu", Weekday::Thu),
        ("fri", Weekday::Fri),
        ("sat", Weekday::Sat),
        ("sun", Weekday::Sun),
    ];
    let days: Vec<Weekday> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 2)
        .filter_map(|w| NAMES.iter().find(|(n, _)| w.starts_with(n)))
        .map(|(_, d)| *d)
        .collect();
    let is_range = days.len() == 2 && (lower.contains('-') || lower.contains('–') || lower.contains(" to "));
    let mut bits = 0u8;
    if is_range {
        let (from, to) = (days[0].num_days_from_monday(), days[1].num_days_from_monday());
        for d in from..=to.max(from) {
            bits |= 1 << d;
        }
    } else {
        for d in &days {
            bits |= 1 << d.num_days_from_monday();
        }
    }
    if bits == 0 {
        return Err(format!("“{text}” names no day of the week (like Mon-Fri or Tuesdays and Thursdays)"));
    }
    Ok(Weekdays(bits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_the_week_are_read_as_people_write_them() {
        assert_eq!(parse_weekdays("Mon-Fri").unwrap(), Weekdays(0b001_1111));
        assert_eq!(parse_weekdays("weekdays").unwrap(), Weekdays(0b001_1111));
        assert_eq!(parse_weekdays("Tuesdays and Thursdays").unwrap(), Weekdays(0b000_1010));
        assert_eq!(parse_weekdays("Mon, Wed, Sat").unwrap(), Weekdays(0b010_0101));
        assert_eq!(parse_weekdays("Monday to Wednesday").unwrap(), Weekdays(0b000_0111));
        assert_eq!(parse_weekdays("every day").unwrap(), Weekdays(0b111_1111));
        assert!(parse_weekdays("sometimes").is_err());
    }

    #[test]
    fn team_sizes_read_as_ranges() {
        assert_eq!(parse_size_range("3-6"), Ok((3, 6)));
        assert_eq!(parse_size_range("4 to 5"), Ok((4, 5)));
        assert_eq!(parse_size_range("5"), Ok((5, 5)));
        assert!(parse_size_range("a few").is_err());
    }
}
