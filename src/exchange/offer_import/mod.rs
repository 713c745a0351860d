//! Turning spreadsheet rows into activity offers, as groups write them: each row is matched to a
//! group of the directory by its charity number or identifier, else by its name as people write
//! it (a name that fits two groups, or only roughly one, is a question for the person); dates
//! and times may come as ranges in one cell ("12/04/2027 - 28/05/2027", "10am-4pm"). A row whose
//! group cannot be found, or whose dates, times or sizes make no sense, is listed with the column
//! to fix and what was read.

mod cells;
mod group_finder;

use std::collections::HashMap;

use chrono::{NaiveDate, Weekday};

use super::mapping::{
    FieldKind, Mapping, Plan, Prepared, RowError, header_key, mapped_values, split_contact, split_list, yes_or_no,
};
use super::table::Table;
use crate::model::OfferFormField;
use crate::model::dates::{parse_time, parse_time_range, parse_uk_date, parse_uk_date_range};
use crate::model::search::fold;
use crate::model::*;
use crate::model::{GroupQuestion, ImportOffer, OfferEdit, split_tags};
pub use cells::{NoWeekdays, parse_weekdays};
use cells::{apply_field, parse_date};
pub use group_finder::{Doubt, Found, GroupFinder, LookupGroup};

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
    Town,
    Postcode,
    Travel,
    SiteAccess,
    DateRange,
    FirstDate,
    LastDate,
    Weekdays,
    ExtraDates,
    BlackoutDates,
    Weekends,
    BankHolidays,
    Times,
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
    pub const ALL: [Self; 35] = [
        Self::GroupName,
        Self::GroupIdentifier,
        Self::Title,
        Self::Activity,
        Self::GroupGains,
        Self::Neighbourhood,
        Self::Address,
        Self::Town,
        Self::Postcode,
        Self::Travel,
        Self::SiteAccess,
        Self::DateRange,
        Self::FirstDate,
        Self::LastDate,
        Self::Weekdays,
        Self::ExtraDates,
        Self::BlackoutDates,
        Self::Weekends,
        Self::BankHolidays,
        Self::Times,
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
            Self::Title => "Title (the activity)",
            Self::Activity => "What the team will do",
            Self::GroupGains => "What the group gains",
            Self::Neighbourhood => "Neighbourhood",
            Self::Address => "Meeting place (address)",
            Self::Town => "Meeting place's town",
            Self::Postcode => "Meeting place's postcode",
            Self::Travel => "Getting there",
            Self::SiteAccess => "Site accessibility",
            Self::DateRange => "Dates available (first to last)",
            Self::FirstDate => "First day",
            Self::LastDate => "Last day",
            Self::Weekdays => "Days of the week",
            Self::ExtraDates => "Extra days",
            Self::BlackoutDates => "Blackout days",
            Self::Weekends => "Weekends offered (yes/no)",
            Self::BankHolidays => "Bank holidays offered (yes/no)",
            Self::Times => "Times (start to finish)",
            Self::StartTime => "Start time",
            Self::FinishTime => "Finish time",
            Self::TeamSize => "Team size (e.g. 3-6)",
            Self::TeamSizeMin => "Smallest team",
            Self::TeamSizeMax => "Largest team",
            Self::Capacity => "Team-days it can host (how many teams)",
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
            "group" | "groupname" | "organisation" | "organisationname" | "organization" | "host" | "hostgroup"
            | "yourgroup" | "nameofgroup" | "nameofyourgroup" => GroupName,
            "charitynumber"
            | "charityno"
            | "registeredcharitynumber"
            | "registeredcharityno"
            | "regcharityno"
            | "groupidentifier"
            | "groupid"
            | "identifier"
            | "otheridentifier" => GroupIdentifier,
            "title" | "offer" | "offertitle" | "activitytitle" | "titleofactivity" | "name" | "activity"
            | "activityname" => Title,
            "whattheteamwilldo" | "description" | "whatyouwilldo" | "activitydescription" | "details" => Activity,
            "groupgains" | "whatthegroupgains" | "benefit" | "benefits" => GroupGains,
            "neighbourhood" | "neighborhood" | "area" | "ward" => Neighbourhood,
            "address"
            | "meetingplace"
            | "meetingpoint"
            | "venue"
            | "where"
            | "wheretomeet"
            | "location"
            | "placetomeet"
            | "venueaddress"
            | "meetingplaceaddress" => Address,
            "town" | "city" | "towncity" | "meetingplacetown" | "venuetown" => Town,
            "postcode" | "postalcode" | "meetingplacepostcode" | "venuepostcode" | "meetingpointpostcode" => Postcode,
            "travel" | "gettingthere" | "parking" | "transport" | "howtogetthere" => Travel,
            "access" | "accessibility" | "siteaccessibility" | "siteaccess" => SiteAccess,
            "datesavailable" | "dates" | "when" | "availability" | "datesyoucanhost" | "availabledates" => DateRange,
            "firstdate" | "firstday" | "from" | "startdate" | "availablefrom" | "datefrom" => FirstDate,
            "lastdate" | "lastday" | "to" | "until" | "enddate" | "availableuntil" | "dateto" => LastDate,
            "weekdays" | "days" | "daysavailable" | "runson" | "daysoftheweek" => Weekdays,
            "extradates" | "extradays" | "alsoavailable" => ExtraDates,
            "blackoutdates" | "blackoutdays" | "notavailable" | "unavailabledates" => BlackoutDates,
            "weekends" | "weekendsoffered" | "weekendsallowed" => Weekends,
            "bankholidays" | "bankholidaysoffered" | "bankholidaysallowed" => BankHolidays,
            "times" | "time" | "hours" | "timesofday" => Times,
            "starttime" | "start" | "starts" => StartTime,
            "finishtime" | "finish" | "endtime" | "end" | "finishes" => FinishTime,
            "teamsize" | "size" => TeamSize,
            "teamsizemin" | "minteamsize" | "minimumteamsize" | "smallestteam" | "min" => TeamSizeMin,
            "teamsizemax" | "maxteamsize" | "maximumteamsize" | "largestteam" | "max" => TeamSizeMax,
            "capacity"
            | "teamdays"
            | "places"
            | "teams"
            | "numberofteams"
            | "howmanyteams"
            | "howmanyteamscanyouhost" => Capacity,
            "practises"
            | "practices"
            | "practise"
            | "practice"
            | "leadershippractice"
            | "skills"
            | "whattheteamwillpractise"
            | "whattheteamwillpractice" => Practises,
            "tags" | "keywords" => Tags,
            "dbs" | "dbsrequired" | "dbscheck" | "dbscheckneeded" => DbsRequired,
            "outdoorclothing" | "outdoors" => OutdoorClothing,
            "whattobring" | "bring" => WhatToBring,
            "requirements" | "anythingtheteammustknow" | "notes" => Requirements,
            "daycontact" | "daycontactname" | "contactontheday" | "contact" | "contactname" => DayContactName,
            "daycontactphone" | "contactphone" | "phone" | "telephone" | "contactsphone" | "theirphone" => {
                DayContactPhone
            }
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

/// The columns an online form's export adds of its own (Microsoft Forms: ID, Start time,
/// Completion time, Email, Name, Last modified time; Google Forms: Timestamp, Email address):
/// never an offer's fields, though "Start time" and "Name" would be taken for them.
fn is_form_column(key: &str, microsoft: bool) -> bool {
    match key {
        "timestamp" | "emailaddress" | "score" => true,
        "id" | "starttime" | "completiontime" | "email" | "name" | "lastmodifiedtime" => microsoft,
        _ => false,
    }
}

/// Words that, inside a longer header ("Which postcode should the team go to?"), say which field
/// the column is for; the first that fits is taken.
const HEADER_WORDS: [(&str, OfferField); 14] = [
    ("charityn", OfferField::GroupIdentifier),
    ("postcode", OfferField::Postcode),
    ("meetingplace", OfferField::Address),
    ("wheretomeet", OfferField::Address),
    ("venue", OfferField::Address),
    ("howmanyteams", OfferField::Capacity),
    ("teamsize", OfferField::TeamSize),
    ("howmanypeople", OfferField::TeamSize),
    ("dates", OfferField::DateRange),
    ("times", OfferField::Times),
    ("whatwilltheteamdo", OfferField::Activity),
    ("whattheteamwilldo", OfferField::Activity),
    ("contactontheday", OfferField::DayContactName),
    ("practise", OfferField::Practises),
];

/// Which column is which, as groups' replies and form exports name them. "Activity" is the
/// offer's title unless another column is plainly the title ("Title"), when it says what the
/// team will do; a form's own columns are left out; a header that names no field word for word
/// is matched by the words it holds.
pub fn guess_columns(headers: &[String]) -> OfferMapping {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let microsoft = keys.iter().any(|k| k == "completiontime");
    let has_title = keys.iter().any(|k| matches!(k.as_str(), "title" | "offertitle" | "activitytitle"));
    let mut taken: Vec<OfferField> = Vec::new();
    let mut fields: Vec<Option<OfferField>> = vec![None; keys.len()];
    // Word-for-word headers first, so that a longer header never takes their field.
    for (i, key) in keys.iter().enumerate() {
        if is_form_column(key, microsoft) {
            continue;
        }
        let field = match OfferField::from_header(key) {
            Some(OfferField::Title) if key == "activity" && has_title => Some(OfferField::Activity),
            other => other,
        };
        if let Some(field) = field.filter(|f| !taken.contains(f)) {
            taken.push(field);
            fields[i] = Some(field);
        }
    }
    for (i, key) in keys.iter().enumerate() {
        if fields[i].is_some() || is_form_column(key, microsoft) {
            continue;
        }
        let field = HEADER_WORDS.iter().find(|(word, f)| key.contains(word) && !taken.contains(f)).map(|(_, f)| *f);
        if let Some(field) = field {
            taken.push(field);
            fields[i] = Some(field);
        }
    }
    OfferMapping { fields }
}

/// What the file holds that an offer import needs: its groups (to match rows to), its lists,
/// its offers (to spot the same offer twice), and its postcode rules (an offer's neighbourhood
/// from where it meets).
#[derive(Clone, Debug, Default)]
pub struct OfferLookup {
    groups: GroupFinder,
    neighbourhoods: HashMap<String, NeighbourhoodId>,
    practices: HashMap<String, PracticeId>,
    offers: HashMap<(GroupId, String), OfferId>,
    areas: crate::model::postcode::AreaRules<NeighbourhoodId>,
}

fn name_key(name: &str) -> String {
    fold(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

impl OfferLookup {
    pub fn new(
        groups: Vec<LookupGroup>,
        neighbourhoods: &[Neighbourhood],
        practices: &[Practice],
        offers: impl IntoIterator<Item = (OfferId, GroupId, String)>,
        areas: crate::model::postcode::AreaRules<NeighbourhoodId>,
    ) -> Self {
        Self {
            groups: GroupFinder::new(groups),
            neighbourhoods: neighbourhoods.iter().map(|n| (name_key(&n.name), n.id)).collect(),
            practices: practices.iter().map(|p| (name_key(&p.name), p.id)).collect(),
            offers: offers.into_iter().map(|(offer, group, title)| ((group, name_key(&title)), offer)).collect(),
            areas,
        }
    }

    /// The same group's offer with the same title, already in the file.
    fn existing(&self, group: GroupId, title: &str) -> Option<OfferId> {
        self.offers.get(&(group, name_key(title))).copied()
    }
}

/// Reads what an offer import needs from the file.
pub fn offer_lookup(store: &impl super::import_target::ImportTarget) -> Result<OfferLookup, crate::store::StoreError> {
    let groups = store
        .group_places()?
        .into_iter()
        .map(|(id, name, charity_number, other_identifier, neighbourhood, place)| LookupGroup {
            id,
            name,
            charity_number,
            other_identifier,
            neighbourhood,
            place,
        })
        .collect();
    let areas = store.postcode_rules()?.into_iter().map(|r| (r.district, r.neighbourhood)).collect();
    Ok(OfferLookup::new(groups, &store.neighbourhoods()?, &store.practices()?, store.offer_titles()?, areas))
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

/// The column a field was read from, as the file names it, for a row's error: "Dates
/// available: could not read “14/04/27 onwards” as a first and last day".
fn in_column(field: OfferField, mapping: &OfferMapping, headers: &[String], reason: String) -> String {
    match mapping.column_of(field).and_then(|i| headers.get(i)).filter(|h| !h.trim().is_empty()) {
        Some(header) => format!("{}: {reason}", header.trim()),
        None => reason,
    }
}

fn prepare_row(
    cells: &[String],
    mapping: &OfferMapping,
    headers: &[String],
    lookup: &OfferLookup,
) -> Result<(ImportOffer, Vec<String>), String> {
    let values = mapped_values(cells, mapping, headers)?;
    let get = |field: OfferField| values.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_str());
    let (group_name, identifier) = (get(OfferField::GroupName), get(OfferField::GroupIdentifier));
    let (group, question) = match lookup.groups.find(group_name, identifier).map_err(|e| e.to_string())? {
        Found::One(group) => (group, None),
        Found::Candidates(doubt, candidates) => {
            let written = group_name.unwrap_or_default().to_owned();
            let options = candidates.iter().map(|g| (g.id, g.described())).collect();
            (candidates[0], Some(GroupQuestion { written, options, rough: doubt == Doubt::Rough }))
        }
    };
    let mut warnings = Vec::new();
    let (first_date, last_date) = dates(&values, mapping, headers)?;
    let mut offer = Offer::new_draft(group.id, first_date);
    offer.when.last_date = last_date;
    offer.status = OfferStatus::Offered;
    let mut new_practices = Vec::new();
    for (field, value) in &values {
        apply_field(&mut offer, *field, value.clone(), lookup, &mut warnings, &mut new_practices)
            .map_err(|reason| in_column(*field, mapping, headers, reason))?;
    }
    let neighbourhood_given = offer.neighbourhood.is_some();
    if !neighbourhood_given {
        offer.neighbourhood = place_neighbourhood(&offer.meeting_place, lookup).or(group.neighbourhood);
    }
    if let Some(problem) = offer.meeting_place.problem() {
        warnings.push(format!("{}; day sheets will say so", problem.words()));
    }
    let capacity_given = get(OfferField::Capacity).is_some();
    let duplicate_of = lookup.existing(group.id, &offer.title);
    let (edit, more) = OfferEdit::imported(offer).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| {
                let message = p.message.trim_end_matches('.').to_lowercase();
                match read_from(p.field, mapping) {
                    Some(field) => in_column(field, mapping, headers, message),
                    None => message,
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    warnings.extend(more);
    if !new_practices.is_empty() {
        warnings.push(format!("“{}” will be added to the list of practices", new_practices.join("”, “")));
    }
    let row = ImportOffer {
        edit,
        group_name: group.name.clone(),
        new_practices,
        duplicate_of,
        question,
        neighbourhood_given,
        capacity_given,
    };
    Ok((row, warnings))
}

/// The column a rule's field was read from, to name it in the row's error: a finish time from
/// "Times" or "Finish", a last day from "Dates available" or "Last day".
fn read_from(field: OfferFormField, mapping: &OfferMapping) -> Option<OfferField> {
    let candidates: &[OfferField] = match field {
        OfferFormField::Title => &[OfferField::Title],
        OfferFormField::LastDate => &[OfferField::DateRange, OfferField::LastDate],
        OfferFormField::Weekdays => &[OfferField::Weekdays],
        OfferFormField::StartTime | OfferFormField::FinishTime => {
            &[OfferField::Times, OfferField::FinishTime, OfferField::StartTime]
        }
        OfferFormField::TeamSizeMin | OfferFormField::TeamSizeMax => {
            &[OfferField::TeamSize, OfferField::TeamSizeMin, OfferField::TeamSizeMax]
        }
        OfferFormField::Capacity => &[OfferField::Capacity],
        OfferFormField::BlackoutDates => &[OfferField::BlackoutDates],
        OfferFormField::Activity => &[OfferField::Activity],
        OfferFormField::GroupGains => &[OfferField::GroupGains],
        OfferFormField::Address => &[OfferField::Address],
        OfferFormField::Town => &[OfferField::Town],
        OfferFormField::Postcode => &[OfferField::Postcode],
        OfferFormField::Travel => &[OfferField::Travel],
        OfferFormField::SiteAccess => &[OfferField::SiteAccess],
        OfferFormField::WhatToBring => &[OfferField::WhatToBring],
        OfferFormField::Requirements => &[OfferField::Requirements],
        OfferFormField::DayContactName => &[OfferField::DayContactName],
        OfferFormField::DayContactPhone => &[OfferField::DayContactPhone],
    };
    candidates.iter().copied().find(|f| mapping.column_of(*f).is_some())
}

/// The neighbourhood the meeting place's postcode is in, by the file's postcode rules.
fn place_neighbourhood(place: &MeetingPlace, lookup: &OfferLookup) -> Option<NeighbourhoodId> {
    place.postcode().and_then(|postcode| lookup.areas.find(&postcode).copied())
}

/// The first and last day: from one cell ("Dates available") or two; a row with only a first
/// day is a day's offer.
fn dates(
    values: &[(OfferField, String)],
    mapping: &OfferMapping,
    headers: &[String],
) -> Result<(NaiveDate, NaiveDate), String> {
    let get = |field: OfferField| values.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_str());
    let column = |field, reason| in_column(field, mapping, headers, reason);
    if let Some(range) = get(OfferField::DateRange) {
        return parse_uk_date_range(range).ok_or_else(|| {
            column(
                OfferField::DateRange,
                format!("could not read “{range}” as a first and last day (like 12/04/2027 - 28/05/2027)"),
            )
        });
    }
    let first = get(OfferField::FirstDate).ok_or("it has no first day")?;
    let first_date = parse_date(first).map_err(|e| column(OfferField::FirstDate, e))?;
    let last_date = match get(OfferField::LastDate) {
        Some(text) => parse_date(text).map_err(|e| column(OfferField::LastDate, e))?,
        None => first_date,
    };
    Ok((first_date, last_date))
}

/// The person chose option `choice` of the row's question: the row is now that group's offer.
pub fn answer_question(row: &mut ImportOffer, choice: usize, lookup: &OfferLookup) {
    let Some(question) = &row.question else { return };
    let Some(group) = question.options.get(choice).and_then(|(id, _)| lookup.groups.group(*id)) else { return };
    let offer = row.edit.offer();
    let neighbourhood = if row.neighbourhood_given {
        offer.neighbourhood
    } else {
        place_neighbourhood(&offer.meeting_place, lookup).or(group.neighbourhood)
    };
    row.duplicate_of = lookup.existing(group.id, &offer.title);
    row.edit = row.edit.clone().for_group(group.id, neighbourhood);
    row.group_name = group.name.clone();
    row.question = None;
}

#[cfg(test)]
mod tests {
    use super::cells::parse_size_range;
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
