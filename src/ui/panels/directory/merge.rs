//! Merging a duplicate into the group on show: find it, then choose each differing value.

use egui::{RichText, Ui};

use super::DirectoryData;
use crate::edit::DirectoryEdit;
use crate::model::GroupEdit;
use crate::model::search::search_words;
use crate::model::{CommunityGroup, GroupId, GroupSummary};
use crate::ui::app::Document;
use crate::ui::command::{Command, UiCommand};
use crate::ui::theme;

pub(super) struct MergeForm {
    pub(super) keep: GroupId,
    /// The record to keep, read once when the merge starts.
    kept: CommunityGroup,
    search: String,
    /// The search box takes the keyboard when the merge view opens.
    focus_search: bool,
    other: Option<(GroupId, CommunityGroup)>,
    /// The fields whose value comes from the other record.
    take_other: Vec<&'static str>,
    /// Why the last Merge was refused; shown until the next try.
    problem: Option<String>,
}

/// The fields a merge compares: key, label, and the value in a record.
type MergeField = (&'static str, &'static str, fn(&mut CommunityGroup) -> &mut String);

fn merge_fields() -> [MergeField; 20] {
    [
        ("name", "Name", |g| &mut g.name),
        ("other_names", "Other names", |g| &mut g.other_names),
        ("description", "What it does", |g| &mut g.description),
        ("address_line1", "Address line 1", |g| &mut g.address_line1),
        ("address_line2", "Address line 2", |g| &mut g.address_line2),
        ("town", "Town", |g| &mut g.town),
        ("postcode", "Postcode", |g| &mut g.postcode),
        ("phone", "Phone", |g| &mut g.phone),
        ("email", "Email", |g| &mut g.email),
        ("website", "Website", |g| &mut g.website),
        ("contact_name", "Main contact", |g| &mut g.contact_name),
        ("contact_role", "Contact's role", |g| &mut g.contact_role),
        ("contact_phone", "Contact phone", |g| &mut g.contact_phone),
        ("contact_email", "Contact email", |g| &mut g.contact_email),
        ("charity_number", "Charity number", |g| &mut g.charity_number),
        ("company_number", "Company number", |g| &mut g.company_number),
        ("other_identifier", "Other identifier", |g| &mut g.other_identifier),
        ("accessibility", "Accessibility", |g| &mut g.accessibility),
        ("safeguarding_notes", "Safeguarding", |g| &mut g.safeguarding_notes),
        ("notes", "Notes", |g| &mut g.notes),
    ]
}

/// Long values are shortened so that the pane keeps its width; hover for the whole.
fn shortened(value: &str) -> String {
    match value.chars().count() {
        0 => "(empty)".to_owned(),
        n if n > 28 => format!("{}…", value.chars().take(27).collect::<String>()),
        _ => value.to_owned(),
    }
}

impl MergeForm {
    pub(super) fn new(keep: GroupId, kept: CommunityGroup) -> Self {
        Self {
            keep,
            kept,
            search: String::new(),
            focus_search: true,
            other: None,
            take_other: Vec::new(),
            problem: None,
        }
    }

    /// Draws the merge; true when it is to close.
    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        data: &DirectoryData,
        commands: &mut Vec<Command>,
    ) -> bool {
        ui.label(RichText::new(format!("Merge a duplicate into “{}”", self.kept.name)).heading());
        ui.label(format!(
            "The other record's offers move to this one, and the other record is removed. {} takes the merge back.",
            UiCommand::Undo.menu_path()
        ));
        ui.add_space(6.0);
        if self.other.is_none() {
            return self.find_ui(ui, doc, data);
        }
        // Merge and Cancel sit above the comparison, so they are in reach however long it is.
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.button("Merge").clicked() {
                close = self.merge(commands);
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        if let Some(problem) = &self.problem {
            ui.colored_label(theme::ERROR_RED, problem);
        }
        ui.add_space(6.0);
        ui.label("Where the records differ, choose which value to keep:");
        self.compare_ui(ui);
        close
    }

    /// Finding the duplicate by name or postcode; true when cancelled.
    fn find_ui(&mut self, ui: &mut Ui, doc: &Document, data: &DirectoryData) -> bool {
        ui.horizontal(|ui| {
            let label = ui.label("Find the duplicate:");
            let field = ui.add(egui::TextEdit::singleline(&mut self.search).desired_width(220.0)).labelled_by(label.id);
            if std::mem::take(&mut self.focus_search) {
                field.request_focus();
            }
        });
        let words = search_words(&self.search);
        if !words.is_empty() {
            let found: Vec<&GroupSummary> = data
                .groups
                .iter()
                .filter(|g| {
                    g.id != self.keep
                        && words.iter().all(|w| {
                            g.name_key().contains(w.as_str()) || g.postcode().to_lowercase().contains(w.as_str())
                        })
                })
                .take(12)
                .collect();
            for group in found {
                let postcode = if group.postcode().is_empty() { "no postcode" } else { group.postcode() };
                if ui.selectable_label(false, format!("{} ({postcode})", group.name())).clicked() {
                    match doc.store.group(group.id) {
                        Ok(full) => self.other = Some((group.id, full)),
                        Err(e) => self.problem = Some(format!("That group could not be read: {e}")),
                    }
                }
            }
        }
        if let Some(problem) = &self.problem {
            ui.colored_label(theme::ERROR_RED, problem);
        }
        ui.button("Cancel").clicked()
    }

    /// Asks for the merge; true when it was asked for (the form closes).
    fn merge(&mut self, commands: &mut Vec<Command>) -> bool {
        let Some((other_id, other)) = &self.other else { return false };
        let mut merged = self.kept.clone();
        let mut source = other.clone();
        for (key, _, field) in merge_fields() {
            if self.take_other.contains(&key) {
                *field(&mut merged) = field(&mut source).clone();
            }
        }
        match GroupEdit::imported(merged) {
            Ok((edit, _)) => {
                commands.push(Command::edit(DirectoryEdit::MergeGroups {
                    keep: self.keep,
                    remove: *other_id,
                    merged: edit,
                }));
                true
            }
            Err(problem) => {
                self.problem = Some(problem.message);
                false
            }
        }
    }

    /// The fields where the records differ, each with a choice of value.
    fn compare_ui(&mut self, ui: &mut Ui) {
        let Some((_, other)) = &self.other else { return };
        let (mut mine_all, mut theirs_all) = (self.kept.clone(), other.clone());
        egui::Grid::new("merge_grid").num_columns(3).striped(true).spacing([10.0, 4.0]).show(ui, |ui| {
            ui.strong("");
            ui.strong("This record");
            ui.strong("The duplicate");
            ui.end_row();
            for (key, label, field) in merge_fields() {
                let (mine, theirs) = (field(&mut mine_all).clone(), field(&mut theirs_all).clone());
                if mine.trim() == theirs.trim() {
                    continue;
                }
                ui.label(label);
                let mut take = self.take_other.contains(&key);
                if ui.radio(!take, shortened(&mine)).on_hover_text(&mine).clicked() {
                    take = false;
                }
                if ui.radio(take, shortened(&theirs)).on_hover_text(&theirs).clicked() {
                    take = true;
                }
                self.take_other.retain(|k| *k != key);
                if take {
                    self.take_other.push(key);
                }
                ui.end_row();
            }
        });
    }
}
