//! A date picker that shows UK dates. egui_extras' picker works in `jiff` dates; the program
//! keeps chrono's, converted here at the widget's edge.

use chrono::{Datelike as _, NaiveDate};
use egui::Ui;

fn to_jiff(date: NaiveDate) -> jiff::civil::Date {
    let (Ok(year), Ok(month), Ok(day)) =
        (i16::try_from(date.year()), i8::try_from(date.month()), i8::try_from(date.day()))
    else {
        return jiff::civil::Date::constant(2027, 1, 1);
    };
    jiff::civil::Date::new(year, month, day).unwrap_or(jiff::civil::Date::constant(2027, 1, 1))
}

fn from_jiff(date: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        date.month().unsigned_abs().into(),
        date.day().unsigned_abs().into(),
    )
}

/// A date picker showing `Tue 16 Apr 2019`; `name` is what screen readers (and tests) call it.
pub fn date_picker_ui(ui: &mut Ui, salt: &str, date: &mut NaiveDate, name: &str) -> egui::Response {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_cross_to_jiff_and_back() {
        let date = NaiveDate::from_ymd_opt(2027, 4, 16).unwrap();
        assert_eq!(from_jiff(to_jiff(date)), Some(date));
        // A date jiff cannot hold becomes a fixed one rather than a panic.
        assert_eq!(to_jiff(NaiveDate::MAX), jiff::civil::Date::constant(2027, 1, 1));
    }
}
