//! Bank holidays in England and Wales, computed for any year.

use chrono::{Datelike as _, Duration, NaiveDate, Weekday};

/// Easter Sunday (Gregorian calendar; the anonymous algorithm).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let next_month_first = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = next_month_first.pred_opt()?;
    let back = last.weekday().num_days_from_monday();
    Some(last - Duration::days(i64::from(back)))
}

/// The next weekday on or after `date`.
fn on_or_after_weekday(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date + Duration::days(2),
        Weekday::Sun => date + Duration::days(1),
        _ => date,
    }
}

/// England and Wales bank holidays in `year` with their names, in date order, with substitute
/// days and the one-off holidays proclaimed since 2019.
pub fn named_bank_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut days = Vec::new();
    let date = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    if let Some(new_year) = date(1, 1) {
        days.push((on_or_after_weekday(new_year), "New Year's Day"));
    }
    if let Some(easter) = easter_sunday(year) {
        days.push((easter - Duration::days(2), "Good Friday"));
        days.push((easter + Duration::days(1), "Easter Monday"));
    }
    // Early May: first Monday, moved to VE Day's 75th anniversary in 2020.
    let early_may = if year == 2020 { date(5, 8) } else { first_monday(year, 5) };
    days.extend(early_may.map(|d| (d, "Early May bank holiday")));
    // Spring: last Monday in May, moved for the Platinum Jubilee in 2022.
    match year {
        2022 => {
            days.extend(date(6, 2).map(|d| (d, "Spring bank holiday")));
            days.extend(date(6, 3).map(|d| (d, "Platinum Jubilee bank holiday")));
        }
        _ => days.extend(last_monday(year, 5).map(|d| (d, "Spring bank holiday"))),
    }
    if year == 2023 {
        days.extend(date(5, 8).map(|d| (d, "Bank holiday for the coronation of King Charles III")));
    }
    days.extend(last_monday(year, 8).map(|d| (d, "Summer bank holiday")));
    if year == 2022 {
        days.extend(date(9, 19).map(|d| (d, "Bank holiday for the State Funeral of Queen Elizabeth II")));
    }
    if let (Some(christmas), Some(boxing)) = (date(12, 25), date(12, 26)) {
        let (christmas, boxing) = match christmas.weekday() {
            Weekday::Fri => (christmas, boxing + Duration::days(2)),
            Weekday::Sat => (christmas + Duration::days(2), boxing + Duration::days(2)),
            Weekday::Sun => (christmas + Duration::days(2), boxing),
            _ => (christmas, boxing),
        };
        days.push((christmas, "Christmas Day"));
        days.push((boxing, "Boxing Day"));
    }
    days.sort();
    days
}

/// England and Wales bank holidays in `year`, in date order.
pub fn bank_holidays(year: i32) -> Vec<NaiveDate> {
    named_bank_holidays(year).into_iter().map(|(day, _)| day).collect()
}

thread_local! {
    /// Each year's bank holidays, worked out once per thread: the clash rules ask about many days.
    static HOLIDAYS: std::cell::RefCell<std::collections::HashMap<i32, Vec<(NaiveDate, &'static str)>>> =
        std::cell::RefCell::default();
}

/// The bank holiday's name, when `date` is one in England and Wales.
pub fn bank_holiday_name(date: NaiveDate) -> Option<&'static str> {
    HOLIDAYS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let year = cache.entry(date.year()).or_insert_with(|| named_bank_holidays(date.year()));
        year.iter().find(|(day, _)| *day == date).map(|(_, name)| *name)
    })
}

/// Whether `date` is a bank holiday in England and Wales.
pub fn is_bank_holiday(date: NaiveDate) -> bool {
    bank_holiday_name(date).is_some()
}

/// Whether `date` is a Saturday or Sunday.
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// The dates GOV.UK publishes for England and Wales, a year to a line.
    const PUBLISHED: &str = "
        2019: 2019-01-01 2019-04-19 2019-04-22 2019-05-06 2019-05-27 2019-08-26 2019-12-25 2019-12-26
        2020: 2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28
        2021: 2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28
        2022: 2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27
        2023: 2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26
        2024: 2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26
        2025: 2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26
        2026: 2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28
        2027: 2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28
    ";

    #[test]
    fn matches_the_published_dates_2019_to_2027() {
        for line in PUBLISHED.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (year, dates) = line.split_once(": ").unwrap();
            let expected: Vec<NaiveDate> = dates.split(' ').map(ymd).collect();
            assert_eq!(bank_holidays(year.parse().unwrap()), expected, "bank holidays of {year}");
        }
        assert_eq!(PUBLISHED.lines().filter(|l| !l.trim().is_empty()).count(), 9);
    }

    #[test]
    fn easter_is_right_far_from_today() {
        assert_eq!(easter_sunday(1961), Some(ymd("1961-04-02")));
        assert_eq!(easter_sunday(2285), Some(ymd("2285-03-22")));
    }
}
