//! The report on screen: the figures, the practices' ratings and answers, and the breakdowns by
//! neighbourhood (with a chart), organisation and host group; "Save the report as PDF…" lays it
//! out on a worker first.

use std::sync::Arc;

use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, Corner, Legend, Plot};

use crate::model::CohortId;
use crate::model::outcomes::HostAgain;
use crate::model::report::{Breakdown, Report};
use crate::model::text::{count_of, decimal, percent};
use crate::print::{PrintError, prepare_report, typeset};
use crate::ui::app::Document;
use crate::ui::command::{Command, Finished};
use crate::ui::theme;
use crate::ui::worker::{Job, spawn};

fn pct(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), percent)
}

fn one(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), |v| decimal(v, 1))
}

/// The report's PDF, while it is laid out.
#[derive(Default)]
pub(super) struct PdfJob {
    job: Option<Job<Result<Finished, PrintError>>>,
    said: Option<String>,
}

impl PdfJob {
    /// "Save the report as PDF…", a spinner while it is made, then the save dialog.
    pub(super) fn buttons_ui(&mut self, ui: &mut Ui, doc: &Document, cohort: Option<CohortId>) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(job) = &self.job {
            match job.poll() {
                None => {
                    ui.spinner();
                    ui.label("Laying out the report…");
                    return commands;
                }
                Some(Ok(Ok(finished))) => commands.push(Command::SavePdf(finished)),
                Some(Ok(Err(e))) => self.said = Some(e.to_string()),
                Some(Err(_)) => self.said = Some("The report stopped because of a fault in the program.".to_owned()),
            }
            self.job = None;
        }
        if ui.button("Save the report as PDF…").clicked() {
            let today = chrono::Local::now().date_naive();
            match prepare_report(&doc.store, cohort, today) {
                Ok(prepared) => {
                    self.said = None;
                    self.job = Some(spawn(ui.ctx(), move || {
                        let printed = typeset(&prepared, today)?;
                        let bytes = Arc::new(printed.pdf()?);
                        let file_name = format!("{}.pdf", crate::exchange::files::safe_file_name(&prepared.title));
                        Ok(Finished { title: prepared.title, file_name, bytes })
                    }));
                }
                Err(e) => self.said = Some(e.to_string()),
            }
        }
        if let Some(said) = &self.said {
            ui.colored_label(theme::ERROR_RED, said.as_str());
        }
        commands
    }
}

/// The whole report, in a scrolling column.
pub(super) fn report_ui(ui: &mut Ui, r: &Report) {
    egui::ScrollArea::vertical().id_salt("outcomes_report").auto_shrink([false, false]).show(ui, |ui| {
        let span = match (r.first_day, r.last_day) {
            (Some(a), Some(b)) => crate::model::dates::uk_date_range(a, b),
            _ => "No days placed yet".to_owned(),
        };
        ui.label(egui::RichText::new(format!("{} · {span}", r.scope)).strong());
        ui.add_space(4.0);
        let facts = [
            ("Teams placed", r.teams_placed.to_string()),
            ("Teams gone out", r.teams_gone_out.to_string()),
            ("Team-days", r.team_days.to_string()),
            ("Person-hours given", decimal(r.person_hours, 1)),
            ("Local people taking part", r.local_people.to_string()),
            ("Groups reached", r.groups_reached.to_string()),
            ("Neighbourhoods reached", r.neighbourhoods_words()),
            (
                "Completion rate",
                format!(
                    "{} of {} recorded",
                    pct(r.completion.rate),
                    count_of(r.completion.recorded as u64, "day", "days")
                ),
            ),
            ("Feedback responses", r.feedback_responses.to_string()),
            ("Teams mixing four or more organisations", r.teams_mixing_four_or_more.to_string()),
            (
                "Would host again",
                HostAgain::ALL
                    .iter()
                    .zip(r.host_again)
                    .map(|(a, n)| format!("{}: {n}", a.label()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ];
        let facts: Vec<(&str, String)> = facts.into_iter().collect();
        crate::ui::widgets::facts_grid_ui(ui, "outcomes_figures", &facts);
        ui.add_space(10.0);
        practices_ui(ui, r);
        ui.add_space(10.0);
        ui.heading("Neighbourhoods");
        neighbourhood_chart_ui(ui, &r.by_neighbourhood);
        breakdown_ui(ui, "outcomes_hoods", &r.by_neighbourhood, Third::Completed);
        ui.add_space(10.0);
        ui.heading("Participants' organisations");
        breakdown_ui(ui, "outcomes_orgs", &r.by_organisation, Third::People);
        ui.add_space(10.0);
        ui.heading("Host groups");
        breakdown_ui(ui, "outcomes_groups", &r.by_group, Third::Group);
        if !r.repeat_hosts.is_empty() {
            let names: Vec<String> =
                r.repeat_hosts.iter().map(|(g, n)| format!("{g} ({})", count_of(*n as u64, "day", "days"))).collect();
            ui.label(format!("Hosted more than once: {}.", names.join(", ")));
        }
    });
}

const SHADES: [Color32; 5] = [
    Color32::from_rgb(0xD5, 0x28, 0x1B),
    Color32::from_rgb(0xED, 0x8B, 0x00),
    Color32::from_rgb(0xAE, 0xB7, 0xBD),
    Color32::from_rgb(0x41, 0xB6, 0xE6),
    Color32::from_rgb(0x00, 0x5E, 0xB8),
];

/// Each practice's mean, and its answers from 1 to 5 as stacked bars.
fn practices_ui(ui: &mut Ui, r: &Report) {
    ui.heading("What the participants practised");
    egui::Grid::new("outcomes_practices").striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        ui.strong("Practice");
        ui.strong("Mean (1–5)");
        ui.strong("Responses");
        ui.strong("Answers 1, 2, 3, 4, 5");
        ui.end_row();
        for p in &r.practices {
            ui.label(&p.practice);
            ui.label(one(p.mean));
            ui.label(p.responses.to_string());
            ui.label(p.counts.iter().map(usize::to_string).collect::<Vec<_>>().join(", "));
            ui.end_row();
        }
    });
    if r.practices.iter().all(|p| p.responses == 0) {
        ui.weak("No ratings yet: they come from the team's feedback, recorded or imported.");
        return;
    }
    // Each practice's answers as shares of its responses, the first practice at the top; the
    // legend sits in the room kept to the right of 100%.
    let n = r.practices.len();
    let at = |i: usize| (n - 1 - i) as f64;
    let mut charts: Vec<BarChart> = Vec::new();
    for (rating, shade) in SHADES.iter().enumerate() {
        let bars = r
            .practices
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let share = 100.0 * p.counts[rating] as f64 / p.responses.max(1) as f64;
                Bar::new(at(i), share)
                    .name(format!("{}: {} rated {}", p.practice, p.counts[rating], rating + 1))
                    .width(0.6)
            })
            .collect();
        let mut chart = BarChart::new(format!("Rated {}", rating + 1), bars).color(*shade).horizontal();
        let below: Vec<&BarChart> = charts.iter().collect();
        chart = chart.stack_on(&below);
        charts.push(chart);
    }
    let names: Vec<String> = r.practices.iter().map(|p| short(&p.practice, 34)).collect();
    Plot::new("outcomes_practice_chart")
        .height(50.0 + 34.0 * n as f32)
        .legend(Legend::default().position(Corner::RightTop))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_x(0.0)
        .include_x(135.0)
        .include_y(-0.5)
        .include_y(n as f64 - 0.5)
        .show_grid([true, false])
        .y_axis_min_width(230.0)
        .x_axis_formatter(|mark, _| {
            if (0.0..=100.0).contains(&mark.value) { format!("{:.0}%", mark.value) } else { String::new() }
        })
        .y_grid_spacer(every_row)
        .y_axis_formatter(move |mark, _| row_name(&names, mark.value))
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
}

/// A name cut to `most` characters, with an ellipsis when cut.
fn short(name: &str, most: usize) -> String {
    if name.chars().count() <= most {
        return name.to_owned();
    }
    let cut: String = name.chars().take(most - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Team-days in each neighbourhood, every one shown and named, the first at the top.
fn neighbourhood_chart_ui(ui: &mut Ui, rows: &[Breakdown]) {
    let n = rows.len();
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, row)| Bar::new((n - 1 - i) as f64, row.team_days as f64).name(&row.name).width(0.7))
        .collect();
    let names: Vec<String> = rows.iter().map(|row| short(&row.name, 28)).collect();
    Plot::new("outcomes_hood_chart")
        .height(50.0 + 24.0 * n as f32)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_y(-0.5)
        .include_y(n as f64 - 0.5)
        .include_x(0.0)
        .include_x(1.0)
        .show_grid([true, false])
        .x_axis_label("Team-days")
        .y_axis_min_width(200.0)
        .y_grid_spacer(every_row)
        .y_axis_formatter(move |mark, _| row_name(&names, mark.value))
        .show(ui, |plot| plot.bar_chart(BarChart::new("Team-days", bars).color(theme::NHS_BLUE).horizontal()));
}

/// A grid mark at each row of a chart of horizontal bars, so that every row is named.
fn every_row(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (low, high) = (input.bounds.0.ceil().max(0.0), input.bounds.1.floor());
    let mut marks = Vec::new();
    let mut at = low;
    while at <= high && marks.len() < 200 {
        marks.push(egui_plot::GridMark { value: at, step_size: 1.0 });
        at += 1.0;
    }
    marks
}

/// The name of the row at `value` (rows counted from the bottom, names from the top).
fn row_name(names: &[String], value: f64) -> String {
    let i = value.round();
    let index = names.len() as f64 - 1.0 - i;
    if (value - i).abs() < 0.01 && index >= 0.0 {
        names.get(index as usize).cloned().unwrap_or_default()
    } else {
        String::new()
    }
}

/// What a breakdown's extra columns are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Third {
    Completed,
    People,
    Group,
}

fn breakdown_ui(ui: &mut Ui, salt: &str, rows: &[Breakdown], third: Third) {
    egui::Grid::new(salt).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        for h in ["Name", "Placed", "Team-days", "Person-hours"] {
            ui.strong(h);
        }
        match third {
            Third::Completed => ui.strong("Completed"),
            Third::People => ui.strong("People"),
            Third::Group => {
                ui.strong("Completed");
                ui.strong("Useful (1–5)");
                ui.strong("Would host again")
            }
        };
        ui.end_row();
        for row in rows {
            let quiet = row.placed == 0;
            let name = if quiet {
                egui::RichText::new(format!("{} (no team yet)", row.name)).weak()
            } else {
                egui::RichText::new(&row.name)
            };
            ui.label(name);
            ui.label(row.placed.to_string());
            ui.label(row.team_days.to_string());
            ui.label(decimal(row.person_hours, 1));
            match third {
                Third::Completed => ui.label(row.completed.to_string()),
                Third::People => ui.label(row.people.to_string()),
                Third::Group => {
                    ui.label(row.completed.to_string());
                    ui.label(one(row.usefulness));
                    ui.label(row.host_again.clone().unwrap_or_default())
                }
            };
            ui.end_row();
        }
    });
}
