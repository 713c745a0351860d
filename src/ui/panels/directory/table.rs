//! The directory's list: sortable columns, one row per group, only the rows on screen laid out.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::model::directory::{SortColumn, SortOrder};
use crate::model::{GroupId, GroupStatus, GroupSummary};
use crate::ui::theme;
use crate::ui::widgets::TableKeys;

fn title(column: SortColumn) -> &'static str {
    match column {
        SortColumn::Name => "Name",
        SortColumn::Neighbourhood => "Neighbourhood",
        SortColumn::Town => "Town",
        SortColumn::Postcode => "Postcode",
        SortColumn::Phone => "Phone",
        SortColumn::Status => "Status",
    }
}

fn width(column: SortColumn) -> Column {
    match column {
        SortColumn::Name => Column::remainder().at_least(160.0).clip(true),
        SortColumn::Neighbourhood => Column::initial(165.0).at_least(60.0).clip(true),
        SortColumn::Town => Column::initial(130.0).at_least(60.0).clip(true),
        SortColumn::Postcode => Column::initial(90.0).at_least(60.0),
        SortColumn::Phone => Column::initial(115.0).at_least(60.0),
        SortColumn::Status => Column::initial(80.0).at_least(60.0),
    }
}

fn cell_ui(column: SortColumn, ui: &mut Ui, group: &GroupSummary) {
    match column {
        SortColumn::Name => ui.label(group.name()),
        SortColumn::Neighbourhood => ui.label(group.neighbourhood()),
        SortColumn::Town => ui.label(group.town()),
        SortColumn::Postcode => ui.label(group.postcode()),
        SortColumn::Phone => ui.label(group.phone()),
        SortColumn::Status if group.archived => ui.weak("Archived"),
        SortColumn::Status if group.status == GroupStatus::Active => ui.label(group.status.label()),
        SortColumn::Status => ui.weak(group.status.label()),
    };
}

const ALL_COLUMNS: [SortColumn; 6] = [
    SortColumn::Name,
    SortColumn::Neighbourhood,
    SortColumn::Town,
    SortColumn::Postcode,
    SortColumn::Phone,
    SortColumn::Status,
];

/// With the detail pane open, the columns it repeats (town, phone) make way for it.
const NARROW_COLUMNS: [SortColumn; 4] =
    [SortColumn::Name, SortColumn::Neighbourhood, SortColumn::Postcode, SortColumn::Status];

/// A column heading that sorts by its column when clicked, with a small triangle on the
/// column in use (drawn, as the fonts have no arrows).
fn sort_header_ui(ui: &mut Ui, column: SortColumn, sort: &mut SortOrder) {
    let active = sort.column == column;
    let response = ui
        .add(egui::Button::new(RichText::new(title(column)).strong()).frame(false))
        .on_hover_text(format!("Sort by {}", title(column).to_lowercase()));
    if active {
        let rect = response.rect;
        let centre = egui::pos2(rect.right() + 9.0, rect.center().y);
        let (tip, base) = if sort.descending { (4.0, -4.0) } else { (-4.0, 4.0) };
        let points = vec![
            egui::pos2(centre.x, centre.y + tip),
            egui::pos2(centre.x - 4.5, centre.y + base),
            egui::pos2(centre.x + 4.5, centre.y + base),
        ];
        ui.painter().add(egui::Shape::convex_polygon(points, theme::NHS_BLUE, egui::Stroke::NONE));
    }
    if response.clicked() {
        if active {
            sort.descending = !sort.descending;
        } else {
            *sort = SortOrder { column, descending: false };
        }
    }
}

/// The groups at positions `shown` of `groups`; returns the group clicked.
pub(super) fn groups_table_ui(
    ui: &mut Ui,
    groups: &[GroupSummary],
    shown: &[usize],
    selected: Option<GroupId>,
    narrow: bool,
    sort: &mut SortOrder,
) -> Option<GroupId> {
    let mut clicked = None;
    let keys = TableKeys::new(ui, "directory_table");
    let drawn = ui.scope(|ui| {
        ui.style_mut().interaction.selectable_labels = false;
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        let columns: &[SortColumn] = if narrow { &NARROW_COLUMNS } else { &ALL_COLUMNS };
        // Rows are clicked, not each a stop for Tab: the table is one stop (below).
        let scroll_to = keys.scroll_to(ui);
        let mut table = TableBuilder::new(ui)
            .id_salt(if narrow { "directory_table_narrow" } else { "directory_table" })
            .striped(true)
            .sense(egui::Sense::CLICK)
            // A short window keeps a few rows rather than pushing the table below its edge.
            .min_scrolled_height(72.0);
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, None);
        }
        for column in columns {
            table = table.column(width(*column));
        }
        table
            .header(26.0, |mut header| {
                for column in columns {
                    header.col(|ui| sort_header_ui(ui, *column, sort));
                }
            })
            .body(|body| {
                body.rows(24.0, shown.len(), |mut row| {
                    let Some(group) = shown.get(row.index()).and_then(|i| groups.get(*i)) else {
                        return;
                    };
                    row.set_selected(selected == Some(group.id));
                    for column in columns {
                        row.col(|ui| cell_ui(*column, ui, group));
                    }
                    if row.response().clicked() {
                        clicked = Some(group.id);
                    }
                });
            });
    });
    let group_at = |at: usize| shown.get(at).and_then(|i| groups.get(*i));
    let chosen = selected
        .and_then(|id| (0..shown.len()).find(|at| group_at(*at).is_some_and(|g| g.id == id)))
        .and_then(|at| group_at(at).map(|g| (at, g.name())));
    if let Some(to) = keys.ui(ui, drawn.response.rect, "Groups", shown.len(), chosen, clicked.is_some()) {
        clicked = group_at(to).map(|g| g.id);
    }
    clicked
}
