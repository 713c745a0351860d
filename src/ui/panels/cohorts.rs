//! The Cohorts panel: who is on each programme, and the teams they go out in. A cohort picker;
//! warnings; the teams as columns of cards that people are dragged between; the roster as a
//! searchable table, with the chosen person's record beside it.

use chrono::NaiveDate;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Cached, NameChange, NameListEditor, cached, heading_ui, optional_choice_ui, search_box_ui};
use crate::model::dates::{parse_uk_date, uk_date, uk_date_range, uk_numeric_date};
use crate::model::teams::{mix_line, team_warnings};
use crate::model::*;
use crate::store::{CohortEdit, ParticipantEdit, PeopleList, ProposedTeam, Store, StoreError};
use crate::ui::app::Document;
use crate::ui::command::{Command, EditRequest};
use crate::ui::theme;

/// The lists the panel needs, read once per revision of the file.
struct CohortsData {
    cohorts: Vec<Cohort>,
    organisations: Vec<Named<OrganisationId>>,
    professions: Vec<Named<ProfessionId>>,
    smallest_offer: Option<u32>,
}

impl CohortsData {
    fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            cohorts: store.cohorts()?,
            organisations: store.organisations()?,
            professions: store.professions()?,
            smallest_offer: store.smallest_team_offers_take()?,
        })
    }
}

/// A cohort's people and teams.
type Roster = (CohortId, Vec<ParticipantSummary>, Vec<Team>);

/// Form teams: the size and seed chosen, and the teams they give, before they are applied.
struct Forming {
    cohort: CohortId,
    size: usize,
    seed: u64,
    proposal: Result<Vec<ProposedTeam>, String>,
}

#[derive(Default)]
pub struct CohortsPanel {
    data: Option<Cached<CohortsData>>,
    roster: Option<Cached<Roster>>,
    selected: Option<CohortId>,
    search: String,
    pub(crate) focus_search: bool,
    form: Option<ParticipantForm>,
    cohort_form: Option<CohortForm>,
    forming: Option<Forming>,
    /// "Remove personal data…" is open; whether to keep names.
    forget: Option<bool>,
    lists_open: bool,
    organisations_editor: NameListEditor,
    professions_editor: NameListEditor,
    renaming_team: Option<(TeamId, String)>,
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(uk_numeric_date).unwrap_or_default()
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl CohortsPanel {
    /// A cohort was added or saved: show it.
    pub(crate) fn saved_cohort(&mut self, id: CohortId) {
        self.selected = Some(id);
        self.cohort_form = None;
        self.forming = None;
        self.forget = None;
    }

    /// A participant was added or saved: show their record.
    pub(crate) fn saved_participant(&mut self, _id: ParticipantId) {
        self.form = None;
    }

    /// Undo, redo or restore changed the file under open forms.
    pub(crate) fn document_reloaded(&mut self) {
        self.form = None;
        self.cohort_form = None;
        self.forming = None;
    }

    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        // The cached lists are lent out for the frame, so that the panel's own state can change
        // while they are read.
        let mut data = self.data.take();
        let mut roster = self.roster.take();
        let commands = self.ui_with(ui, doc, &mut data, &mut roster);
        self.data = data;
        self.roster = roster;
        commands
    }

    fn ui_with(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        data_slot: &mut Option<Cached<CohortsData>>,
        roster_slot: &mut Option<Cached<Roster>>,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let data = match cached(data_slot, doc, || CohortsData::load(&doc.store)) {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return commands;
            }
        };
        let writable = doc.store.is_writable();
        if let Some(form) = &mut self.form {
            let mut close = false;
            egui::Panel::right("participant_form")
                .resizable(true)
                .default_size(420.0)
                .min_size(360.0)
                .max_size((ui.available_width() * 0.6).max(360.0))
                .frame(egui::Frame::new().inner_margin(egui::Margin { left: 12, ..Default::default() }))
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| participant_form_ui(ui, writable, data, form, &mut commands, &mut close));
                });
            if close {
                self.form = None;
            }
        }
        let area = ui.available_rect_before_wrap();
        ui.set_clip_rect(ui.clip_rect().intersect(area));
        heading_ui(ui, "Cohorts", "Participants of each programme and the teams they go out in");
        if let Some(form) = &mut self.cohort_form {
            let mut close = false;
            cohort_form_ui(ui.ctx(), writable, form, &mut commands, &mut close);
            if close {
                self.cohort_form = None;
            }
        }
        if data.cohorts.is_empty() {
            ui.label("There are no cohorts in this file yet.");
            if ui.add_enabled(writable, egui::Button::new("New cohort")).clicked() {
                self.cohort_form = Some(CohortForm::new(None, Cohort { default_team_size: 5, ..Default::default() }));
            }
            return commands;
        }
        let selected =
            self.selected.filter(|id| data.cohorts.iter().any(|c| c.id == *id)).unwrap_or(data.cohorts[0].id);
        self.selected = Some(selected);
        let Some(cohort) = data.cohorts.iter().find(|c| c.id == selected) else { return commands };
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Cohort:");
            egui::ComboBox::from_id_salt("cohort_picker")
                .selected_text(&cohort.name)
                .width(240.0)
                .show_ui(ui, |ui| {
                    for c in &data.cohorts {
                        ui.selectable_value(&mut self.selected, Some(c.id), &c.name);
                    }
                })
                .response
                .labelled_by(label.id);
            let button = |ui: &mut Ui, text: &str, tip: &str| {
                ui.add_enabled(writable, egui::Button::new(text)).on_hover_text(tip).clicked()
            };
            if button(ui, "New cohort", "Start another programme's roster") {
                self.cohort_form = Some(CohortForm::new(None, Cohort { default_team_size: 5, ..Default::default() }));
            }
            if button(ui, "Edit cohort", "Name, programme window, team size and coordinator") {
                self.cohort_form = Some(CohortForm::new(Some(cohort.id), cohort.clone()));
            }
            if button(ui, "Import roster…", "Add participants from a CSV or Excel spreadsheet") {
                commands.push(Command::ImportRoster(cohort.id));
            }
            if button(ui, "Form teams…", "Make teams that mix organisations and professions") {
                let size = cohort.default_team_size.max(1) as usize;
                self.forming = Some(Forming {
                    cohort: cohort.id,
                    size,
                    seed: 1,
                    proposal: doc.store.propose_teams(cohort.id, size, 1).map_err(|e| e.to_string()),
                });
            }
            if button(ui, "Remove personal data…", "After the programme: blank contact details and more") {
                self.forget = Some(false);
            }
            if ui.button("Lists…").on_hover_text("Organisations and professions").clicked() {
                self.lists_open = true;
            }
        });
        let mut facts = vec![cohort.programme_type.clone()];
        if let (Some(first), Some(last)) = (cohort.first_day, cohort.last_day) {
            facts.push(uk_date_range(first, last));
        }
        facts.push(format!("teams of {}", cohort.default_team_size));
        if !cohort.coordinator_name.is_empty() {
            facts.push(format!("coordinator {} {}", cohort.coordinator_name, cohort.coordinator_phone));
        }
        ui.weak(facts.into_iter().filter(|f| !f.is_empty()).collect::<Vec<_>>().join("  ·  "));
        if let Some(day) = cohort.personal_data_removed_on {
            ui.label(format!("Personal details were removed on {}.", uk_date(day)));
        }
        self.lists_ui(ui.ctx(), writable, data, &mut commands);
        self.forming_ui(ui.ctx(), doc, writable, &mut commands);
        self.forget_ui(ui.ctx(), writable, cohort, &mut commands);

        if roster_slot.as_ref().is_some_and(|r| r.value.0 != selected) {
            *roster_slot = None;
        }
        let (_, people, teams) = match cached(roster_slot, doc, || {
            Ok((selected, doc.store.participants(selected)?, doc.store.teams(selected)?))
        }) {
            Ok(r) => r,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return commands;
            }
        };
        let members_of =
            |team: Option<TeamId>| -> Vec<&ParticipantSummary> { people.iter().filter(|p| p.team == team).collect() };
        let unplaced = members_of(None);
        let team_members: Vec<(&str, Vec<&ParticipantSummary>)> =
            teams.iter().map(|t| (t.name.as_str(), members_of(Some(t.id)))).collect();
        for warning in team_warnings(&team_members, &unplaced, data.smallest_offer) {
            ui.colored_label(theme::ERROR_RED, warning);
        }
        ui.add_space(4.0);
        ui.label(RichText::new(format!("Teams ({})", teams.len())).strong());
        ui.weak("Drag a person to another team, or to “Not in a team”.");
        let mut moves: Vec<(ParticipantId, Option<TeamId>)> = Vec::new();
        egui::ScrollArea::horizontal().id_salt("team_columns").max_height(330.0).show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (team, (_, members)) in teams.iter().zip(&team_members) {
                    if let Some(dropped) = self.team_column_ui(ui, Some(team), members, writable, &mut commands) {
                        moves.push((dropped, Some(team.id)));
                    }
                }
                if let Some(dropped) = self.team_column_ui(ui, None, &unplaced, writable, &mut commands) {
                    moves.push((dropped, None));
                }
            });
        });
        for (id, team) in moves {
            if people.iter().any(|p| p.id == id && p.team != team) {
                commands.push(Command::Edit(EditRequest::MoveParticipant { id, team }));
            }
        }
        ui.add_space(8.0);
        self.roster_ui(ui, doc, data, selected, people, teams);
        commands
    }

    /// One team's column (or "Not in a team" for `None`): a drop zone of draggable cards.
    /// Returns the person dropped on it.
    fn team_column_ui(
        &mut self,
        ui: &mut Ui,
        team: Option<&Team>,
        members: &[&ParticipantSummary],
        writable: bool,
        commands: &mut Vec<Command>,
    ) -> Option<ParticipantId> {
        let frame = egui::Frame::group(ui.style()).inner_margin(8.0);
        let (_, dropped) = ui.dnd_drop_zone::<ParticipantId, ()>(frame, |ui| {
            ui.set_width(200.0);
            ui.set_min_height(120.0);
            ui.vertical(|ui| {
                match team {
                    Some(team) => self.team_header_ui(ui, team, writable, commands),
                    None => {
                        ui.label(RichText::new("Not in a team").strong());
                    }
                }
                ui.weak(mix_line(members));
                for member in members {
                    let id = egui::Id::unique(("participant_card", member.id));
                    let card = ui.dnd_drag_source(id, member.id, |ui| {
                        egui::Frame::new().fill(theme::PALE_GREY).corner_radius(4.0).inner_margin(4.0).show(ui, |ui| {
                            ui.set_width(184.0);
                            ui.add(egui::Label::new(RichText::new(&member.name).strong()).truncate());
                            ui.add(
                                egui::Label::new(
                                    RichText::new(format!("{}, {}", member.profession, member.organisation)).small(),
                                )
                                .truncate(),
                            );
                        });
                    });
                    card.response
                        .on_hover_text(format!("{}: {}, {}", member.name, member.profession, member.organisation));
                }
            });
        });
        dropped.map(|id| *id).filter(|_| writable)
    }

    fn team_header_ui(&mut self, ui: &mut Ui, team: &Team, writable: bool, commands: &mut Vec<Command>) {
        match &mut self.renaming_team {
            Some((id, text)) if *id == team.id => {
                let edit = ui
                    .add(egui::TextEdit::singleline(text).desired_width(180.0))
                    .accessible_name(format!("New name for {}", team.name));
                if edit.lost_focus() || ui.small_button("Save name").clicked() {
                    if text.trim() != team.name && !text.trim().is_empty() {
                        commands.push(Command::Edit(EditRequest::UpdateTeam {
                            id: team.id,
                            name: text.clone(),
                            locked: team.locked,
                        }));
                    }
                    self.renaming_team = None;
                }
            }
            _ => {
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(writable, egui::Button::new(RichText::new(&team.name).strong()).frame(false))
                        .on_hover_text("Click to rename")
                        .clicked()
                    {
                        self.renaming_team = Some((team.id, team.name.clone()));
                    }
                    let mut locked = team.locked;
                    if ui
                        .add_enabled(writable, egui::Checkbox::new(&mut locked, "Locked"))
                        .on_hover_text("Form teams leaves a locked team as it is")
                        .changed()
                    {
                        commands.push(Command::Edit(EditRequest::UpdateTeam {
                            id: team.id,
                            name: team.name.clone(),
                            locked,
                        }));
                    }
                });
            }
        }
    }

    fn roster_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        data: &CohortsData,
        cohort: CohortId,
        people: &[ParticipantSummary],
        teams: &[Team],
    ) {
        let needle = crate::model::search::fold(self.search.trim());
        let shown: Vec<&ParticipantSummary> = people
            .iter()
            .filter(|p| {
                needle.is_empty()
                    || crate::model::search::fold(&format!("{} {} {}", p.name, p.profession, p.organisation))
                        .contains(&needle)
            })
            .collect();
        ui.horizontal(|ui| {
            search_box_ui(ui, &mut self.search, "name, profession or organisation", &mut self.focus_search);
            ui.label(format!("Showing {} of {} participants", shown.len(), people.len()));
            if ui.add_enabled(doc.store.is_writable(), egui::Button::new("Add participant")).clicked() {
                self.form = Some(ParticipantForm::new(None, Participant { cohort, ..Default::default() }));
            }
        });
        let team_name = |p: &ParticipantSummary| {
            teams.iter().find(|t| Some(t.id) == p.team).map_or("Not in a team", |t| t.name.as_str()).to_owned()
        };
        let mut clicked = None;
        ui.scope(|ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            TableBuilder::new(ui)
                .id_salt("roster_table")
                .striped(true)
                .sense(egui::Sense::click())
                .column(Column::initial(200.0).clip(true))
                .column(Column::initial(140.0).clip(true))
                .column(Column::initial(280.0).clip(true))
                .column(Column::remainder().at_least(90.0))
                .header(24.0, |mut header| {
                    for title in ["Name", "Profession", "Organisation", "Team"] {
                        header.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(24.0, shown.len(), |mut row| {
                        let Some(p) = shown.get(row.index()) else {
                            return;
                        };
                        row.set_selected(self.form.as_ref().is_some_and(|f| f.id == Some(p.id)));
                        for text in [p.name.clone(), p.profession.clone(), p.organisation.clone(), team_name(p)] {
                            row.col(|ui| {
                                ui.label(text);
                            });
                        }
                        if row.response().clicked() {
                            clicked = Some(p.id);
                        }
                    });
                });
        });
        if let Some(id) = clicked {
            match doc.store.participant(id) {
                Ok(person) => self.form = Some(ParticipantForm::new(Some(id), person)),
                Err(e) => log::warn!("a participant could not be read: {e}"),
            }
        }
        let _ = data;
    }

    fn lists_ui(&mut self, ctx: &egui::Context, writable: bool, data: &CohortsData, commands: &mut Vec<Command>) {
        if !self.lists_open {
            return;
        }
        let response = egui::Modal::new(egui::Id::unique("people_lists")).show(ctx, |ui| {
            ui.set_width(640.0);
            ui.heading("Organisations and professions");
            ui.weak("Click a name to rename it; everyone with it follows.");
            ui.add_enabled_ui(writable, |ui| {
                ui.columns(2, |columns| {
                    for (i, column) in columns.iter_mut().enumerate() {
                        let (title, list, names, editor): (_, _, Vec<(i64, &str)>, _) = if i == 0 {
                            (
                                "Organisations",
                                PeopleList::Organisation,
                                data.organisations.iter().map(|n| (n.id.0, n.name.as_str())).collect(),
                                &mut self.organisations_editor,
                            )
                        } else {
                            (
                                "Professions",
                                PeopleList::Profession,
                                data.professions.iter().map(|n| (n.id.0, n.name.as_str())).collect(),
                                &mut self.professions_editor,
                            )
                        };
                        column.label(RichText::new(title).strong());
                        egui::ScrollArea::vertical().id_salt(title).max_height(320.0).show(column, |ui| {
                            match editor.ui(ui, &names, 280.0) {
                                Some(NameChange::Add(name)) => {
                                    commands.push(Command::Edit(EditRequest::AddToPeopleList(list, name)))
                                }
                                Some(NameChange::Rename(id, name)) => {
                                    commands.push(Command::Edit(EditRequest::RenameInPeopleList(list, id, name)))
                                }
                                None => {}
                            }
                        });
                    }
                });
            });
            if ui.button("Close").clicked() {
                self.lists_open = false;
            }
        });
        if response.should_close() {
            self.lists_open = false;
        }
    }

    fn forming_ui(&mut self, ctx: &egui::Context, doc: &Document, writable: bool, commands: &mut Vec<Command>) {
        let Some(forming) = &mut self.forming else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("form_teams")).show(ctx, |ui| {
            ui.set_width(860.0);
            ui.heading("Form teams");
            ui.label(
                "Everyone not in a locked team is put in a team of at most this size, mixing organisations \
                 (no two colleagues together where the roster allows) and then professions.",
            );
            let mut again = false;
            ui.horizontal(|ui| {
                let label = ui.label("At most");
                again |= ui.add(egui::DragValue::new(&mut forming.size).range(2..=12)).labelled_by(label.id).changed();
                ui.label("people in a team");
                if ui.button("Try another mix").on_hover_text("The same people, dealt another way").clicked() {
                    forming.seed += 1;
                    again = true;
                }
            });
            if again {
                forming.proposal =
                    doc.store.propose_teams(forming.cohort, forming.size, forming.seed).map_err(|e| e.to_string());
            }
            match &forming.proposal {
                Err(e) => {
                    ui.colored_label(theme::ERROR_RED, e);
                }
                Ok(proposal) => {
                    egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                        egui::Grid::new("proposed_teams").num_columns(3).striped(true).spacing([12.0, 4.0]).show(
                            ui,
                            |ui| {
                                for team in proposal {
                                    let members: Vec<&ParticipantSummary> = team.members.iter().collect();
                                    ui.strong(&team.name);
                                    ui.weak(mix_line(&members));
                                    ui.add(
                                        egui::Label::new(
                                            team.members
                                                .iter()
                                                .map(|m| format!("{} ({}, {})", m.name, m.profession, m.organisation))
                                                .collect::<Vec<_>>()
                                                .join("; "),
                                        )
                                        .wrap(),
                                    );
                                    ui.end_row();
                                }
                            },
                        );
                    });
                }
            }
            ui.horizontal(|ui| {
                let count = forming.proposal.as_ref().map_or(0, Vec::len);
                if ui
                    .add_enabled(writable && count > 0, egui::Button::new(format!("Apply {count} teams")))
                    .on_hover_text("One step: Edit › Undo takes it back")
                    .clicked()
                    && let Ok(teams) = &forming.proposal
                {
                    commands
                        .push(Command::Edit(EditRequest::ApplyTeams { cohort: forming.cohort, teams: teams.clone() }));
                    close = true;
                }
                if ui.button("Discard").clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.forming = None;
        }
    }

    fn forget_ui(&mut self, ctx: &egui::Context, writable: bool, cohort: &Cohort, commands: &mut Vec<Command>) {
        let Some(keep_names) = &mut self.forget else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("remove_personal_data")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(format!("Remove personal data from “{}”", cohort.name));
            ui.label(
                "Every participant's email, mobile, unavailable days, access needs, emergency contact and notes \
                 are blanked and overwritten in the file. Their organisations, professions and teams stay, so \
                 counts and reports still add up.",
            );
            if cohort.last_day.is_some_and(|last| last >= today()) {
                ui.colored_label(
                    theme::ERROR_RED,
                    "This programme has not finished yet: teams may still need these details.",
                );
            }
            ui.checkbox(keep_names, "Keep their names (otherwise they become “Participant 1”, “Participant 2”…)");
            ui.weak(
                "Backups taken when the file was opened before today still hold these details: \
                 delete them from the backups folder once you no longer need them.",
            );
            ui.horizontal(|ui| {
                if ui.add_enabled(writable, egui::Button::new("Remove personal data")).clicked() {
                    commands.push(Command::Edit(EditRequest::RemovePersonalData {
                        cohort: cohort.id,
                        keep_names: *keep_names,
                    }));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.forget = None;
        }
    }
}

/// A participant being edited or added.
pub(crate) struct ParticipantForm {
    id: Option<ParticipantId>,
    person: Participant,
    new_first: String,
    new_last: String,
    problems: Vec<FieldProblem>,
}

impl ParticipantForm {
    fn new(id: Option<ParticipantId>, person: Participant) -> Self {
        Self { id, person, new_first: String::new(), new_last: String::new(), problems: Vec::new() }
    }
}

fn participant_form_ui(
    ui: &mut Ui,
    writable: bool,
    data: &CohortsData,
    form: &mut ParticipantForm,
    commands: &mut Vec<Command>,
    close: &mut bool,
) {
    ui.label(RichText::new(if form.id.is_some() { "Participant" } else { "New participant" }).heading());
    ui.horizontal(|ui| {
        if ui.add_enabled(writable, egui::Button::new("Save participant")).clicked() {
            match ParticipantEdit::check(form.person.clone()) {
                Ok(edit) => {
                    form.problems.clear();
                    commands.push(Command::Edit(match form.id {
                        Some(id) => EditRequest::UpdateParticipant { id, edit },
                        None => EditRequest::AddParticipant(edit),
                    }));
                }
                Err(problems) => form.problems = problems,
            }
        }
        if ui.button("Close").clicked() {
            *close = true;
        }
        if let Some(id) = form.id
            && ui.add_enabled(writable, egui::Button::new("Take off the roster")).clicked()
        {
            commands.push(Command::Edit(EditRequest::DeleteParticipant(id)));
            *close = true;
        }
    });
    if !form.problems.is_empty() {
        ui.colored_label(theme::ERROR_RED, "Nothing was saved: put right what is marked in red.");
    }
    let problems = form.problems.clone();
    let problem_ui = |ui: &mut Ui, field: &str| super::field_problems_ui(ui, &problems, field);
    egui::Grid::new("participant_form").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
        let p = &mut form.person;
        let text_row = |ui: &mut Ui, label: &str, field: &str, value: &mut String, lines: usize| {
            super::form_text_row(ui, label, value, lines, 240.0, &problems, field)
        };
        text_row(ui, "Name", "name", &mut p.name, 1);
        text_row(ui, "Preferred name", "preferred_name", &mut p.preferred_name, 1);
        let label = ui.label("Profession").id;
        let professions = data.professions.iter().map(|n| (n.id, n.name.as_str()));
        optional_choice_ui(ui, "participant_profession", label, &mut p.profession, "None", professions, Some(240.0));
        ui.end_row();
        let label = ui.label("Organisation").id;
        let organisations = data.organisations.iter().map(|n| (n.id, n.name.as_str()));
        optional_choice_ui(
            ui,
            "participant_organisation",
            label,
            &mut p.organisation,
            "None",
            organisations,
            Some(240.0),
        );
        ui.end_row();
        text_row(ui, "Email", "email", &mut p.email, 1);
        text_row(ui, "Mobile", "mobile", &mut p.mobile, 1);
        text_row(ui, "Access needs", "access_needs", &mut p.access_needs, 2);
        text_row(ui, "Emergency contact", "emergency_contact_name", &mut p.emergency_contact_name, 1);
        text_row(ui, "Their phone", "emergency_contact_phone", &mut p.emergency_contact_phone, 1);
        text_row(ui, "Notes", "notes", &mut p.notes, 2);
    });
    ui.add_space(6.0);
    ui.label(RichText::new("Days they cannot go out").strong());
    let mut remove = None;
    for (i, span) in form.person.unavailable.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(if span.first == span.last { uk_date(span.first) } else { uk_date_range(span.first, span.last) });
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        form.person.unavailable.remove(i);
    }
    ui.horizontal(|ui| {
        let from = ui.label("From");
        ui.add(egui::TextEdit::singleline(&mut form.new_first).hint_text("dd/mm/yyyy").desired_width(90.0))
            .labelled_by(from.id);
        let to = ui.label("to");
        ui.add(egui::TextEdit::singleline(&mut form.new_last).hint_text("same day").desired_width(90.0))
            .labelled_by(to.id);
        if ui.button("Add days").clicked() {
            let first = parse_uk_date(&form.new_first);
            let last = if form.new_last.trim().is_empty() { first } else { parse_uk_date(&form.new_last) };
            match (first, last) {
                (Some(first), Some(last)) if last >= first => {
                    form.person.unavailable.push(DaySpan { first, last });
                    form.person.unavailable.sort();
                    form.new_first.clear();
                    form.new_last.clear();
                    form.problems.retain(|p| p.field != "unavailable");
                }
                _ => form.problems.push(FieldProblem {
                    field: "unavailable",
                    message: "Give a day, or a first and last day, like 12/04/2027.".to_owned(),
                }),
            }
        }
    });
    problem_ui(ui, "unavailable");
}

/// A cohort being edited or added.
pub(crate) struct CohortForm {
    id: Option<CohortId>,
    cohort: Cohort,
    first: String,
    last: String,
    problems: Vec<FieldProblem>,
}

impl CohortForm {
    fn new(id: Option<CohortId>, cohort: Cohort) -> Self {
        Self { id, first: date_text(cohort.first_day), last: date_text(cohort.last_day), cohort, problems: Vec::new() }
    }
}

fn cohort_form_ui(
    ctx: &egui::Context,
    writable: bool,
    form: &mut CohortForm,
    commands: &mut Vec<Command>,
    close: &mut bool,
) {
    egui::Modal::new(egui::Id::unique("cohort_form")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(if form.id.is_some() { "Edit cohort" } else { "New cohort" });
        let problems = form.problems.clone();
        let problem_ui = |ui: &mut Ui, field: &str| {
            for p in problems.iter().filter(|p| p.field == field) {
                ui.colored_label(theme::ERROR_RED, &p.message);
            }
        };
        egui::Grid::new("cohort_form_grid").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
            let c = &mut form.cohort;
            let text_row = |ui: &mut Ui, label: &str, field: &str, value: &mut String, hint: &str| {
                let name = ui.label(label);
                ui.vertical(|ui| {
                    ui.add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(300.0)).labelled_by(name.id);
                    problem_ui(ui, field);
                });
                ui.end_row();
            };
            text_row(ui, "Name", "name", &mut c.name, "Junior doctors 2027");
            text_row(ui, "Programme type", "programme_type", &mut c.programme_type, "Systems leadership");
            text_row(ui, "First day", "first_day", &mut form.first, "dd/mm/yyyy");
            text_row(ui, "Last day", "last_day", &mut form.last, "dd/mm/yyyy");
            let label = ui.label("Team size");
            ui.add(egui::DragValue::new(&mut c.default_team_size).range(1..=12)).labelled_by(label.id);
            ui.end_row();
            text_row(ui, "Coordinator", "coordinator_name", &mut c.coordinator_name, "printed on day sheets");
            text_row(ui, "Coordinator's phone", "coordinator_phone", &mut c.coordinator_phone, "");
            text_row(ui, "Notes", "notes", &mut c.notes, "");
        });
        ui.horizontal(|ui| {
            if ui.add_enabled(writable, egui::Button::new("Save cohort")).clicked() {
                let mut problems = Vec::new();
                let mut day = |text: &str, field: &'static str| {
                    if text.trim().is_empty() {
                        return None;
                    }
                    let parsed = parse_uk_date(text);
                    if parsed.is_none() {
                        problems.push(FieldProblem { field, message: "This is not a date (like 01/04/2027).".into() });
                    }
                    parsed
                };
                form.cohort.first_day = day(&form.first, "first_day");
                form.cohort.last_day = day(&form.last, "last_day");
                match CohortEdit::check(form.cohort.clone()) {
                    Ok(edit) if problems.is_empty() => {
                        commands.push(Command::Edit(match form.id {
                            Some(id) => EditRequest::UpdateCohort { id, edit },
                            None => EditRequest::AddCohort(edit),
                        }));
                        *close = true;
                    }
                    Ok(_) => form.problems = problems,
                    Err(more) => {
                        problems.extend(more);
                        form.problems = problems;
                    }
                }
            }
            if ui.button("Cancel").clicked() {
                *close = true;
            }
        });
    });
}
