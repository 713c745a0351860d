//! The Day sheets panel: choose a day, a team, a host group or a cohort's whole programme; see
//! the pages as they will print; Save PDF… or Print…. The document is laid out on a worker
//! (`print::typeset`), so the window keeps drawing; Cancel forgets it.
//!
//! Files: [`preview`] (the pages, drawn as they come into view).

mod preview;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use egui::Ui;

use super::{Cached, cached};
use crate::model::dates::uk_date;
use crate::model::sheets::{SheetChoice, SheetPlacement};
use crate::model::text::count_of;
use crate::model::{CohortId, GroupId, TeamId};
use crate::print::{PrintError, Printed, prepare, typeset};
use crate::ui::app::Document;
use crate::ui::command::{Command, Finished};
use crate::ui::theme;
use crate::ui::widgets::heading_ui;
use crate::ui::worker::{Job, spawn};

/// What there is to print: the days, teams, host groups and cohorts with a live placement, each
/// with how many placements it holds.
#[derive(Default)]
struct Choices {
    days: Vec<(NaiveDate, String)>,
    teams: Vec<(TeamId, String)>,
    groups: Vec<(GroupId, String)>,
    cohorts: Vec<(CohortId, String)>,
}

fn teams_word(n: usize) -> String {
    count_of(n as u64, "team", "teams")
}

impl Choices {
    fn from(placements: &[SheetPlacement]) -> Self {
        let mut days: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let mut teams: BTreeMap<(String, String, i64), TeamId> = BTreeMap::new();
        let mut groups: BTreeMap<(String, i64), usize> = BTreeMap::new();
        let mut cohorts: BTreeMap<(String, i64), usize> = BTreeMap::new();
        for p in placements {
            *days.entry(p.day).or_default() += 1;
            teams.insert((p.cohort_name.clone(), p.team_name.clone(), p.team.0), p.team);
            if let Some(o) = &p.offer {
                *groups.entry((o.group.name.clone(), o.group.id.0)).or_default() += 1;
            }
            *cohorts.entry((p.cohort_name.clone(), p.cohort.0)).or_default() += 1;
        }
        Self {
            days: days.into_iter().map(|(d, n)| (d, format!("{}: {} out", uk_date(d), teams_word(n)))).collect(),
            teams: teams.into_iter().map(|((cohort, team, _), id)| (id, format!("{team} ({cohort})"))).collect(),
            groups: groups
                .into_iter()
                .map(|((name, id), n)| (GroupId(id), format!("{name}: {}", count_of(n as u64, "visit", "visits"))))
                .collect(),
            cohorts: cohorts
                .into_iter()
                .map(|((name, id), n)| (CohortId(id), format!("{name}: {}", teams_word(n))))
                .collect(),
        }
    }
}

/// Which kind of document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Kind {
    #[default]
    Day,
    Team,
    Group,
    Programme,
    EveryDay,
}

impl Kind {
    const ALL: [Self; 5] = [Self::Day, Self::Team, Self::Group, Self::Programme, Self::EveryDay];

    fn label(self) -> &'static str {
        match self {
            Self::Day => "A day's sheets",
            Self::Team => "A team's sheets",
            Self::Group => "A host group's letter",
            Self::Programme => "The programme on one page",
            Self::EveryDay => "Every day's sheets",
        }
    }
}

/// A document laid out, with its PDF.
pub(super) struct Made {
    printed: Printed,
    finished: Finished,
}

/// Where the document for the current choice stands.
#[derive(Default)]
enum State {
    #[default]
    Idle,
    Making {
        key: (SheetChoice, u64),
        placements: usize,
        job: Job<Result<Made, PrintError>>,
    },
    Shown {
        key: (SheetChoice, u64),
        /// Boxed: the pages' images are most of a state.
        preview: Box<preview::Preview>,
    },
    /// Nothing to print, a fault, or cancelled: said in words until the choice changes.
    Said {
        key: (SheetChoice, u64),
        words: String,
        cancelled: bool,
    },
}

impl State {
    fn key(&self) -> Option<(SheetChoice, u64)> {
        match self {
            Self::Idle => None,
            Self::Making { key, .. } | Self::Shown { key, .. } | Self::Said { key, .. } => Some(*key),
        }
    }
}

#[derive(Default)]
pub struct DaySheetsPanel {
    choices: Option<Cached<Choices>>,
    kind: Kind,
    day: Option<NaiveDate>,
    team: Option<TeamId>,
    group: Option<GroupId>,
    cohort: Option<CohortId>,
    state: State,
}

/// A file name from a title (one every computer allows), then ".pdf".
fn file_name(title: &str) -> String {
    format!("{}.pdf", crate::exchange::files::safe_file_name(title))
}

impl DaySheetsPanel {
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let mut slot = self.choices.take();
        let commands = self.ui_with(ui, doc, &mut slot);
        self.choices = slot;
        commands
    }

    fn ui_with(&mut self, ui: &mut Ui, doc: &Document, slot: &mut Option<Cached<Choices>>) -> Vec<Command> {
        let choices = match cached(slot, doc, || doc.store.sheet_placements().map(|p| Choices::from(&p))) {
            Ok(c) => c,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return Vec::new();
            }
        };
        heading_ui(
            ui,
            "Day sheets",
            "What each team needs on the day, the host groups' letters, and the programme on one page",
        );
        if choices.days.is_empty() {
            ui.label("Day sheets appear here once teams are placed on the Board.");
            return Vec::new();
        }
        self.choose_ui(ui, choices);
        let Some(choice) = self.choice() else { return Vec::new() };
        let key = (choice, doc.revision);
        if self.state.key() != Some(key) {
            self.start(ui.ctx(), doc, key);
        }
        self.poll();
        self.result_ui(ui)
    }

    /// The kind of document and which one.
    fn choose_ui(&mut self, ui: &mut Ui, choices: &Choices) {
        ui.horizontal_wrapped(|ui| {
            for kind in Kind::ALL {
                ui.selectable_value(&mut self.kind, kind, kind.label());
            }
        });
        ui.add_space(4.0);
        ui.horizontal(|ui| match self.kind {
            Kind::Day => picker_ui(ui, "Day:", "sheets_day", &choices.days, &mut self.day),
            Kind::Team => picker_ui(ui, "Team:", "sheets_team", &choices.teams, &mut self.team),
            Kind::Group => picker_ui(ui, "Host group:", "sheets_group", &choices.groups, &mut self.group),
            Kind::Programme | Kind::EveryDay => {
                picker_ui(ui, "Cohort:", "sheets_cohort", &choices.cohorts, &mut self.cohort)
            }
        });
        ui.add_space(6.0);
    }

    fn choice(&self) -> Option<SheetChoice> {
        match self.kind {
            Kind::Day => self.day.map(SheetChoice::Day),
            Kind::Team => self.team.map(SheetChoice::Team),
            Kind::Group => self.group.map(SheetChoice::Group),
            Kind::Programme => self.cohort.map(SheetChoice::Programme),
            Kind::EveryDay => self.cohort.map(SheetChoice::EveryDay),
        }
    }

    /// Reads the placements now and lays them out on a worker.
    fn start(&mut self, ctx: &egui::Context, doc: &Document, key: (SheetChoice, u64)) {
        let today = chrono::Local::now().date_naive();
        self.state = match prepare(&doc.store, key.0, today) {
            Err(e) => State::Said { key, words: e.to_string(), cancelled: false },
            Ok(prepared) => {
                let placements = prepared.placements;
                let job = spawn(ctx, move || {
                    crate::fault::inject("print");
                    let printed = typeset(&prepared, today)?;
                    let bytes = Arc::new(printed.pdf()?);
                    let finished = Finished { file_name: file_name(&prepared.title), title: prepared.title, bytes };
                    Ok(Made { printed, finished })
                });
                State::Making { key, placements, job }
            }
        };
    }

    fn poll(&mut self) {
        let State::Making { key, job, .. } = &self.state else { return };
        let key = *key;
        match job.poll() {
            None => {}
            Some(Ok(Ok(made))) => self.state = State::Shown { key, preview: Box::new(preview::Preview::new(made)) },
            Some(Ok(Err(e))) => self.state = State::Said { key, words: e.to_string(), cancelled: false },
            Some(Err(_fault)) => {
                self.state = State::Said {
                    key,
                    words: "The document stopped because of a fault in the program: nothing was changed.".to_owned(),
                    cancelled: false,
                }
            }
        }
    }

    /// Progress, the words, or the buttons and the pages.
    fn result_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        match &mut self.state {
            State::Idle => {}
            State::Making { key, placements, .. } => {
                let key = *key;
                let mut cancel = false;
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!(
                        "Laying out {}…",
                        crate::model::text::count_of(*placements as u64, "placement", "placements")
                    ));
                    cancel = ui.button("Cancel").clicked();
                });
                if cancel {
                    self.state = State::Said { key, words: "Cancelled.".to_owned(), cancelled: true };
                }
            }
            State::Said { key, words, cancelled } => {
                let again = ui
                    .horizontal_wrapped(|ui| {
                        ui.label(words.as_str());
                        *cancelled && ui.button("Make it again").clicked()
                    })
                    .inner;
                if again {
                    key.1 = u64::MAX;
                }
            }
            State::Shown { preview, .. } => commands.extend(preview.ui(ui)),
        }
        commands
    }
}

/// A drop-down of `items`, the first chosen when none is.
fn picker_ui<I: Copy + PartialEq>(ui: &mut Ui, label: &str, salt: &str, items: &[(I, String)], value: &mut Option<I>) {
    if value.is_none_or(|v| !items.iter().any(|(i, _)| *i == v)) {
        *value = items.first().map(|(i, _)| *i);
    }
    let label = ui.label(label).id;
    let current = items.iter().find(|(i, _)| Some(*i) == *value).map_or("", |(_, name)| name.as_str());
    egui::ComboBox::from_id_salt(salt)
        .selected_text(current)
        .width(360.0)
        .height(400.0)
        .show_ui(ui, |ui| {
            for (item, name) in items {
                ui.selectable_value(value, Some(*item), name);
            }
        })
        .response
        .labelled_by(label);
}
