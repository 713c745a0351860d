//! Asking groups for offers, the first thing a coordinator does: a letter to each group (printed
//! by `print`), the same as a mail merge, and the questions for an online form. All three ask for
//! the same reply, [`REPLY_COLUMNS`], which is what the offers import reads with no remapping: a
//! sheet typed up from the letters' replies, or a Microsoft Forms or Google Forms export.

use chrono::NaiveDate;

use super::files::ExportError;
use super::table_out::{csv_bytes, xlsx_bytes};
use crate::model::GroupRecord;
use crate::model::dates::uk_date_long;

/// One column of a group's reply: its title (the header of the reply sheet and the title of the
/// form's question, word for word), what to write in it, and whether a form should insist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplyColumn {
    pub title: &'static str,
    pub help: &'static str,
    /// A form's long-answer question (several lines) rather than a short one.
    pub long: bool,
    pub required: bool,
}

const fn column(title: &'static str, help: &'static str, long: bool, required: bool) -> ReplyColumn {
    ReplyColumn { title, help, long, required }
}

/// The reply a group gives for each activity it can host a team for.
pub const REPLY_COLUMNS: [ReplyColumn; 12] = [
    column("Group", "Your group's name", false, true),
    column("Charity no.", "Your registered charity number, if you have one", false, false),
    column("Activity", "A short name for the activity, e.g. Park clean-up", false, true),
    column("What the team will do", "What the team would do on the day, and what your group gains", true, true),
    column("Dates available", "The first and last day a team could come, e.g. 12/04/2027 - 28/05/2027", false, true),
    column("Days", "The days of the week, e.g. Mon-Fri, or Tuesdays and Thursdays", false, false),
    column("Times", "The start and finish, e.g. 10am-4pm", false, true),
    column("Team size", "How many people in a team, e.g. 3-6", false, false),
    column("How many teams can you host?", "How many teams over the whole period, e.g. 2", false, false),
    column("Contact on the day", "Who the team should ask for, and their phone number", false, true),
    column("Meeting place", "Where the team should meet you: the address or the place", false, true),
    column("Postcode", "The meeting place's postcode, so the team can find it", false, true),
];

/// What the letters say of the programme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestProgramme {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Who to reply to, and their phone.
    pub coordinator: String,
    pub coordinator_phone: String,
    /// What the teams practise (the programme's list).
    pub practices: Vec<String>,
}

impl RequestProgramme {
    /// "between Monday 12 April 2027 and Friday 28 May 2027".
    pub fn between(&self) -> String {
        format!("between {} and {}", uk_date_long(self.first_day), uk_date_long(self.last_day))
    }
}

/// The programme the letters ask for: the days from `from` to `to`, else `chosen`'s window,
/// else the windows of the cohorts not over by `today` together (of them all, when every one is
/// over); `chosen`, else the first cohort with a coordinator, signs. `None` when there are no
/// dates to give.
pub fn request_programme(
    cohorts: &[crate::model::Cohort],
    chosen: Option<&crate::model::Cohort>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    practices: Vec<String>,
    today: NaiveDate,
) -> Option<RequestProgramme> {
    let all = || cohorts.iter().filter_map(|c| c.first_day.zip(c.last_day));
    let coming = all().any(|(_, last)| last >= today);
    let windows = || all().filter(move |(_, last)| !coming || *last >= today);
    let (first_day, last_day) = match (from, to) {
        (Some(from), Some(to)) => (from.min(to), from.max(to)),
        _ => match chosen {
            Some(c) => c.first_day.zip(c.last_day)?,
            None => (windows().map(|w| w.0).min()?, windows().map(|w| w.1).max()?),
        },
    };
    let signer = chosen.or_else(|| cohorts.iter().find(|c| !c.coordinator_name.trim().is_empty()));
    Some(RequestProgramme {
        first_day,
        last_day,
        coordinator: signer.map(|c| c.coordinator_name.trim().to_owned()).unwrap_or_default(),
        coordinator_phone: signer.map(|c| c.coordinator_phone.trim().to_owned()).unwrap_or_default(),
        practices,
    })
}

/// The groups to ask: those still running and not archived (a closed group cannot host).
pub fn groups_to_ask(groups: Vec<GroupRecord>) -> Vec<GroupRecord> {
    groups.into_iter().filter(|g| !g.group.archived && g.group.status != crate::model::GroupStatus::Closed).collect()
}

/// The questions for an online form, as text to paste: each question's title exactly as the
/// offers import reads it, what it asks, and whether it is required. A form made from it exports
/// (from Microsoft Forms as Excel, from Google Forms as CSV) a sheet that imports as it comes.
pub fn form_questions(programme: &RequestProgramme) -> String {
    let mut out = String::new();
    out.push_str("Questions for an online form (Microsoft Forms or Google Forms) asking groups to host a team\r\n");
    out.push_str(&format!("for a day {}.\r\n\r\n", programme.between()));
    out.push_str(
        "Make one question for each below, in this order. Copy each title exactly: the responses then \
         import as offers with no changes (File › Import offers…). Put the words after the title in \
         the question's description or subtitle.\r\n\r\n",
    );
    for (i, c) in REPLY_COLUMNS.iter().enumerate() {
        let kind = if c.long { "long answer" } else { "short answer" };
        let required = if c.required { ", required" } else { "" };
        out.push_str(&format!("{}. {}\r\n   ({kind}{required}) {}\r\n\r\n", i + 1, c.title, c.help));
    }
    out.push_str(&format!(
        "Ask one response for each activity a group can offer. Replies to {}{}.\r\n",
        programme.coordinator,
        if programme.coordinator_phone.is_empty() {
            String::new()
        } else {
            format!(", {}", programme.coordinator_phone)
        }
    ));
    out
}

/// The mail merge's headers: the letter's fields for each group.
pub const MERGE_HEADERS: [&str; 12] = [
    "Group",
    "Charity no.",
    "Contact name",
    "Email",
    "Phone",
    "Address",
    "Postcode",
    "Neighbourhood",
    "First day",
    "Last day",
    "Coordinator",
    "Coordinator's phone",
];

/// A row for each group, for a letter or an email from Word's or Outlook's mail merge.
pub fn merge_rows(groups: &[GroupRecord], programme: &RequestProgramme) -> Vec<Vec<String>> {
    groups
        .iter()
        .map(|g| {
            let c = &g.group;
            let email = if c.contact_email.trim().is_empty() { &c.email } else { &c.contact_email };
            let phone = if c.contact_phone.trim().is_empty() { &c.phone } else { &c.contact_phone };
            vec![
                c.name.clone(),
                c.charity_number.clone(),
                c.contact_name.clone(),
                email.clone(),
                phone.clone(),
                crate::model::text::join_present(&[&c.address_line1, &c.address_line2, &c.town], ", "),
                c.postcode.clone(),
                g.neighbourhood.clone(),
                uk_date_long(programme.first_day),
                uk_date_long(programme.last_day),
                programme.coordinator.clone(),
                programme.coordinator_phone.clone(),
            ]
        })
        .collect()
}

/// What the coordinator can write to ask for offers, by the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestFormat {
    /// A letter to each group, with the reply to fill in.
    Letters,
    MailMergeCsv,
    MailMergeXlsx,
    /// The questions for an online form.
    FormQuestions,
}

impl RequestFormat {
    /// By the output's extension: `.pdf`, `.csv`, `.xlsx` or `.txt`.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "pdf" => Some(Self::Letters),
            "csv" => Some(Self::MailMergeCsv),
            "xlsx" => Some(Self::MailMergeXlsx),
            "txt" => Some(Self::FormQuestions),
            _ => None,
        }
    }
}

/// The mail merge as CSV or XLSX bytes, or the form's questions as text.
pub fn request_bytes(
    format: RequestFormat,
    groups: &[GroupRecord],
    programme: &RequestProgramme,
) -> Result<Vec<u8>, ExportError> {
    match format {
        RequestFormat::MailMergeCsv => csv_bytes(&MERGE_HEADERS, &merge_rows(groups, programme)),
        RequestFormat::MailMergeXlsx => {
            let rows = merge_rows(groups, programme);
            xlsx_bytes("Groups", &MERGE_HEADERS, &rows, |r| {
                groups.get(r).map_or_else(String::new, |g| g.group.name.clone())
            })
        }
        RequestFormat::FormQuestions => {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend(form_questions(programme).into_bytes());
            Ok(bytes)
        }
        // Typeset by `print`, not here.
        RequestFormat::Letters => Ok(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::offer_import::{OfferField, guess_columns};

    /// The reply's columns, word for word, are read as the offer's fields with no remapping.
    #[test]
    fn the_reply_columns_import_with_no_remapping() {
        let headers: Vec<String> = REPLY_COLUMNS.iter().map(|c| c.title.to_owned()).collect();
        let mapping = guess_columns(&headers);
        use OfferField::*;
        let expected = [
            GroupName,
            GroupIdentifier,
            Title,
            Activity,
            DateRange,
            Weekdays,
            Times,
            TeamSize,
            Capacity,
            DayContactName,
            Address,
            Postcode,
        ];
        assert_eq!(mapping.fields, expected.map(Some));
        // The same with a Microsoft Forms export's own columns first, and Google Forms' stamp.
        let mut forms =
            ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"].map(str::to_owned).to_vec();
        forms.extend(headers.iter().cloned());
        let mapping = guess_columns(&forms);
        assert_eq!(mapping.fields[..6], [None; 6]);
        assert_eq!(mapping.fields[6..], expected.map(Some));
        let mut google = vec!["Timestamp".to_owned(), "Email address".to_owned()];
        google.extend(headers);
        assert_eq!(guess_columns(&google).fields[2..], expected.map(Some));
    }
}
