//! Turning spreadsheet rows into community groups: guessing which column is which, reading
//! each row into a checked record, and spotting duplicates of groups already in the file.
//!
//! A row that cannot become a group (no name, a cell too long) is listed with its line and
//! reason; the rest import. Values that are present but doubtful (a postcode that is not one)
//! are kept exactly as given and reported as warnings, so nothing the user had is lost.

use std::collections::HashMap;

use super::mapping::{FieldKind, Mapping, Plan, Prepared, RowError, header_key, mapped_values, split_list, yes_or_no};
use super::table::Table;
use crate::model::checks::normalise_postcode;
use crate::model::dates::parse_uk_date;
use crate::model::search::fold;
use crate::model::{CommunityGroup, GroupId, GroupStatus};
use crate::store::{GroupEdit, ImportGroup};

/// A field of a group's record that a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupField {
    Name,
    OtherNames,
    Description,
    /// A whole address in one cell, split at its commas.
    Address,
    AddressLine1,
    AddressLine2,
    Town,
    Postcode,
    Phone,
    Email,
    Website,
    ContactName,
    ContactRole,
    ContactPhone,
    ContactEmail,
    CharityNumber,
    CompanyNumber,
    OtherIdentifier,
    Status,
    Neighbourhood,
    Categories,
    Accessibility,
    Safeguarding,
    ConsentToContact,
    ConsentDate,
    LastVerified,
    Notes,
}

impl GroupField {
    pub const ALL: [Self; 27] = [
        Self::Name,
        Self::OtherNames,
        Self::Description,
        Self::Address,
        Self::AddressLine1,
        Self::AddressLine2,
        Self::Town,
        Self::Postcode,
        Self::Phone,
        Self::Email,
        Self::Website,
        Self::ContactName,
        Self::ContactRole,
        Self::ContactPhone,
        Self::ContactEmail,
        Self::CharityNumber,
        Self::CompanyNumber,
        Self::OtherIdentifier,
        Self::Status,
        Self::Neighbourhood,
        Self::Categories,
        Self::Accessibility,
        Self::Safeguarding,
        Self::ConsentToContact,
        Self::ConsentDate,
        Self::LastVerified,
        Self::Notes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::OtherNames => "Other names",
            Self::Description => "What it does",
            Self::Address => "Address (one cell)",
            Self::AddressLine1 => "Address line 1",
            Self::AddressLine2 => "Address line 2",
            Self::Town => "Town",
            Self::Postcode => "Postcode",
            Self::Phone => "Phone",
            Self::Email => "Email",
            Self::Website => "Website",
            Self::ContactName => "Contact name",
            Self::ContactRole => "Contact role",
            Self::ContactPhone => "Contact phone",
            Self::ContactEmail => "Contact email",
            Self::CharityNumber => "Charity number",
            Self::CompanyNumber => "Company number",
            Self::OtherIdentifier => "Other identifier",
            Self::Status => "Status",
            Self::Neighbourhood => "Neighbourhood",
            Self::Categories => "Categories",
            Self::Accessibility => "Accessibility",
            Self::Safeguarding => "Safeguarding notes",
            Self::ConsentToContact => "Consent to contact (yes/no)",
            Self::ConsentDate => "Date consent given",
            Self::LastVerified => "Last verified",
            Self::Notes => "Notes",
        }
    }

    /// The header this program writes for the field in its own CSV export.
    pub fn export_header(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::OtherNames => "other_names",
            Self::Description => "description",
            Self::Address => "address",
            Self::AddressLine1 => "address_line1",
            Self::AddressLine2 => "address_line2",
            Self::Town => "town",
            Self::Postcode => "postcode",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Website => "website",
            Self::ContactName => "contact_name",
            Self::ContactRole => "contact_role",
            Self::ContactPhone => "contact_phone",
            Self::ContactEmail => "contact_email",
            Self::CharityNumber => "charity_number",
            Self::CompanyNumber => "company_number",
            Self::OtherIdentifier => "other_identifier",
            Self::Status => "status",
            Self::Neighbourhood => "neighbourhood",
            Self::Categories => "categories",
            Self::Accessibility => "accessibility",
            Self::Safeguarding => "safeguarding_notes",
            Self::ConsentToContact => "consent_to_contact",
            Self::ConsentDate => "consent_date",
            Self::LastVerified => "last_verified",
            Self::Notes => "notes",
        }
    }
}

/// Known headers: this program's own export, the Charity Commission register extract,
/// 360Giving's recipient columns, and what people commonly type.
fn known_header(key: &str) -> Option<GroupField> {
    use GroupField::*;
    let field = match key {
        "name" | "groupname" | "organisationname" | "organizationname" | "charityname" | "orgname"
        | "recipientorgname" | "organisation" | "organization" | "group" => Name,
        "othernames" | "alternatename" | "alsoknownas" | "aka" | "workingname" => OtherNames,
        "description"
        | "whatitdoes"
        | "about"
        | "activities"
        | "charityactivities"
        | "recipientorgdescription"
        | "summary" => Description,
        "address" | "fulladdress" | "charitycontactaddress" | "recipientorgstreetaddress" | "streetaddress" => Address,
        "addressline1" | "address1" | "addressone" | "street" => AddressLine1,
        "addressline2" | "address2" | "addresstwo" | "locality" | "district" => AddressLine2,
        "town" | "city" | "towncity" | "recipientorgcity" | "posttown" => Town,
        "postcode" | "postalcode" | "charitycontactpostcode" | "recipientorgpostalcode" | "zip" => Postcode,
        "phone" | "telephone" | "tel" | "phonenumber" | "telephonenumber" | "charitycontactphone" => Phone,
        "email" | "emailaddress" | "charitycontactemail" => Email,
        "website" | "web" | "url" | "webaddress" | "charitycontactweb" | "recipientorgwebaddress" => Website,
        "contact" | "contactname" | "maincontact" | "contactperson" => ContactName,
        "contactrole" | "role" | "position" | "jobtitle" => ContactRole,
        "contactphone" | "contacttelephone" | "contactmobile" | "mobile" => ContactPhone,
        "contactemail" => ContactEmail,
        "charitynumber"
        | "registeredcharitynumber"
        | "charityno"
        | "charityregistrationnumber"
        | "recipientorgcharitynumber" => CharityNumber,
        "companynumber"
        | "charitycompanyregistrationnumber"
        | "companyregistrationnumber"
        | "companyno"
        | "recipientorgcompanynumber" => CompanyNumber,
        "identifier" | "otheridentifier" | "recipientorgidentifier" | "orgid" | "id" => OtherIdentifier,
        "status" => Status,
        "neighbourhood" | "neighborhood" | "ward" | "area" | "locality area" => Neighbourhood,
        "categories" | "category" | "themes" | "theme" | "type of group" => Categories,
        "accessibility" | "access" => Accessibility,
        "safeguarding" | "safeguardingnotes" | "dbs" => Safeguarding,
        "consenttocontact" | "consent" | "contactconsent" => ConsentToContact,
        "consentdate" | "dateconsentgiven" => ConsentDate,
        "lastverified" | "verified" | "dateverified" | "lastchecked" => LastVerified,
        "notes" | "comments" => Notes,
        _ => return None,
    };
    Some(field)
}

impl FieldKind for GroupField {
    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn label(self) -> &'static str {
        GroupField::label(self)
    }

    fn from_header(key: &str) -> Option<Self> {
        known_header(key)
    }
}

/// Which column fills which field of a group.
pub type ColumnMapping = Mapping<GroupField>;
/// A row read into a group, ready for the store.
pub type PreparedGroup = Prepared<ImportGroup>;
/// The rows to import and the rows that cannot be.
pub type GroupImportPlan = Plan<ImportGroup>;

/// Which column is which, guessed from the headers. A 360Giving grants file (a row per grant,
/// with `Recipient Org:` columns) describes its recipients: only those columns are read, so the
/// grant's own identifier, title and description are not taken for the group's.
pub fn guess_columns(headers: &[String]) -> ColumnMapping {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    if !keys.iter().any(|k| k == "recipientorgidentifier" || k == "recipientorgname") {
        return ColumnMapping::guess(headers);
    }
    let recipient_only: Vec<String> = headers
        .iter()
        .zip(&keys)
        .map(|(h, k)| if k.starts_with("recipientorg") { h.clone() } else { String::new() })
        .collect();
    ColumnMapping::guess(&recipient_only)
}

/// Whether the headers are a 360Giving grants file's.
pub fn is_grants_file(headers: &[String]) -> bool {
    headers.iter().any(|h| header_key(h) == "recipientorgidentifier")
}

/// How many rows of a plan match records already in the file.
pub fn duplicates(plan: &GroupImportPlan) -> usize {
    plan.rows.iter().filter(|r| r.row.duplicate_of.is_some()).count()
}

/// How groups are recognised as the same: by charity number (unless the name and the postcode
/// both differ: a doubtful match), by the source's identifier, or by name and postcode. One
/// index serves the groups already in the file (keyed by id) and the rows already read from the
/// same file (keyed by line), so a file that lists a group twice never makes two groups.
#[derive(Clone, Debug)]
pub struct GroupIndex<K> {
    /// Each group: its key, name, postcode and charity number (as a key).
    known: Vec<(K, String, String, String)>,
    by_charity: HashMap<String, usize>,
    by_identifier: HashMap<String, usize>,
    by_name_and_postcode: HashMap<(String, String), usize>,
}

impl<K> Default for GroupIndex<K> {
    fn default() -> Self {
        Self {
            known: Vec::new(),
            by_charity: HashMap::new(),
            by_identifier: HashMap::new(),
            by_name_and_postcode: HashMap::new(),
        }
    }
}

/// How groups already in the file are recognised.
pub type ExistingGroups = GroupIndex<GroupId>;

fn charity_key(number: &str) -> String {
    number.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase()
}

fn name_key(name: &str) -> String {
    fold(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn postcode_key(postcode: &str) -> String {
    postcode.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase()
}

fn identifier_key(identifier: &str) -> String {
    identifier.trim().to_lowercase()
}

/// A group found by an index: which, on what, and its name and postcode to say so.
#[derive(Clone, Debug, PartialEq)]
pub struct Found<K> {
    pub key: K,
    /// "same charity number 1026843", "same identifier GB-CHC-1026843", "same name and postcode".
    pub on: String,
    pub name: String,
    pub postcode: String,
}

impl<K> Found<K> {
    /// "‘Fleetwood Hearing Voices Group’, FY7 2BA".
    pub fn who(&self) -> String {
        if self.postcode.trim().is_empty() {
            format!("‘{}’", self.name)
        } else {
            format!("‘{}’, {}", self.name, self.postcode)
        }
    }
}

/// What an index says of a group.
#[derive(Clone, Debug, PartialEq)]
pub enum Match<K> {
    None,
    Same(Found<K>),
    /// The same charity number, but the name and the postcode both differ: not merged.
    Doubtful(Found<K>),
}

impl<K: Copy> GroupIndex<K> {
    /// From (key, name, postcode, charity number, identifier) of each group.
    pub fn new<'a>(groups: impl IntoIterator<Item = (K, &'a str, &'a str, &'a str, &'a str)>) -> Self {
        let mut index = Self::default();
        for (key, name, postcode, charity, identifier) in groups {
            index.add(key, name, postcode, charity, identifier);
        }
        index
    }

    pub fn add(&mut self, key: K, name: &str, postcode: &str, charity: &str, identifier: &str) {
        let at = self.known.len();
        let charity = charity_key(charity);
        self.known.push((key, name.to_owned(), postcode.to_owned(), charity.clone()));
        if !charity.is_empty() {
            self.by_charity.entry(charity).or_insert(at);
        }
        let identifier = identifier_key(identifier);
        if !identifier.is_empty() {
            self.by_identifier.entry(identifier).or_insert(at);
        }
        if !postcode.trim().is_empty() {
            self.by_name_and_postcode.entry((name_key(name), postcode_key(postcode))).or_insert(at);
        }
    }

    fn found(&self, at: usize, on: String) -> Found<K> {
        let (key, name, postcode, _) = &self.known[at];
        Found { key: *key, on, name: name.clone(), postcode: postcode.clone() }
    }

    /// Whether `group` is one this index knows.
    pub fn lookup(&self, group: &CommunityGroup) -> Match<K> {
        let mut doubtful = None;
        let charity = charity_key(&group.charity_number);
        if let Some(&at) = self.by_charity.get(&charity).filter(|_| !charity.is_empty()) {
            let found = self.found(at, format!("same charity number {}", group.charity_number.trim()));
            let postcodes_differ = !group.postcode.trim().is_empty()
                && !found.postcode.trim().is_empty()
                && postcode_key(&group.postcode) != postcode_key(&found.postcode);
            if name_key(&group.name) != name_key(&found.name) && postcodes_differ {
                doubtful = Some(found);
            } else {
                return Match::Same(found);
            }
        }
        let identifier = identifier_key(&group.other_identifier);
        if let Some(&at) = self.by_identifier.get(&identifier).filter(|_| !identifier.is_empty()) {
            return Match::Same(self.found(at, format!("same identifier {}", group.other_identifier.trim())));
        }
        // The same name and postcode, unless both are registered charities with different
        // numbers (a charity re-registered as a CIO keeps its name: two registrations).
        if !group.postcode.trim().is_empty()
            && let Some(&at) = self.by_name_and_postcode.get(&(name_key(&group.name), postcode_key(&group.postcode)))
            && (charity.is_empty() || self.known[at].3.is_empty() || self.known[at].3 == charity)
        {
            return Match::Same(self.found(at, "same name and postcode".to_owned()));
        }
        doubtful.map_or(Match::None, Match::Doubtful)
    }

    /// The group `group` is, if the index knows it for sure.
    pub fn find(&self, group: &CommunityGroup) -> Option<K> {
        match self.lookup(group) {
            Match::Same(found) => Some(found.key),
            _ => None,
        }
    }
}

/// Splits "4 Northdown Avenue, Woodley, Stockport" into line 1, line 2 and town.
fn split_address(address: &str) -> (String, String, String) {
    let parts: Vec<&str> = address.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [] => Default::default(),
        [one] => ((*one).to_owned(), String::new(), String::new()),
        [first, rest @ .., town] => ((*first).to_owned(), rest.join(", "), (*town).to_owned()),
    }
}

/// Reads every row of `table` with `mapping`, checking each and matching it against `existing`.
pub fn plan_group_import(table: &Table, mapping: &ColumnMapping, existing: &ExistingGroups) -> GroupImportPlan {
    let mut plan = GroupImportPlan::default();
    // The rows read so far, by line: a later row that is the same group is not a second group.
    let mut earlier = GroupIndex::<u64>::default();
    for row in &table.rows {
        match prepare_row(&row.cells, mapping, &table.headers) {
            Ok((group, categories, neighbourhood, mut warnings)) => {
                let (mut duplicate_of, mut earlier_line, mut matched_on) = (None, None, String::new());
                let mut doubtful_of = None;
                match existing.lookup(&group) {
                    Match::Same(found) => {
                        matched_on = format!("{} as {}", found.on, found.who());
                        duplicate_of = Some(found.key);
                    }
                    Match::Doubtful(found) => {
                        warnings.push(format!(
                            "a doubtful match: {} as {}, but a different name and postcode; imported as new",
                            found.on,
                            found.who()
                        ));
                        doubtful_of = Some((found.key, format!("{} as {}", found.on, found.who())));
                    }
                    Match::None => {}
                }
                if duplicate_of.is_none()
                    && let Match::Same(found) = earlier.lookup(&group)
                {
                    matched_on = format!("{} as line {} ({})", found.on, found.key, found.who());
                    earlier_line = Some(found.key);
                }
                if earlier_line.is_none() {
                    earlier.add(row.line, &group.name, &group.postcode, &group.charity_number, &group.other_identifier);
                }
                match GroupEdit::imported(group) {
                    Ok((edit, problems)) => {
                        warnings.extend(problems.into_iter().map(|p| p.message));
                        plan.rows.push(PreparedGroup {
                            line: row.line,
                            row: ImportGroup {
                                edit,
                                categories,
                                neighbourhood,
                                duplicate_of,
                                earlier_line,
                                matched_on,
                                doubtful_of,
                            },
                            warnings,
                        });
                    }
                    Err(problem) => plan.errors.push(RowError { line: row.line, reason: problem.message }),
                }
            }
            Err(reason) => plan.errors.push(RowError { line: row.line, reason }),
        }
    }
    plan
}

type PreparedRow = (CommunityGroup, Vec<String>, Option<String>, Vec<String>);

fn prepare_row(cells: &[String], mapping: &ColumnMapping, headers: &[String]) -> Result<PreparedRow, String> {
    let mut group = CommunityGroup::default();
    let mut categories = Vec::new();
    let mut neighbourhood = None;
    let mut warnings = Vec::new();
    for (field, value) in mapped_values(cells, mapping, headers)? {
        match field {
            GroupField::Name => group.name = value,
            GroupField::OtherNames => group.other_names = value,
            GroupField::Description => group.description = value,
            GroupField::Address => {
                let (line1, line2, town) = split_address(&value);
                group.address_line1 = line1;
                group.address_line2 = line2;
                if group.town.is_empty() {
                    group.town = town;
                }
            }
            GroupField::AddressLine1 => group.address_line1 = value,
            GroupField::AddressLine2 => group.address_line2 = value,
            GroupField::Town => group.town = value,
            GroupField::Postcode => group.postcode = value,
            GroupField::Phone => group.phone = value,
            GroupField::Email => group.email = value,
            GroupField::Website => group.website = value,
            GroupField::ContactName => group.contact_name = value,
            GroupField::ContactRole => group.contact_role = value,
            GroupField::ContactPhone => group.contact_phone = value,
            GroupField::ContactEmail => group.contact_email = value,
            GroupField::CharityNumber => group.charity_number = value,
            GroupField::CompanyNumber => group.company_number = value,
            GroupField::OtherIdentifier => group.other_identifier = value,
            GroupField::Status => match GroupStatus::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(&value)) {
                Some(status) => group.status = status,
                None => warnings.push(format!("status “{value}” is not active, dormant or closed; set to active")),
            },
            GroupField::Neighbourhood => neighbourhood = Some(value),
            GroupField::Categories => categories = split_list(&value),
            GroupField::Accessibility => group.accessibility = value,
            GroupField::Safeguarding => group.safeguarding_notes = value,
            GroupField::ConsentToContact => match yes_or_no(&value) {
                Some(yes) => group.consent_to_contact = yes,
                None => warnings.push(format!("consent to contact “{value}” is not yes or no; left as not given")),
            },
            GroupField::ConsentDate | GroupField::LastVerified => match parse_uk_date(&value) {
                Some(date) if field == GroupField::ConsentDate => group.consent_date = Some(date),
                Some(date) => group.last_verified = Some(date),
                None => warnings.push(format!("“{value}” is not a date (day first, like 22/11/2026); left empty")),
            },
            GroupField::Notes => group.notes = value,
        }
    }
    if !group.postcode.is_empty()
        && let Some(normal) = normalise_postcode(&group.postcode)
    {
        group.postcode = normal;
    }
    Ok((group, categories, neighbourhood, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_the_charity_commission_extract() {
        let headers: Vec<String> = "registered_charity_number,charity_company_registration_number,charity_name,charity_type,charity_activities,date_of_registration,charity_contact_address,charity_contact_postcode,charity_contact_phone,charity_contact_email,charity_contact_web"
            .split(',')
            .map(str::to_owned)
            .collect();
        let mapping = ColumnMapping::guess(&headers);
        use GroupField::*;
        assert_eq!(
            mapping.fields,
            vec![
                Some(CharityNumber),
                Some(CompanyNumber),
                Some(Name),
                None,
                Some(Description),
                None,
                Some(Address),
                Some(Postcode),
                Some(Phone),
                Some(Email),
                Some(Website)
            ]
        );
    }

    #[test]
    fn guesses_360giving_recipient_columns_and_leaves_the_grants_own() {
        let headers: Vec<String> = [
            "Identifier",
            "Title",
            "Description",
            "Recipient Org:Identifier",
            "Recipient Org:Name",
            "Recipient Org:Charity Number",
            "Recipient Org:Postal Code",
        ]
        .map(str::to_owned)
        .to_vec();
        let mapping = guess_columns(&headers);
        assert_eq!(
            mapping.fields,
            vec![
                None,
                None,
                None,
                Some(GroupField::OtherIdentifier),
                Some(GroupField::Name),
                Some(GroupField::CharityNumber),
                Some(GroupField::Postcode)
            ]
        );
    }

    #[test]
    fn addresses_split_at_commas() {
        assert_eq!(
            split_address("4 Northdown Avenue, Woodley, Stockport"),
            ("4 Northdown Avenue".into(), "Woodley".into(), "Stockport".into())
        );
        assert_eq!(split_address("The Hall"), ("The Hall".into(), String::new(), String::new()));
    }

    #[test]
    fn duplicates_are_found_by_charity_number_or_name_and_postcode() {
        let existing = ExistingGroups::new([
            (GroupId(1), "Bispham Walkers", "FY2 9AB", "1012345", ""),
            (GroupId(2), "Layton Choir", "FY3 7XY", "", "GB-COH-01234567"),
        ]);
        let by_number =
            CommunityGroup { name: "Different Name".into(), charity_number: " 1012345 ".into(), ..Default::default() };
        assert_eq!(existing.find(&by_number), Some(GroupId(1)));
        let by_name = CommunityGroup { name: "LAYTON CHOIR".into(), postcode: "fy37xy".into(), ..Default::default() };
        assert_eq!(existing.find(&by_name), Some(GroupId(2)));
        let new = CommunityGroup { name: "Layton Choir".into(), postcode: "FY1 1AA".into(), ..Default::default() };
        assert_eq!(existing.find(&new), None);
        let by_identifier = CommunityGroup {
            name: "Layton Community Choir".into(),
            other_identifier: "gb-coh-01234567 ".into(),
            ..Default::default()
        };
        assert_eq!(existing.find(&by_identifier), Some(GroupId(2)));
        // The same number, but another name and postcode: doubtful, not the same.
        let doubtful = CommunityGroup {
            name: "Thornton Gardeners".into(),
            postcode: "FY5 4AA".into(),
            charity_number: "1012345".into(),
            ..Default::default()
        };
        assert!(matches!(existing.lookup(&doubtful), Match::Doubtful(Found { key: GroupId(1), .. })));
        assert_eq!(existing.find(&doubtful), None);
        // The same number and another name at the same postcode: the same group, renamed.
        let renamed = CommunityGroup { postcode: "FY2 9AB".into(), ..doubtful };
        assert_eq!(existing.find(&renamed), Some(GroupId(1)));
    }
}
