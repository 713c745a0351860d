//! Turning spreadsheet rows into community groups: guessing which column is which, reading
//! each row into a checked record, and matching it (through `model::group_match`) against the groups
//! already in the file and the rows read before it.
//!
//! A row that cannot become a group (no name, a cell too long) is listed with its line and
//! reason; the rest import. Values that are present but doubtful (a postcode that is not one)
//! are kept exactly as given and reported as warnings, so nothing the user had is lost.

mod pipeline;

pub use crate::model::group_match::{ExistingGroups, Found, GroupIndex, Keys, Match};
pub use pipeline::plan_and_import_groups;

use super::mapping::{
    FieldKind, Mapping, Plan, Prepared, RowError, header_key, map_in_parallel, mapped_values, split_contact,
    split_list, yes_or_no,
};
use super::table::{Table, TableRow};
use crate::model::checks::normalise_postcode;
use crate::model::dates::parse_uk_date;
use crate::model::{CommunityGroup, GroupStatus};
use crate::model::{GroupEdit, ImportGroup};

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
    /// A "Contact" column that may hold a name, a phone number or an email address (or some of
    /// each), as a register writes it: each goes where it belongs.
    Contact,
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
    pub const ALL: [Self; 28] = [
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
        Self::Contact,
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
            Self::Contact => "Contact (a name, phone or email)",
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
            Self::Contact => "contact",
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
        "contactname" | "contactperson" | "nameofcontact" => ContactName,
        "contact" | "maincontact" | "contactdetails" | "howtocontact" => Contact,
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
    // Each row on its own (read, checked, matched against the file), on every core; then in
    // order, against the rows before it.
    let checked = map_in_parallel(&table.rows, |row| check_row(row, mapping, &table.headers, existing));
    let mut plan = GroupImportPlan::default();
    let mut earlier = EarlierRows::default();
    for row in checked {
        match earlier.place(row) {
            Ok(prepared) => plan.rows.push(prepared),
            Err(error) => plan.errors.push(error),
        }
    }
    plan
}

/// The rows placed so far, by line: a later row that is the same group is not a second group.
#[derive(Default)]
struct EarlierRows {
    index: GroupIndex<u64>,
}

impl EarlierRows {
    /// A checked row, matched against the rows before it (unless it matched a group of the
    /// file), then added to them when it is a group of its own.
    fn place(&mut self, checked: Result<(PreparedGroup, Keys), RowError>) -> Result<PreparedGroup, RowError> {
        let (mut prepared, keys) = checked?;
        let row = &mut prepared.row;
        let group = row.edit.group();
        if row.duplicate_of.is_none()
            && let Match::Same(found) = self.index.lookup_keys(&keys, group)
        {
            row.matched_on = format!("{} as line {} ({})", found.on, found.key, found.who());
            row.earlier_line = Some(found.key);
        }
        if row.earlier_line.is_none() {
            self.index.add_keys(prepared.line, keys, &group.name, &group.postcode);
        }
        Ok(prepared)
    }
}

/// One row read into a group, checked, and matched against the groups in the file; with its
/// keys, to match it against the rows before it.
fn check_row(
    row: &TableRow,
    mapping: &ColumnMapping,
    headers: &[String],
    existing: &ExistingGroups,
) -> Result<(PreparedGroup, Keys), RowError> {
    let error = |reason| RowError { line: row.line, reason };
    let (group, categories, neighbourhood, mut warnings) = prepare_row(&row.cells, mapping, headers).map_err(error)?;
    let keys = Keys::of(&group);
    let (mut duplicate_of, mut matched_on, mut doubtful_of) = (None, String::new(), None);
    match existing.lookup_keys(&keys, &group) {
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
    let (edit, problems) = GroupEdit::imported(group).map_err(|problem| error(problem.message))?;
    warnings.extend(problems.into_iter().map(|p| p.message));
    let group =
        ImportGroup { edit, categories, neighbourhood, duplicate_of, earlier_line: None, matched_on, doubtful_of };
    Ok((PreparedGroup { line: row.line, row: group, warnings }, keys))
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
            GroupField::Contact => {
                // "info@stretfordfoodbank.org.uk", "0161 980 6090", "Jo Bloggs 07700 900123":
                // each part where it belongs; a part whose field is filled already stays with
                // the name, so nothing in the cell is lost.
                let contact = split_contact(&value);
                let mut name = vec![contact.name];
                for (part, field) in
                    [(contact.phone, &mut group.contact_phone), (contact.email, &mut group.contact_email)]
                {
                    if field.is_empty() {
                        *field = part;
                    } else {
                        name.push(part);
                    }
                }
                group.contact_name =
                    crate::model::text::join_present(&name.iter().map(String::as_str).collect::<Vec<_>>(), " ");
            }
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

    /// A register's "Contact" column holds emails and phone numbers as often as names (the
    /// Greater Manchester food-banks register's does): each fills its own field.
    #[test]
    fn a_contact_column_fills_the_email_or_phone_not_the_name() {
        let table = crate::exchange::table::read_csv(
            "Name,Contact,Contact name
             Stretford Food Bank,info@stretfordfoodbank.example.org,
             Sale Food Bank,0161 980 6090,
             Hale Pantry,Jo Bloggs 07700 900123,
"
            .as_bytes(),
        )
        .unwrap_or_default();
        let mapping = guess_columns(&table.headers);
        assert_eq!(mapping.fields, [Some(GroupField::Name), Some(GroupField::Contact), Some(GroupField::ContactName)]);
        let plan = plan_group_import(&table, &mapping, &ExistingGroups::default());
        let contacts: Vec<(String, String, String)> = plan
            .rows
            .iter()
            .map(|r| {
                let g = r.row.edit.group();
                (g.contact_name.clone(), g.contact_phone.clone(), g.contact_email.clone())
            })
            .collect();
        assert_eq!(
            contacts,
            [
                (String::new(), String::new(), "info@stretfordfoodbank.example.org".to_owned()),
                (String::new(), "0161 980 6090".to_owned(), String::new()),
                ("Jo Bloggs".to_owned(), "07700 900123".to_owned(), String::new()),
            ]
        );
    }

    /// A row that cannot be imported is not an earlier row that later ones are the same as: the
    /// later row with its charity number is imported, not skipped as a repeat of nothing.
    #[test]
    fn a_row_in_error_does_not_swallow_a_later_row_with_its_number() {
        let table = crate::exchange::table::read_csv(
            b"Name,Charity Number,Postcode\n,1026843,FY7 2BA\nFleetwood Hearing Voices,1026843,FY7 2BA\n",
        )
        .unwrap_or_default();
        let plan = plan_group_import(&table, &ColumnMapping::guess(&table.headers), &ExistingGroups::default());
        assert_eq!(plan.errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![2]);
        let rows: Vec<_> = plan.rows.iter().map(|r| (r.line, r.row.earlier_line)).collect();
        assert_eq!(rows, vec![(3, None)]);
    }

    /// Rows are checked on every core and then matched in order: a large file gives the same plan
    /// as the same rows checked one at a time.
    #[test]
    fn a_large_file_is_planned_as_its_rows_one_by_one() {
        let mut csv = String::from("Name,Charity Number,Postcode\n");
        for i in 0..4_200 {
            // Every tenth row repeats the number (and postcode) of the row five before, under
            // another name; every 97th has no name, and cannot be imported.
            let number = if i % 10 == 9 { 1_000_000 + i - 5 } else { 1_000_000 + i };
            let name = if i % 97 == 0 { String::new() } else { format!("Group {i}") };
            csv.push_str(&format!("{name},{number},FY{} {}AB\n", 1 + number % 8, number % 10));
        }
        let table = crate::exchange::table::read_csv(csv.as_bytes()).unwrap_or_default();
        let mapping = ColumnMapping::guess(&table.headers);
        let whole = plan_group_import(&table, &mapping, &ExistingGroups::default());
        let mut one_by_one = GroupImportPlan::default();
        let mut earlier = GroupIndex::<u64>::default();
        for row in &table.rows {
            let single = Table { rows: vec![row.clone()], ..table.clone() };
            let mut plan = plan_group_import(&single, &mapping, &ExistingGroups::default());
            one_by_one.errors.append(&mut plan.errors);
            for mut prepared in plan.rows {
                let group = prepared.row.edit.group().clone();
                match earlier.lookup(&group) {
                    Match::Same(found) => {
                        prepared.row.earlier_line = Some(found.key);
                    }
                    _ => earlier.add(
                        prepared.line,
                        &group.name,
                        &group.postcode,
                        &group.charity_number,
                        &group.other_identifier,
                    ),
                }
                one_by_one.rows.push(prepared);
            }
        }
        assert_eq!(whole.errors, one_by_one.errors);
        let lines = |plan: &GroupImportPlan| plan.rows.iter().map(|r| (r.line, r.row.earlier_line)).collect::<Vec<_>>();
        assert_eq!(lines(&whole), lines(&one_by_one));
        // 420 repeats, less those whose earlier row (or themselves) had no name.
        assert_eq!(whole.rows.iter().filter(|r| r.row.earlier_line.is_some()).count(), 411);
    }

    #[test]
    fn addresses_split_at_commas() {
        assert_eq!(
            split_address("4 Northdown Avenue, Woodley, Stockport"),
            ("4 Northdown Avenue".into(), "Woodley".into(), "Stockport".into())
        );
        assert_eq!(split_address("The Hall"), ("The Hall".into(), String::new(), String::new()));
    }
}
