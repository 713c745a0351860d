//! The Offers panel: what each group can host, where and when.

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use super::{Cached, cached, heading_ui, search_box_ui};
use crate::model::OfferSummary;
use crate::model::dates::uk_date_range;
use crate::model::text::thousands;
use crate::ui::app::Document;
use crate::ui::command::Command;
use crate::ui::theme;

#[derive(Default)]
pub struct OffersPanel {
    offers: Option<Cached<Vec<OfferSummary>>>,
    search: String,
    pub(crate) focus_search: bool,
}

impl OffersPanel {
    pub fn ui(&mut self, ui: &mut Ui, doc: &Document) -> Vec<Command> {
        let offers = match cached(&mut self.offers, doc, || doc.store.offer_summaries()) {
            Ok(o) => o,
            Err(e) => {
                ui.colored_label(theme::ERROR_RED, e);
                return Vec::new();
            }
        };
        heading_ui(ui, "Offers", "What groups can host a team for, where and when");
        let needle = self.search.trim().to_lowercase();
        let shown: Vec<&OfferSummary> = offers
            .iter()
            .filter(|o| {
                needle.is_empty()
                    || [&o.title, &o.group_name, &o.neighbourhood].iter().any(|f| f.to_lowercase().contains(&needle))
            })
            .collect();
        ui.horizontal(|ui| {
            search_box_ui(ui, &mut self.search, "title, group or neighbourhood", &mut self.focus_search);
            ui.label(format!("Showing {} of {} offers", thousands(shown.len() as u64), thousands(offers.len() as u64)));
        });
        ui.add_space(4.0);
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        TableBuilder::new(ui)
            .id_salt("offers_table")
            .striped(true)
            .column(Column::initial(190.0).at_least(80.0).clip(true))
            .column(Column::remainder().at_least(160.0).clip(true))
            .column(Column::initial(130.0).at_least(60.0).clip(true))
            .column(Column::initial(200.0).at_least(100.0).clip(true))
            .column(Column::initial(70.0).at_least(50.0))
            .column(Column::initial(85.0).at_least(60.0))
            .column(Column::initial(80.0).at_least(60.0))
            .header(24.0, |mut header| {
                for title in ["Group", "Offer", "Neighbourhood", "Dates", "Team size", "Places used", "Status"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, shown.len(), |mut row| {
                    let Some(offer) = shown.get(row.index()) else {
                        return;
                    };
                    row.col(|ui| {
                        ui.label(&offer.group_name);
                    });
                    row.col(|ui| {
                        ui.label(&offer.title);
                    });
                    row.col(|ui| {
                        ui.label(&offer.neighbourhood);
                    });
                    row.col(|ui| {
                        ui.label(uk_date_range(offer.first_date, offer.last_date));
                    });
                    row.col(|ui| {
                        ui.label(format!("{}–{}", offer.team_size_min, offer.team_size_max));
                    });
                    row.col(|ui| {
                        let text = format!("{} of {}", offer.placed, offer.capacity);
                        if offer.placed > offer.capacity {
                            ui.colored_label(theme::ERROR_RED, text)
                                .on_hover_text("More teams are placed here than the group can host.");
                        } else {
                            ui.label(text);
                        }
                    });
                    row.col(|ui| {
                        ui.label(offer.status.label());
                    });
                });
            });
        Vec::new()
    }
}
