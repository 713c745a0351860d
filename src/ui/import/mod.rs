//! The import window, for groups, offers and participants alike: read a spreadsheet, check
//! which column is which against a preview of the rows as they will be imported, choose what
//! to do with duplicates, then import. What differs by kind of record is an [`ImportKind`].
//!
//! Theory of operation: reading the file and the import itself run on worker threads, so the
//! window keeps drawing; the worker reports progress through an atomic counter and checks a
//! cancel flag between rows. The import is one transaction on a second handle of the same file
//! ([`Store::worker_handle`]): cancelled or failed, it leaves the file as it was; finished, its
//! change set comes back to the app as one undo step.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{RichText, Ui};

use super::command::UiCommand;
use super::theme;
use super::worker::{Job, Progress, spawn};
use crate::exchange::import_kind::run_import;
pub use crate::exchange::import_kind::{FeedbackResponses, Groups, ImportKind, Offers, Participants};
use crate::exchange::mapping::{Mapping, Plan};
use crate::exchange::table::{Table, TableError};
use crate::exchange::{read_spreadsheet, xlsx};
use crate::model::text::{count_of, thousands};
use crate::model::{ImportCounts, OnDuplicate};
use crate::store::{ChangeSet, Store, StoreError, display_name};

mod parts;

use parts::{
    doubtful_ui, duplicates_ui, encoding_note_ui, import_buttons_ui, mapping_ui, matches_ui, preview_ui, problems_ui,
    questions_ui, sheet_ui,
};

/// What the worker hands back: the table, its workbook's sheets, the guessed mapping, the plan,
/// and the file's records it planned against (kept for re-planning when a column changes: the
/// window is modal, so the file cannot change meanwhile).
type ReadResult<K> = Result<
    (Table, Vec<String>, Mapping<<K as ImportKind>::Field>, Plan<<K as ImportKind>::Row>, <K as ImportKind>::Lookup),
    TableError,
>;
/// A plan made again on a worker after a column's meaning changed, with the mapping it is for.
type Replan<K> = Job<(Mapping<<K as ImportKind>::Field>, Plan<<K as ImportKind>::Row>)>;
type ImportResult = Result<(ImportCounts, ChangeSet), StoreError>;

/// What the window says when a worker met a fault in the program.
const READ_FAULT: &str = "The file could not be read because of a fault in the program: nothing was changed.";
const IMPORT_FAULT: &str = "The import stopped because of a fault in the program: nothing was changed.";

enum Stage<K: ImportKind> {
    Reading {
        sheet: Option<String>,
        job: Job<ReadResult<K>>,
    },
    Mapping {
        table: Arc<Table>,
        sheets: Vec<String>,
        sheet: Option<String>,
        mapping: Mapping<K::Field>,
        plan: Plan<K::Row>,
        lookup: Arc<K::Lookup>,
        /// Every row checked again for a changed mapping, on a worker (a large file takes a
        /// moment): Import waits for it.
        replanning: Option<Replan<K>>,
    },
    Importing {
        plan: Plan<K::Row>,
        total: usize,
        progress: Progress,
        job: Job<ImportResult>,
    },
    Finished {
        counts: ImportCounts,
        plan: Plan<K::Row>,
    },
    Failed(String),
}

/// What the import window asks of the app.
pub enum ImportOutcome {
    /// Keep the window open.
    Open,
    /// Close it.
    Closed,
    /// The person asked to import: the app starts it after the frame (`Command::StartImport`),
    /// as it makes every other change.
    Start,
    /// The import finished: this change set is its undo step.
    Imported(ChangeSet),
}

/// The import window as the app holds it, whatever it imports.
pub trait AnyImportWindow {
    /// Draws the window; returns what the app should do.
    fn ui(&mut self, ctx: &egui::Context, store: &Store) -> ImportOutcome;
    /// Starts the import the person asked for, on a worker with its own handle on the file.
    fn start(&mut self, store: &mut Store, ctx: &egui::Context);
    /// Whether an import is running (the file must stay open until it ends).
    fn is_running(&self) -> bool;
}

impl<K: ImportKind> AnyImportWindow for ImportWindow<K> {
    fn ui(&mut self, ctx: &egui::Context, store: &Store) -> ImportOutcome {
        ImportWindow::ui(self, ctx, store)
    }

    fn start(&mut self, store: &mut Store, ctx: &egui::Context) {
        ImportWindow::start(self, store, ctx);
    }

    fn is_running(&self) -> bool {
        ImportWindow::is_running(self)
    }
}

pub struct ImportWindow<K: ImportKind> {
    kind: K,
    path: PathBuf,
    stage: Stage<K>,
    on_duplicate: OnDuplicate,
    show_problems: bool,
    /// A finished import's undo step, handed to the app on the next call.
    pending_change: Option<ChangeSet>,
    /// What the source's row numbers count ("line", "row", "item").
    unit: &'static str,
    /// The person's answers to rows' questions (which group a name means), by line and option,
    /// applied again when the rows are checked again after a column changes.
    answers: Vec<(u64, String)>,
}

/// Reads the file, guesses the columns and checks every row, all on a worker thread: a
/// spreadsheet of a million rows keeps the window drawing. `lookup` is how the file's records
/// are recognised, read on the window's side first.
fn read_in_background<K: ImportKind>(
    kind: K,
    path: &Path,
    sheet: Option<String>,
    lookup: K::Lookup,
    ctx: &egui::Context,
) -> Job<ReadResult<K>> {
    let path = path.to_path_buf();
    spawn(ctx, move || {
        let table = read_spreadsheet(&path, sheet.as_deref())?;
        let sheets = match std::fs::read(&path) {
            Ok(bytes) if bytes.starts_with(b"PK\x03\x04") => xlsx::sheet_names(&bytes)?,
            _ => Vec::new(),
        };
        let mapping = kind.guess(&table.headers, &lookup);
        let plan = kind.plan(&table, &mapping, &lookup);
        Ok((table, sheets, mapping, plan, lookup))
    })
}

/// A grid cell of a fixed width: one line, left-aligned, cut short with "…" when too long.
fn cell_ui(ui: &mut Ui, width: f32, text: &str) -> egui::Response {
    ui.allocate_ui_with_layout(egui::vec2(width, 20.0), egui::Layout::left_to_right(egui::Align::Center), |ui| {
        ui.set_width(width);
        ui.add(egui::Label::new(text).truncate())
    })
    .inner
}

impl<K: ImportKind> ImportWindow<K> {
    pub fn new(kind: K, path: PathBuf, store: &Store, ctx: &egui::Context) -> Self {
        let stage = Self::start_reading(&kind, &path, None, store, ctx);
        Self {
            kind,
            path,
            stage,
            on_duplicate: OnDuplicate::Skip,
            show_problems: false,
            pending_change: None,
            unit: "line",
            answers: Vec::new(),
        }
    }

    fn start_reading(kind: &K, path: &Path, sheet: Option<String>, store: &Store, ctx: &egui::Context) -> Stage<K> {
        match kind.lookup(store) {
            Ok(lookup) => {
                Stage::Reading { job: read_in_background(kind.clone(), path, sheet.clone(), lookup, ctx), sheet }
            }
            Err(e) => Stage::Failed(format!("The file's records could not be read to import against: {e}")),
        }
    }

    /// Whether an import is running (the file must stay open until it ends).
    pub fn is_running(&self) -> bool {
        matches!(self.stage, Stage::Importing { .. })
    }

    /// Moves on when a worker has finished.
    fn poll(&mut self) {
        let next = match &mut self.stage {
            Stage::Reading { sheet, job } => job.poll().map(|outcome| match outcome {
                Ok(Ok((table, sheets, mapping, plan, lookup))) => {
                    self.unit = table.unit;
                    Stage::Mapping {
                        table: Arc::new(table),
                        sheets,
                        sheet: sheet.clone(),
                        mapping,
                        plan,
                        lookup: Arc::new(lookup),
                        replanning: None,
                    }
                }
                Ok(Err(e)) => Stage::Failed(e.to_string()),
                Err(_fault) => Stage::Failed(READ_FAULT.to_owned()),
            }),
            Stage::Importing { plan, job, .. } => job.poll().map(|outcome| match outcome {
                Ok(Ok((counts, change))) => {
                    self.pending_change = Some(change);
                    Stage::Finished { counts, plan: std::mem::take(plan) }
                }
                Ok(Err(StoreError::Cancelled)) => {
                    Stage::Failed("The import was cancelled. The file is as it was before.".to_owned())
                }
                Ok(Err(e)) => Stage::Failed(format!("Nothing was imported: {e}")),
                Err(_fault) => Stage::Failed(IMPORT_FAULT.to_owned()),
            }),
            Stage::Mapping { mapping, plan, replanning, lookup, .. } => {
                match replanning.as_ref().and_then(Job::poll) {
                    // Only the plan for the mapping shown now counts; an older one is dropped.
                    Some(Ok((planned_for, new_plan))) if planned_for == *mapping => {
                        *plan = new_plan;
                        *replanning = None;
                        apply_answers(&self.kind, plan, lookup, &self.answers);
                        None
                    }
                    Some(Ok(_)) => None,
                    Some(Err(_fault)) => Some(Stage::Failed(READ_FAULT.to_owned())),
                    None => None,
                }
            }
            _ => None,
        };
        if let Some(next) = next {
            self.stage = next;
        }
    }

    /// Starts the import the person asked for (`ImportOutcome::Start`), on a worker with its own
    /// handle on the file.
    pub fn start(&mut self, store: &mut Store, ctx: &egui::Context) {
        let Stage::Mapping { plan, .. } = &mut self.stage else { return };
        let plan = std::mem::take(plan);
        let mut worker = match store.worker_handle() {
            Ok(worker) => worker,
            Err(e) => {
                self.stage = Stage::Failed(format!("Nothing was imported: {e}"));
                return;
            }
        };
        let rows: Vec<K::Row> = plan.rows.iter().map(|r| r.row.clone()).collect();
        let total = rows.len();
        let progress = Progress::default();
        let label = format!("Import {}", display_name(&self.path));
        let (on_duplicate, kind) = (self.on_duplicate, self.kind.clone());
        let (shared, worker_ctx) = (progress.clone(), ctx.clone());
        let job = spawn(ctx, move || {
            run_import(&kind, &mut worker, &label, &rows, on_duplicate, &mut |n| shared.report(n, &worker_ctx))
        });
        self.stage = Stage::Importing { plan, total, progress, job };
    }

    /// Draws the window; returns what the app should do.
    pub fn ui(&mut self, ctx: &egui::Context, store: &Store) -> ImportOutcome {
        self.poll();
        if let Some(change) = self.pending_change.take() {
            // Shown as finished next frame; the app records the undo step now.
            return ImportOutcome::Imported(change);
        }
        let mut asked = Asked::Nothing;
        crate::ui::widgets::dialog("import_window").show(ctx, |ui| {
            ui.set_width(880.0);
            ui.heading(format!("Import {} from “{}”", K::NOUNS.1, display_name(&self.path)));
            ui.add_space(6.0);
            asked = crate::ui::widgets::dialog_body_ui(ui, |ui| match &mut self.stage {
                Stage::Reading { .. } => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Reading the file and checking every row…");
                    });
                    close_button_ui(ui, "Cancel")
                }
                Stage::Mapping { table, sheets, sheet, mapping, plan, lookup, replanning } => {
                    let choice = Choices {
                        on_duplicate: &mut self.on_duplicate,
                        show_problems: &mut self.show_problems,
                        answers: &mut self.answers,
                    };
                    let stage = MappingStage { table, sheets, sheet, mapping, plan, lookup, replanning };
                    mapping_stage_ui(ui, &self.kind, stage, choice, self.unit)
                }
                Stage::Importing { total, progress, .. } => {
                    let done = progress.done().min(*total);
                    let fraction = if *total == 0 { 1.0 } else { done as f32 / *total as f32 };
                    ui.label(format!("Importing… {} of {} rows", thousands(done as u64), thousands(*total as u64)));
                    ui.add(egui::ProgressBar::new(fraction).show_percentage());
                    if ui.button("Cancel").on_hover_text("Stop and leave the file as it was").clicked() {
                        progress.cancel();
                    }
                    Asked::Nothing
                }
                Stage::Finished { counts, plan } => {
                    ui.label(
                        RichText::new(format!(
                            "Imported {}, updated {}, skipped {}, not imported {}.",
                            thousands(counts.imported as u64),
                            thousands(counts.updated as u64),
                            thousands(counts.skipped as u64),
                            thousands(plan.errors.len() as u64)
                        ))
                        .strong(),
                    );
                    ui.label(format!("{} takes the whole import back.", UiCommand::Undo.menu_path()));
                    problems_ui(ui, plan, self.unit, &mut self.show_problems);
                    close_button_ui(ui, "Close")
                }
                Stage::Failed(message) => {
                    ui.colored_label(theme::ERROR_RED, message.as_str());
                    close_button_ui(ui, "Close")
                }
            });
        });
        match asked {
            Asked::Nothing => ImportOutcome::Open,
            Asked::Close => ImportOutcome::Closed,
            Asked::Start => ImportOutcome::Start,
            Asked::Reread(sheet) => {
                self.stage = Self::start_reading(&self.kind, &self.path, sheet, store, ctx);
                ImportOutcome::Open
            }
        }
    }
}

/// What the person asked of the window this frame.
enum Asked {
    Nothing,
    Close,
    Start,
    /// Read the file again, from this sheet.
    Reread(Option<String>),
}

/// The mapping stage's parts, borrowed from the window for one frame.
struct MappingStage<'a, K: ImportKind> {
    table: &'a Arc<Table>,
    sheets: &'a [String],
    sheet: &'a Option<String>,
    mapping: &'a mut Mapping<K::Field>,
    plan: &'a mut Plan<K::Row>,
    lookup: &'a Arc<K::Lookup>,
    replanning: &'a mut Option<Replan<K>>,
}

/// What the person chooses in the mapping stage.
struct Choices<'a> {
    on_duplicate: &'a mut OnDuplicate,
    show_problems: &'a mut bool,
    answers: &'a mut Vec<(u64, String)>,
}

/// The person's earlier answers, given again to the rows that ask the same question.
fn apply_answers<K: ImportKind>(kind: &K, plan: &mut Plan<K::Row>, lookup: &K::Lookup, answers: &[(u64, String)]) {
    for row in &mut plan.rows {
        let Some(question) = K::question(&row.row) else { continue };
        let answer = answers.iter().find(|(line, _)| *line == row.line);
        if let Some(choice) = answer.and_then(|(_, words)| question.options.iter().position(|o| o == words)) {
            kind.answer(&mut row.row, choice, lookup);
        }
    }
}

fn close_button_ui(ui: &mut Ui, text: &str) -> Asked {
    if ui.button(text).clicked() { Asked::Close } else { Asked::Nothing }
}

/// The sheet, the columns, the preview, what to do with duplicates, the problems, and Import.
fn mapping_stage_ui<K: ImportKind>(
    ui: &mut Ui,
    kind: &K,
    stage: MappingStage<'_, K>,
    choices: Choices<'_>,
    unit: &str,
) -> Asked {
    let mut asked = sheet_ui(ui, stage.sheets, stage.sheet);
    ui.label(format!(
        "{} ({}). Check which column is which; the preview shows the first rows as they will be imported.",
        count_of(stage.table.rows.len() as u64, "row", "rows"),
        stage.table.encoding
    ));
    encoding_note_ui(ui, stage.table, unit);
    ui.add_space(4.0);
    if mapping_ui(ui, kind, stage.lookup, stage.table, stage.mapping) {
        let (kind, table, lookup, mapping) =
            (kind.clone(), Arc::clone(stage.table), Arc::clone(stage.lookup), stage.mapping.clone());
        *stage.replanning = Some(spawn(ui.ctx(), move || {
            let plan = kind.plan(&table, &mapping, &lookup);
            (mapping, plan)
        }));
    }
    if stage.replanning.is_some() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Checking every row again with the columns as they are now…");
        });
    }
    let left_out = stage.mapping.unmapped_headers(&stage.table.headers);
    if !left_out.is_empty() {
        ui.label(format!("Not imported: {}.", left_out.join(", ")));
    }
    for note in kind.mapping_notes(stage.mapping, &stage.table.headers) {
        ui.colored_label(theme::WARNING_TEXT, note);
    }
    ui.add_space(6.0);
    preview_ui::<K>(ui, stage.plan);
    questions_ui(ui, kind, stage.plan, stage.lookup, choices.answers, unit);
    ui.add_space(6.0);
    duplicates_ui::<K>(ui, stage.plan, choices.on_duplicate);
    doubtful_ui::<K>(ui, stage.plan, stage.replanning.is_some());
    matches_ui::<K>(ui, stage.plan, *choices.on_duplicate, unit);
    problems_ui(ui, stage.plan, unit, choices.show_problems);
    ui.add_space(8.0);
    if let Some(chosen) = import_buttons_ui::<K>(ui, stage.mapping, stage.plan, stage.replanning.is_some()) {
        asked = chosen;
    }
    asked
}
