//! The teams as columns of cards: drag a person to another team, or to "Not in a team"; click a
//! team's name to rename it; lock a team so Form teams leaves it alone.

use egui::{RichText, Ui};

use super::CohortsPanel;
use crate::edit::PeopleEdit;
use crate::model::teams::mix_line;
use crate::model::{ParticipantId, ParticipantSummary, Team};
use crate::store::Access;
use crate::store::TeamLock;
use crate::ui::command::Command;
use crate::ui::theme;

impl CohortsPanel {
    /// One team's column (or "Not in a team" for `None`): a drop zone of draggable cards.
    /// Returns the person dropped on it.
    pub(super) fn team_column_ui(
        &mut self,
        ui: &mut Ui,
        team: Option<&Team>,
        members: &[&ParticipantSummary],
        access: Access,
        commands: &mut Vec<Command>,
    ) -> Option<ParticipantId> {
        let frame = egui::Frame::group(ui.style()).inner_margin(8.0);
        let (_, dropped) = ui.dnd_drop_zone::<ParticipantId, ()>(frame, |ui| {
            ui.set_width(200.0);
            ui.set_min_height(120.0);
            ui.vertical(|ui| {
                match team {
                    Some(team) => self.team_header_ui(ui, team, access, commands),
                    None => {
                        ui.label(RichText::new("Not in a team").strong());
                    }
                }
                ui.weak(mix_line(members));
                // A long column (twenty people not in a team yet) scrolls on its own, so the
                // roster below it stays on the screen.
                egui::ScrollArea::vertical()
                    .id_salt(("team_cards", team.map(|t| t.id)))
                    .max_height(self.cards_height)
                    .show(ui, |ui| {
                        for member in members {
                            card_ui(ui, member);
                        }
                    });
            });
        });
        dropped.map(|id| *id).filter(|_| access.is_writable())
    }

    fn team_header_ui(&mut self, ui: &mut Ui, team: &Team, access: Access, commands: &mut Vec<Command>) {
        if let Some((id, text)) = &mut self.renaming_team
            && *id == team.id
        {
            let edit = ui
                .add(egui::TextEdit::singleline(text).desired_width(180.0))
                .accessible_name(format!("New name for {}", team.name));
            if edit.lost_focus() || ui.small_button("Save name").clicked() {
                if text.trim() != team.name && !text.trim().is_empty() {
                    commands.push(Command::edit(PeopleEdit::UpdateTeam {
                        id: team.id,
                        name: text.clone(),
                        lock: TeamLock::of(team),
                    }));
                }
                self.renaming_team = None;
            }
            return;
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(access.is_writable(), egui::Button::new(RichText::new(&team.name).strong()).frame(false))
                .on_hover_text("Click to rename")
                .clicked()
            {
                self.renaming_team = Some((team.id, team.name.clone()));
            }
            let mut locked = team.locked;
            if ui
                .add_enabled(access.is_writable(), egui::Checkbox::new(&mut locked, "Locked"))
                .on_hover_text("Form teams leaves a locked team as it is")
                .changed()
            {
                let lock = if locked { TeamLock::Locked } else { TeamLock::Unlocked };
                commands.push(Command::edit(PeopleEdit::UpdateTeam { id: team.id, name: team.name.clone(), lock }));
            }
        });
    }
}

/// A person's card: name, profession and organisation; dragged to move them.
fn card_ui(ui: &mut Ui, member: &ParticipantSummary) {
    let id = egui::Id::unique(("participant_card", member.id));
    let card = ui.dnd_drag_source(id, member.id, |ui| {
        egui::Frame::new().fill(theme::PALE_GREY).corner_radius(4.0).inner_margin(4.0).show(ui, |ui| {
            ui.set_width(184.0);
            ui.add(egui::Label::new(RichText::new(&member.name).strong()).truncate());
            ui.add(
                egui::Label::new(RichText::new(format!("{}, {}", member.profession, member.organisation)).small())
                    .truncate(),
            );
        });
    });
    card.response.on_hover_text(format!("{}: {}, {}", member.name, member.profession, member.organisation));
}
