//! The offer editor: every field of an offer, checked when saved (the same [`OfferEdit::check`]
//! as imports), problems shown by each field, and the month view to mark blackout and extra days.

use chrono::{Datelike as _, NaiveTime};
use egui::{RichText, Ui};

use super::OffersData;
use super::month::availability_month_ui;
use crate::edit::OffersEdit;
use crate::model::dates::{parse_time, uk_date};
use crate::model::text::capitalised;
use crate::model::*;
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::widgets::month_view::WEEKDAY_SHORT;
use crate::ui::widgets::{
    FormAction, choice_ui, date_picker_ui, field_problems_ui, form_header_ui, form_text_row, optional_choice_ui,
    ticks_ui,
};

/// An offer being edited or added: what the user has typed so far, and what is wrong with it.
pub(crate) struct OfferForm {
    /// `None` while adding a new offer.
    pub id: Option<OfferId>,
    group_name: String,
    /// The group's registered address, copied into the meeting place only when asked.
    group_address: MeetingPlace,
    offer: Offer,
    start_time: String,
    finish_time: String,
    tags: String,
    month: (i32, u32),
    problems: Vec<FieldProblem<OfferFormField>>,
}

/// A time typed in the form, read as imports read one ("09:30", "9.30", "9am").
fn typed_time(
    text: &str,
    field: OfferFormField,
    fallback: NaiveTime,
    problems: &mut Vec<FieldProblem<OfferFormField>>,
) -> NaiveTime {
    parse_time(text).unwrap_or_else(|_| {
        problems.push(FieldProblem { field, message: "This is not a time (for example 09:30 or 2pm).".to_owned() });
        fallback
    })
}

impl OfferForm {
    pub(super) fn new(id: Option<OfferId>, group_name: String, group_address: MeetingPlace, offer: Offer) -> Self {
        Self {
            id,
            group_name,
            group_address,
            start_time: offer.start_time.format("%H:%M").to_string(),
            finish_time: offer.finish_time.format("%H:%M").to_string(),
            tags: offer.tags.join(", "),
            month: (offer.when.first_date.year(), offer.when.first_date.month()),
            offer,
            problems: Vec::new(),
        }
    }

    /// Checks the form; on success, the edit to save.
    fn check(&mut self) -> Option<OfferEdit> {
        let mut problems = Vec::new();
        self.offer.start_time =
            typed_time(&self.start_time, OfferFormField::StartTime, self.offer.start_time, &mut problems);
        self.offer.finish_time =
            typed_time(&self.finish_time, OfferFormField::FinishTime, self.offer.finish_time, &mut problems);
        self.offer.tags = split_tags(&self.tags);
        match OfferEdit::check(self.offer.clone()) {
            Ok(edit) if problems.is_empty() => {
                self.problems.clear();
                Some(edit)
            }
            Ok(_) => {
                self.problems = problems;
                None
            }
            Err(more) => {
                // A time that is not one is reported once, not again as "finish after start".
                let seen: Vec<OfferFormField> = problems.iter().map(|p| p.field).collect();
                problems.extend(more.into_iter().filter(|p| !seen.contains(&p.field)));
                self.problems = problems;
                None
            }
        }
    }

    /// Draws the editor; true when it is to close.
    pub(super) fn ui(&mut self, ui: &mut Ui, doc: &Document, data: &OffersData, commands: &mut Vec<Command>) -> bool {
        let title = if self.id.is_some() { "Edit offer" } else { "New offer" };
        let action = form_header_ui(ui, title, "Save offer", "Cancel", doc.store.access(), &self.problems);
        ui.label(format!("From {}", self.group_name));
        match action {
            FormAction::Save => {
                if let Some(edit) = self.check() {
                    commands.push(Command::edit(match self.id {
                        Some(id) => OffersEdit::UpdateOffer { id, edit },
                        None => OffersEdit::AddOffer(edit),
                    }));
                }
            }
            FormAction::Close => return true,
            FormAction::None => {}
        }
        ui.add_space(6.0);
        egui::Grid::new("offer_form").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
            self.what_and_where_ui(ui, data);
            self.when_ui(ui);
            self.sizes_ui(ui);
            self.practices_and_needs_ui(ui, data);
        });
        ui.add_space(8.0);
        self.days_ui(ui);
        false
    }

    fn text_rows_ui(&mut self, ui: &mut Ui, rows: &[(&str, OfferFormField, usize)]) {
        for (label, field, lines) in rows {
            let o = &mut self.offer;
            let value = match *field {
                OfferFormField::Title => &mut o.title,
                OfferFormField::Activity => &mut o.activity,
                OfferFormField::GroupGains => &mut o.group_gains,
                OfferFormField::Address => &mut o.meeting_place.address,
                OfferFormField::Town => &mut o.meeting_place.town,
                OfferFormField::Postcode => &mut o.meeting_place.postcode,
                OfferFormField::Travel => &mut o.travel,
                OfferFormField::SiteAccess => &mut o.site_access,
                OfferFormField::WhatToBring => &mut o.what_to_bring,
                OfferFormField::Requirements => &mut o.requirements,
                OfferFormField::DayContactName => &mut o.day_contact_name,
                OfferFormField::DayContactPhone => &mut o.day_contact_phone,
                // Not typed in a text row.
                _ => continue,
            };
            form_text_row(ui, label, value, *lines, 260.0, &self.problems, *field);
        }
    }

    fn what_and_where_ui(&mut self, ui: &mut Ui, data: &OffersData) {
        self.text_rows_ui(
            ui,
            &[
                ("Title", OfferFormField::Title, 1),
                ("What the team will do", OfferFormField::Activity, 3),
                ("What the group gains", OfferFormField::GroupGains, 2),
            ],
        );
        let label = ui.label("Status").id;
        let statuses = OfferStatus::ALL.iter().map(|s| (*s, s.label()));
        choice_ui(ui, "offer_status", label, &mut self.offer.status, statuses);
        ui.end_row();
        let label = ui.label("Neighbourhood").id;
        let hoods = data.neighbourhoods.iter().map(|n| (n.id, n.name.as_str()));
        optional_choice_ui(ui, "offer_neighbourhood", label, &mut self.offer.neighbourhood, "None", hoods, Some(260.0));
        ui.end_row();
        self.meeting_place_ui(ui);
        self.text_rows_ui(
            ui,
            &[("Getting there", OfferFormField::Travel, 2), ("Site accessibility", OfferFormField::SiteAccess, 2)],
        );
    }

    /// Where the team meets the group: the address, town and postcode as the group gives them,
    /// the group's own address one click away, and what is missing said at once.
    fn meeting_place_ui(&mut self, ui: &mut Ui) {
        self.text_rows_ui(
            ui,
            &[
                ("Meeting place", OfferFormField::Address, 2),
                ("Town", OfferFormField::Town, 1),
                ("Postcode", OfferFormField::Postcode, 1),
            ],
        );
        ui.label("");
        ui.vertical(|ui| {
            let group_address = !self.group_address.is_empty() && self.group_address != self.offer.meeting_place;
            if group_address
                && ui
                    .button("Use the group's address")
                    .on_hover_text(format!("Meet at {}", self.group_address.one_line()))
                    .clicked()
            {
                self.offer.meeting_place = self.group_address.clone();
            }
            if let Some(problem) = self.offer.meeting_place.problem() {
                ui.colored_label(
                    crate::ui::theme::WARNING_TEXT,
                    format!(
                        "{}: day sheets will say so. Ask the group where the team should meet.",
                        capitalised(&problem.words())
                    ),
                );
            }
        });
        ui.end_row();
    }

    fn when_ui(&mut self, ui: &mut Ui) {
        let when = &mut self.offer.when;
        ui.label("First day");
        date_picker_ui(ui, "offer_first_date", &mut when.first_date, "First day");
        ui.end_row();
        ui.label("Last day");
        ui.vertical(|ui| {
            date_picker_ui(ui, "offer_last_date", &mut when.last_date, "Last day");
            field_problems_ui(ui, &self.problems, OfferFormField::LastDate);
        });
        ui.end_row();
        ui.label("Runs on");
        ui.vertical(|ui| {
            ui.horizontal_wrapped(|ui| {
                for (i, name) in WEEKDAY_SHORT.iter().enumerate() {
                    let mut on = when.weekdays.0 & (1 << i) != 0;
                    if ui.checkbox(&mut on, *name).changed() {
                        when.weekdays.0 ^= 1 << i;
                    }
                }
            });
            ui.checkbox(&mut when.weekends_allowed, "Weekends may be offered");
            ui.checkbox(&mut when.bank_holidays_allowed, "Bank holidays may be offered");
            field_problems_ui(ui, &self.problems, OfferFormField::Weekdays);
        });
        ui.end_row();
        ui.label("Times");
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                let from = ui.label("from");
                ui.add(egui::TextEdit::singleline(&mut self.start_time).hint_text("09:30").desired_width(60.0))
                    .labelled_by(from.id);
                let to = ui.label("to");
                ui.add(egui::TextEdit::singleline(&mut self.finish_time).hint_text("16:00").desired_width(60.0))
                    .labelled_by(to.id);
            });
            field_problems_ui(ui, &self.problems, OfferFormField::StartTime);
            field_problems_ui(ui, &self.problems, OfferFormField::FinishTime);
        });
        ui.end_row();
    }

    fn sizes_ui(&mut self, ui: &mut Ui) {
        let o = &mut self.offer;
        ui.label("Team size");
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                let from = ui.label("from");
                ui.add(egui::DragValue::new(&mut o.team_size_min).range(TeamSize::RANGE)).labelled_by(from.id);
                let to = ui.label("to");
                ui.add(egui::DragValue::new(&mut o.team_size_max).range(TeamSize::RANGE)).labelled_by(to.id);
                ui.label("people");
            });
            field_problems_ui(ui, &self.problems, OfferFormField::TeamSizeMin);
            field_problems_ui(ui, &self.problems, OfferFormField::TeamSizeMax);
        });
        ui.end_row();
        let label = ui.label("Team-days it can host");
        ui.vertical(|ui| {
            ui.add(egui::DragValue::new(&mut o.capacity).range(1..=500)).labelled_by(label.id);
            field_problems_ui(ui, &self.problems, OfferFormField::Capacity);
        });
        ui.end_row();
    }

    fn practices_and_needs_ui(&mut self, ui: &mut Ui, data: &OffersData) {
        ui.label("The team will practise");
        let practices = data.practices.iter().map(|p| (p.id, p.name.as_str()));
        ui.vertical(|ui| ticks_ui(ui, &mut self.offer.practises, practices));
        ui.end_row();
        let label = ui.label("Tags");
        ui.add(egui::TextEdit::singleline(&mut self.tags).hint_text("outdoors, food").desired_width(260.0))
            .labelled_by(label.id);
        ui.end_row();
        ui.label("Requirements");
        ui.vertical(|ui| {
            ui.checkbox(&mut self.offer.dbs_required, "A DBS check is needed");
            ui.checkbox(&mut self.offer.outdoor_clothing, "Outdoor clothing");
        });
        ui.end_row();
        self.text_rows_ui(
            ui,
            &[
                ("What to bring", OfferFormField::WhatToBring, 1),
                ("Anything the team must know", OfferFormField::Requirements, 2),
                ("Contact on the day", OfferFormField::DayContactName, 1),
                ("Their phone", OfferFormField::DayContactPhone, 1),
            ],
        );
    }

    /// The month view, and the extra and blackout days as a list.
    fn days_ui(&mut self, ui: &mut Ui) {
        ui.label(RichText::new("Days it can host").strong());
        ui.weak("Click a day to mark it as a blackout day, or to offer a day that is otherwise off.");
        let when = self.offer.when.clone();
        availability_month_ui(ui, &when, &mut self.month, Some(&mut self.offer.when));
        field_problems_ui(ui, &self.problems, OfferFormField::BlackoutDates);
        let when = &mut self.offer.when;
        for (title, days) in [("Extra days", &mut when.extra_dates), ("Blackout days", &mut when.blackout_dates)] {
            if days.is_empty() {
                continue;
            }
            ui.label(RichText::new(title).strong());
            let mut removed = None;
            for day in days.iter() {
                ui.horizontal(|ui| {
                    ui.label(uk_date(*day));
                    if ui.small_button("Remove").on_hover_text(format!("Remove {}", uk_date(*day))).clicked() {
                        removed = Some(*day);
                    }
                });
            }
            if let Some(day) = removed {
                days.retain(|d| *d != day);
            }
        }
    }
}
