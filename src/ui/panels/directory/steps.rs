//! The steps of a programme, for a file that has not placed a team yet: what to do next, each step
//! with its count so far and the button that does it. A new, empty file opens on it.

use egui::{RichText, Ui};

use crate::commands::UiCommand;
use crate::model::Counts;
use crate::model::text::count_of;
use crate::store::Access;
use crate::ui::command::Command;
use crate::ui::theme;

/// What a step's button asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StepAction {
    Command(UiCommand),
    NewGroup,
    SetUpNeighbourhoods,
    AskForOffers,
}

impl StepAction {
    /// Whether it changes the file (off when the file is read-only).
    fn changes_the_file(self) -> bool {
        matches!(
            self,
            Self::Command(UiCommand::ImportGroups | UiCommand::ImportOffers)
                | Self::NewGroup
                | Self::SetUpNeighbourhoods
        )
    }
}

/// One step: what to do, how far it has got, and the buttons that do it.
struct Step {
    title: &'static str,
    done: String,
    finished: bool,
    buttons: Vec<(&'static str, StepAction)>,
}

fn steps(counts: &Counts, neighbourhoods: usize) -> Vec<Step> {
    let step = |title, done: String, finished, buttons| Step { title, done, finished, buttons };
    vec![
        step(
            "Import or add your groups",
            count_of(counts.groups, "group in the directory", "groups in the directory"),
            counts.groups > 0,
            vec![("Import groups…", StepAction::Command(UiCommand::ImportGroups)), ("New group", StepAction::NewGroup)],
        ),
        step(
            "Set up neighbourhoods",
            count_of(neighbourhoods as u64, "neighbourhood", "neighbourhoods"),
            neighbourhoods > 0,
            vec![("Set up neighbourhoods…", StepAction::SetUpNeighbourhoods)],
        ),
        step(
            "Ask groups for offers, then import their replies",
            count_of(counts.offers, "offer", "offers"),
            counts.offers > 0,
            vec![
                ("Ask for offers…", StepAction::AskForOffers),
                ("Import offers…", StepAction::Command(UiCommand::ImportOffers)),
            ],
        ),
        step(
            "Make a cohort and import its roster",
            format!(
                "{}, {}",
                count_of(counts.cohorts, "cohort", "cohorts"),
                count_of(counts.participants, "participant", "participants")
            ),
            counts.participants > 0,
            vec![("Go to Cohorts", StepAction::Command(UiCommand::ShowCohorts))],
        ),
        step(
            "Form teams",
            count_of(counts.teams, "team", "teams"),
            counts.teams > 0,
            vec![("Go to Cohorts", StepAction::Command(UiCommand::ShowCohorts))],
        ),
        step(
            "Place the teams on days and activities",
            count_of(counts.placements, "placement", "placements"),
            counts.placements > 0,
            vec![("Go to the board", StepAction::Command(UiCommand::ShowBoard))],
        ),
        step(
            "Print the day sheets",
            String::new(),
            false,
            vec![("Go to Day sheets", StepAction::Command(UiCommand::ShowDaySheets))],
        ),
    ]
}

/// The steps, each numbered with its count and buttons; returns the button clicked. Buttons
/// that change the file are off when it is read-only.
pub(crate) fn steps_ui(ui: &mut Ui, counts: &Counts, neighbourhoods: usize, access: Access) -> Option<StepAction> {
    let mut clicked = None;
    egui::Frame::new().fill(theme::PALE_GREY).inner_margin(10.0).corner_radius(4.0).show(ui, |ui| {
        ui.label(RichText::new("The steps of a programme").strong());
        ui.weak("What to do next, and how far you have got. This goes once the first team is placed.");
        ui.add_space(4.0);
        egui::Grid::new("programme_steps").num_columns(3).spacing([12.0, 6.0]).show(ui, |ui| {
            for (i, step) in steps(counts, neighbourhoods).into_iter().enumerate() {
                ui.label(format!("{}. {}", i + 1, step.title));
                let colour = if step.finished { theme::OK_GREEN } else { ui.visuals().weak_text_color() };
                ui.label(RichText::new(step.done).color(colour));
                ui.horizontal(|ui| {
                    for (label, action) in step.buttons {
                        if ui
                            .add_enabled(access.is_writable() || !action.changes_the_file(), egui::Button::new(label))
                            .clicked()
                        {
                            clicked = Some(action);
                        }
                    }
                });
                ui.end_row();
            }
        });
    });
    clicked
}

/// The command a step's button gives, when it is one of the window's.
pub(crate) fn step_command(action: StepAction) -> Option<Command> {
    match action {
        StepAction::Command(command) => Some(Command::Ui(command)),
        _ => None,
    }
}
