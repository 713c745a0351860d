//! An editable list of names (neighbourhoods, categories, practices, organisations,
//! professions): click one to rename it, type a new one to add it.

use egui::Ui;

/// A change to an editable list of names whose entries are known by ids of type `I`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameChange<I> {
    Add(String),
    Rename(I, String),
}

/// What is being typed into a list of names.
pub struct NameListEditor<I> {
    new_name: String,
    renaming: Option<(I, String)>,
}

impl<I> Default for NameListEditor<I> {
    fn default() -> Self {
        Self { new_name: String::new(), renaming: None }
    }
}

impl<I: Copy + PartialEq> NameListEditor<I> {
    /// The names, then a field to add one.
    pub fn ui(&mut self, ui: &mut Ui, names: &[(I, &str)], width: f32) -> Option<NameChange<I>> {
        let renamed = self.names_ui(ui, names, width);
        self.add_ui(ui, width).or(renamed)
    }

    /// The names, each renamed by clicking it.
    pub fn names_ui(&mut self, ui: &mut Ui, names: &[(I, &str)], width: f32) -> Option<NameChange<I>> {
        let mut change = None;
        for (id, name) in names {
            match &mut self.renaming {
                Some((renaming, text)) if renaming == id => {
                    let edit = ui
                        .add(egui::TextEdit::singleline(text).desired_width(width))
                        .accessible_name(format!("New name for {name}"));
                    if edit.lost_focus() || ui.button("Save").clicked() {
                        if text.trim() != *name && !text.trim().is_empty() {
                            change = Some(NameChange::Rename(*id, text.clone()));
                        }
                        self.renaming = None;
                    }
                }
                _ => {
                    if ui.selectable_label(false, *name).on_hover_text("Click to rename").clicked() {
                        self.renaming = Some((*id, (*name).to_owned()));
                    }
                }
            }
        }
        change
    }

    /// "New: [    ] Add".
    pub fn add_ui(&mut self, ui: &mut Ui, width: f32) -> Option<NameChange<I>> {
        let mut change = None;
        ui.horizontal(|ui| {
            let label = ui.label("New:");
            ui.add(egui::TextEdit::singleline(&mut self.new_name).desired_width(width - 90.0)).labelled_by(label.id);
            if ui.add_enabled(!self.new_name.trim().is_empty(), egui::Button::new("Add")).clicked() {
                change = Some(NameChange::Add(std::mem::take(&mut self.new_name)));
            }
        });
        change
    }
}
