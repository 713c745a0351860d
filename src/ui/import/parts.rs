//! The parts of the import window's mapping stage: the Windows-1252 note, the rows that matched,
//! the doubtful charity numbers, the sheet, each column's meaning, the questions, the preview, the
//! rows that cannot be imported, and Import and Cancel.

use super::*;
use crate::exchange::table::is_missing;
use crate::model::text::capitalised;

/// Lines read as Windows-1252 (Excel's older text) in a file otherwise UTF-8: said, to check.
pub(super) fn encoding_note_ui(ui: &mut Ui, table: &Table, unit: &str) {
    if table.lines_in_1252.is_empty() {
        return;
    }
    let lines: Vec<String> = table.lines_in_1252.iter().take(20).map(u64::to_string).collect();
    let more = if table.lines_in_1252.len() > 20 { ", …" } else { "" };
    let (noun, verb, their) =
        if lines.len() == 1 { (unit.to_owned(), "was", "its") } else { (format!("{unit}s"), "were", "their") };
    ui.colored_label(
        theme::WARNING_TEXT,
        format!(
            "{} {}{more} {verb} read as Windows-1252 (Excel's older text), not UTF-8: check {their} accents.",
            capitalised(&noun),
            lines.join(", ")
        ),
    );
}

/// Rows that match records already in the file, and what to do with them.
pub(super) fn duplicates_ui<K: ImportKind>(ui: &mut Ui, plan: &Plan<K::Row>, on_duplicate: &mut OnDuplicate) {
    let (one, many) = K::NOUNS;
    let duplicates = plan.rows.iter().filter(|r| K::is_duplicate(&r.row)).count();
    if duplicates == 0 {
        return;
    }
    let matches = if duplicates == 1 {
        format!("1 row matches {} {one}", if one.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" })
    } else {
        format!("{} match {many}", count_of(duplicates as u64, "row", "rows"))
    };
    ui.label(format!("{matches} already in the file ({}):", K::SAME_WHEN));
    ui.horizontal(|ui| {
        ui.radio_value(on_duplicate, OnDuplicate::Skip, "Skip them");
        ui.radio_value(on_duplicate, OnDuplicate::Update, format!("Update the existing {many}"));
        ui.radio_value(on_duplicate, OnDuplicate::New, format!("Import them as new {many}"));
    });
}

/// Rows with a group's charity number but another name and postcode: new groups, unless the
/// person takes them for the same.
pub(super) fn doubtful_ui<K: ImportKind>(ui: &mut Ui, plan: &mut Plan<K::Row>, replanning: bool) {
    let doubtful = plan.rows.iter().filter(|r| K::is_doubtful(&r.row)).count();
    if doubtful == 0 || replanning {
        return;
    }
    ui.label(format!(
        "{} the same charity number as a group in the file, but another name and postcode: \
         they will be imported as new groups.",
        count_of(doubtful as u64, "row has", "rows have")
    ));
    if ui
        .button("Take them for the same groups")
        .on_hover_text("Treat each as a match of the group with its charity number")
        .clicked()
    {
        for row in &mut plan.rows {
            K::accept_doubtful(&mut row.row);
            row.warnings.retain(|w| !w.starts_with("a doubtful match"));
        }
    }
}

/// Import N (when a column of what is required is chosen and rows are ready) and Cancel.
pub(super) fn import_buttons_ui<K: ImportKind>(
    ui: &mut Ui,
    mapping: &Mapping<K::Field>,
    plan: &Plan<K::Row>,
    replanning: bool,
) -> Option<Asked> {
    let (one, many) = K::NOUNS;
    let mut asked = None;
    ui.horizontal(|ui| {
        let (missing_words, is_required) = K::REQUIRED;
        let has_required = mapping.fields.iter().flatten().any(|f| is_required(*f));
        let ready = plan.rows.iter().filter(|r| K::question(&r.row).is_none()).count();
        let can_import = has_required && ready > 0 && !replanning;
        let text = format!("Import {}", count_of(ready as u64, one, many));
        if ui.add_enabled(can_import, egui::Button::new(text)).clicked() {
            asked = Some(Asked::Start);
        }
        if ui.button("Cancel").clicked() {
            asked = Some(Asked::Close);
        }
        if !has_required {
            ui.colored_label(theme::ERROR_RED, missing_words);
        }
    });
    asked
}

/// Rows that name a record twice in the file, and every row that matched one (with its line, the
/// record it matched and on what, and what the import will do with it), listed on request.
pub(super) fn matches_ui<K: ImportKind>(ui: &mut Ui, plan: &Plan<K::Row>, on_duplicate: OnDuplicate, unit: &str) {
    let (one, many) = K::NOUNS;
    let repeats = plan.rows.iter().filter(|r| K::repeats_earlier_row(&r.row)).count();
    if repeats > 0 {
        let named = plan.rows.len() - repeats;
        ui.label(format!(
            "{} name {}: a {one} listed more than once is imported once.",
            count_of(plan.rows.len() as u64, unit, &format!("{unit}s")),
            count_of(named as u64, one, many)
        ));
    }
    // Which rows matched (a cheap test each frame); their words are made only for the rows
    // scrolled into view, so a file of 100,000 matches costs nothing until it is looked at.
    let listed: Vec<&crate::exchange::mapping::Prepared<K::Row>> =
        plan.rows.iter().filter(|r| K::has_match(&r.row)).collect();
    if listed.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Which rows matched, and what ({})", thousands(listed.len() as u64)))
        .id_salt("import_matches")
        .show(ui, |ui| {
            egui::ScrollArea::vertical().id_salt("import_matches_list").max_height(160.0).show_rows(
                ui,
                ui.text_style_height(&egui::TextStyle::Body),
                listed.len(),
                |ui, range| {
                    for row in &listed[range] {
                        let words = K::matched_words(&row.row, on_duplicate).unwrap_or_default();
                        ui.label(format!("{unit} {}: {words}", row.line));
                    }
                },
            );
        });
}

/// A workbook's sheets, to choose which one is read.
pub(super) fn sheet_ui(ui: &mut Ui, sheets: &[String], sheet: &Option<String>) -> Asked {
    let mut asked = Asked::Nothing;
    if sheets.is_empty() {
        return asked;
    }
    ui.horizontal(|ui| {
        let label = ui.label("Sheet:");
        let current = sheet.clone().or_else(|| sheets.first().cloned()).unwrap_or_default();
        egui::ComboBox::from_id_salt("import_sheet")
            .selected_text(&current)
            .show_ui(ui, |ui| {
                for name in sheets {
                    if ui.selectable_label(*name == current, name).clicked() && *name != current {
                        asked = Asked::Reread(Some(name.clone()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    asked
}

/// One row per column: its header, an example, and the field it fills. True when changed.
pub(super) fn mapping_ui<K: ImportKind>(
    ui: &mut Ui,
    kind: &K,
    lookup: &K::Lookup,
    table: &Table,
    mapping: &mut Mapping<K::Field>,
) -> bool {
    let mut changed = false;
    let fields = kind.fields(lookup);
    let hint = required_hint::<K>(table, mapping);
    egui::ScrollArea::vertical().id_salt("import_mapping").max_height(220.0).show(ui, |ui| {
        egui::Grid::new("import_mapping_grid").num_columns(4).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
            ui.strong("Column in the file");
            ui.strong("Example");
            ui.strong("Imported as");
            ui.end_row();
            for (i, header) in table.headers.iter().enumerate() {
                let label = cell_ui(ui, 210.0, if header.is_empty() { "(no header)" } else { header.as_str() });
                let example = table.rows.iter().filter_map(|r| r.cells.get(i)).find(|c| !is_missing(c));
                cell_ui(ui, 230.0, example.map_or("", |c| c.as_str()));
                let current = mapping.fields[i];
                let combo = egui::ComboBox::from_id_salt(("import_field", i))
                    .width(200.0)
                    .selected_text(current.map_or_else(|| "Don't import".to_owned(), |f| kind.field_label(lookup, f)))
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(current.is_none(), "Don't import").clicked() {
                            mapping.fields[i] = None;
                            changed = true;
                        }
                        for &field in &fields {
                            if ui.selectable_label(current == Some(field), kind.field_label(lookup, field)).clicked() {
                                // A field fills from one column: take it from any other.
                                for other in mapping.fields.iter_mut() {
                                    if *other == Some(field) {
                                        *other = None;
                                    }
                                }
                                mapping.fields[i] = Some(field);
                                changed = true;
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                crate::ui::widgets::keep_popup_in_front(ui, &combo);
                if hint == Some(i) {
                    ui.colored_label(theme::ERROR_RED, K::REQUIRED.0);
                }
                ui.end_row();
            }
        });
    });
    changed
}

/// Where to say which column is needed when none is chosen for the field an import cannot do
/// without: beside the first column that is not imported, the likeliest to hold it.
pub(super) fn required_hint<K: ImportKind>(table: &Table, mapping: &Mapping<K::Field>) -> Option<usize> {
    let (_, is_required) = K::REQUIRED;
    if mapping.fields.iter().flatten().any(|f| is_required(*f)) {
        return None;
    }
    (0..table.headers.len()).find(|i| mapping.fields[*i].is_none())
}

/// The rows whose record is a question (a name that fits two groups, or only roughly one): each
/// with a drop-down of what it may be. A row left unanswered is not imported.
pub(super) fn questions_ui<K: ImportKind>(
    ui: &mut Ui,
    kind: &K,
    plan: &mut Plan<K::Row>,
    lookup: &K::Lookup,
    answers: &mut Vec<(u64, String)>,
    unit: &str,
) {
    let asking: Vec<usize> = (0..plan.rows.len()).filter(|i| K::question(&plan.rows[*i].row).is_some()).collect();
    if asking.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "{} to choose: each is imported once you say which it is.",
            count_of(asking.len() as u64, unit, &format!("{unit}s"))
        ))
        .strong(),
    );
    egui::ScrollArea::vertical().id_salt("import_questions").max_height(150.0).show(ui, |ui| {
        for i in asking {
            let row = &mut plan.rows[i];
            let Some(question) = K::question(&row.row) else { continue };
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(format!("{} {}: {}.", capitalised(unit), row.line, question.asked));
                let mut chosen = None;
                let combo = egui::ComboBox::from_id_salt(("import_question", row.line))
                    .width(320.0)
                    .selected_text("Choose which…")
                    .show_ui(ui, |ui| {
                        for (n, option) in question.options.iter().enumerate() {
                            if ui.selectable_label(false, option).clicked() {
                                chosen = Some(n);
                            }
                        }
                    });
                let combo = combo.response.labelled_by(label.id);
                crate::ui::widgets::keep_popup_in_front(ui, &combo);
                if let Some(n) = chosen {
                    answers.retain(|(line, _)| *line != row.line);
                    answers.push((row.line, question.options[n].clone()));
                    kind.answer(&mut row.row, n, lookup);
                }
            });
        }
    });
}

pub(super) fn preview_ui<K: ImportKind>(ui: &mut Ui, plan: &Plan<K::Row>) {
    ui.label(RichText::new("Preview").strong());
    egui::Grid::new("import_preview").num_columns(K::PREVIEW.len()).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
        for (title, _) in K::PREVIEW {
            ui.strong(*title);
        }
        ui.end_row();
        for row in plan.rows.iter().take(5) {
            for (value, (_, width)) in K::preview(&row.row).iter().zip(K::PREVIEW) {
                cell_ui(ui, *width, value);
            }
            ui.end_row();
        }
    });
}

pub(super) fn problems_ui<R>(ui: &mut Ui, plan: &Plan<R>, unit: &str, open: &mut bool) {
    let warnings: usize = plan.rows.iter().map(|r| r.warnings.len()).sum();
    if plan.errors.is_empty() && warnings == 0 {
        return;
    }
    let mut parts = Vec::new();
    if !plan.errors.is_empty() {
        parts.push(format!("{} cannot be imported", count_of(plan.errors.len() as u64, "row", "rows")));
    }
    if warnings > 0 {
        parts.push(format!(
            "{} will be kept as given but {} checking",
            count_of(warnings as u64, "value", "values"),
            if warnings == 1 { "needs" } else { "need" }
        ));
    }
    let summary = parts.join("; ");
    ui.checkbox(open, summary);
    if *open {
        egui::ScrollArea::vertical().id_salt("import_problems").max_height(160.0).show(ui, |ui| {
            for error in &plan.errors {
                ui.colored_label(
                    theme::ERROR_RED,
                    format!("{} {}: not imported: {}", capitalised(unit), error.line, error.reason),
                );
            }
            for row in &plan.rows {
                for warning in &row.warnings {
                    ui.label(format!("{} {}: {warning}", capitalised(unit), row.line));
                }
            }
        });
    }
}
