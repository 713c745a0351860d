//! A group's editor: every field of its record, checked when saved, problems shown by each field.

use egui::Ui;

use super::DirectoryData;
use crate::edit::DirectoryEdit;
use crate::model::GroupEdit;
use crate::model::dates::{parse_uk_date, uk_numeric_date};
use crate::model::{CommunityGroup, FieldProblem, GroupFormField, GroupId, GroupStatus};
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::widgets::{
    FormAction, choice_ui, field_problems_ui, form_header_ui, form_text_row, optional_choice_ui, ticks_ui,
};

/// A group being edited or added: what the user has typed so far, and what is wrong with it.
pub(crate) struct GroupForm {
    /// `None` while adding a new group.
    pub id: Option<GroupId>,
    group: CommunityGroup,
    consent_date: String,
    last_verified: String,
    problems: Vec<FieldProblem<GroupFormField>>,
}

/// A date typed in a form: empty is none; anything else must be a date.
pub(crate) fn typed_date<F>(text: &str, field: F, problems: &mut Vec<FieldProblem<F>>) -> Option<chrono::NaiveDate> {
    if text.trim().is_empty() {
        return None;
    }
    let parsed = parse_uk_date(text);
    if parsed.is_none() {
        problems.push(FieldProblem { field, message: "This is not a date (for example 22/11/2026).".to_owned() });
    }
    parsed
}

impl GroupForm {
    pub(super) fn new(id: Option<GroupId>, group: CommunityGroup) -> Self {
        let date_text = |d: Option<chrono::NaiveDate>| d.map(uk_numeric_date).unwrap_or_default();
        Self {
            id,
            consent_date: date_text(group.consent_date),
            last_verified: date_text(group.last_verified),
            group,
            problems: Vec::new(),
        }
    }

    /// Checks the form; on success, the edit to save.
    fn check(&mut self) -> Option<GroupEdit> {
        let mut problems = Vec::new();
        self.group.consent_date = typed_date(&self.consent_date, GroupFormField::ConsentDate, &mut problems);
        self.group.last_verified = typed_date(&self.last_verified, GroupFormField::LastVerified, &mut problems);
        match GroupEdit::check(self.group.clone()) {
            Ok(edit) if problems.is_empty() => {
                self.problems.clear();
                Some(edit)
            }
            Ok(_) => {
                self.problems = problems;
                None
            }
            Err(more) => {
                problems.extend(more);
                self.problems = problems;
                None
            }
        }
    }

    /// Draws the form; true when it is to close.
    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        data: &DirectoryData,
        commands: &mut Vec<Command>,
    ) -> bool {
        let title = if self.id.is_some() { "Edit group" } else { "New group" };
        match form_header_ui(ui, title, "Save", "Cancel", doc.store.access(), &self.problems) {
            FormAction::Save => {
                if let Some(edit) = self.check() {
                    commands.push(Command::edit(match self.id {
                        Some(id) => DirectoryEdit::UpdateGroup { id, edit },
                        None => DirectoryEdit::AddGroup(edit),
                    }));
                }
            }
            FormAction::Close => return true,
            FormAction::None => {}
        }
        ui.add_space(6.0);
        egui::Grid::new("group_form").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
            self.text_rows_ui(ui);
            self.choices_ui(ui, data);
            self.dates_ui(ui);
        });
        false
    }

    fn text_rows_ui(&mut self, ui: &mut Ui) {
        let problems = &self.problems;
        let g = &mut self.group;
        let rows: [(&str, GroupFormField, &mut String, usize); 20] = [
            ("Name", GroupFormField::Name, &mut g.name, 1),
            ("Other names", GroupFormField::OtherNames, &mut g.other_names, 1),
            ("What it does", GroupFormField::Description, &mut g.description, 3),
            ("Address line 1", GroupFormField::AddressLine1, &mut g.address_line1, 1),
            ("Address line 2", GroupFormField::AddressLine2, &mut g.address_line2, 1),
            ("Town", GroupFormField::Town, &mut g.town, 1),
            ("Postcode", GroupFormField::Postcode, &mut g.postcode, 1),
            ("Phone", GroupFormField::Phone, &mut g.phone, 1),
            ("Email", GroupFormField::Email, &mut g.email, 1),
            ("Website", GroupFormField::Website, &mut g.website, 1),
            ("Main contact", GroupFormField::ContactName, &mut g.contact_name, 1),
            ("Contact's role", GroupFormField::ContactRole, &mut g.contact_role, 1),
            ("Contact phone", GroupFormField::ContactPhone, &mut g.contact_phone, 1),
            ("Contact email", GroupFormField::ContactEmail, &mut g.contact_email, 1),
            ("Charity number", GroupFormField::CharityNumber, &mut g.charity_number, 1),
            ("Company number", GroupFormField::CompanyNumber, &mut g.company_number, 1),
            ("Other identifier", GroupFormField::OtherIdentifier, &mut g.other_identifier, 1),
            ("Accessibility", GroupFormField::Accessibility, &mut g.accessibility, 2),
            ("Safeguarding", GroupFormField::SafeguardingNotes, &mut g.safeguarding_notes, 2),
            ("Notes", GroupFormField::Notes, &mut g.notes, 3),
        ];
        for (label, field, value, lines) in rows {
            form_text_row(ui, label, value, lines, 250.0, problems, field);
        }
    }

    fn choices_ui(&mut self, ui: &mut Ui, data: &DirectoryData) {
        let g = &mut self.group;
        let label = ui.label("Neighbourhood").id;
        let hoods = data.neighbourhoods.iter().map(|n| (n.id, n.name.as_str()));
        optional_choice_ui(ui, "group_neighbourhood", label, &mut g.neighbourhood, "None", hoods, Some(250.0));
        ui.end_row();

        ui.label("Categories");
        ui.horizontal_wrapped(|ui| {
            ui.set_max_width(260.0);
            ticks_ui(ui, &mut g.categories, data.categories.iter().map(|c| (c.id, c.name.as_str())));
        });
        ui.end_row();

        let label = ui.label("Status").id;
        choice_ui(ui, "group_status", label, &mut g.status, GroupStatus::ALL.iter().map(|s| (*s, s.label())));
        ui.end_row();
    }

    fn dates_ui(&mut self, ui: &mut Ui) {
        ui.label("Consent to contact");
        ui.vertical(|ui| {
            ui.checkbox(&mut self.group.consent_to_contact, "The group agreed to be contacted");
            ui.horizontal(|ui| {
                let label = ui.label("Given on");
                ui.add(egui::TextEdit::singleline(&mut self.consent_date).hint_text("dd/mm/yyyy").desired_width(110.0))
                    .labelled_by(label.id);
            });
            field_problems_ui(ui, &self.problems, GroupFormField::ConsentDate);
        });
        ui.end_row();

        let label = ui.label("Last verified");
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.last_verified).hint_text("dd/mm/yyyy").desired_width(110.0),
                )
                .labelled_by(label.id);
                if ui.button("Today").on_hover_text("Checked with the group today").clicked() {
                    self.last_verified = uk_numeric_date(chrono::Local::now().date_naive());
                }
            });
            field_problems_ui(ui, &self.problems, GroupFormField::LastVerified);
        });
        ui.end_row();
    }
}
