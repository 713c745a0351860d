//! The pane beside the offers list: the chosen offer whole, with its month view; or the editor.

use chrono::Datelike as _;
use egui::{RichText, Ui};

use super::OffersData;
use super::form::OfferForm;
use super::month::availability_month_ui;
use crate::edit::OffersEdit;
use crate::model::availability::Availability;
use crate::model::dates::uk_date_range;
use crate::model::text::count_of;
use crate::model::text::join_present;
use crate::model::{MeetingPlace, Offer, OfferId};
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::panels::{Cached, cached};
use crate::ui::theme;
use crate::ui::widgets::month_view::WEEKDAY_SHORT;

/// The pane beside the list: one offer to read, or the editor.
#[derive(Default)]
pub(crate) struct OfferPane {
    selected: Option<OfferId>,
    /// The offer, its group's name and its group's registered address.
    detail: Option<Cached<(OfferId, Offer, String, MeetingPlace)>>,
    pub(crate) form: Option<OfferForm>,
    /// The month the read-only month view shows, per offer.
    month: Option<(OfferId, (i32, u32))>,
}

/// "1 used, 2 left", in red when more are placed than the group can host.
pub(super) fn places_ui(ui: &mut Ui, placed: u32, capacity: u32) {
    let text = format!("{placed} used, {} left", capacity.saturating_sub(placed));
    if placed > capacity {
        ui.colored_label(theme::ERROR_RED, text).on_hover_text("More teams are placed here than the group can host.");
    } else {
        ui.label(text);
    }
}

/// "Mon, Tue, Wed; weekends offered".
fn weekday_names(when: &Availability) -> String {
    let days: Vec<&str> =
        WEEKDAY_SHORT.iter().enumerate().filter(|(i, _)| when.weekdays.0 & (1 << i) != 0).map(|(_, d)| *d).collect();
    let mut text = days.join(", ");
    if when.weekends_allowed {
        text.push_str("; weekends offered");
    }
    if when.bank_holidays_allowed {
        text.push_str("; bank holidays offered");
    }
    text
}

/// "DBS check needed. Outdoor clothing. Bring: gloves".
fn requirements(offer: &Offer) -> String {
    let mut parts: Vec<String> = Vec::new();
    if offer.dbs_required {
        parts.push("DBS check needed".to_owned());
    }
    if offer.outdoor_clothing {
        parts.push("Outdoor clothing".to_owned());
    }
    if !offer.what_to_bring.is_empty() {
        parts.push(format!("Bring: {}", offer.what_to_bring));
    }
    if !offer.requirements.is_empty() {
        parts.push(offer.requirements.clone());
    }
    parts.join(". ")
}

impl OfferPane {
    pub(super) fn start(&mut self, form: OfferForm) {
        self.selected = None;
        self.form = Some(form);
    }

    pub(super) fn select(&mut self, id: OfferId) {
        self.selected = Some(id);
        self.form = None;
    }

    pub(super) fn selected(&self) -> Option<OfferId> {
        self.selected
    }

    pub(super) fn is_open(&self) -> bool {
        self.form.is_some() || self.selected.is_some()
    }

    pub(super) fn ui(&mut self, ui: &mut Ui, doc: &Document, data: &OffersData, commands: &mut Vec<Command>) {
        if let Some(form) = &mut self.form {
            if form.ui(ui, doc, data, commands) {
                self.form = None;
            }
        } else if let Some(id) = self.selected {
            self.detail_ui(ui, doc, data, id, commands);
        }
    }

    fn detail_ui(&mut self, ui: &mut Ui, doc: &Document, data: &OffersData, id: OfferId, commands: &mut Vec<Command>) {
        if self.detail.as_ref().is_some_and(|d| d.value.0 != id) {
            self.detail = None;
        }
        let loaded = cached(&mut self.detail, doc, || {
            let offer = doc.store.offer(id)?;
            let group = doc.store.group(offer.group)?;
            let group_address = group.address_as_meeting_place();
            Ok((id, offer, group.name, group_address))
        });
        let (_, offer, group_name, group_address) = match loaded {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return;
            }
        };
        let placed = data.offers.iter().find(|o| o.id == id).map_or(0, |s| s.placed);
        ui.label(RichText::new(&offer.title).heading());
        ui.label(format!("{group_name} · {}", offer.status.label()));
        let access = doc.store.access();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(access.is_writable(), egui::Button::new("Edit this offer"))
                .on_disabled_hover_text("This file is read-only.")
                .clicked()
            {
                self.form = Some(OfferForm::new(Some(id), group_name.clone(), group_address.clone(), offer.clone()));
            }
            let delete = ui
                .add_enabled(access.is_writable() && placed == 0, egui::Button::new("Delete offer"))
                .on_disabled_hover_text("An offer with teams placed on it is kept: set it to Withdrawn instead.");
            if delete.clicked() {
                commands.push(Command::edit(OffersEdit::DeleteOffer(id)));
                self.selected = None;
            }
            if ui.button("Close").clicked() {
                self.selected = None;
            }
        });
        if let Some(problem) = offer.meeting_place.problem() {
            ui.add_space(4.0);
            ui.colored_label(
                theme::WARNING_TEXT,
                format!(
                    "Meeting place: {}. Day sheets print it as it is, flagged; ask the group and edit the offer.",
                    problem.words()
                ),
            );
        }
        ui.add_space(6.0);
        facts_ui(ui, offer, data, placed);
        ui.add_space(8.0);
        let mut month = match self.month {
            Some((shown, month)) if shown == id => month,
            _ => (offer.when.first_date.year(), offer.when.first_date.month()),
        };
        availability_month_ui(ui, &offer.when, &mut month, None);
        self.month = Some((id, month));
    }
}

fn facts_ui(ui: &mut Ui, offer: &Offer, data: &OffersData, placed: u32) {
    let practices: Vec<&str> = offer
        .practises
        .iter()
        .filter_map(|p| data.practices.iter().find(|k| k.id == *p))
        .map(|p| p.name.as_str())
        .collect();
    let facts = [
        ("What the team will do", offer.activity.clone()),
        ("What the group gains", offer.group_gains.clone()),
        ("Neighbourhood", data.neighbourhood_name(offer.neighbourhood).to_owned()),
        ("Meeting place", offer.meeting_place.one_line()),
        ("Getting there", offer.travel.clone()),
        ("Site accessibility", offer.site_access.clone()),
        ("Dates", uk_date_range(offer.when.first_date, offer.when.last_date)),
        ("Runs on", weekday_names(&offer.when)),
        ("Times", format!("{} to {}", offer.start_time.format("%H:%M"), offer.finish_time.format("%H:%M"))),
        ("Team size", format!("{} to {} people", offer.team_size_min, offer.team_size_max)),
        (
            "Places",
            format!(
                "{}: {} used, {} left",
                count_of(u64::from(offer.capacity), "team-day", "team-days"),
                placed,
                offer.capacity.saturating_sub(placed)
            ),
        ),
        ("Practises", practices.join("; ")),
        ("Tags", offer.tags.join(", ")),
        ("Requirements", requirements(offer)),
        ("Contact on the day", join_present(&[&offer.day_contact_name, &offer.day_contact_phone], ", ")),
    ];
    crate::ui::widgets::facts_grid_ui(ui, "offer_facts", &facts);
}
