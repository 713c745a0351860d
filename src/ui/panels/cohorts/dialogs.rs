//! The Cohorts panel's windows: Form teams (a preview, then Apply as one undo step), Remove
//! personal data, and the organisation and profession lists.

use egui::{RichText, Ui};

use super::{CohortsData, today};
use crate::edit::PeopleEdit;
use crate::model::teams::mix_line;
use crate::model::text::count_of;
use crate::model::{Cohort, CohortId, OrganisationId, ParticipantSummary, ProfessionId, TeamSize};
use crate::store::Access;
use crate::store::{KeepNames, PeopleListItem, ProposedTeam};
use crate::ui::app::Document;
use crate::ui::command::{Command, UiCommand};
use crate::ui::theme;
use crate::ui::widgets::{NameChange, NameListEditor};

/// Form teams: the size and seed chosen, and the teams they give, before they are applied.
pub(super) struct Forming {
    cohort: CohortId,
    size: TeamSize,
    seed: u64,
    proposal: Result<Vec<ProposedTeam>, String>,
}

impl Forming {
    pub(super) fn new(doc: &Document, cohort: &Cohort) -> Self {
        let mut forming = Self {
            cohort: cohort.id,
            size: TeamSize::clamped(cohort.default_team_size),
            seed: 1,
            proposal: Ok(Vec::new()),
        };
        forming.propose(doc);
        forming
    }

    fn propose(&mut self, doc: &Document) {
        self.proposal = doc.store.propose_teams(self.cohort, self.size, self.seed).map_err(|e| e.to_string());
    }

    /// Draws the window; true when it is to close.
    pub(super) fn ui(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        access: Access,
        commands: &mut Vec<Command>,
    ) -> bool {
        let mut close = false;
        crate::ui::widgets::dialog("form_teams").show(ctx, |ui| {
            ui.set_width(860.0);
            ui.heading("Form teams");
            ui.label(
                "Everyone not in a locked team is put in a team of at most this size, mixing organisations \
                 (no two colleagues together where the roster allows) and then professions.",
            );
            let mut again = false;
            ui.horizontal(|ui| {
                let label = ui.label("At most");
                let mut size = self.size.get();
                again |= ui.add(egui::DragValue::new(&mut size).range(TeamSize::RANGE)).labelled_by(label.id).changed();
                self.size = TeamSize::clamped(size);
                ui.label("people in a team");
                if ui.button("Try another mix").on_hover_text("The same people, dealt another way").clicked() {
                    self.seed += 1;
                    again = true;
                }
            });
            if again {
                self.propose(doc);
            }
            match &self.proposal {
                Err(e) => {
                    ui.colored_label(theme::ERROR_RED, e);
                }
                Ok(proposal) => proposal_ui(ui, proposal),
            }
            ui.horizontal(|ui| {
                let count = self.proposal.as_ref().map_or(0, Vec::len);
                if ui
                    .add_enabled(
                        access.is_writable() && count > 0,
                        egui::Button::new(format!("Apply {}", count_of(count as u64, "team", "teams"))),
                    )
                    .on_hover_text(format!("One step: {} takes it back", UiCommand::Undo.menu_path()))
                    .clicked()
                    && let Ok(teams) = &self.proposal
                {
                    commands.push(Command::edit(PeopleEdit::ApplyTeams { cohort: self.cohort, teams: teams.clone() }));
                    close = true;
                }
                if ui.button("Discard").clicked() {
                    close = true;
                }
            });
        });
        close
    }
}

/// The proposed teams, each with its mix and its members.
fn proposal_ui(ui: &mut Ui, proposal: &[ProposedTeam]) {
    egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
        egui::Grid::new("proposed_teams").num_columns(3).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
            for team in proposal {
                let members: Vec<&ParticipantSummary> = team.members.iter().collect();
                ui.strong(&team.name);
                ui.weak(mix_line(&members));
                let people: Vec<String> =
                    team.members.iter().map(|m| format!("{} ({}, {})", m.name, m.profession, m.organisation)).collect();
                ui.add(egui::Label::new(people.join("; ")).wrap());
                ui.end_row();
            }
        });
    });
}

/// "Remove personal data…": what goes, what stays, and whether to keep names. True when closed.
pub(super) fn forget_ui(
    ctx: &egui::Context,
    access: Access,
    cohort: &Cohort,
    names: &mut KeepNames,
    commands: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    crate::ui::widgets::dialog("remove_personal_data").show(ctx, |ui| {
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
        let mut keep = *names == KeepNames::Yes;
        ui.checkbox(&mut keep, "Keep their names (otherwise they become “Participant 1”, “Participant 2”…)");
        *names = if keep { KeepNames::Yes } else { KeepNames::No };
        ui.weak("The file's older backups still hold these details: you are asked next whether to delete them.");
        ui.horizontal(|ui| {
            if ui.add_enabled(access.is_writable(), egui::Button::new("Remove personal data")).clicked() {
                commands.push(Command::edit(PeopleEdit::RemovePersonalData { cohort: cohort.id, names: *names }));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    close
}

/// The organisations and professions lists: add and rename.
#[derive(Default)]
pub(super) struct PeopleLists {
    pub(super) open: bool,
    organisations: NameListEditor<OrganisationId>,
    professions: NameListEditor<ProfessionId>,
}

impl PeopleLists {
    pub(super) fn ui(&mut self, ctx: &egui::Context, access: Access, data: &CohortsData) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.open {
            return commands;
        }
        let response = crate::ui::widgets::dialog("people_lists").show(ctx, |ui| {
            ui.set_width(640.0);
            ui.heading("Organisations and professions");
            ui.weak("Click a name to rename it; everyone with it follows.");
            ui.add_enabled_ui(access.is_writable(), |ui| {
                ui.columns(2, |columns| {
                    let names: Vec<_> = data.organisations.iter().map(|n| (n.id, n.name.as_str())).collect();
                    let change = list_ui(&mut columns[0], "Organisations", &names, &mut self.organisations);
                    commands.extend(change.map(|c| {
                        people_list_edit(c, crate::store::PeopleList::Organisation, PeopleListItem::Organisation)
                    }));
                    let names: Vec<_> = data.professions.iter().map(|n| (n.id, n.name.as_str())).collect();
                    let change = list_ui(&mut columns[1], "Professions", &names, &mut self.professions);
                    commands.extend(change.map(|c| {
                        people_list_edit(c, crate::store::PeopleList::Profession, PeopleListItem::Profession)
                    }));
                });
            });
            if ui.button("Close").clicked() {
                self.open = false;
            }
        });
        if response.should_close() {
            self.open = false;
        }
        commands
    }
}

fn people_list_edit<I>(
    change: NameChange<I>,
    list: crate::store::PeopleList,
    item: fn(I) -> PeopleListItem,
) -> Command {
    Command::edit(match change {
        NameChange::Add(name) => PeopleEdit::AddToPeopleList(list, name),
        NameChange::Rename(id, name) => PeopleEdit::RenameInPeopleList(item(id), name),
    })
}

fn list_ui<I: Copy + PartialEq>(
    ui: &mut Ui,
    title: &str,
    names: &[(I, &str)],
    editor: &mut NameListEditor<I>,
) -> Option<NameChange<I>> {
    ui.label(RichText::new(title).strong());
    egui::ScrollArea::vertical().id_salt(title).max_height(320.0).show(ui, |ui| editor.ui(ui, names, 280.0)).inner
}
