//! The pages of a document as they will print, drawn as they scroll into view (a whole
//! programme can run to hundreds of pages), with Save PDF… and Print….

use std::collections::HashMap;

use egui::{Color32, Rect, Sense, Stroke, Ui, vec2};

use super::Made;
use crate::model::text::count_of;
use crate::ui::command::Command;

/// The most pages drawn in one frame; the rest come in the frames after.
const PAGES_PER_FRAME: usize = 2;
/// The widest a page is shown.
const MAX_WIDTH: f32 = 760.0;

pub(in crate::ui::panels) struct Preview {
    made: Made,
    /// Pages drawn so far, by page, at the width they were drawn for.
    textures: HashMap<usize, (f32, egui::TextureHandle)>,
}

impl Preview {
    pub(super) fn new(made: Made) -> Self {
        Self { made, textures: HashMap::new() }
    }

    pub(super) fn ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let pages = self.made.printed.page_count();
        ui.horizontal(|ui| {
            let count = count_of(pages as u64, "page", "pages");
            ui.label(egui::RichText::new(format!("{} · {count}", self.made.finished.title)).strong());
            if ui.button("Save PDF…").on_hover_text("Save it as a PDF file, to print or send.").clicked() {
                commands.push(Command::SavePdf(self.made.finished.clone()));
            }
            if ui.button("Print…").on_hover_text("Open it in the computer's PDF viewer, to print.").clicked() {
                commands.push(Command::Print(self.made.finished.clone()));
            }
        });
        ui.add_space(6.0);
        let mut drawn = 0;
        egui::ScrollArea::vertical().id_salt("sheets_preview").auto_shrink([false, false]).show(ui, |ui| {
            let width = (ui.available_width() - 24.0).clamp(200.0, MAX_WIDTH);
            for index in 0..pages {
                self.page_ui(ui, index, pages, width, &mut drawn);
                ui.add_space(12.0);
            }
        });
        commands
    }

    /// One page: a sheet of paper with the page drawn on it, once it is in view.
    fn page_ui(&mut self, ui: &mut Ui, index: usize, pages: usize, width: f32, drawn: &mut usize) {
        let Some((w_pt, h_pt)) = self.made.printed.page_size(index) else { return };
        let size = vec2(width, width * h_pt / w_pt.max(1.0));
        let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
        let name = format!("Page {} of {pages}", index + 1);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, name.clone()));
        if !ui.is_rect_visible(rect) {
            return;
        }
        let painter = ui.painter();
        painter.rect_filled(rect.translate(vec2(3.0, 3.0)), 0.0, Color32::from_gray(200));
        painter.rect_filled(rect, 0.0, Color32::WHITE);
        painter.rect_stroke(rect, 0.0, Stroke::new(1.0, Color32::from_gray(170)), egui::StrokeKind::Outside);
        let fresh = self.textures.get(&index).is_some_and(|(w, _)| (*w - width).abs() < 1.0);
        if !fresh && *drawn < PAGES_PER_FRAME {
            *drawn += 1;
            let scale = width * ui.ctx().pixels_per_point() / w_pt.max(1.0);
            if let Some(image) = self.made.printed.page_image(index, scale) {
                let colour = egui::ColorImage::from_rgba_premultiplied([image.width, image.height], &image.rgba);
                let texture =
                    ui.ctx().load_texture(format!("sheet_page_{index}"), colour, egui::TextureOptions::LINEAR);
                self.textures.insert(index, (width, texture));
            }
        } else if !fresh {
            ui.ctx().request_repaint();
        }
        match self.textures.get(&index) {
            Some((_, texture)) => {
                let uv = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
                ui.painter().image(texture.id(), rect, uv, Color32::WHITE);
            }
            None => {
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    &name,
                    egui::FontId::proportional(14.0),
                    Color32::GRAY,
                );
            }
        }
    }
}
