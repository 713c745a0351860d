//! "Set up neighbourhoods…": the postcode districts (and sectors, where a district's groups are in
//! more than one town) that the directory's groups are in, each with how many groups it holds and
//! a neighbourhood name to start from (its commonest town), for the coordinator to name. Areas
//! given the same name are one neighbourhood. Applying it gives every group and offer the
//! neighbourhood of its postcode: one command, one undo step.

use egui::{RichText, Ui};

use crate::edit::DirectoryEdit;
use crate::model::neighbourhoods::propose_areas;
use crate::model::text::{count_of, thousands};
use crate::store::Access;
use crate::store::{Store, StoreError};
use crate::ui::command::Command;
use crate::ui::theme;

/// One area as the window shows it: what the person has typed for it.
struct AreaRow {
    area: String,
    groups: usize,
    name: String,
}

/// The window's state: closed, or open on the areas it proposed.
#[derive(Default)]
pub(crate) struct NeighbourhoodsWindow {
    rows: Option<Vec<AreaRow>>,
    /// Groups with no postcode in any district, told apart from the areas.
    without_postcode: usize,
    error: Option<String>,
}

impl NeighbourhoodsWindow {
    /// Opens the window on the groups' postcode areas as the file holds them now.
    pub(crate) fn open(&mut self, store: &Store) {
        match Self::proposed(store) {
            Ok((rows, without)) => {
                self.rows = Some(rows);
                self.without_postcode = without;
                self.error = None;
            }
            Err(e) => self.error = Some(format!("The groups' postcodes could not be read: {e}")),
        }
    }

    fn proposed(store: &Store) -> Result<(Vec<AreaRow>, usize), StoreError> {
        let postcodes = store.group_postcodes()?;
        let proposals = propose_areas(postcodes.iter().map(|(p, t)| (p.as_str(), t.as_str())));
        let placed: usize = proposals.iter().map(|p| p.groups).sum();
        let rows =
            proposals.into_iter().map(|p| AreaRow { area: p.area, groups: p.groups, name: p.suggested }).collect();
        Ok((rows, postcodes.len().saturating_sub(placed)))
    }

    pub(crate) fn is_open(&self) -> bool {
        self.rows.is_some() || self.error.is_some()
    }

    pub(crate) fn ui(&mut self, ctx: &egui::Context, access: Access) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.is_open() {
            return commands;
        }
        let mut close = false;
        let response = crate::ui::widgets::dialog("set_up_neighbourhoods").show(ctx, |ui| {
            ui.set_width(620.0);
            ui.heading("Set up neighbourhoods");
            if let Some(error) = &self.error {
                ui.colored_label(theme::ERROR_RED, error);
                close = ui.button("Close").clicked();
                return;
            }
            let Some(rows) = &mut self.rows else { return };
            ui.label(
                "These are the postcode districts your groups are in (split into sectors where a district's \
                 groups are in more than one town), with how many groups each holds. Give each the name of \
                 its neighbourhood: areas with the same name make one neighbourhood. Every group and offer is \
                 then given the neighbourhood of its postcode; Edit › Undo takes it all back.",
            );
            if self.without_postcode > 0 {
                ui.weak(format!(
                    "{} no postcode that is one, so {} no neighbourhood from it.",
                    count_of(self.without_postcode as u64, "group has", "groups have"),
                    if self.without_postcode == 1 { "it gets" } else { "they get" }
                ));
            }
            ui.add_space(6.0);
            if rows.is_empty() {
                ui.colored_label(
                    theme::WARNING_TEXT,
                    "No group has a postcode yet: import or add groups with their postcodes first.",
                );
            } else {
                areas_ui(ui, rows);
            }
            ui.add_space(8.0);
            let names = named(rows);
            let hoods: std::collections::BTreeSet<String> = names.iter().map(|(_, n)| n.to_lowercase()).collect();
            ui.horizontal(|ui| {
                let text = format!("Set up {}", count_of(hoods.len() as u64, "neighbourhood", "neighbourhoods"));
                let button = ui
                    .add_enabled(access.is_writable() && !names.is_empty(), egui::Button::new(text))
                    .on_disabled_hover_text(
                        "Give at least one area a name (and the file must be access.is_writable()).",
                    );
                if button.clicked() {
                    commands.push(Command::edit(DirectoryEdit::SetUpNeighbourhoods(names)));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close || response.should_close() {
            self.rows = None;
            self.error = None;
        }
        commands
    }
}

/// The areas the person has named, as (area, neighbourhood).
fn named(rows: &[AreaRow]) -> Vec<(String, String)> {
    rows.iter().filter(|r| !r.name.trim().is_empty()).map(|r| (r.area.clone(), r.name.trim().to_owned())).collect()
}

/// A row per area, only those in view laid out (a national register has thousands).
fn areas_ui(ui: &mut Ui, rows: &mut [AreaRow]) {
    ui.horizontal(|ui| {
        ui.add_sized([90.0, 18.0], egui::Label::new(RichText::new("Postcode area").strong()));
        ui.add_sized([70.0, 18.0], egui::Label::new(RichText::new("Groups").strong()));
        ui.label(RichText::new("Neighbourhood").strong());
    });
    let row_height = ui.spacing().interact_size.y + 4.0;
    egui::ScrollArea::vertical().id_salt("neighbourhood_areas").max_height(320.0).auto_shrink([false, true]).show_rows(
        ui,
        row_height,
        rows.len(),
        |ui, range| {
            for row in &mut rows[range] {
                ui.horizontal(|ui| {
                    let area = ui.add_sized([90.0, 18.0], egui::Label::new(&row.area));
                    ui.add_sized([70.0, 18.0], egui::Label::new(thousands(row.groups as u64)));
                    ui.add(egui::TextEdit::singleline(&mut row.name).desired_width(280.0))
                        .labelled_by(area.id)
                        .on_hover_text(format!("The neighbourhood of postcode area {}", row.area));
                });
            }
        },
    );
}
