//! The Offers panel: what each group can host, where and when. A filtered list on the left; on
//! the right the chosen offer with its month view ([`detail`]), or the editor ([`form`]).
//! [`month`] colours a month by when the offer can host; [`practices`] edits the practices list.

mod detail;
mod form;
mod month;
mod practices;

use chrono::NaiveDate;
use egui::Ui;
use egui_extras::{Column, TableBuilder};

pub(crate) use detail::OfferPane;
use form::OfferForm;

use super::{Cached, cached};
use crate::model::dates::uk_date_range;
use crate::model::offer_list::{OfferFilter, WhenFilter};
use crate::model::text::{count_of, thousands};
use crate::model::*;
use crate::store::{Store, StoreError};
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::theme;
use crate::ui::widgets::{TableKeys, date_picker_ui, heading_ui, optional_choice_ui, search_box_ui};

/// The lists the panel shows and filters by, read once per revision of the file.
pub(crate) struct OffersData {
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

/// The "available" filter: its mode and the days chosen.
#[derive(Default)]
struct WhenChoice {
    mode: WhenMode,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
}

#[derive(Default)]
pub struct OffersPanel {
    data: Option<Cached<OffersData>>,
    filter: OfferFilter,
    when: WhenChoice,
    pub(crate) focus_search: bool,
    pub(crate) pane: OfferPane,
    /// The offers the filter lets through, by position, for one revision and filter: matching
    /// folds text and walks days, so it is not done again every frame.
    shown: Option<(u64, OfferFilter, Vec<usize>)>,
    practices: practices::PracticesWindow,
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl OffersPanel {
    /// Opens the editor on a new offer from `group`, with the group's neighbourhood. Its meeting
    /// place starts empty: the group's own address is one click away ("Use the group's
    /// address"), never taken unasked.
    pub(crate) fn start_new(&mut self, store: &Store, group: GroupId) -> Result<(), StoreError> {
        let record = store.group(group)?;
        let mut offer = Offer::new_draft(group, today());
        offer.neighbourhood = record.neighbourhood;
        offer.site_access = record.accessibility.clone();
        let group_address = record.address_as_meeting_place();
        self.pane.start(OfferForm::new(None, record.name, group_address, offer));
        Ok(())
    }

    /// Shows this offer (for example one just added, or one picked in the directory).
    pub(crate) fn select(&mut self, id: OfferId) {
        self.pane.select(id);
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
        let narrow = self.pane.is_open();
        if narrow {
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
        commands.extend(self.practices.ui(ui.ctx(), doc.store.access(), &data.practices));
        ui.horizontal_wrapped(|ui| filters_ui(ui, data, &mut self.filter, &mut self.when));
        if self.shown.as_ref().is_none_or(|(revision, filter, _)| *revision != doc.revision || *filter != self.filter) {
            let positions = (0..data.offers.len()).filter(|i| self.filter.matches(&data.offers[*i])).collect();
            self.shown = Some((doc.revision, self.filter.clone(), positions));
        }
        let shown: Vec<&OfferSummary> =
            self.shown.iter().flat_map(|(_, _, p)| p.iter().filter_map(|i| data.offers.get(*i))).collect();
        ui.label(format!(
            "Showing {} of {}",
            thousands(shown.len() as u64),
            count_of(data.offers.len() as u64, "offer", "offers")
        ));
        if data.offers.is_empty() {
            ui.weak(
                "No offers yet. File › Import offers… reads the groups' replies; Ask for offers… in the \
                 Directory writes to the groups; or choose a group in the Directory and click “New offer”.",
            );
        }
        ui.add_space(2.0);
        if let Some(id) = offers_table_ui(ui, &shown, self.pane.selected(), narrow)
            && self.pane.selected() != Some(id)
        {
            self.select(id);
        }
        commands
    }
}

/// The list of offers; returns the one clicked.
fn offers_table_ui(ui: &mut Ui, shown: &[&OfferSummary], selected: Option<OfferId>, narrow: bool) -> Option<OfferId> {
    let mut clicked = None;
    let keys = TableKeys::new(ui, "offers_table");
    let drawn = ui.scope(|ui| {
        ui.style_mut().interaction.selectable_labels = false;
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        // Rows are clicked, not each a stop for Tab: the table is one stop (below).
        let scroll_to = keys.scroll_to(ui);
        let mut table = TableBuilder::new(ui)
            .id_salt(if narrow { "offers_table_narrow" } else { "offers_table" })
            .striped(true)
            .sense(egui::Sense::CLICK)
            // A short window keeps a few rows rather than pushing the table below its edge.
            .min_scrolled_height(72.0)
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
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, None);
        }
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
                    row.set_selected(selected == Some(offer.id));
                    let mut texts = vec![offer.group_name.clone(), offer.title.clone()];
                    if !narrow {
                        texts.push(offer.neighbourhood.clone());
                    }
                    texts.push(uk_date_range(offer.when.first_date, offer.when.last_date));
                    for text in texts {
                        row.col(|ui| {
                            ui.label(text);
                        });
                    }
                    row.col(|ui| detail::places_ui(ui, offer.placed, offer.capacity));
                    row.col(|ui| {
                        ui.horizontal(|ui| {
                            ui.label(offer.status.label());
                            // What a team could not go to as it is: said where the list shows it.
                            if let Some(problem) = offer.meeting_place.problem() {
                                ui.colored_label(theme::WARNING_TEXT, format!("· {}", problem.words())).on_hover_text(
                                    "Day sheets print the meeting place as it is, flagged: ask the group",
                                );
                            }
                        });
                    });
                    if row.response().clicked() {
                        clicked = Some(offer.id);
                    }
                });
            });
    });
    let chosen = selected
        .and_then(|id| shown.iter().position(|o| o.id == id))
        .and_then(|at| shown.get(at).map(|o| (at, o.title.as_str())));
    if let Some(to) = keys.ui(ui, drawn.response.rect, "Offers", shown.len(), chosen, clicked.is_some()) {
        clicked = shown.get(to).map(|o| o.id);
    }
    clicked
}

fn filters_ui(ui: &mut Ui, data: &OffersData, filter: &mut OfferFilter, when: &mut WhenChoice) {
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
    let label = ui.label("Available:").id;
    let modes = [(WhenMode::Any, "Any day"), (WhenMode::On, "On"), (WhenMode::Between, "Between")];
    crate::ui::widgets::choice_ui(ui, "offer_filter_when", label, &mut when.mode, modes);
    let earliest = data.offers.iter().map(|o| o.when.first_date).min().unwrap_or_else(today);
    filter.when = match when.mode {
        WhenMode::Any => WhenFilter::Any,
        WhenMode::On => {
            let day = when.first.get_or_insert(earliest);
            date_picker_ui(ui, "offer_filter_on", day, "Available on");
            WhenFilter::On(*day)
        }
        WhenMode::Between => {
            let mut from = *when.first.get_or_insert(earliest);
            date_picker_ui(ui, "offer_filter_from", &mut from, "Available from");
            when.first = Some(from);
            ui.label("and");
            let to = when.last.get_or_insert(from + chrono::Duration::days(13));
            date_picker_ui(ui, "offer_filter_to", to, "Available until");
            WhenFilter::Between(from.min(*to), from.max(*to))
        }
    };
}
