//! The Offers panel: what each group can host, where and when. A filtered list on the left;
//! on the right the chosen offer with its month view, or the editor.

use chrono::{Datelike as _, NaiveDate, NaiveTime};
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Cached, NameChange, NameListEditor, cached, heading_ui, optional_choice_ui, search_box_ui, ticks_ui};
use crate::model::availability::{Availability, is_available};
use crate::model::dates::{uk_date, uk_date_range};
use crate::model::offer_list::{OfferFilter, WhenFilter, add_months, month_grid};
use crate::model::text::{join_present, thousands};
use crate::model::*;
use crate::store::{OfferEdit, Store, StoreError, split_tags};
use crate::ui::app::Document;
use crate::ui::command::{Command, EditRequest};
use crate::ui::theme;

/// The lists the panel shows and filters by, read once per revision of the file.
struct OffersData {
    offers: Vec<OfferSummary>,
    neighbourhoods: Vec<Neighbourhood>,
    practices: Vec<Practice>,
}

impl OffersData {
    fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(Self {
            offers: store.offer_summaries()?,
            neighbourhoods: store.neighbourhoods()?,
            practices: store.practices()?,
        })
    }

    fn neighbourhood_name(&self, id: Option<NeighbourhoodId>) -> &str {
        id.and_then(|n| self.neighbourhoods.iter().find(|k| k.id == n)).map_or("", |n| n.name.as_str())
    }
}

/// How the "available" filter is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum WhenMode {
    #[default]
    Any,
    On,
    Between,
}

#[derive(Default)]
pub struct OffersPanel {
    data: Option<Cached<OffersData>>,
    filter: OfferFilter,
    when_mode: WhenMode,
    when_first: Option<NaiveDate>,
    when_last: Option<NaiveDate>,
    pub(crate) focus_search: bool,
    pub(crate) pane: OfferPane,
    /// The offers the filter lets through, by position, for one revision and filter: matching
    /// folds text and walks days, so it is not done again every frame.
    shown: Option<(u64, OfferFilter, Vec<usize>)>,
    practices: PracticesWindow,
}

/// The pane beside the list: one offer to read, or the editor.
#[derive(Default)]
pub(crate) struct OfferPane {
    selected: Option<OfferId>,
    detail: Option<Cached<(OfferId, Offer, String)>>,
    pub(crate) form: Option<OfferForm>,
    /// The month the read-only month view shows, per offer.
    month: Option<(OfferId, (i32, u32))>,
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl OffersPanel {
    /// Opens the editor on a new offer from `group`, with the group's neighbourhood and address.
    pub(crate) fn start_new(&mut self, store: &Store, group: GroupId) -> Result<(), StoreError> {
        let record = store.group(group)?;
        let mut offer = Offer::new_draft(group, today());
        offer.neighbourhood = record.neighbourhood;
        offer.address = record.full_address();
        offer.site_access = record.accessibility.clone();
        self.pane.selected = None;
        self.pane.form = Some(OfferForm::new(None, record.name, offer));
        Ok(())
    }

    /// Shows this offer (for example one just added, or one picked in the directory).
    pub(crate) fn select(&mut self, id: OfferId) {
        self.pane.selected = Some(id);
        self.pane.form = None;
    }

    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let mut commands = Vec::new();
        let data = match cached(&mut self.data, doc, || OffersData::load(&doc.store)) {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return commands;
            }
        };
        let editing = self.pane.form.is_some();
        if editing || self.pane.selected.is_some() {
            egui::Panel::right("offer_detail")
                .resizable(true)
                .default_size(470.0)
                .min_size(380.0)
                .max_size((ui.available_width() * 0.65).max(380.0))
                .frame(egui::Frame::new().inner_margin(egui::Margin { left: 12, ..Default::default() }))
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| self.pane.ui(ui, doc, data, &mut commands));
                });
        }
        let list_area = ui.available_rect_before_wrap();
        ui.set_clip_rect(ui.clip_rect().intersect(list_area));
        heading_ui(ui, "Offers", "What groups can host a team for, where and when");
        ui.horizontal(|ui| {
            search_box_ui(ui, &mut self.filter.text, "title, group, neighbourhood or tag", &mut self.focus_search);
            if ui.button("Practices…").on_hover_text("The list of what offers let a team practise").clicked() {
                self.practices.open = true;
            }
        });
        commands.extend(self.practices.ui(ui.ctx(), doc.store.is_writable(), &data.practices));
        ui.horizontal_wrapped(|ui| {
            filters_ui(ui, data, &mut self.filter, &mut self.when_mode, &mut self.when_first, &mut self.when_last)
        });
        if self.shown.as_ref().is_none_or(|(revision, filter, _)| *revision != doc.revision || *filter != self.filter) {
            let positions = (0..data.offers.len()).filter(|i| self.filter.matches(&data.offers[*i])).collect();
            self.shown = Some((doc.revision, self.filter.clone(), positions));
        }
        let shown: Vec<&OfferSummary> =
            self.shown.iter().flat_map(|(_, _, p)| p.iter().filter_map(|i| data.offers.get(*i))).collect();
        ui.label(format!(
            "Showing {} of {} offers",
            thousands(shown.len() as u64),
            thousands(data.offers.len() as u64)
        ));
        if data.offers.is_empty() {
            ui.weak("No offers yet. Choose a group in the Directory and click “New offer”.");
        }
        ui.add_space(2.0);
        let narrow = editing || self.pane.selected.is_some();
        let mut clicked = None;
        ui.scope(|ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            let mut table = TableBuilder::new(ui)
                .id_salt(if narrow { "offers_table_narrow" } else { "offers_table" })
                .striped(true)
                .sense(egui::Sense::click())
                .column(Column::initial(180.0).at_least(80.0).clip(true))
                .column(Column::initial(220.0).at_least(120.0).clip(true));
            let mut titles = vec!["Group", "Offer"];
            if !narrow {
                table = table.column(Column::initial(120.0).at_least(60.0).clip(true));
                titles.push("Neighbourhood");
            }
            table = table
                .column(Column::initial(190.0).at_least(100.0).clip(true))
                .column(Column::initial(110.0).at_least(80.0))
                .column(Column::remainder().at_least(70.0));
            titles.extend(["Dates", "Places", "Status"]);
            table
                .header(24.0, |mut header| {
                    for title in &titles {
                        header.col(|ui| {
                            ui.strong(*title);
                        });
                    }
                })
                .body(|body| {
                    body.rows(24.0, shown.len(), |mut row| {
                        let Some(offer) = shown.get(row.index()) else {
                            return;
                        };
                        row.set_selected(self.pane.selected == Some(offer.id));
                        row.col(|ui| {
                            ui.label(&offer.group_name);
                        });
                        row.col(|ui| {
                            ui.label(&offer.title);
                        });
                        if !narrow {
                            row.col(|ui| {
                                ui.label(&offer.neighbourhood);
                            });
                        }
                        row.col(|ui| {
                            ui.label(uk_date_range(offer.when.first_date, offer.when.last_date));
                        });
                        row.col(|ui| places_ui(ui, offer.placed, offer.capacity));
                        row.col(|ui| {
                            ui.label(offer.status.label());
                        });
                        if row.response().clicked() {
                            clicked = Some(offer.id);
                        }
                    });
                });
        });
        if let Some(id) = clicked
            && self.pane.selected != Some(id)
        {
            self.select(id);
        }
        commands
    }
}

impl OfferPane {
    fn ui(&mut self, ui: &mut Ui, doc: &Document, data: &OffersData, commands: &mut Vec<Command>) {
        if let Some(form) = &mut self.form {
            let mut close = false;
            form_ui(ui, doc, data, form, commands, &mut close);
            if close {
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
            let group = doc.store.group(offer.group)?.name;
            Ok((id, offer, group))
        });
        let (_, offer, group_name) = match loaded {
            Ok(d) => d,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return;
            }
        };
        let summary = data.offers.iter().find(|o| o.id == id);
        ui.label(RichText::new(&offer.title).heading());
        ui.label(format!("{group_name} · {}", offer.status.label()));
        let writable = doc.store.is_writable();
        let placed = summary.map_or(0, |s| s.placed);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(writable, egui::Button::new("Edit this offer"))
                .on_disabled_hover_text("This file is read-only.")
                .clicked()
            {
                self.form = Some(OfferForm::new(Some(id), group_name.clone(), offer.clone()));
            }
            let delete = ui
                .add_enabled(writable && placed == 0, egui::Button::new("Delete offer"))
                .on_disabled_hover_text("An offer with teams placed on it is kept: set it to Withdrawn instead.");
            if delete.clicked() {
                commands.push(Command::Edit(EditRequest::DeleteOffer(id)));
                self.selected = None;
            }
            if ui.button("Close").clicked() {
                self.selected = None;
            }
        });
        ui.add_space(6.0);
        let practices: Vec<&str> = offer
            .practises
            .iter()
            .filter_map(|p| data.practices.iter().find(|k| k.id == *p))
            .map(|p| p.name.as_str())
            .collect();
        let mut requirements: Vec<String> = Vec::new();
        if offer.dbs_required {
            requirements.push("DBS check needed".to_owned());
        }
        if offer.outdoor_clothing {
            requirements.push("Outdoor clothing".to_owned());
        }
        if !offer.what_to_bring.is_empty() {
            requirements.push(format!("Bring: {}", offer.what_to_bring));
        }
        if !offer.requirements.is_empty() {
            requirements.push(offer.requirements.clone());
        }
        egui::Grid::new("offer_facts").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            let fact = |ui: &mut Ui, name: &str, value: &str| {
                if !value.is_empty() {
                    ui.weak(name);
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                }
            };
            fact(ui, "What the team will do", &offer.activity);
            fact(ui, "What the group gains", &offer.group_gains);
            fact(ui, "Neighbourhood", data.neighbourhood_name(offer.neighbourhood));
            fact(ui, "Address", &offer.address);
            fact(ui, "Getting there", &offer.travel);
            fact(ui, "Site accessibility", &offer.site_access);
            fact(ui, "Dates", &uk_date_range(offer.when.first_date, offer.when.last_date));
            fact(ui, "Runs on", &weekday_names(&offer.when));
            fact(
                ui,
                "Times",
                &format!("{} to {}", offer.start_time.format("%H:%M"), offer.finish_time.format("%H:%M")),
            );
            fact(ui, "Team size", &format!("{} to {} people", offer.team_size_min, offer.team_size_max));
            fact(
                ui,
                "Places",
                &format!(
                    "{} team-days: {} used, {} left",
                    offer.capacity,
                    placed,
                    offer.capacity.saturating_sub(placed)
                ),
            );
            fact(ui, "Practises", &practices.join("; "));
            fact(ui, "Tags", &offer.tags.join(", "));
            fact(ui, "Requirements", &requirements.join(". "));
            fact(ui, "Contact on the day", &join_present(&[&offer.day_contact_name, &offer.day_contact_phone], ", "));
        });
        ui.add_space(8.0);
        let month = match self.month {
            Some((shown, month)) if shown == id => month,
            _ => (offer.when.first_date.year(), offer.when.first_date.month()),
        };
        let mut month_shown = month;
        month_view_ui(ui, &offer.when, &mut month_shown, None);
        self.month = Some((id, month_shown));
    }
}

/// "1 used, 2 left", in red when more are placed than the group can host.
fn places_ui(ui: &mut Ui, placed: u32, capacity: u32) {
    let text = format!("{placed} used, {} left", capacity.saturating_sub(placed));
    if placed > capacity {
        ui.colored_label(theme::ERROR_RED, text).on_hover_text("More teams are placed here than the group can host.");
    } else {
        ui.label(text);
    }
}

const WEEKDAY_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

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

fn filters_ui(
    ui: &mut Ui,
    data: &OffersData,
    filter: &mut OfferFilter,
    mode: &mut WhenMode,
    first: &mut Option<NaiveDate>,
    last: &mut Option<NaiveDate>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Neighbourhood:").id;
        let hoods = data.neighbourhoods.iter().map(|n| (n.id, n.name.as_str()));
        optional_choice_ui(ui, "offer_filter_neighbourhood", label, &mut filter.neighbourhood, "Any", hoods, None);
    });
    ui.horizontal(|ui| {
        let label = ui.label("Status:").id;
        let statuses = OfferStatus::ALL.iter().map(|s| (*s, s.label()));
        optional_choice_ui(ui, "offer_filter_status", label, &mut filter.status, "Any", statuses, None);
    });
    ui.horizontal(|ui| {
        let label = ui.label("Practises:").id;
        let practices = data.practices.iter().map(|p| (p.id, p.name.as_str()));
        optional_choice_ui(ui, "offer_filter_practice", label, &mut filter.practice, "Any", practices, Some(200.0));
    });
    ui.checkbox(&mut filter.places_left, "Places left");
    let label = ui.label("Available:");
    egui::ComboBox::from_id_salt("offer_filter_when")
        .selected_text(match mode {
            WhenMode::Any => "Any day",
            WhenMode::On => "On",
            WhenMode::Between => "Between",
        })
        .show_ui(ui, |ui| {
            ui.selectable_value(mode, WhenMode::Any, "Any day");
            ui.selectable_value(mode, WhenMode::On, "On");
            ui.selectable_value(mode, WhenMode::Between, "Between");
        })
        .response
        .labelled_by(label.id);
    let earliest = data.offers.iter().map(|o| o.when.first_date).min().unwrap_or_else(today);
    match mode {
        WhenMode::Any => filter.when = WhenFilter::Any,
        WhenMode::On => {
            let day = first.get_or_insert(earliest);
            date_picker_ui(ui, "offer_filter_on", day, "Available on");
            filter.when = WhenFilter::On(*day);
        }
        WhenMode::Between => {
            let from = *first.get_or_insert(earliest);
            let mut from_value = from;
            date_picker_ui(ui, "offer_filter_from", &mut from_value, "Available from");
            *first = Some(from_value);
            ui.label("and");
            let to = last.get_or_insert(from_value + chrono::Duration::days(13));
            date_picker_ui(ui, "offer_filter_to", to, "Available until");
            filter.when = WhenFilter::Between(from_value.min(*to), from_value.max(*to));
        }
    }
}

/// A date picker that shows a UK date; `name` is what screen readers (and tests) call it.
fn date_picker_ui(ui: &mut Ui, salt: &str, date: &mut NaiveDate, name: &str) -> egui::Response {
    let mut picked = to_jiff(*date);
    let response = ui
        .add(
            egui_extras::DatePickerButton::new(&mut picked)
                .id_salt(salt)
                .show_icon(false)
                .combo_boxes(false)
                .format("%a %-d %b %Y"),
        )
        .on_hover_text(name);
    let response = response.accessible_name(name);
    if let Some(back) = from_jiff(picked)
        && back != *date
    {
        *date = back;
    }
    response
}

fn to_jiff(date: NaiveDate) -> jiff::civil::Date {
    jiff::civil::Date::new(date.year() as i16, date.month() as i8, date.day() as i8)
        .unwrap_or(jiff::civil::Date::constant(2027, 1, 1))
}

fn from_jiff(date: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(date.year()), date.month() as u32, date.day() as u32)
}

/// The colours of the month view: available, not, blackout, extra.
const DAY_AVAILABLE: egui::Color32 = egui::Color32::from_rgb(0xD5, 0xEF, 0xDD);
const DAY_BLACKOUT: egui::Color32 = egui::Color32::from_rgb(0xF6, 0xD2, 0xD2);
const DAY_EXTRA: egui::Color32 = egui::Color32::from_rgb(0xCF, 0xE2, 0xF6);

/// What one day of the month view says about the offer.
pub(crate) fn day_state(when: &Availability, day: NaiveDate) -> (egui::Color32, String) {
    let name = uk_date(day);
    if when.blackout_dates.contains(&day) {
        return (DAY_BLACKOUT, format!("{name}: not available: the group cannot host that day (blackout)"));
    }
    match is_available(when, day) {
        Ok(()) if when.extra_dates.contains(&day) => (DAY_EXTRA, format!("{name}: available (an extra day)")),
        Ok(()) => (DAY_AVAILABLE, format!("{name}: available")),
        Err(why) => (egui::Color32::TRANSPARENT, format!("{name}: not available: {}", why.explanation())),
    }
}

/// A month of the offer's days, coloured by whether it can host a team, with the reason on
/// hover. With `edit`, clicking a day makes it a blackout day (if it was available) or an extra
/// day (if it was not), and clicking again takes that back.
fn month_view_ui(ui: &mut Ui, when: &Availability, month: &mut (i32, u32), edit: Option<&mut Availability>) {
    let (year, m) = *month;
    let title = NaiveDate::from_ymd_opt(year, m, 1).map(|d| d.format("%B %Y").to_string()).unwrap_or_default();
    ui.horizontal(|ui| {
        if ui.small_button("<").on_hover_text("Previous month").accessible_name("Previous month").clicked() {
            *month = add_months(year, m, -1);
        }
        ui.label(RichText::new(&title).strong());
        if ui.small_button(">").on_hover_text("Next month").accessible_name("Next month").clicked() {
            *month = add_months(year, m, 1);
        }
    });
    let mut toggled = None;
    egui::Grid::new(("offer_month", edit.is_some())).spacing([3.0, 3.0]).show(ui, |ui| {
        for name in WEEKDAY_SHORT {
            ui.weak(name);
        }
        ui.end_row();
        for week in month_grid(year, m) {
            for day in week {
                let Some(day) = day else {
                    ui.label("");
                    continue;
                };
                let (fill, explanation) = day_state(when, day);
                let size = egui::vec2(34.0, 24.0);
                let sense = if edit.is_some() { egui::Sense::click() } else { egui::Sense::hover() };
                let (rect, response) = ui.allocate_exact_size(size, sense);
                let painter = ui.painter();
                painter.rect_filled(rect, 3.0, fill);
                if response.hovered() {
                    painter.rect_stroke(rect, 3.0, (1.0, theme::NHS_BLUE), egui::StrokeKind::Inside);
                }
                let text_colour = if fill == egui::Color32::TRANSPARENT {
                    ui.visuals().weak_text_color()
                } else {
                    ui.visuals().text_color()
                };
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    day.day().to_string(),
                    egui::TextStyle::Body.resolve(ui.style()),
                    text_colour,
                );
                let kind = if edit.is_some() { egui::Role::Button } else { egui::Role::Label };
                response.widget_info(|| egui::WidgetInfo::labeled(kind, true, explanation.clone()));
                let hint = if edit.is_none() {
                    String::new()
                } else if when.blackout_dates.contains(&day) || when.extra_dates.contains(&day) {
                    "\nClick to take this back.".to_owned()
                } else if fill == egui::Color32::TRANSPARENT {
                    "\nClick to offer it anyway (an extra day).".to_owned()
                } else {
                    "\nClick if the group cannot host that day (a blackout day).".to_owned()
                };
                let response = response.on_hover_text(format!("{explanation}{hint}"));
                if response.clicked() {
                    toggled = Some(day);
                }
            }
            ui.end_row();
        }
    });
    ui.horizontal_wrapped(|ui| {
        for (fill, words) in [(DAY_AVAILABLE, "available"), (DAY_EXTRA, "extra day"), (DAY_BLACKOUT, "blackout")] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, fill);
            ui.weak(words);
        }
        ui.weak("Hover over a day to see why it is not available.");
    });
    if let (Some(day), Some(target)) = (toggled, edit) {
        toggle_day(target, day);
    }
}

/// A click on a day of the editor's month view.
pub(crate) fn toggle_day(when: &mut Availability, day: NaiveDate) {
    if let Some(i) = when.blackout_dates.iter().position(|d| *d == day) {
        when.blackout_dates.remove(i);
    } else if let Some(i) = when.extra_dates.iter().position(|d| *d == day) {
        when.extra_dates.remove(i);
    } else if is_available(when, day).is_ok() {
        when.blackout_dates.push(day);
        when.blackout_dates.sort();
    } else {
        when.extra_dates.push(day);
        when.extra_dates.sort();
    }
}

/// An offer being edited or added: what the user has typed so far, and what is wrong with it.
pub(crate) struct OfferForm {
    /// `None` while adding a new offer.
    pub id: Option<OfferId>,
    group_name: String,
    offer: Offer,
    start_time: String,
    finish_time: String,
    tags: String,
    month: (i32, u32),
    problems: Vec<FieldProblem>,
}

impl OfferForm {
    fn new(id: Option<OfferId>, group_name: String, offer: Offer) -> Self {
        Self {
            id,
            group_name,
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
        let mut time = |text: &str, field: &'static str, fallback: NaiveTime| {
            let text = text.trim().replace('.', ":");
            NaiveTime::parse_from_str(&text, "%H:%M").unwrap_or_else(|_| {
                problems.push(FieldProblem { field, message: "This is not a time (for example 09:30).".to_owned() });
                fallback
            })
        };
        self.offer.start_time = time(&self.start_time, "start_time", self.offer.start_time);
        self.offer.finish_time = time(&self.finish_time, "finish_time", self.offer.finish_time);
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
                let seen: Vec<&str> = problems.iter().map(|p| p.field).collect();
                problems.extend(more.into_iter().filter(|p| !seen.contains(&p.field)));
                self.problems = problems;
                None
            }
        }
    }
}

fn form_ui(
    ui: &mut Ui,
    doc: &Document,
    data: &OffersData,
    form: &mut OfferForm,
    commands: &mut Vec<Command>,
    close: &mut bool,
) {
    ui.label(RichText::new(if form.id.is_some() { "Edit offer" } else { "New offer" }).heading());
    ui.label(format!("From {}", form.group_name));
    // Save and Cancel sit above the fields, so they are in reach however long the form is.
    ui.horizontal(|ui| {
        if ui.add_enabled(doc.store.is_writable(), egui::Button::new("Save offer")).clicked()
            && let Some(edit) = form.check()
        {
            commands.push(Command::Edit(match form.id {
                Some(id) => EditRequest::UpdateOffer { id, edit },
                None => EditRequest::AddOffer(edit),
            }));
        }
        if ui.button("Cancel").clicked() {
            *close = true;
        }
    });
    if !form.problems.is_empty() {
        ui.colored_label(theme::ERROR_RED, "Nothing was saved: put right what is marked in red.");
    }
    ui.add_space(6.0);
    let problems = form.problems.clone();
    let problem_ui = |ui: &mut Ui, field: &str| super::field_problems_ui(ui, &problems, field);
    egui::Grid::new("offer_form").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
        let o = &mut form.offer;
        let text_row = |ui: &mut Ui, label: &str, field: &str, value: &mut String, lines: usize| {
            super::form_text_row(ui, label, value, lines, 260.0, &problems, field)
        };
        text_row(ui, "Title", "title", &mut o.title, 1);
        text_row(ui, "What the team will do", "activity", &mut o.activity, 3);
        text_row(ui, "What the group gains", "group_gains", &mut o.group_gains, 2);

        let label = ui.label("Status");
        egui::ComboBox::from_id_salt("offer_status")
            .selected_text(o.status.label())
            .show_ui(ui, |ui| {
                for status in OfferStatus::ALL {
                    ui.selectable_value(&mut o.status, status, status.label());
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();

        let label = ui.label("Neighbourhood").id;
        let hoods = data.neighbourhoods.iter().map(|n| (n.id, n.name.as_str()));
        optional_choice_ui(ui, "offer_neighbourhood", label, &mut o.neighbourhood, "None", hoods, Some(260.0));
        ui.end_row();
        text_row(ui, "Address", "address", &mut o.address, 2);
        text_row(ui, "Getting there", "travel", &mut o.travel, 2);
        text_row(ui, "Site accessibility", "site_access", &mut o.site_access, 2);

        ui.label("First day");
        date_picker_ui(ui, "offer_first_date", &mut o.when.first_date, "First day");
        ui.end_row();
        ui.label("Last day");
        ui.vertical(|ui| {
            date_picker_ui(ui, "offer_last_date", &mut o.when.last_date, "Last day");
            problem_ui(ui, "last_date");
        });
        ui.end_row();
        ui.label("Runs on");
        ui.vertical(|ui| {
            ui.horizontal_wrapped(|ui| {
                for (i, name) in WEEKDAY_SHORT.iter().enumerate() {
                    let mut on = o.when.weekdays.0 & (1 << i) != 0;
                    if ui.checkbox(&mut on, *name).changed() {
                        o.when.weekdays.0 ^= 1 << i;
                    }
                }
            });
            ui.checkbox(&mut o.when.weekends_allowed, "Weekends may be offered");
            ui.checkbox(&mut o.when.bank_holidays_allowed, "Bank holidays may be offered");
            problem_ui(ui, "weekdays");
        });
        ui.end_row();

        ui.label("Times");
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                let from = ui.label("from");
                ui.add(egui::TextEdit::singleline(&mut form.start_time).hint_text("09:30").desired_width(60.0))
                    .labelled_by(from.id);
                let to = ui.label("to");
                ui.add(egui::TextEdit::singleline(&mut form.finish_time).hint_text("16:00").desired_width(60.0))
                    .labelled_by(to.id);
            });
            problem_ui(ui, "start_time");
            problem_ui(ui, "finish_time");
        });
        ui.end_row();

        ui.label("Team size");
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                let from = ui.label("from");
                ui.add(egui::DragValue::new(&mut o.team_size_min).range(1..=20)).labelled_by(from.id);
                let to = ui.label("to");
                ui.add(egui::DragValue::new(&mut o.team_size_max).range(1..=20)).labelled_by(to.id);
                ui.label("people");
            });
            problem_ui(ui, "team_size_min");
            problem_ui(ui, "team_size_max");
        });
        ui.end_row();

        let label = ui.label("Team-days it can host");
        ui.vertical(|ui| {
            ui.add(egui::DragValue::new(&mut o.capacity).range(1..=500)).labelled_by(label.id);
            problem_ui(ui, "capacity");
        });
        ui.end_row();

        ui.label("The team will practise");
        ui.vertical(|ui| ticks_ui(ui, &mut o.practises, data.practices.iter().map(|p| (p.id, p.name.as_str()))));
        ui.end_row();
        let label = ui.label("Tags");
        ui.add(egui::TextEdit::singleline(&mut form.tags).hint_text("outdoors, food").desired_width(260.0))
            .labelled_by(label.id);
        ui.end_row();

        ui.label("Requirements");
        ui.vertical(|ui| {
            ui.checkbox(&mut o.dbs_required, "A DBS check is needed");
            ui.checkbox(&mut o.outdoor_clothing, "Outdoor clothing");
        });
        ui.end_row();
        text_row(ui, "What to bring", "what_to_bring", &mut o.what_to_bring, 1);
        text_row(ui, "Anything the team must know", "requirements", &mut o.requirements, 2);
        text_row(ui, "Contact on the day", "day_contact_name", &mut o.day_contact_name, 1);
        text_row(ui, "Their phone", "day_contact_phone", &mut o.day_contact_phone, 1);
    });
    ui.add_space(8.0);
    ui.label(RichText::new("Days it can host").strong());
    ui.weak("Click a day to mark it as a blackout day, or to offer a day that is otherwise off.");
    let when = form.offer.when.clone();
    month_view_ui(ui, &when, &mut form.month, Some(&mut form.offer.when));
    problem_ui(ui, "blackout_dates");
    for (title, list, kind) in [
        ("Extra days", form.offer.when.extra_dates.clone(), 0),
        ("Blackout days", form.offer.when.blackout_dates.clone(), 1),
    ] {
        if list.is_empty() {
            continue;
        }
        ui.label(RichText::new(title).strong());
        for day in list {
            ui.horizontal(|ui| {
                ui.label(uk_date(day));
                if ui.small_button("Remove").on_hover_text(format!("Remove {}", uk_date(day))).clicked() {
                    let days =
                        if kind == 0 { &mut form.offer.when.extra_dates } else { &mut form.offer.when.blackout_dates };
                    days.retain(|d| *d != day);
                }
            });
        }
    }
}

/// The programme's list of what offers let a team practise: add and rename.
#[derive(Default)]
struct PracticesWindow {
    open: bool,
    editor: NameListEditor,
}

impl PracticesWindow {
    fn ui(&mut self, ctx: &egui::Context, writable: bool, practices: &[Practice]) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.open {
            return commands;
        }
        let response = egui::Modal::new(egui::Id::unique("offer_practices")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading("What offers let a team practise");
            ui.weak("Click a practice to rename it; offers that name it follow.");
            ui.add_enabled_ui(writable, |ui| {
                let names: Vec<(i64, &str)> = practices.iter().map(|p| (p.id.0, p.name.as_str())).collect();
                match self.editor.ui(ui, &names, 420.0) {
                    Some(NameChange::Add(name)) => commands.push(Command::Edit(EditRequest::AddPractice(name))),
                    Some(NameChange::Rename(id, name)) => {
                        commands.push(Command::Edit(EditRequest::RenamePractice(PracticeId(id), name)))
                    }
                    None => {}
                }
            });
            ui.add_space(8.0);
            if ui.button("Close").clicked() {
                self.open = false;
            }
        });
        if response.should_close() {
            self.open = false;
        }
        commands
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::Weekdays;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    #[test]
    fn clicking_days_makes_blackouts_and_extras_and_takes_them_back() {
        let mut when = Availability {
            first_date: d(4, 5),
            last_date: d(4, 30),
            weekdays: Weekdays::MONDAY_TO_FRIDAY,
            extra_dates: vec![],
            blackout_dates: vec![],
            weekends_allowed: false,
            bank_holidays_allowed: false,
        };
        toggle_day(&mut when, d(4, 7));
        assert_eq!(when.blackout_dates, [d(4, 7)]);
        toggle_day(&mut when, d(4, 10)); // a Saturday
        assert_eq!(when.extra_dates, [d(4, 10)]);
        assert!(day_state(&when, d(4, 10)).1.ends_with("available (an extra day)"));
        assert!(day_state(&when, d(4, 11)).1.ends_with("not available: a weekend"));
        toggle_day(&mut when, d(4, 7));
        toggle_day(&mut when, d(4, 10));
        assert!(when.blackout_dates.is_empty() && when.extra_dates.is_empty());
    }
}
