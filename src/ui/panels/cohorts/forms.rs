//! A participant's record (in the pane beside the roster) and a cohort's record (in a modal):
//! checked when saved, problems shown by each field.

use egui::{RichText, Ui};

use super::CohortsData;
use crate::edit::PeopleEdit;
use crate::model::dates::{parse_uk_date, uk_date, uk_date_range, uk_numeric_date};
use crate::model::*;
use crate::store::Access;
use crate::ui::command::Command;
use crate::ui::panels::directory::typed_date;
use crate::ui::widgets::{FormAction, field_problems_ui, form_header_ui, form_text_row, optional_choice_ui};

/// A participant being edited or added.
pub(crate) struct ParticipantForm {
    id: Option<ParticipantId>,
    person: Participant,
    new_first: String,
    new_last: String,
    problems: Vec<FieldProblem<ParticipantFormField>>,
}

impl ParticipantForm {
    pub(super) fn new(id: Option<ParticipantId>, person: Participant) -> Self {
        Self { id, person, new_first: String::new(), new_last: String::new(), problems: Vec::new() }
    }

    pub(super) fn id(&self) -> Option<ParticipantId> {
        self.id
    }

    /// Draws the record; true when it is to close.
    pub(super) fn ui(&mut self, ui: &mut Ui, access: Access, data: &CohortsData, commands: &mut Vec<Command>) -> bool {
        let title = if self.id.is_some() { "Participant" } else { "New participant" };
        let action = form_header_ui(ui, title, "Save participant", "Close", access, &self.problems);
        if let Some(id) = self.id
            && ui.add_enabled(access.is_writable(), egui::Button::new("Take off the roster")).clicked()
        {
            commands.push(Command::edit(PeopleEdit::DeleteParticipant(id)));
            return true;
        }
        match action {
            FormAction::Save => match ParticipantEdit::check(self.person.clone()) {
                Ok(edit) => {
                    self.problems.clear();
                    commands.push(Command::edit(match self.id {
                        Some(id) => PeopleEdit::UpdateParticipant { id, edit },
                        None => PeopleEdit::AddParticipant(edit),
                    }));
                }
                Err(problems) => self.problems = problems,
            },
            FormAction::Close => return true,
            FormAction::None => {}
        }
        self.fields_ui(ui, data);
        ui.add_space(6.0);
        self.unavailable_ui(ui);
        false
    }

    fn fields_ui(&mut self, ui: &mut Ui, data: &CohortsData) {
        let problems = &self.problems;
        egui::Grid::new("participant_form").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
            let p = &mut self.person;
            form_text_row(ui, "Name", &mut p.name, 1, 240.0, problems, ParticipantFormField::Name);
            form_text_row(
                ui,
                "Preferred name",
                &mut p.preferred_name,
                1,
                240.0,
                problems,
                ParticipantFormField::PreferredName,
            );
            let label = ui.label("Profession").id;
            let professions = data.professions.iter().map(|n| (n.id, n.name.as_str()));
            optional_choice_ui(
                ui,
                "participant_profession",
                label,
                &mut p.profession,
                "None",
                professions,
                Some(240.0),
            );
            ui.end_row();
            let label = ui.label("Organisation").id;
            let organisations = data.organisations.iter().map(|n| (n.id, n.name.as_str()));
            let salt = "participant_organisation";
            optional_choice_ui(ui, salt, label, &mut p.organisation, "None", organisations, Some(240.0));
            ui.end_row();
            let rows: [(&str, ParticipantFormField, &mut String, usize); 6] = [
                ("Email", ParticipantFormField::Email, &mut p.email, 1),
                ("Mobile", ParticipantFormField::Mobile, &mut p.mobile, 1),
                ("Access needs", ParticipantFormField::AccessNeeds, &mut p.access_needs, 2),
                ("Emergency contact", ParticipantFormField::EmergencyContactName, &mut p.emergency_contact_name, 1),
                ("Their phone", ParticipantFormField::EmergencyContactPhone, &mut p.emergency_contact_phone, 1),
                ("Notes", ParticipantFormField::Notes, &mut p.notes, 2),
            ];
            for (label, field, value, lines) in rows {
                form_text_row(ui, label, value, lines, 240.0, problems, field);
            }
        });
    }

    /// The days they cannot go out: a list, and a line to add more.
    fn unavailable_ui(&mut self, ui: &mut Ui) {
        ui.label(RichText::new("Days they cannot go out").strong());
        let mut remove = None;
        for (i, span) in self.person.unavailable.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(if span.first == span.last {
                    uk_date(span.first)
                } else {
                    uk_date_range(span.first, span.last)
                });
                if ui.small_button("Remove").clicked() {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            self.person.unavailable.remove(i);
        }
        ui.horizontal(|ui| {
            let from = ui.label("From");
            ui.add(egui::TextEdit::singleline(&mut self.new_first).hint_text("dd/mm/yyyy").desired_width(90.0))
                .labelled_by(from.id);
            let to = ui.label("to");
            ui.add(egui::TextEdit::singleline(&mut self.new_last).hint_text("same day").desired_width(90.0))
                .labelled_by(to.id);
            if ui.button("Add days").clicked() {
                self.add_days();
            }
        });
        field_problems_ui(ui, &self.problems, ParticipantFormField::Unavailable);
    }

    fn add_days(&mut self) {
        let first = parse_uk_date(&self.new_first);
        let last = if self.new_last.trim().is_empty() { first } else { parse_uk_date(&self.new_last) };
        match (first, last) {
            (Some(first), Some(last)) if last >= first => {
                self.person.unavailable.push(DaySpan { first, last });
                self.person.unavailable.sort();
                self.new_first.clear();
                self.new_last.clear();
                self.problems.retain(|p| p.field != ParticipantFormField::Unavailable);
            }
            _ => self.problems.push(FieldProblem {
                field: ParticipantFormField::Unavailable,
                message: "Give a day, or a first and last day, like 12/04/2027.".to_owned(),
            }),
        }
    }
}

/// A cohort being edited or added.
pub(crate) struct CohortForm {
    id: Option<CohortId>,
    cohort: Cohort,
    first: String,
    last: String,
    /// The most teams out a day, as typed (blank: no limit).
    most_per_day: String,
    problems: Vec<FieldProblem<CohortFormField>>,
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(uk_numeric_date).unwrap_or_default()
}

impl CohortForm {
    pub(super) fn new(id: Option<CohortId>, cohort: Cohort) -> Self {
        Self {
            id,
            first: date_text(cohort.first_day),
            last: date_text(cohort.last_day),
            most_per_day: cohort.most_per_day.map(|n| n.to_string()).unwrap_or_default(),
            cohort,
            problems: Vec::new(),
        }
    }

    /// Checks the form; on success, the edit to save.
    fn check(&mut self) -> Option<CohortEdit> {
        let mut problems = Vec::new();
        self.cohort.first_day = typed_date(&self.first, CohortFormField::FirstDay, &mut problems);
        self.cohort.last_day = typed_date(&self.last, CohortFormField::LastDay, &mut problems);
        self.cohort.most_per_day = match self.most_per_day.trim() {
            "" => None,
            typed => match typed.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problems.push(FieldProblem {
                        field: CohortFormField::MostPerDay,
                        message: "Give a whole number of teams, or leave it blank for no limit.".to_owned(),
                    });
                    None
                }
            },
        };
        match CohortEdit::check(self.cohort.clone()) {
            Ok(edit) if problems.is_empty() => Some(edit),
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

    /// Draws the modal; true when it is to close (it also closes once the cohort is saved).
    pub(super) fn ui(&mut self, ctx: &egui::Context, access: Access, commands: &mut Vec<Command>) -> bool {
        let mut close = false;
        crate::ui::widgets::dialog("cohort_form").show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(if self.id.is_some() { "Edit cohort" } else { "New cohort" });
            self.fields_ui(ui);
            ui.horizontal(|ui| {
                if ui.add_enabled(access.is_writable(), egui::Button::new("Save cohort")).clicked()
                    && let Some(edit) = self.check()
                {
                    commands.push(Command::edit(match self.id {
                        Some(id) => PeopleEdit::UpdateCohort { id, edit },
                        None => PeopleEdit::AddCohort(edit),
                    }));
                }
                close = ui.button("Cancel").clicked();
            });
        });
        close
    }

    fn fields_ui(&mut self, ui: &mut Ui) {
        let problems = &self.problems;
        egui::Grid::new("cohort_form_grid").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
            let c = &mut self.cohort;
            let text_row = |ui: &mut Ui, label: &str, field: CohortFormField, value: &mut String, hint: &str| {
                let name = ui.label(label);
                ui.vertical(|ui| {
                    ui.add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(300.0)).labelled_by(name.id);
                    field_problems_ui(ui, problems, field);
                });
                ui.end_row();
            };
            text_row(ui, "Name", CohortFormField::Name, &mut c.name, "Junior doctors 2027");
            text_row(ui, "Programme type", CohortFormField::ProgrammeType, &mut c.programme_type, "Systems leadership");
            text_row(ui, "First day", CohortFormField::FirstDay, &mut self.first, "dd/mm/yyyy");
            text_row(ui, "Last day", CohortFormField::LastDay, &mut self.last, "dd/mm/yyyy");
            let label = ui.label("Team size");
            ui.add(egui::DragValue::new(&mut c.default_team_size).range(TeamSize::RANGE)).labelled_by(label.id);
            ui.end_row();
            text_row(
                ui,
                "Most teams out a day",
                CohortFormField::MostPerDay,
                &mut self.most_per_day,
                "blank for no limit",
            );
            text_row(
                ui,
                "Coordinator",
                CohortFormField::CoordinatorName,
                &mut c.coordinator_name,
                "printed on day sheets",
            );
            text_row(ui, "Coordinator's phone", CohortFormField::CoordinatorPhone, &mut c.coordinator_phone, "");
            text_row(ui, "Notes", CohortFormField::Notes, &mut c.notes, "");
        });
    }
}
