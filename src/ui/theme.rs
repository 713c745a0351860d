//! A calm, readable look: light background, NHS blue for what is selected, larger text.

use egui::{Color32, FontFamily, FontId, TextStyle};

pub const NHS_BLUE: Color32 = Color32::from_rgb(0x00, 0x5E, 0xB8);
pub const WARM_YELLOW: Color32 = Color32::from_rgb(0xFF, 0xF4, 0xCC);
pub const ERROR_RED: Color32 = Color32::from_rgb(0xC0, 0x1E, 0x1E);
pub const OK_GREEN: Color32 = Color32::from_rgb(0x00, 0x7F, 0x3B);
/// Dark amber, for what needs checking but is not wrong (readable on white).
pub const WARNING_TEXT: Color32 = Color32::from_rgb(0x8A, 0x50, 0x00);
pub const PALE_GREY: Color32 = Color32::from_rgb(0xF0, 0xF4, 0xF5);

/// The keyboard's focus: a thick warm-yellow ring edged in black (as the NHS's own sites show
/// focus), never the blue of what is selected, so that anyone can see where the keyboard is.
pub const FOCUS_YELLOW: Color32 = Color32::from_rgb(0xFF, 0xB8, 0x1C);

/// Draws the focus ring around `rect` (outside it, clear of a selection's blue edge). A widget
/// that draws its own (a chip, a day) says so for the frame, and the window draws none over it
/// (`widgets::paint_focus_ring`).
pub fn focus_ring(painter: &egui::Painter, rect: egui::Rect) {
    painter.rect_stroke(rect.expand(3.0), 6.0, egui::Stroke::new(3.0, FOCUS_YELLOW), egui::StrokeKind::Outside);
    painter.rect_stroke(rect.expand(6.0), 7.0, egui::Stroke::new(1.5, Color32::BLACK), egui::StrokeKind::Outside);
    let ctx = painter.ctx();
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| d.insert_temp(focus_ring_drawn_id(), pass));
}

/// Where `focus_ring` notes the pass it last drew in.
pub(crate) fn focus_ring_drawn_id() -> egui::Id {
    egui::Id::unique("focus_ring_drawn")
}

/// The name of the bold family (`FontFamily::Name`), for headings on the board's chips.
pub const BOLD: &str = "bold";

/// Noto Sans first, so that every name on a roster is drawn with its own letters; egui's own
/// fonts after it, for the symbols it lacks.
fn fonts() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts
        .font_data
        .insert("NotoSans".into(), std::sync::Arc::new(egui::FontData::from_static(crate::fonts::NOTO_SANS)));
    fonts
        .font_data
        .insert("NotoSansBold".into(), std::sync::Arc::new(egui::FontData::from_static(crate::fonts::NOTO_SANS_BOLD)));
    let fallbacks = fonts.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    fonts.families.entry(FontFamily::Proportional).or_default().insert(0, "NotoSans".into());
    let mut bold = vec!["NotoSansBold".to_owned()];
    bold.extend(fallbacks);
    fonts.families.insert(FontFamily::Name(BOLD.into()), bold);
    fonts
}

pub fn apply(ctx: &egui::Context) {
    ctx.set_fonts(fonts());
    ctx.set_theme(egui::Theme::Light);
    ctx.style_mut_of(egui::Theme::Light, |style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(22.0, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (TextStyle::Button, FontId::new(15.0, FontFamily::Proportional)),
            (TextStyle::Small, FontId::new(12.0, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(14.0, FontFamily::Monospace)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.visuals.selection.bg_fill = NHS_BLUE;
        style.visuals.selection.stroke.color = Color32::WHITE;
        style.visuals.hyperlink_color = NHS_BLUE;
        // Text fields need an edge on a white page: a pale fill and a grey border.
        style.visuals.text_edit_bg_color = Some(Color32::from_rgb(0xFB, 0xFC, 0xFD));
        style.visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(185));
        style.visuals.widgets.hovered.bg_stroke = egui::Stroke::new(1.0, NHS_BLUE);
        // A widget with the keyboard's focus is drawn "active": give it a thick black edge, never
        // the blue of a selection (a selected item is filled blue).
        style.visuals.widgets.active.bg_stroke = egui::Stroke::new(2.5, Color32::BLACK);
    });
}
