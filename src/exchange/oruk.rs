//! The Open Referral UK tabular package (HSDS 3.0, UK profile): the directory as the CSV files a
//! council's directory or another referral tool can read.
//!
//! Each group becomes an organization with one service; its address a location with an address,
//! linked through service_at_location; its contact a contact with phones; its charity and company
//! numbers organization identifiers (org-id.guide schemes GB-CHC and GB-COH); its categories terms
//! of one taxonomy, linked to the service by attributes. Ids are UUIDs derived from the file's own
//! ids, so a second export of the same directory gives the same ids. Every table of the package is
//! written, empty ones with their header only, so that the package validates as a whole.

use std::collections::BTreeMap;
use std::path::Path;

use super::files::{ExportError, write_atomically};
use crate::model::checks::is_standard_email;
use crate::model::{CommunityGroup, GroupRecord, GroupStatus};

/// The package's tables: file name and columns, in the profile's order.
pub const TABLES: [(&str, &[&str]); 17] = [
    ("organizations.csv", &["id", "name", "description", "email", "website", "logo", "uri", "parent_organization_id"]),
    (
        "services.csv",
        &[
            "id",
            "organization_id",
            "name",
            "description",
            "url",
            "email",
            "status",
            "fees",
            "accreditations",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "alert",
            "last_modified",
        ],
    ),
    ("attribute.csv", &["id", "link_id", "taxonomy_term_id", "link_type"]),
    ("service_at_location.csv", &["id", "service_id", "location_id"]),
    (
        "locations.csv",
        &[
            "id",
            "location_type",
            "name",
            "description",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ],
    ),
    ("phones.csv", &["id", "contact_id", "number", "description"]),
    ("contacts.csv", &["id", "service_id", "name", "title"]),
    (
        "address.csv",
        &[
            "id",
            "location_id",
            "attention",
            "address_1",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    ),
    (
        "schedule.csv",
        &[
            "id",
            "service_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "freq",
            "interval",
            "byday",
            "bymonthday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
        ],
    ),
    ("funding.csv", &["id", "service_id", "source"]),
    ("service_areas.csv", &["id", "service_id", "name", "extent", "extent_type", "uri", "service_area"]),
    ("languages.csv", &["id", "service_id", "phone_id"]),
    ("accessibility.csv", &["id", "location_id", "description", "details", "url", "accessibility"]),
    ("taxonomy_terms.csv", &["id", "name", "description", "parent_id", "taxonomy", "taxonomy_id", "term_uri", "term"]),
    ("cost_options.csv", &["id", "service_id", "valid_from", "valid_to", "option", "amount", "amount_description"]),
    ("organization_identifiers.csv", &["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"]),
    ("taxonomies.csv", &["id", "name", "description", "uri", "version"]),
];

/// FNV-1a over `salt` then `text`: stable across versions and machines.
fn fnv(salt: u64, text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325 ^ salt, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A UUID (version 8, "custom") made from what it names, e.g. `("organization", "17")`.
pub fn stable_uuid(kind: &str, key: &str) -> String {
    let name = format!("community-placements/{kind}/{key}");
    let (high, low) = (fnv(0x9e37_79b9_7f4a_7c15, &name), fnv(0x5851_f42d_4c95_7f2d, &name));
    let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_8000;
    let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xFFFF,
        high & 0xFFFF,
        low >> 48,
        low & 0xFFFF_FFFF_FFFF
    )
}

/// A web address as a URI the standard accepts: with a scheme (`https://` put before one given
/// without), and nothing that cannot be in one. `None` when it cannot be one.
fn as_uri(website: &str) -> Option<String> {
    let website = website.trim();
    if website.is_empty() {
        return Some(String::new());
    }
    if website.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
    }) {
        return None;
    }
    match website.split_once("://") {
        None => Some(format!("https://{website}")),
        Some((scheme, rest)) => {
            let mut chars = scheme.chars();
            let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
            (scheme_ok && !rest.is_empty()).then(|| website.to_owned())
        }
    }
}

/// A value the standard does not accept, left out of its field in the package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub group: String,
    /// "email", "website".
    pub field: &'static str,
    pub value: String,
}

/// What an export wrote, and what it left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exported {
    pub groups: usize,
    pub left_out: Vec<LeftOut>,
}

fn status(status: GroupStatus) -> &'static str {
    match status {
        GroupStatus::Active => "active",
        GroupStatus::Dormant => "inactive",
        GroupStatus::Closed => "defunct",
    }
}

/// `n` empty cells.
fn blanks(n: usize) -> Vec<String> {
    vec![String::new(); n]
}

/// The package's tables as they are filled, one group at a time.
struct Package {
    left_out: Vec<LeftOut>,
    tables: BTreeMap<&'static str, Vec<Vec<String>>>,
    /// Each category's term id, by its name in lower case.
    terms: BTreeMap<String, String>,
}

/// One group's ids in the package.
struct GroupIds {
    key: String,
    organization: String,
    service: String,
}

impl Package {
    fn push(&mut self, table: &'static str, row: Vec<String>) {
        self.tables.entry(table).or_default().push(row);
    }

    /// `value` as `accepted` gives it, or nothing, with what was left out noted.
    fn checked(&mut self, g: &CommunityGroup, field: &'static str, value: &str, accepted: Option<String>) -> String {
        accepted.unwrap_or_else(|| {
            self.left_out.push(LeftOut { group: g.name.clone(), field, value: value.trim().to_owned() });
            String::new()
        })
    }

    fn organization(&mut self, g: &CommunityGroup, ids: &GroupIds) {
        let description = if g.description.trim().is_empty() { g.name.clone() } else { g.description.clone() };
        let trimmed = g.email.trim();
        let email_given = (trimmed.is_empty() || is_standard_email(trimmed)).then(|| trimmed.to_owned());
        let email = self.checked(g, "email", &g.email, email_given);
        let website = self.checked(g, "website", &g.website, as_uri(&g.website));
        let mut row =
            vec![ids.organization.clone(), g.name.clone(), description.clone(), email.clone(), website.clone()];
        row.extend(blanks(3));
        self.push("organizations.csv", row);
        let mut row = vec![
            ids.service.clone(),
            ids.organization.clone(),
            g.name.clone(),
            description,
            website,
            email,
            status(g.status).to_owned(),
        ];
        row.resize(15, String::new());
        self.push("services.csv", row);
    }

    /// A location with its address, and its accessibility, when the address is whole.
    fn location(&mut self, g: &CommunityGroup, ids: &GroupIds) {
        if g.address_line1.trim().is_empty() || g.town.trim().is_empty() || g.postcode.trim().is_empty() {
            return;
        }
        let key = &ids.key;
        let location = stable_uuid("location", key);
        let mut row = vec![location.clone(), "physical".into(), g.name.clone()];
        row.extend(blanks(5));
        self.push("locations.csv", row);
        let line = [&g.address_line1, &g.address_line2]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        self.push(
            "address.csv",
            vec![
                stable_uuid("address", key),
                location.clone(),
                String::new(),
                line,
                g.town.clone(),
                String::new(),
                "England".into(),
                g.postcode.clone(),
                "GB".into(),
                "physical".into(),
            ],
        );
        self.push(
            "service_at_location.csv",
            vec![stable_uuid("service_at_location", key), ids.service.clone(), location.clone()],
        );
        if !g.accessibility.trim().is_empty() {
            let mut row = vec![stable_uuid("accessibility", key), location, g.accessibility.clone()];
            row.extend(blanks(3));
            self.push("accessibility.csv", row);
        }
    }

    fn contact(&mut self, g: &CommunityGroup, ids: &GroupIds) {
        let key = &ids.key;
        let contact = stable_uuid("contact", key);
        let has_contact = !g.contact_name.trim().is_empty()
            || !g.contact_role.trim().is_empty()
            || !g.contact_phone.trim().is_empty();
        if has_contact || !g.phone.trim().is_empty() {
            let row = vec![contact.clone(), ids.service.clone(), g.contact_name.clone(), g.contact_role.clone()];
            self.push("contacts.csv", row);
        }
        for (number, which, kind) in
            [(&g.phone, "phone", "Main number"), (&g.contact_phone, "contact_phone", "Contact's number")]
        {
            if !number.trim().is_empty() {
                let row = vec![stable_uuid(which, key), contact.clone(), number.clone(), kind.into()];
                self.push("phones.csv", row);
            }
        }
    }

    fn identifiers(&mut self, g: &CommunityGroup, ids: &GroupIds) {
        for (number, scheme, kind, which) in [
            (&g.charity_number, "GB-CHC", "Registered charity number", "charity"),
            (&g.company_number, "GB-COH", "Company number", "company"),
            (&g.other_identifier, "", "Other identifier", "other"),
        ] {
            if !number.trim().is_empty() {
                let row = vec![
                    stable_uuid("identifier", &format!("{}/{which}", ids.key)),
                    ids.organization.clone(),
                    scheme.into(),
                    kind.into(),
                    number.trim().to_owned(),
                ];
                self.push("organization_identifiers.csv", row);
            }
        }
    }

    fn categories(&mut self, categories: &[String], ids: &GroupIds) {
        for category in categories {
            let term = self
                .terms
                .entry(category.to_lowercase())
                .or_insert_with(|| stable_uuid("term", &category.to_lowercase()))
                .clone();
            let attribute = stable_uuid("attribute", &format!("{}/{term}", ids.key));
            self.push("attribute.csv", vec![attribute, ids.service.clone(), term, "service".into()]);
        }
    }

    /// The taxonomy of categories and its terms, each named as first written.
    fn taxonomy(&mut self, records: &[GroupRecord]) {
        if self.terms.is_empty() {
            return;
        }
        let taxonomy = stable_uuid("taxonomy", "categories");
        let mut row =
            vec![taxonomy.clone(), "Community Placements categories".into(), "What community groups work on.".into()];
        row.extend(blanks(2));
        self.push("taxonomies.csv", row);
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for category in records.iter().flat_map(|r| &r.categories) {
            names.entry(category.to_lowercase()).or_insert_with(|| category.clone());
        }
        for (lower, id) in std::mem::take(&mut self.terms) {
            let name = names.get(&lower).cloned().unwrap_or_else(|| lower.clone());
            let mut row = vec![id, name.clone(), name, String::new(), String::new(), taxonomy.clone()];
            row.extend(blanks(2));
            self.push("taxonomy_terms.csv", row);
        }
    }
}

/// The package's rows, table by table (file name to rows of cells in the table's column order),
/// and the values left out because the standard does not accept them.
pub fn package_rows(records: &[GroupRecord]) -> (BTreeMap<&'static str, Vec<Vec<String>>>, Vec<LeftOut>) {
    let mut package = Package {
        left_out: Vec::new(),
        tables: TABLES.iter().map(|(name, _)| (*name, Vec::new())).collect(),
        terms: BTreeMap::new(),
    };
    for record in records {
        let g = &record.group;
        let key = record.id.0.to_string();
        let ids =
            GroupIds { organization: stable_uuid("organization", &key), service: stable_uuid("service", &key), key };
        package.organization(g, &ids);
        package.location(g, &ids);
        package.contact(g, &ids);
        package.identifiers(g, &ids);
        package.categories(&record.categories, &ids);
    }
    package.taxonomy(records);
    (package.tables, package.left_out)
}

/// Writes the package's CSV files into `folder` (made if missing); each file is written whole.
pub fn write_package(records: &[GroupRecord], folder: &Path) -> Result<Exported, ExportError> {
    std::fs::create_dir_all(folder).map_err(|source| ExportError::Folder { folder: folder.to_path_buf(), source })?;
    let (tables, left_out) = package_rows(records);
    for (name, columns) in TABLES {
        let mut bytes = Vec::new();
        {
            let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut bytes);
            writer.write_record(columns)?;
            for row in tables.get(name).map(Vec::as_slice).unwrap_or(&[]) {
                writer.write_record(row)?;
            }
            writer.flush().map_err(csv::Error::from)?;
        }
        write_atomically(&folder.join(name), &bytes)
            .map_err(|source| ExportError::Write { name: (*name).to_owned(), source })?;
    }
    Ok(Exported { groups: records.len(), left_out })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuids_that_do_not_change() {
        let a = stable_uuid("organization", "17");
        assert_eq!(a, stable_uuid("organization", "17"));
        assert_ne!(a, stable_uuid("organization", "18"));
        assert_ne!(a, stable_uuid("service", "17"));
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![8, 4, 4, 4, 12]);
        assert!(parts[2].starts_with('8'), "version 8: {a}");
    }

    #[test]
    fn web_addresses_get_a_scheme() {
        assert_eq!(as_uri("www.example.org").as_deref(), Some("https://www.example.org"));
        assert_eq!(as_uri("http://example.org/x").as_deref(), Some("http://example.org/x"));
        assert_eq!(as_uri("").as_deref(), Some(""));
        assert_eq!(as_uri("see our facebook page"), None);
        assert_eq!(as_uri("1http://example.org"), None);
        assert_eq!(as_uri("http://"), None);
    }
}
