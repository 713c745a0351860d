//! Exporting the directory as CSV (for Excel) and XLSX.

use super::files::ExportError;
use super::group_import::GroupField;
use crate::model::GroupRecord;
use crate::model::text::join_present;

/// The columns of this program's own export, in order. Importing the export gives back the
/// same groups.
pub const EXPORT_FIELDS: [GroupField; 26] = [
    GroupField::Name,
    GroupField::OtherNames,
    GroupField::Description,
    GroupField::AddressLine1,
    GroupField::AddressLine2,
    GroupField::Town,
    GroupField::Postcode,
    GroupField::Phone,
    GroupField::Email,
    GroupField::Website,
    GroupField::ContactName,
    GroupField::ContactRole,
    GroupField::ContactPhone,
    GroupField::ContactEmail,
    GroupField::CharityNumber,
    GroupField::CompanyNumber,
    GroupField::OtherIdentifier,
    GroupField::Status,
    GroupField::Neighbourhood,
    GroupField::Categories,
    GroupField::Accessibility,
    GroupField::Safeguarding,
    GroupField::ConsentToContact,
    GroupField::ConsentDate,
    GroupField::LastVerified,
    GroupField::Notes,
];

fn value(record: &GroupRecord, field: GroupField) -> String {
    let g = &record.group;
    match field {
        GroupField::Name => g.name.clone(),
        GroupField::OtherNames => g.other_names.clone(),
        GroupField::Description => g.description.clone(),
        GroupField::Address => join_present(&[&g.address_line1, &g.address_line2, &g.town], ", "),
        GroupField::AddressLine1 => g.address_line1.clone(),
        GroupField::AddressLine2 => g.address_line2.clone(),
        GroupField::Town => g.town.clone(),
        GroupField::Postcode => g.postcode.clone(),
        GroupField::Phone => g.phone.clone(),
        GroupField::Email => g.email.clone(),
        GroupField::Website => g.website.clone(),
        GroupField::ContactName => g.contact_name.clone(),
        GroupField::ContactRole => g.contact_role.clone(),
        GroupField::ContactPhone => g.contact_phone.clone(),
        GroupField::ContactEmail => g.contact_email.clone(),
        // Never exported (the contact's parts have their own columns); the contact as one line.
        GroupField::Contact => join_present(&[&g.contact_name, &g.contact_phone, &g.contact_email], " "),
        GroupField::CharityNumber => g.charity_number.clone(),
        GroupField::CompanyNumber => g.company_number.clone(),
        GroupField::OtherIdentifier => g.other_identifier.clone(),
        GroupField::Status => g.status.code().to_owned(),
        GroupField::Neighbourhood => record.neighbourhood.clone(),
        GroupField::Categories => record.categories.join("; "),
        GroupField::Accessibility => g.accessibility.clone(),
        GroupField::Safeguarding => g.safeguarding_notes.clone(),
        GroupField::ConsentToContact => if g.consent_to_contact { "yes" } else { "no" }.to_owned(),
        GroupField::ConsentDate => g.consent_date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        GroupField::LastVerified => g.last_verified.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        GroupField::Notes => g.notes.clone(),
    }
}

pub use super::table_out::neutralise_formula;

fn rows(records: &[GroupRecord]) -> Vec<Vec<String>> {
    records.iter().map(|record| EXPORT_FIELDS.iter().map(|f| value(record, *f)).collect()).collect()
}

fn headers() -> Vec<&'static str> {
    EXPORT_FIELDS.iter().map(|f| f.export_header()).collect()
}

/// CSV that Excel opens correctly: UTF-8 with a byte order mark, CRLF line ends.
pub fn groups_csv(records: &[GroupRecord]) -> Result<Vec<u8>, ExportError> {
    super::table_out::csv_bytes(&headers(), &rows(records))
}

/// An XLSX workbook with one sheet, "Groups"; every cell is text, so phone numbers and
/// identifiers keep their leading zeros.
pub fn groups_xlsx(records: &[GroupRecord]) -> Result<Vec<u8>, ExportError> {
    let name = |r: usize| records.get(r).map_or(String::new(), |g| g.group.name.clone());
    super::table_out::xlsx_bytes("Groups", &headers(), &rows(records), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise_formula("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(neutralise_formula("+44 7700 900123"), "'+44 7700 900123");
        assert_eq!(neutralise_formula("@home"), "'@home");
        assert_eq!(neutralise_formula("Bispham"), "Bispham");
        // A negative number stays a number; a minus before anything else is neutralised.
        assert_eq!(neutralise_formula("-1.5"), "-1.5");
        assert_eq!(neutralise_formula("-12"), "-12");
        assert_eq!(neutralise_formula("-1+1"), "'-1+1");
        assert_eq!(neutralise_formula("-1."), "'-1.");
        assert_eq!(neutralise_formula("-"), "'-");
        assert_eq!(neutralise_formula("-A1"), "'-A1");
    }
}
