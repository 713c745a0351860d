//! "Ask for offers…": what a coordinator does first. To every group still running, to the groups
//! the list shows now (a neighbourhood, a search), or to the group chosen: a letter to each with
//! the reply to fill in (PDF), the same as a mail merge (Excel or CSV), or the questions for an
//! online form whose export imports as offers as it comes (`exchange::offer_request`). The
//! document is made on a worker (a letter a group, 1,500 pages for a whole register), then saved
//! where the coordinator chooses.

use chrono::NaiveDate;
use egui::Ui;

use crate::exchange::offer_request::{
    RequestFormat, RequestProgramme, groups_to_ask, request_bytes, request_programme,
};
use crate::model::text::count_of;
use crate::model::{GroupId, GroupRecord};
use crate::store::Store;
use crate::ui::command::{Command, Finished};
use crate::ui::theme;
use crate::ui::widgets::date_picker_ui;
use crate::ui::worker::{Job, spawn};

/// To whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Whom {
    Every,
    Shown,
    Chosen,
}

/// The window's state while it is open.
pub(crate) struct AskWindow {
    whom: Whom,
    format: RequestFormat,
    first: NaiveDate,
    last: NaiveDate,
    /// Who signs, and the practices the letter names.
    programme: RequestProgramme,
    /// The groups still running: every one, those the list shows, the one chosen.
    every: Vec<GroupRecord>,
    shown: Vec<GroupId>,
    chosen: Option<GroupId>,
    making: Option<Job<Result<Command, String>>>,
    error: Option<String>,
}

impl AskWindow {
    /// Opens on the file as it is, with the groups the list `shown` and the one `chosen`; what
    /// cannot be read is said in the window.
    pub(crate) fn open(store: &Store, shown: Vec<GroupId>, chosen: Option<GroupId>) -> Self {
        let mut error = None;
        let mut read = |e: crate::store::StoreError| error = Some(format!("The directory could not be read: {e}"));
        let practices: Vec<String> =
            store.practices().map_err(&mut read).unwrap_or_default().into_iter().map(|p| p.name).collect();
        let cohorts = store.cohorts().map_err(&mut read).unwrap_or_default();
        let today = chrono::Local::now().date_naive();
        // With no cohort window yet, the next April and May, as most programmes run.
        let spring = |m, d| NaiveDate::from_ymd_opt(crate::demo::next_programme_year(today), m, d).unwrap_or(today);
        let programme =
            request_programme(&cohorts, None, None, None, practices.clone(), today).unwrap_or(RequestProgramme {
                first_day: spring(4, 1),
                last_day: spring(5, 31),
                coordinator: String::new(),
                coordinator_phone: String::new(),
                practices,
            });
        let every = groups_to_ask(store.group_records().map_err(&mut read).unwrap_or_default());
        let whom = if chosen.is_some() { Whom::Chosen } else { Whom::Every };
        Self {
            whom,
            format: RequestFormat::Letters,
            first: programme.first_day,
            last: programme.last_day,
            programme,
            every,
            shown,
            chosen,
            making: None,
            error,
        }
    }

    fn groups(&self) -> Vec<GroupRecord> {
        match self.whom {
            Whom::Every => self.every.clone(),
            Whom::Shown => self.every.iter().filter(|g| self.shown.contains(&g.id)).cloned().collect(),
            Whom::Chosen => self.every.iter().filter(|g| Some(g.id) == self.chosen).cloned().collect(),
        }
    }

    /// Draws the window; returns the commands it asks for and whether it is to close.
    pub(crate) fn ui(&mut self, ctx: &egui::Context) -> (Vec<Command>, bool) {
        let mut commands = Vec::new();
        let mut close = false;
        if let Some(job) = &self.making
            && let Some(outcome) = job.poll()
        {
            self.making = None;
            match outcome {
                Ok(Ok(command)) => {
                    commands.push(command);
                    close = true;
                }
                Ok(Err(e)) => self.error = Some(e),
                Err(_) => {
                    self.error = Some("The document could not be made because of a fault in the program.".to_owned())
                }
            }
        }
        crate::ui::widgets::dialog("ask_for_offers").show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Ask groups for offers");
            ui.label(
                "A letter to each group asking whether it could host a team, with the reply to fill in: the \
                 columns the offers import reads, so the replies import as they are typed up.",
            );
            ui.add_space(6.0);
            self.choices_ui(ui);
            ui.add_space(8.0);
            if let Some(error) = &self.error {
                ui.colored_label(theme::ERROR_RED, error);
            }
            ui.horizontal(|ui| {
                let groups = self.groups().len();
                let ready = (groups > 0 || self.format == RequestFormat::FormQuestions) && self.making.is_none();
                if ui.add_enabled(ready, egui::Button::new("Make and save…")).clicked() {
                    self.start(ctx);
                }
                if self.making.is_some() {
                    ui.spinner();
                    ui.label("Making it…");
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        (commands, close)
    }

    fn choices_ui(&mut self, ui: &mut Ui) {
        let shown = self.every.iter().filter(|g| self.shown.contains(&g.id)).count();
        let chosen = self.every.iter().find(|g| Some(g.id) == self.chosen).map(|g| g.group.name.clone());
        ui.label(egui::RichText::new("To").strong());
        ui.radio_value(
            &mut self.whom,
            Whom::Every,
            format!("Every group still running ({})", count_of(self.every.len() as u64, "group", "groups")),
        );
        ui.radio_value(
            &mut self.whom,
            Whom::Shown,
            format!("The groups the list shows now ({})", count_of(shown as u64, "group", "groups")),
        )
        .on_hover_text("Choose a neighbourhood or search in the Directory first");
        if let Some(name) = chosen {
            ui.radio_value(&mut self.whom, Whom::Chosen, format!("Only {name}"));
        }
        ui.label(egui::RichText::new("Teams go out").strong());
        ui.horizontal(|ui| {
            ui.label("from");
            date_picker_ui(ui, "ask_first", &mut self.first, "First day teams go out");
            ui.label("to");
            date_picker_ui(ui, "ask_last", &mut self.last, "Last day teams go out");
        });
        ui.label(egui::RichText::new("Make").strong());
        ui.radio_value(&mut self.format, RequestFormat::Letters, "Letters to print (PDF)");
        ui.radio_value(&mut self.format, RequestFormat::MailMergeXlsx, "A mail merge for Word or Outlook (Excel)");
        ui.radio_value(&mut self.format, RequestFormat::MailMergeCsv, "A mail merge for Word or Outlook (CSV)");
        ui.radio_value(
            &mut self.format,
            RequestFormat::FormQuestions,
            "Questions for Microsoft Forms or Google Forms (text)",
        );
    }

    /// Makes the document on a worker; then the app asks where to save it.
    fn start(&mut self, ctx: &egui::Context) {
        let groups = self.groups();
        let mut programme = self.programme.clone();
        programme.first_day = self.first.min(self.last);
        programme.last_day = self.first.max(self.last);
        let format = self.format;
        self.error = None;
        self.making = Some(spawn(ctx, move || make(format, &groups, &programme)));
    }
}

/// The document, as the command that saves it.
fn make(format: RequestFormat, groups: &[GroupRecord], programme: &RequestProgramme) -> Result<Command, String> {
    let today = chrono::Local::now().date_naive();
    let finished = |title: String, file_name: &str, bytes: Vec<u8>| Finished {
        title,
        file_name: file_name.to_owned(),
        bytes: std::sync::Arc::new(bytes),
    };
    if format == RequestFormat::Letters {
        let prepared = crate::print::prepare_requests(groups, programme, today).map_err(|e| e.to_string())?;
        let printed = crate::print::typeset(&prepared, today).map_err(|e| e.to_string())?;
        let title = count_of(groups.len() as u64, "letter asking for offers", "letters asking for offers");
        let bytes = printed.pdf().map_err(|e| e.to_string())?;
        return Ok(Command::SavePdf(finished(title, "Letters asking for offers.pdf", bytes)));
    }
    let file_name = match format {
        RequestFormat::MailMergeCsv => "Asking for offers.csv",
        RequestFormat::FormQuestions => "Questions for the offers form.txt",
        _ => "Asking for offers.xlsx",
    };
    let title =
        if format == RequestFormat::FormQuestions { "the form's questions" } else { "a mail merge asking for offers" };
    let bytes = request_bytes(format, groups, programme).map_err(|e| e.to_string())?;
    Ok(Command::SaveFile(finished(title.to_owned(), file_name, bytes)))
}
