//! The Cohorts panel: who is on each programme, and the teams they go out in. A cohort picker
//! and its facts; warnings; the teams as columns of cards that people are dragged between
//! ([`teams`]); the roster as a searchable table ([`roster`]) with the chosen person's record
//! beside it ([`forms`], which also holds the cohort's form); Form teams, Remove personal data
//! and the organisation and profession lists ([`dialogs`]).

mod dialogs;
mod forms;
mod roster;
mod teams;

use chrono::NaiveDate;
use egui::Ui;

use super::{Cached, cached};
use crate::model::dates::{uk_date, uk_date_range};
use crate::model::teams::team_warnings;
use crate::model::*;
use crate::store::{Store, StoreError};
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::theme;
use crate::ui::widgets::heading_ui;
use dialogs::{Forming, PeopleLists};
use forms::{CohortForm, ParticipantForm};

/// The lists the panel needs, read once per revision of the file.
pub(crate) struct CohortsData {
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
struct Roster {
    cohort: CohortId,
    people: Vec<ParticipantSummary>,
    teams: Vec<Team>,
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
    forget: Option<KeepNames>,
    lists: PeopleLists,
    renaming_team: Option<(TeamId, String)>,
    /// How tall a team column's cards may be before they scroll, worked out each frame.
    cards_height: f32,
}

use crate::store::Access;
use crate::store::KeepNames;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A new cohort's record before it is filled in.
fn new_cohort() -> Cohort {
    Cohort { default_team_size: 5, ..Default::default() }
}

impl CohortsPanel {
    /// A cohort was added or saved: show it.
    pub(crate) fn saved_cohort(&mut self, id: CohortId) {
        self.selected = Some(id);
        self.cohort_form = None;
        self.forming = None;
        self.forget = None;
    }

    /// A participant was added or saved: close their record.
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
        let access = doc.store.access();
        self.participant_pane_ui(ui, doc.store.access(), data, &mut commands);
        let area = ui.available_rect_before_wrap();
        ui.set_clip_rect(ui.clip_rect().intersect(area));
        heading_ui(ui, "Cohorts", "Participants of each programme and the teams they go out in");
        if let Some(form) = &mut self.cohort_form
            && form.ui(ui.ctx(), access, &mut commands)
        {
            self.cohort_form = None;
        }
        let Some(cohort) = self.choose_cohort(data) else {
            ui.label("There are no cohorts in this file yet.");
            if ui.add_enabled(access.is_writable(), egui::Button::new("New cohort")).clicked() {
                self.cohort_form = Some(CohortForm::new(None, new_cohort()));
            }
            return commands;
        };
        self.cohort_bar_ui(ui, doc, data, cohort, &mut commands);
        if roster_slot.as_ref().is_some_and(|r| r.value.cohort != cohort.id) {
            *roster_slot = None;
        }
        let roster = match cached(roster_slot, doc, || {
            Ok(Roster {
                cohort: cohort.id,
                people: doc.store.participants(cohort.id)?,
                teams: doc.store.teams(cohort.id)?,
            })
        }) {
            Ok(r) => r,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return commands;
            }
        };
        self.teams_ui(ui, data, roster, access, &mut commands);
        ui.add_space(8.0);
        self.roster_ui(ui, doc, cohort.id, &roster.people, &roster.teams);
        commands
    }

    /// The cohort on show: the one chosen, or the first.
    fn choose_cohort<'d>(&mut self, data: &'d CohortsData) -> Option<&'d Cohort> {
        let cohort =
            self.selected.and_then(|id| data.cohorts.iter().find(|c| c.id == id)).or_else(|| data.cohorts.first())?;
        self.selected = Some(cohort.id);
        Some(cohort)
    }

    /// The person being edited, in a pane on the right.
    fn participant_pane_ui(&mut self, ui: &mut Ui, access: Access, data: &CohortsData, commands: &mut Vec<Command>) {
        let Some(form) = &mut self.form else { return };
        let mut close = false;
        egui::Panel::right("participant_form")
            .resizable(true)
            .default_size(420.0)
            .min_size(360.0)
            .max_size((ui.available_width() * 0.6).max(360.0))
            .frame(egui::Frame::new().inner_margin(egui::Margin { left: 12, ..Default::default() }))
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| close = form.ui(ui, access, data, commands));
            });
        if close {
            self.form = None;
        }
    }

    /// The cohort picker, the cohort's buttons and facts, and its windows.
    fn cohort_bar_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        data: &CohortsData,
        cohort: &Cohort,
        commands: &mut Vec<Command>,
    ) {
        let access = doc.store.access();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Cohort:").id;
            let cohorts = data.cohorts.iter().map(|c| (Some(c.id), c.name.as_str()));
            egui::ComboBox::from_id_salt("cohort_picker")
                .selected_text(&cohort.name)
                .width(240.0)
                .show_ui(ui, |ui| {
                    for (id, name) in cohorts {
                        ui.selectable_value(&mut self.selected, id, name);
                    }
                })
                .response
                .labelled_by(label);
            self.cohort_buttons_ui(ui, doc, cohort, commands);
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
        commands.extend(self.lists.ui(ui.ctx(), access, data));
        if let Some(forming) = &mut self.forming
            && forming.ui(ui.ctx(), doc, access, commands)
        {
            self.forming = None;
        }
        if let Some(names) = &mut self.forget
            && dialogs::forget_ui(ui.ctx(), access, cohort, names, commands)
        {
            self.forget = None;
        }
    }

    fn cohort_buttons_ui(&mut self, ui: &mut Ui, doc: &Document, cohort: &Cohort, commands: &mut Vec<Command>) {
        let access = doc.store.access();
        let button = |ui: &mut Ui, text: &str, tip: &str| {
            ui.add_enabled(access.is_writable(), egui::Button::new(text)).on_hover_text(tip).clicked()
        };
        if button(ui, "New cohort", "Start another programme's roster") {
            self.cohort_form = Some(CohortForm::new(None, new_cohort()));
        }
        if button(ui, "Edit cohort", "Name, programme window, team size and coordinator") {
            self.cohort_form = Some(CohortForm::new(Some(cohort.id), cohort.clone()));
        }
        if button(ui, "Import roster…", "Add participants from a CSV or Excel spreadsheet") {
            commands.push(Command::ImportRoster(cohort.id));
        }
        if button(ui, "Form teams…", "Make teams that mix organisations and professions") {
            self.forming = Some(Forming::new(doc, cohort));
        }
        if button(ui, "Remove personal data…", "After the programme: blank contact details and more") {
            self.forget = Some(KeepNames::No);
        }
        if ui.button("Lists…").on_hover_text("Organisations and professions").clicked() {
            self.lists.open = true;
        }
    }

    /// The warnings, then a column of cards for each team and one for those in none.
    fn teams_ui(
        &mut self,
        ui: &mut Ui,
        data: &CohortsData,
        roster: &Roster,
        access: Access,
        commands: &mut Vec<Command>,
    ) {
        let members_of = |team: Option<TeamId>| -> Vec<&ParticipantSummary> {
            roster.people.iter().filter(|p| p.team == team).collect()
        };
        let unplaced = members_of(None);
        let team_members: Vec<(&str, Vec<&ParticipantSummary>)> =
            roster.teams.iter().map(|t| (t.name.as_str(), members_of(Some(t.id)))).collect();
        for warning in team_warnings(&team_members, &unplaced, data.smallest_offer) {
            ui.colored_label(theme::ERROR_RED, warning);
        }
        ui.add_space(4.0);
        ui.label(egui::RichText::new(format!("Teams ({})", roster.teams.len())).strong());
        ui.weak("Drag a person to another team, or to “Not in a team”.");
        let mut moves: Vec<(ParticipantId, Option<TeamId>)> = Vec::new();
        // The columns take at most about half of what is left, the roster the rest: on a
        // 1366×768 laptop both are on the screen, however long a column is.
        let columns_height = (ui.available_height() * 0.5).clamp(170.0, 330.0);
        self.cards_height = columns_height - 90.0;
        egui::ScrollArea::horizontal().id_salt("team_columns").max_height(columns_height).show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (team, (_, members)) in roster.teams.iter().zip(&team_members) {
                    if let Some(dropped) = self.team_column_ui(ui, Some(team), members, access, commands) {
                        moves.push((dropped, Some(team.id)));
                    }
                }
                if let Some(dropped) = self.team_column_ui(ui, None, &unplaced, access, commands) {
                    moves.push((dropped, None));
                }
            });
        });
        for (id, team) in moves {
            if roster.people.iter().any(|p| p.id == id && p.team != team) {
                commands.push(Command::edit(crate::edit::PeopleEdit::MoveParticipant { id, team }));
            }
        }
    }
}
