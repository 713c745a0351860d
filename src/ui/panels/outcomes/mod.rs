//! The Outcomes panel: the programme's report (figures, tables and charts, for a cohort or all),
//! with the report as a PDF and its figures as a spreadsheet; and, under Record, the form for a
//! day's outcome with its team's feedback.
//!
//! Files: [`report`] (the figures, tables and charts), [`record`] (the list of days and the form).

mod record;
mod report;

use egui::Ui;

use crate::model::report::Report;
use crate::model::{CohortId, PlacementId};
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::widgets::heading_ui;

/// Which part of the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Report,
    Record,
}

/// What a report on screen was counted for: the file's revision and the cohort.
type ReportKey = (u64, Option<CohortId>);

#[derive(Default)]
pub struct OutcomesPanel {
    tab: Tab,
    /// The cohort reported on (`None`: all cohorts).
    cohort: Option<CohortId>,
    /// The report, for (revision, cohort).
    report: Option<(ReportKey, Result<Report, String>)>,
    pdf: report::PdfJob,
    record: record::Record,
    /// The cohorts to choose from, read once per change to the file.
    cohorts: Option<crate::ui::panels::Cached<Vec<crate::model::Cohort>>>,
}

impl OutcomesPanel {
    /// Opens the form for one placement (from the board's chip menu).
    pub fn record(&mut self, placement: PlacementId) {
        self.tab = Tab::Record;
        self.record.select(placement);
    }

    /// Undo, redo or restore changed the file: the form reads it again.
    pub fn document_reloaded(&mut self) {
        self.record.reload();
    }

    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        heading_ui(ui, "Outcomes", "What happened on each day, what people learnt, and the programme's report");
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.tab, Tab::Report, "Report");
            ui.selectable_value(&mut self.tab, Tab::Record, "Record a day's outcome");
        });
        ui.add_space(6.0);
        match self.tab {
            Tab::Report => self.report_ui(ui, doc),
            Tab::Record => self.record.ui(ui, doc),
        }
    }

    fn report_ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let mut commands = Vec::new();
        let cohorts = match crate::ui::panels::cached(&mut self.cohorts, doc, || doc.store.cohorts()) {
            Ok(cohorts) => cohorts.clone(),
            Err(e) => {
                ui.colored_label(crate::ui::theme::ERROR_RED, e);
                return commands;
            }
        };
        ui.horizontal(|ui| {
            let label = ui.label("Cohort:").id;
            let options: Vec<(CohortId, &str)> = cohorts.iter().map(|c| (c.id, c.name.as_str())).collect();
            crate::ui::widgets::optional_choice_ui(
                ui,
                "outcomes_cohort",
                label,
                &mut self.cohort,
                "All cohorts",
                options,
                Some(240.0),
            );
            commands.extend(self.pdf.buttons_ui(ui, doc, self.cohort));
            if ui.button("Save the figures…").on_hover_text("The figures as a CSV or Excel spreadsheet").clicked() {
                commands.push(Command::ExportReport(self.cohort));
            }
        });
        ui.add_space(6.0);
        let key = (doc.revision, self.cohort);
        if self.report.as_ref().is_none_or(|(k, _)| *k != key) {
            let made = doc
                .store
                .report_facts(self.cohort)
                .map(|f| crate::model::report::report(&f))
                .map_err(|e| e.to_string());
            self.report = Some((key, made));
        }
        match self.report.as_ref().map(|(_, r)| r) {
            Some(Ok(figures)) => report::report_ui(ui, figures),
            Some(Err(e)) => {
                ui.colored_label(
                    crate::ui::theme::ERROR_RED,
                    format!("The report could not be read from the file: {e}"),
                );
            }
            None => {}
        }
        commands
    }
}
