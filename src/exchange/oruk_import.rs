//! Reading Open Referral UK directories: a council's `/services` feed saved to a file (JSON), or
//! a tabular package (a folder of CSV files). Both become a [`Table`] with this program's own
//! export headers, so they go through the same checks, duplicate matching and report as any
//! spreadsheet.
//!
//! One group is made per organization (services of one organization are one group); the first
//! service with a location, contact or phone fills those in. Charity (GB-CHC) and company
//! (GB-COH) identifiers become the group's numbers; taxonomy terms become categories.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::group_import::GroupField;
use super::table::{Table, TableError, TableRow, read_csv};

/// The columns the ORUK readers fill, in order.
const COLUMNS: [GroupField; 15] = [
    GroupField::Name,
    GroupField::Description,
    GroupField::AddressLine1,
    GroupField::Town,
    GroupField::Postcode,
    GroupField::Phone,
    GroupField::Email,
    GroupField::Website,
    GroupField::ContactName,
    GroupField::ContactRole,
    GroupField::CharityNumber,
    GroupField::CompanyNumber,
    GroupField::OtherIdentifier,
    GroupField::Status,
    GroupField::Categories,
];

/// One organization being gathered from the feed.
#[derive(Default)]
struct Gathered {
    position: u64,
    cells: HashMap<GroupField, String>,
    categories: Vec<String>,
}

impl Gathered {
    /// Sets a field unless it already has a value (the first service to give one wins).
    fn offer(&mut self, field: GroupField, value: Option<&str>) {
        if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
            self.cells.entry(field).or_insert_with(|| value.to_owned());
        }
    }

    fn identifier(&mut self, scheme: &str, kind: &str, value: Option<&str>) {
        let field = match (scheme.to_ascii_uppercase().as_str(), kind.to_lowercase()) {
            ("GB-CHC" | "GB-SC" | "GB-NIC", _) => GroupField::CharityNumber,
            (_, k) if k.contains("charity") => GroupField::CharityNumber,
            ("GB-COH", _) => GroupField::CompanyNumber,
            (_, k) if k.contains("company") => GroupField::CompanyNumber,
            _ => GroupField::OtherIdentifier,
        };
        self.offer(field, value);
    }

    fn category(&mut self, name: Option<&str>) {
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty())
            && !self.categories.iter().any(|c| c.eq_ignore_ascii_case(name))
        {
            self.categories.push(name.to_owned());
        }
    }
}

/// HSDS service status as a group status.
fn status(value: &str) -> &'static str {
    match value.trim().to_lowercase().as_str() {
        "inactive" | "temporarily closed" => "dormant",
        "defunct" => "closed",
        _ => "active",
    }
}

fn into_table(mut gathered: Vec<Gathered>, encoding: &'static str, unit: &'static str) -> Result<Table, TableError> {
    if gathered.is_empty() {
        return Err(TableError::NoRows);
    }
    gathered.sort_by_key(|g| g.position);
    let rows = gathered
        .into_iter()
        .map(|mut g| {
            if !g.categories.is_empty() {
                g.cells.insert(GroupField::Categories, g.categories.join("; "));
            }
            TableRow {
                line: g.position,
                cells: COLUMNS.iter().map(|f| g.cells.remove(f).unwrap_or_default()).collect(),
            }
        })
        .collect();
    Ok(Table {
        headers: COLUMNS.iter().map(|f| f.export_header().to_owned()).collect(),
        rows,
        encoding,
        unit,
        lines_in_1252: Vec::new(),
    })
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Reads a `/services` feed saved to a file: a page (`{"contents": [...]}`), a list of
/// services, or one service.
pub fn read_oruk_json(bytes: &[u8]) -> Result<Table, TableError> {
    let value: Value = serde_json::from_slice(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| TableError::NotJson(e.to_string()))?;
    let services: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) if map.contains_key("contents") => list(&value, "contents").iter().collect(),
        Value::Object(map) if map.contains_key("name") => vec![&value],
        _ => {
            return Err(TableError::NotServices);
        }
    };
    let mut by_organization: HashMap<String, Gathered> = HashMap::new();
    for (index, service) in services.iter().enumerate() {
        let organization = service.get("organization").unwrap_or(&Value::Null);
        let key = text(organization, "id")
            .map(str::to_owned)
            .or_else(|| text(organization, "name").map(str::to_lowercase))
            .unwrap_or_else(|| format!("service {index}"));
        let g =
            by_organization.entry(key).or_insert_with(|| Gathered { position: index as u64 + 1, ..Default::default() });
        g.offer(GroupField::Name, text(organization, "name").or_else(|| text(service, "name")));
        g.offer(GroupField::Description, text(organization, "description").or_else(|| text(service, "description")));
        g.offer(GroupField::Email, text(organization, "email").or_else(|| text(service, "email")));
        g.offer(GroupField::Website, text(organization, "website").or_else(|| text(service, "url")));
        if let Some(s) = text(service, "status") {
            g.offer(GroupField::Status, Some(status(s)));
        }
        for identifier in list(organization, "organization_identifiers") {
            g.identifier(
                text(identifier, "identifier_scheme").unwrap_or_default(),
                text(identifier, "identifier_type").unwrap_or_default(),
                text(identifier, "identifier"),
            );
        }
        for at in list(service, "service_at_locations") {
            let location = at.get("location").unwrap_or(&Value::Null);
            for address in list(location, "addresses") {
                g.offer(GroupField::AddressLine1, text(address, "address_1"));
                g.offer(GroupField::Town, text(address, "city"));
                g.offer(GroupField::Postcode, text(address, "postal_code"));
            }
            for phone in list(location, "phones") {
                g.offer(GroupField::Phone, text(phone, "number"));
            }
        }
        for contact in list(service, "contacts") {
            g.offer(GroupField::ContactName, text(contact, "name"));
            g.offer(GroupField::ContactRole, text(contact, "title"));
            for phone in list(contact, "phones") {
                g.offer(GroupField::Phone, text(phone, "number"));
            }
        }
        for phone in list(service, "phones").iter().chain(list(organization, "phones")) {
            g.offer(GroupField::Phone, text(phone, "number"));
        }
        for attribute in list(service, "attributes") {
            let term = attribute.get("taxonomy_term").unwrap_or(&Value::Null);
            g.category(text(term, "name"));
        }
    }
    into_table(by_organization.into_values().collect(), "Open Referral UK JSON", "item")
}

/// A table of the package by its file name, keyed by a column (rows without it are left out).
fn package_table(folder: &Path, name: &str) -> Result<Option<Vec<HashMap<String, String>>>, TableError> {
    let path = folder.join(name);
    if !path.exists() {
        return Ok(None);
    }
    let table = match read_csv(&std::fs::read(&path)?) {
        Ok(table) => table,
        Err(TableError::NoRows) => return Ok(Some(Vec::new())),
        Err(e) => return Err(TableError::InPackage { name: name.to_owned(), source: Box::new(e) }),
    };
    Ok(Some(
        table
            .rows
            .into_iter()
            .map(|row| table.headers.iter().cloned().zip(row.cells).collect::<HashMap<String, String>>())
            .collect(),
    ))
}

/// Reads an Open Referral UK tabular package: a folder holding organizations.csv and (when
/// present) services.csv, service_at_location.csv, locations.csv, address.csv, contacts.csv,
/// phones.csv, organization_identifiers.csv, attribute.csv and taxonomy_terms.csv.
pub fn read_oruk_package(folder: &Path) -> Result<Table, TableError> {
    let organizations = package_table(folder, "organizations.csv")?.ok_or(TableError::NotOrukPackage)?;
    let load = |name: &str| package_table(folder, name).map(Option::unwrap_or_default);
    let (services, links, addresses, contacts, phones, identifiers, attributes, terms) = (
        load("services.csv")?,
        load("service_at_location.csv")?,
        load("address.csv")?,
        load("contacts.csv")?,
        load("phones.csv")?,
        load("organization_identifiers.csv")?,
        load("attribute.csv")?,
        load("taxonomy_terms.csv")?,
    );
    let get = |row: &HashMap<String, String>, key: &str| row.get(key).map(String::as_str).map(str::to_owned);
    let mut gathered: Vec<Gathered> = Vec::new();
    for (index, organization) in organizations.iter().enumerate() {
        let id = get(organization, "id").unwrap_or_default();
        let mut g = Gathered { position: index as u64 + 2, ..Default::default() };
        g.offer(GroupField::Name, organization.get("name").map(String::as_str));
        g.offer(GroupField::Description, organization.get("description").map(String::as_str));
        g.offer(GroupField::Email, organization.get("email").map(String::as_str));
        g.offer(GroupField::Website, organization.get("website").map(String::as_str));
        for identifier in identifiers.iter().filter(|r| get(r, "organization_id").as_deref() == Some(&id)) {
            g.identifier(
                identifier.get("identifier_scheme").map_or("", String::as_str),
                identifier.get("identifier_type").map_or("", String::as_str),
                identifier.get("identifier").map(String::as_str),
            );
        }
        for service in services.iter().filter(|s| get(s, "organization_id").as_deref() == Some(&id)) {
            let service_id = get(service, "id").unwrap_or_default();
            g.offer(GroupField::Website, service.get("url").map(String::as_str));
            g.offer(GroupField::Email, service.get("email").map(String::as_str));
            if let Some(s) = service.get("status") {
                g.offer(GroupField::Status, Some(status(s)));
            }
            for link in links.iter().filter(|l| get(l, "service_id").as_deref() == Some(&service_id)) {
                let location = get(link, "location_id").unwrap_or_default();
                for address in addresses.iter().filter(|a| get(a, "location_id").as_deref() == Some(&location)) {
                    g.offer(GroupField::AddressLine1, address.get("address_1").map(String::as_str));
                    g.offer(GroupField::Town, address.get("city").map(String::as_str));
                    g.offer(GroupField::Postcode, address.get("postal_code").map(String::as_str));
                }
            }
            for contact in contacts.iter().filter(|c| get(c, "service_id").as_deref() == Some(&service_id)) {
                g.offer(GroupField::ContactName, contact.get("name").map(String::as_str));
                g.offer(GroupField::ContactRole, contact.get("title").map(String::as_str));
                let contact_id = get(contact, "id").unwrap_or_default();
                for phone in phones.iter().filter(|p| get(p, "contact_id").as_deref() == Some(&contact_id)) {
                    g.offer(GroupField::Phone, phone.get("number").map(String::as_str));
                }
            }
            for attribute in attributes.iter().filter(|a| get(a, "link_id").as_deref() == Some(&service_id)) {
                let term = get(attribute, "taxonomy_term_id").unwrap_or_default();
                let name = terms.iter().find(|t| get(t, "id").as_deref() == Some(&term)).and_then(|t| get(t, "name"));
                g.category(name.as_deref());
            }
        }
        gathered.push(g);
    }
    into_table(gathered, "Open Referral UK package", "organizations.csv line")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profiles_example_service_becomes_one_group() {
        let json = br#"{"total_items":1,"contents":[{"id":"s1","name":"Community Counselling","status":"active",
            "organization":{"id":"o1","name":"Example Organization Inc.","description":"Helps people",
              "email":"email@example.com","website":"http://example.com",
              "organization_identifiers":[{"identifier_scheme":"GB-COH","identifier_type":"Company number","identifier":"1234567"}]},
            "service_at_locations":[{"location":{"addresses":[{"address_1":"1-30 Main Street","city":"MyCity","postal_code":"FY1 1AA"}]}}],
            "contacts":[{"name":"Ann Persona","title":"Reception Manager","phones":[{"number":"01632 960000"}]}],
            "attributes":[{"taxonomy_term":{"name":"Mental health"}}]}]}"#;
        let table = read_oruk_json(json).unwrap();
        assert_eq!(table.rows.len(), 1);
        let cell = |header: &str| {
            let i = table.headers.iter().position(|h| h == header).unwrap();
            table.rows[0].cells[i].clone()
        };
        assert_eq!(cell("name"), "Example Organization Inc.");
        assert_eq!(cell("company_number"), "1234567");
        assert_eq!(cell("postcode"), "FY1 1AA");
        assert_eq!(cell("phone"), "01632 960000");
        assert_eq!(cell("contact_role"), "Reception Manager");
        assert_eq!(cell("categories"), "Mental health");
        assert_eq!(table.unit, "item");
    }

    #[test]
    fn json_that_is_not_a_feed_is_refused() {
        assert!(read_oruk_json(b"{\"weather\": \"rain\"}").is_err());
        assert!(read_oruk_json(b"not json").is_err());
    }
}
