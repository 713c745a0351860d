//! A table of rows as one stop for the keyboard, as a desktop list is: Tab reaches the table
//! once (not each of its cells, which have no names), the arrows move the chosen row, and the
//! row chosen scrolls into view. Clicking a row is unchanged.

use egui::{Event, EventFilter, Id, Key, Rect, Sense, Ui};

use crate::model::text::thousands;

/// One table's keyboard stop. Make it with the same `salt` each frame, in the same `Ui` as
/// the table.
pub struct TableKeys {
    id: Id,
}

impl TableKeys {
    pub fn new(ui: &Ui, salt: &str) -> Self {
        Self { id: ui.scope_id().with(salt).with("table_keys") }
    }

    /// The row to scroll to in this frame's table: the one the arrows moved to last frame.
    pub fn scroll_to(&self, ui: &Ui) -> Option<usize> {
        ui.data_mut(|d| d.remove_temp::<usize>(self.id))
    }

    /// After the table, drawn in `rect`, of `rows` rows with `chosen` (its position and its
    /// name) chosen: the stop itself. Up and Down move a row, Page Up and Page Down a page,
    /// Home and End to the ends; returns the row moved to (the caller chooses it as if clicked).
    /// A row `clicked` this frame gives the table the focus, as a click in a list does.
    pub fn ui(
        &self,
        ui: &mut Ui,
        rect: Rect,
        what: &str,
        rows: usize,
        chosen: Option<(usize, &str)>,
        clicked: bool,
    ) -> Option<usize> {
        let response = ui.interact(rect, self.id, Sense::FOCUSABLE);
        if clicked {
            response.request_focus();
        }
        let name = match chosen {
            Some((at, name)) => format!("{what}: {name}, {} of {}", thousands(at as u64 + 1), thousands(rows as u64)),
            None => format!("{what}: {} rows, none chosen; Down chooses the first", thousands(rows as u64)),
        };
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListBox, true, &name));
        if !response.has_focus() || rows == 0 {
            return None;
        }
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(self.id, EventFilter { vertical_arrows: true, ..Default::default() });
        });
        // Its ring is the window's (`paint_focus_ring`), drawn over the panel's edge.
        let page = ((rect.height() / 24.0) as usize).saturating_sub(2).max(1);
        let last = rows - 1;
        let at = chosen.map(|(at, _)| at);
        let mut to = None;
        ui.input_mut(|i| {
            for event in &i.events {
                let Event::Key { key, pressed: true, modifiers, .. } = event else { continue };
                if modifiers.any() {
                    continue;
                }
                to = match (key, at) {
                    (Key::ArrowDown, Some(at)) => Some((at + 1).min(last)),
                    (Key::ArrowUp, Some(at)) => Some(at.saturating_sub(1)),
                    (Key::PageDown, Some(at)) => Some((at + page).min(last)),
                    (Key::PageUp, Some(at)) => Some(at.saturating_sub(page)),
                    (Key::ArrowDown | Key::PageDown | Key::Home, None) | (Key::Home, Some(_)) => Some(0),
                    (Key::End, _) => Some(last),
                    (Key::ArrowUp | Key::PageUp, None) => Some(0),
                    _ => to,
                };
            }
        });
        let to = to.filter(|to| Some(*to) != at)?;
        ui.data_mut(|d| d.insert_temp(self.id, to));
        ui.ctx().request_repaint();
        Some(to)
    }
}
