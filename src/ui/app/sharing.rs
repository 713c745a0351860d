//! Two coordinators, one programme, in the window: File › Copy for a colleague…, Send my
//! changes… and Take in changes…, with their dialogs. The work is the store's (`store::sharing`);
//! this asks the questions and says what happened.

use std::path::Path;

use egui::Ui;

use super::PlacementsApp;
use super::modals::{Modal, ModalOutcome};
use crate::exchange::changes_file;
use crate::model::sharing::{Changes, Choice, ConflictKind, RowKey, TakePlan};
use crate::store::display_name;
use crate::ui::command::{Command, PathPurpose};

/// The modals of sharing.
pub(super) enum SharingModal {
    /// The names for a copy for a colleague, before asking where to save it.
    Copy { colleague: String, me: String },
    /// Which colleague's copy the changes are for, and the warning that they hold personal data.
    Send { partners: Vec<String>, selected: usize },
    /// What taking a changes file in would do, with each conflict to decide.
    Take { changes: Box<Changes>, plan: TakePlan, choices: Vec<Choice> },
}

/// The warning every copy and changes file carries.
const PERSONAL_DATA: &str = "It holds the programme's personal data (participants' names and contact details): send it as you would the file itself, for example by your organisation's secure email, and delete it once your colleague has it.";

impl PlacementsApp {
    pub(super) fn open_copy_for_colleague(&mut self) {
        let Some(doc) = &self.doc else { return };
        let me = match doc.store.sharing() {
            Ok(Some(sharing)) => sharing.name,
            _ => doc.store.file_name().trim_end_matches(".placements").to_owned(),
        };
        self.modal = Some(Modal::Sharing(SharingModal::Copy { colleague: String::new(), me }));
    }

    pub(super) fn copy_for_colleague(&mut self, path: &Path, colleague: &str, me: &str) {
        let Some(doc) = self.doc.as_mut() else { return };
        match doc.store.copy_for_colleague(path, colleague, me) {
            Ok(()) => {
                self.notice = Some(format!(
                    "Made a copy for {colleague}: {}. Send it to them; later, File › Send my changes… and Take in changes… keep the two together.",
                    path.display()
                ));
            }
            Err(e) => self.show_message(format!("Could not make a copy for {colleague}"), e.to_string()),
        }
    }

    pub(super) fn open_send_changes(&mut self) {
        let Some(doc) = &self.doc else { return };
        match doc.store.sharing() {
            Ok(Some(sharing)) if !sharing.partners.is_empty() => {
                let partners = sharing.partners.into_iter().map(|p| p.name).collect();
                self.modal = Some(Modal::Sharing(SharingModal::Send { partners, selected: 0 }));
            }
            Ok(_) => {
                self.show_message("No colleague's copy yet", crate::model::sharing::PartnerProblem::NoneYet.to_string())
            }
            Err(e) => self.show_message("Could not read the file", e.to_string()),
        }
    }

    pub(super) fn send_changes(&mut self, path: &Path, colleague: &str) {
        let Some(doc) = self.doc.as_mut() else { return };
        let made = doc.store.changes_for(Some(colleague)).map_err(|e| e.to_string()).and_then(|changes| {
            changes_file::write(path, &changes).map(|()| changes.number).map_err(|e| e.to_string())
        });
        match made {
            Ok(number) => {
                self.notice = Some(format!(
                    "Saved changes number {number} for {colleague}: {}. Send it to them to take in.",
                    path.display()
                ));
            }
            Err(e) => self.show_message(format!("Could not save the changes for {colleague}"), e),
        }
    }

    /// Reads a changes file and shows what taking it in would do.
    pub(super) fn plan_take(&mut self, path: &Path) {
        let Some(doc) = self.doc.as_mut() else { return };
        let title = format!("Could not take in “{}”", display_name(path));
        let changes = match changes_file::read(path) {
            Ok(changes) => changes,
            Err(e) => return self.show_message(title, e.to_string()),
        };
        match doc.store.plan_take(&changes) {
            Ok(plan) if plan.is_empty() => self.show_message("Nothing to take in", plan.summary()),
            Ok(plan) => {
                let choices = vec![Choice::Mine; plan.conflicts.len()];
                self.modal = Some(Modal::Sharing(SharingModal::Take { changes: Box::new(changes), plan, choices }));
            }
            Err(e) => self.show_message(title, e.to_string()),
        }
    }

    /// Takes the changes in, after a backup, as one undo step; says what it did, and any clash it
    /// made, as the board would.
    pub(super) fn take_changes(&mut self, changes: &Changes, choices: Vec<(RowKey, Choice)>) {
        let backups = self.paths.backups();
        let Some(doc) = self.doc.as_mut() else { return };
        if let Err(e) = backups.take(&doc.store) {
            let body = format!("No backup copy could be made first, so nothing was taken in: {e}");
            return self.show_message("The changes were not taken in", body);
        }
        let before = standing(&doc.store);
        let choices = choices.into_iter().collect();
        match doc.store.take(changes, &choices) {
            Ok(change) => {
                doc.record(change);
                self.panels.document_reloaded();
                let after = standing(&doc.store);
                let made: Vec<&str> = crate::model::clash::found_since(&before, &after)
                    .filter(|f| f.problem.is_hard() && !f.overridden)
                    .map(|f| f.problem.message.as_str())
                    .collect();
                let from = &changes.from_name;
                self.notice = Some(match made.as_slice() {
                    [] => format!("Took in {from}'s changes (Undo takes them back)."),
                    [one] => format!("Took in {from}'s changes, which made a clash: {one} See the Board."),
                    many => format!("Took in {from}'s changes, which made {} clashes: see the Board.", many.len()),
                });
            }
            Err(e) => self.show_message("The changes were not taken in", e.to_string()),
        }
    }
}

/// Every problem standing in the file, to say which ones a take made.
fn standing(store: &crate::store::Store) -> Vec<crate::model::clash::Found> {
    store.programme().map(|p| crate::model::clash::check_all(&p, None)).unwrap_or_default()
}

impl SharingModal {
    pub(super) fn ui(&mut self, ui: &mut Ui, outcome: &mut ModalOutcome) {
        match self {
            Self::Copy { colleague, me } => copy_ui(ui, colleague, me, outcome),
            Self::Send { partners, selected } => send_ui(ui, partners, selected, outcome),
            Self::Take { changes, plan, choices } => take_ui(ui, changes, plan, choices, outcome),
        }
    }
}

fn named_field(ui: &mut Ui, label: &str, text: &mut String, hint: &str) -> egui::Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(260.0)).labelled_by(label.id)
    })
    .inner
}

fn copy_ui(ui: &mut Ui, colleague: &mut String, me: &mut String, outcome: &mut ModalOutcome) {
    ui.set_max_width(520.0);
    ui.heading("Copy for a colleague");
    ui.label(
        "A copy your colleague can work on, on their own computer. Each of you can then send the other your changes, and take in theirs: the two copies stay one programme.",
    );
    ui.add_space(6.0);
    let first = named_field(ui, "Your colleague's copy is called:", colleague, "for example Bolton CVS");
    named_field(ui, "This copy is called:", me, "for example the trust");
    if colleague.is_empty() && !first.has_focus() && !first.lost_focus() {
        first.request_focus();
    }
    ui.add_space(4.0);
    ui.weak(PERSONAL_DATA);
    ui.add_space(8.0);
    let ready = !colleague.trim().is_empty() && !me.trim().is_empty();
    ui.horizontal(|ui| {
        if ui.add_enabled(ready, egui::Button::new("Choose where to save it…")).clicked() {
            let purpose = PathPurpose::CopyForColleague { colleague: colleague.trim().into(), me: me.trim().into() };
            outcome.then(Command::AskPath(purpose));
        }
        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            outcome.keep = false;
        }
    });
}

fn send_ui(ui: &mut Ui, partners: &[String], selected: &mut usize, outcome: &mut ModalOutcome) {
    ui.set_max_width(520.0);
    ui.heading("Send my changes");
    ui.label("A small file with everything changed in this copy since it and your colleague's last agreed. Email it to them; they take it in with File › Take in changes….");
    ui.add_space(6.0);
    if partners.len() > 1 {
        ui.label("For:");
        for (i, name) in partners.iter().enumerate() {
            ui.radio_value(selected, i, name.as_str());
        }
    }
    ui.weak(PERSONAL_DATA);
    ui.add_space(8.0);
    let colleague = partners.get(*selected).cloned().unwrap_or_default();
    ui.horizontal(|ui| {
        if ui.button(format!("Save the changes for {colleague}…")).clicked() {
            outcome.then(Command::AskPath(PathPurpose::SendChanges { colleague: colleague.clone() }));
        }
        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            outcome.keep = false;
        }
    });
}

fn take_ui(ui: &mut Ui, changes: &Changes, plan: &TakePlan, choices: &mut [Choice], outcome: &mut ModalOutcome) {
    ui.set_width(640.0);
    ui.heading(format!("Take in changes from {}", plan.from_name));
    ui.weak(format!("Changes number {}, made {}", plan.number, plan.made_words()));
    ui.add_space(4.0);
    ui.label(plan.summary());
    crate::ui::widgets::dialog_body_ui(ui, |ui| {
        if !plan.effects.is_empty() {
            ui.add_space(4.0);
            ui.strong("What the changes do");
            for effect in &plan.effects {
                ui.label(format!("• {effect}"));
            }
        }
        for kept in &plan.kept {
            ui.label(format!("• {kept}"));
        }
        if !plan.conflicts.is_empty() {
            ui.add_space(8.0);
            ui.strong("Changed in both copies: choose which to keep");
            for (conflict, choice) in plan.conflicts.iter().zip(choices.iter_mut()) {
                ui.add_space(4.0);
                ui.label(egui::RichText::new(crate::model::text::capitalised(&conflict.what)).strong());
                let kind = match conflict.kind {
                    ConflictKind::ChangedBoth => "changed in both copies",
                    ConflictKind::RemovedHere => "removed here, changed in the other copy",
                    ConflictKind::RemovedThere => "changed here, removed in the other copy",
                    ConflictKind::AddedBoth => "added in both copies",
                    ConflictKind::PlacedBoth => "placed in both copies",
                };
                ui.weak(kind);
                ui.horizontal_wrapped(|ui| {
                    ui.radio_value(choice, Choice::Mine, format!("Keep mine: {}", conflict.mine));
                    ui.radio_value(choice, Choice::Theirs, format!("Take theirs: {}", conflict.theirs));
                });
            }
        }
    });
    ui.add_space(6.0);
    ui.weak("A backup is taken first. Edit › Undo takes it all back, in one step.");
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if ui.button("Take in").clicked() {
            let decided = plan.conflicts.iter().map(|c| c.key.clone()).zip(choices.iter().copied()).collect();
            outcome.then(Command::TakeChanges(Box::new(changes.clone()), decided));
        }
        if !plan.conflicts.is_empty() {
            if ui.button("Keep all mine").clicked() {
                choices.fill(Choice::Mine);
            }
            if ui.button("Take all theirs").clicked() {
                choices.fill(Choice::Theirs);
            }
        }
        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            outcome.keep = false;
        }
    });
}
