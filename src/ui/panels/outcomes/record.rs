//! Recording a day's outcome: the days that have come (or are marked done) on the left, the form
//! on the right: how the day went, the host group's view, and a table of the team's feedback (a
//! row per member, a column per practice, a rating typed as a digit: Tab moves on). Save is one
//! undo step for the whole form.

use std::collections::BTreeMap;

use egui::Ui;

use crate::edit::OutcomesEdit;
use crate::model::checks::FieldProblem;
use crate::model::dates::uk_date;
use crate::model::outcomes::{DayResult, Feedback, HostAgain, Outcome, check_outcome, parse_rating};
use crate::model::{OutcomeFormField, ParticipantId, PlacementId, PlacementStatus, PlacementSummary, PracticeId};
use crate::store::{Store, StoreError};
use crate::ui::app::Document;
use crate::ui::command::{Command, UiCommand};
use crate::ui::theme;
use crate::ui::widgets::{FormAction, field_problems_ui, form_header_ui, optional_choice_ui};

/// One member's row of the feedback table, as typed.
struct MemberRow {
    participant: ParticipantId,
    name: String,
    ratings: Vec<String>,
    learnt: String,
    differently: String,
    given_on: Option<chrono::NaiveDate>,
}

/// The form, as typed.
struct Form {
    placement: PlacementId,
    title: String,
    result: Option<DayResult>,
    reason: String,
    hours: String,
    local_people: String,
    summary: String,
    usefulness: Option<u8>,
    host_again: Option<HostAgain>,
    group_comment: String,
    practices: Vec<(PracticeId, String)>,
    members: Vec<MemberRow>,
    problems: Vec<FieldProblem<OutcomeFormField>>,
}

fn number_text<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

impl Form {
    /// The form for a placement, filled from the file.
    fn load(store: &Store, p: &PlacementSummary) -> Result<Self, StoreError> {
        let outcome = store.outcome(p.id)?;
        let feedback = store.feedback_of(p.id)?;
        let practices: Vec<(PracticeId, String)> = store.practices()?.into_iter().map(|x| (x.id, x.name)).collect();
        let members = store
            .participants(p.cohort)?
            .into_iter()
            .filter(|m| m.team == Some(p.team))
            .map(|m| {
                let given = feedback.iter().find(|f| f.participant == Some(m.id));
                MemberRow {
                    participant: m.id,
                    name: m.name,
                    ratings: practices
                        .iter()
                        .map(|(id, _)| number_text(given.and_then(|f| f.ratings.get(id).copied())))
                        .collect(),
                    learnt: given.map(|f| f.learnt.clone()).unwrap_or_default(),
                    differently: given.map(|f| f.differently.clone()).unwrap_or_default(),
                    given_on: given.and_then(|f| f.given_on),
                }
            })
            .collect();
        let o = outcome.clone().unwrap_or_default();
        Ok(Self {
            placement: p.id,
            title: format!("{} ({}), {}: {}", p.team_name, p.cohort_name, uk_date(p.day), p.group_name),
            result: outcome.map(|o| o.result),
            reason: o.reason,
            hours: number_text(o.hours),
            local_people: number_text(o.local_people),
            summary: o.summary,
            usefulness: o.group_usefulness,
            host_again: o.host_again,
            group_comment: o.group_comment,
            practices,
            members,
            problems: Vec::new(),
        })
    }

    /// The edit the form makes, or its problems.
    fn edit(&self) -> Result<OutcomesEdit, Vec<FieldProblem<OutcomeFormField>>> {
        let mut problems = Vec::new();
        let mut problem = |field: OutcomeFormField, message: String| problems.push(FieldProblem { field, message });
        let hours = match self.hours.trim().replace(',', ".").trim_end_matches(['h', 's', ' ']) {
            "" => None,
            text => match text.parse::<f64>() {
                Ok(h) => Some(h),
                Err(_) => {
                    problem(
                        OutcomeFormField::Hours,
                        format!("“{}” is not a number of hours (like 5.5).", self.hours.trim()),
                    );
                    None
                }
            },
        };
        let local_people = match self.local_people.trim() {
            "" => None,
            text => text
                .parse::<u32>()
                .map_err(|_| problem(OutcomeFormField::LocalPeople, format!("“{text}” is not a number.")))
                .ok(),
        };
        let outcome = self.result.map(|result| Outcome {
            result,
            reason: self.reason.clone(),
            hours,
            local_people,
            summary: self.summary.clone(),
            group_usefulness: self.usefulness,
            host_again: self.host_again,
            group_comment: self.group_comment.clone(),
        });
        if let Some(o) = &outcome {
            for p in check_outcome(o) {
                problem(p.field, p.message);
            }
        }
        let mut feedback = Vec::new();
        for m in &self.members {
            let mut ratings = BTreeMap::new();
            for ((practice, name), text) in self.practices.iter().zip(&m.ratings) {
                if text.trim().is_empty() {
                    continue;
                }
                match parse_rating(text) {
                    Some(r) => {
                        ratings.insert(*practice, r);
                    }
                    None => problem(
                        OutcomeFormField::Ratings,
                        format!("{}'s rating for “{name}” is not from 1 to 5.", m.name),
                    ),
                }
            }
            let given_on = m.given_on.or_else(|| Some(chrono::Local::now().date_naive()));
            feedback.push(Feedback {
                participant: Some(m.participant),
                ratings,
                learnt: m.learnt.clone(),
                differently: m.differently.clone(),
                given_on,
            });
        }
        if problems.is_empty() {
            Ok(OutcomesEdit::Save { placement: self.placement, outcome, feedback })
        } else {
            Err(problems)
        }
    }
}

#[derive(Default)]
pub(super) struct Record {
    selected: Option<PlacementId>,
    form: Option<Form>,
    /// The file's placements, read once per change to the file rather than every frame.
    placements: Option<crate::ui::panels::Cached<Vec<PlacementSummary>>>,
}

impl Record {
    pub(super) fn select(&mut self, placement: PlacementId) {
        self.selected = Some(placement);
        self.form = None;
    }

    pub(super) fn reload(&mut self) {
        self.form = None;
    }

    /// The days that have come (or were marked done), latest first, in a list on the left.
    fn days_list_ui(&mut self, ui: &mut Ui, days: &[PlacementSummary]) {
        let most = (ui.available_width() * 0.45).max(220.0);
        let panel = egui::Panel::left("outcomes_days").resizable(true).default_size(300.0).min_size(220.0);
        panel.max_size(most).show(ui, |ui| {
            ui.strong("Days out, latest first");
            egui::ScrollArea::vertical().id_salt("outcomes_day_list").show(ui, |ui| {
                for p in days {
                    let label = format!("{} · {} ({})\n{}", uk_date(p.day), p.team_name, p.cohort_name, p.group_name);
                    if ui.selectable_label(self.selected == Some(p.id), label).clicked() {
                        self.select(p.id);
                    }
                }
            });
        });
    }

    pub(super) fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let today = chrono::Local::now().date_naive();
        let all = match crate::ui::panels::cached(&mut self.placements, doc, || doc.store.placement_summaries()) {
            Ok(all) => all,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return Vec::new();
            }
        };
        let days: Vec<PlacementSummary> = all
            .iter()
            .filter(|p| p.status.is_live() && (p.day <= today || p.status == PlacementStatus::Done))
            .rev()
            .cloned()
            .collect();
        let mut commands = Vec::new();
        // A day asked for (from the board) that has not come: say when it can be recorded.
        let waiting = self.selected.and_then(|id| all.iter().find(|p| p.id == id && !days.iter().any(|d| d.id == id)));
        if let Some(p) = waiting {
            still_to_come_ui(ui, p, &mut commands);
        }
        if days.is_empty() {
            if waiting.is_none() {
                no_day_yet_ui(ui, all, today, &mut commands);
            }
            return commands;
        }
        self.days_list_ui(ui, &days);
        let Some(chosen) = self.selected.and_then(|id| days.iter().find(|p| p.id == id)) else {
            ui.label("Choose a day on the left to record how it went.");
            return commands;
        };
        if self.form.as_ref().is_none_or(|f| f.placement != chosen.id) {
            match Form::load(&doc.store, chosen) {
                Ok(form) => self.form = Some(form),
                Err(e) => {
                    ui.colored_label(theme::ERROR_RED, format!("This day could not be read from the file: {e}"));
                    return commands;
                }
            }
        }
        let Some(form) = self.form.as_mut() else { return commands };
        egui::ScrollArea::vertical().id_salt("outcomes_form").auto_shrink([false, false]).show(ui, |ui| {
            let action = form_header_ui(ui, &form.title, "Save", "Close", doc.store.access(), &form.problems);
            match action {
                FormAction::Save => match form.edit() {
                    Ok(edit) => {
                        form.problems.clear();
                        commands.push(Command::edit(edit));
                    }
                    Err(problems) => form.problems = problems,
                },
                FormAction::Close => self.selected = None,
                FormAction::None => {}
            }
            day_ui(ui, form);
            ui.add_space(8.0);
            feedback_ui(ui, form);
        });
        if self.selected.is_none() {
            self.form = None;
        }
        commands
    }
}

/// How the day went, and the host group's view.
fn day_ui(ui: &mut Ui, form: &mut Form) {
    egui::Grid::new("outcome_day").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        let label = ui.label("How it went").id;
        let results: Vec<(DayResult, &str)> = DayResult::ALL.iter().map(|r| (*r, r.label())).collect();
        optional_choice_ui(ui, "outcome_result", label, &mut form.result, "Not recorded yet", results, Some(220.0));
        ui.end_row();
        let problems = form.problems.clone();
        crate::ui::widgets::form_text_row(
            ui,
            "Why not completed",
            &mut form.reason,
            2,
            420.0,
            &problems,
            OutcomeFormField::Reason,
        );
        crate::ui::widgets::form_text_row(
            ui,
            "Hours each member spent",
            &mut form.hours,
            1,
            80.0,
            &problems,
            OutcomeFormField::Hours,
        );
        crate::ui::widgets::form_text_row(
            ui,
            "Local people taking part",
            &mut form.local_people,
            1,
            80.0,
            &problems,
            OutcomeFormField::LocalPeople,
        );
        crate::ui::widgets::form_text_row(
            ui,
            "What the team did",
            &mut form.summary,
            2,
            420.0,
            &problems,
            OutcomeFormField::Summary,
        );
        let label = ui.label("How useful to the group (1–5)").id;
        let scale: Vec<(u8, &str)> = vec![(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")];
        optional_choice_ui(ui, "outcome_useful", label, &mut form.usefulness, "Not said", scale, Some(120.0));
        ui.end_row();
        let label = ui.label("Would the group host again").id;
        let answers: Vec<(HostAgain, &str)> = HostAgain::ALL.iter().map(|h| (*h, h.label())).collect();
        optional_choice_ui(ui, "outcome_again", label, &mut form.host_again, "Not said", answers, Some(120.0));
        ui.end_row();
        crate::ui::widgets::form_text_row(
            ui,
            "The group's comment",
            &mut form.group_comment,
            2,
            420.0,
            &problems,
            OutcomeFormField::GroupComment,
        );
    });
}

/// A row per member: a rating (1 to 5) for each practice, what they learnt, what they would do
/// differently.
fn feedback_ui(ui: &mut Ui, form: &mut Form) {
    ui.heading("The team's feedback");
    ui.weak("Type a rating from 1 to 5 for each practice; Tab moves to the next. A row left empty records nothing.");
    field_problems_ui(ui, &form.problems, OutcomeFormField::Ratings);
    // A solid scroll bar, below the rows rather than over them: a floating one lay over the
    // grid's rows, and a click there landed on the bar.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::horizontal().id_salt("outcome_feedback_scroll").show(ui, |ui| {
        egui::Grid::new("outcome_feedback").striped(true).spacing([8.0, 4.0]).show(ui, |ui| {
            ui.strong("Member");
            // Each practice's name over its column, wrapped at words in a column wide enough
            // for a word (a grid cell alone would wrap it letter by letter).
            for (_, name) in &form.practices {
                ui.allocate_ui_with_layout(egui::vec2(120.0, 48.0), egui::Layout::top_down(egui::Align::Min), |ui| {
                    ui.set_width(120.0);
                    ui.add(egui::Label::new(egui::RichText::new(name).strong().size(12.0)).wrap()).on_hover_text(name);
                });
            }
            ui.strong("What they learnt");
            ui.strong("What they would do differently");
            ui.end_row();
            let practices = form.practices.clone();
            for m in &mut form.members {
                ui.label(&m.name);
                // Each field named for its member and column, as a screen reader says it.
                for ((_, practice), rating) in practices.iter().zip(m.ratings.iter_mut()) {
                    let name = format!("{}: {practice}", m.name);
                    ui.add(egui::TextEdit::singleline(rating).desired_width(28.0).char_limit(12))
                        .on_hover_text(&name)
                        .accessible_name(name);
                }
                ui.add(egui::TextEdit::singleline(&mut m.learnt).desired_width(190.0))
                    .accessible_name(format!("{}: what they learnt", m.name));
                ui.add(egui::TextEdit::singleline(&mut m.differently).desired_width(190.0))
                    .accessible_name(format!("{}: what they would do differently", m.name));
                ui.end_row();
            }
        });
    });
}

/// No day has come yet: when the first one does (or that none is placed), and the way to the
/// board.
fn no_day_yet_ui(ui: &mut Ui, all: &[PlacementSummary], today: chrono::NaiveDate, commands: &mut Vec<Command>) {
    let next = all.iter().filter(|p| p.status.is_live() && p.day > today).min_by_key(|p| p.day);
    match next {
        Some(p) => {
            ui.label(format!(
                "No team's day has come yet: the first is {} ({}, {}). Its outcome is recorded here on the day \
                 or after it.",
                uk_date(p.day),
                p.team_name,
                p.cohort_name
            ));
        }
        None => {
            ui.label(
                "No team is placed yet. Place teams on the board; each day's outcome is recorded here once it has \
                 come.",
            );
        }
    }
    if ui.button("Go to the board").clicked() {
        commands.push(Command::Ui(UiCommand::ShowBoard));
    }
}

/// A day asked for that has not come yet, nor been marked done: when its outcome can be
/// recorded, and the way on.
fn still_to_come_ui(ui: &mut Ui, p: &PlacementSummary, commands: &mut Vec<Command>) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.strong(format!("{}'s day is {}: it has not come yet.", p.team_name, uk_date(p.day)));
        ui.label(
            "Its outcome is recorded here on the day or after it. If the day has happened early, \
             mark it done on the board (the day's menu) and record it then.",
        );
        if ui.button("Go to the board").clicked() {
            commands.push(Command::Ui(UiCommand::ShowBoard));
        }
    });
    ui.add_space(6.0);
}
