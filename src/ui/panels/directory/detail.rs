//! The pane beside the directory's list: one group to read, with its offers; or its editor; or
//! the merge of a duplicate into it.

use egui::{RichText, Ui};

use super::DirectoryData;
use super::form::GroupForm;
use super::merge::MergeForm;
use crate::edit::DirectoryEdit;
use crate::model::dates::{uk_date, uk_date_range};
use crate::model::text::join_present;
use crate::model::{CommunityGroup, GroupId, OfferId};
use crate::store::Access;
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::panels::{Cached, cached};
use crate::ui::theme;

/// One group as the pane shows it, read once per revision of the file.
struct GroupDetail {
    id: GroupId,
    group: CommunityGroup,
    times: (String, String),
    offers: Vec<(OfferId, String, chrono::NaiveDate, chrono::NaiveDate)>,
}

/// The pane beside the list: one group, to read or edit.
#[derive(Default)]
pub(crate) struct DetailPane {
    detail: Option<Cached<GroupDetail>>,
    pub(crate) form: Option<GroupForm>,
    merge: Option<MergeForm>,
}

/// `Sun 22 Nov 2026, 14:05` from a stored time.
fn stamp(text: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .map(|t| t.format("%a %-d %b %Y, %H:%M").to_string())
        .unwrap_or_else(|_| text.to_owned())
}

impl DetailPane {
    /// A new, empty group to fill in.
    pub(crate) fn start_new(&mut self) {
        self.form = Some(GroupForm::new(None, CommunityGroup::default()));
    }

    /// Whether the pane holds a new group being filled in.
    pub(crate) fn is_adding(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.id.is_none())
    }

    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        data: &DirectoryData,
        id: Option<GroupId>,
        commands: &mut Vec<Command>,
    ) {
        if let Some(form) = &mut self.form
            && form.id == id
        {
            if form.ui(ui, doc, data, commands) {
                self.form = None;
            }
            return;
        }
        let Some(id) = id else { return };
        if let Some(merge) = &mut self.merge
            && merge.keep == id
        {
            if merge.ui(ui, doc, data, commands) {
                self.merge = None;
            }
            return;
        }
        if self.detail.as_ref().is_some_and(|d| d.value.id != id) {
            self.detail = None;
        }
        let loaded = cached(&mut self.detail, doc, || {
            Ok(GroupDetail {
                id,
                group: doc.store.group(id)?,
                times: doc.store.group_times(id)?,
                offers: doc.store.offers_of_group(id)?,
            })
        });
        let detail = match loaded {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return;
            }
        };
        let group = &detail.group;
        ui.label(RichText::new(&group.name).heading());
        if group.archived {
            ui.colored_label(theme::ERROR_RED, "Archived: kept for the offers and placements that name it.");
        }
        let access = doc.store.access();
        if let Some(start) = actions_ui(ui, id, group, access, commands) {
            match start {
                Start::Edit => self.form = Some(GroupForm::new(Some(id), group.clone())),
                Start::Merge => self.merge = Some(MergeForm::new(id, group.clone())),
            }
        }
        ui.add_space(6.0);
        facts_ui(ui, detail, data);
        ui.add_space(8.0);
        offers_ui(ui, detail, access, commands);
    }
}

/// What the pane's buttons start.
enum Start {
    Edit,
    Merge,
}

fn actions_ui(
    ui: &mut Ui,
    id: GroupId,
    group: &CommunityGroup,
    access: Access,
    commands: &mut Vec<Command>,
) -> Option<Start> {
    let mut start = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(access.is_writable(), egui::Button::new("Edit this group"))
            .on_disabled_hover_text("This file is read-only.")
            .clicked()
        {
            start = Some(Start::Edit);
        }
        let (text, change) = if group.archived {
            ("Bring back", crate::store::Archiving::BringBack)
        } else {
            ("Archive", crate::store::Archiving::Archive)
        };
        if ui
            .add_enabled(access.is_writable(), egui::Button::new(text))
            .on_hover_text("Archived groups are hidden from the list unless you tick Show archived")
            .clicked()
        {
            commands.push(Command::edit(DirectoryEdit::SetGroupArchived { id, change }));
        }
        if ui
            .add_enabled(access.is_writable(), egui::Button::new("Merge a duplicate…"))
            .on_hover_text("Bring another record of this group into this one")
            .clicked()
        {
            start = Some(Start::Merge);
        }
    });
    start
}

fn facts_ui(ui: &mut Ui, detail: &GroupDetail, data: &DirectoryData) {
    let group = &detail.group;
    let categories: Vec<&str> = group
        .categories
        .iter()
        .filter_map(|c| data.categories.iter().find(|k| k.id == *c))
        .map(|c| c.name.as_str())
        .collect();
    let neighbourhood = group
        .neighbourhood
        .and_then(|n| data.neighbourhoods.iter().find(|k| k.id == n))
        .map_or("", |n| n.name.as_str());
    let consent = match (group.consent_to_contact, group.consent_date) {
        (true, Some(d)) => format!("Yes, given {}", uk_date(d)),
        (true, None) => "Yes".to_owned(),
        (false, _) => "Not recorded".to_owned(),
    };
    let facts = [
        ("Other names", group.other_names.clone()),
        ("What it does", group.description.clone()),
        ("Categories", categories.join(", ")),
        ("Neighbourhood", neighbourhood.to_owned()),
        ("Address", group.full_address()),
        ("Phone", group.phone.clone()),
        ("Email", group.email.clone()),
        ("Website", group.website.clone()),
        ("Main contact", join_present(&[&group.contact_name, &group.contact_role], ", ")),
        ("Contact phone", group.contact_phone.clone()),
        ("Contact email", group.contact_email.clone()),
        ("Charity number", group.charity_number.clone()),
        ("Company number", group.company_number.clone()),
        ("Other identifier", group.other_identifier.clone()),
        ("Status", group.status.label().to_owned()),
        ("Accessibility", group.accessibility.clone()),
        ("Safeguarding", group.safeguarding_notes.clone()),
        ("Consent to contact", consent),
        ("Last verified", group.last_verified.map(uk_date).unwrap_or_default()),
        ("Notes", group.notes.clone()),
        ("Added", stamp(&detail.times.0)),
        ("Last changed", stamp(&detail.times.1)),
    ];
    crate::ui::widgets::facts_grid_ui(ui, "group_facts", &facts);
}

fn offers_ui(ui: &mut Ui, detail: &GroupDetail, access: Access, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Offers ({})", detail.offers.len())).strong());
        if ui
            .add_enabled(access.is_writable(), egui::Button::new("New offer"))
            .on_hover_text("Record something this group can host a team for")
            .clicked()
        {
            commands.push(Command::NewOffer(detail.id));
        }
    });
    for (offer, title, first, last) in &detail.offers {
        if ui
            .link(format!("{title} ({})", uk_date_range(*first, *last)))
            .on_hover_text("Show this offer in the Offers panel")
            .clicked()
        {
            commands.push(Command::ShowOffer(*offer));
        }
    }
}
