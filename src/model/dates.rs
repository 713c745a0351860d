//! Dates as people in England read them: `Tue 16 Apr 2019`.

use chrono::{Datelike as _, NaiveDate};

/// `Tue 16 Apr 2019`.
pub fn uk_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// `16 Apr 2019`, for tables where the weekday would be noise.
pub fn uk_date_short(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// `Tue 16 Apr – Fri 31 May 2019`, or with both years when they differ.
pub fn uk_date_range(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        uk_date(first)
    } else if first.year() == last.year() {
        format!("{} – {}", first.format("%a %-d %b"), uk_date(last))
    } else {
        format!("{} – {}", uk_date(first), uk_date(last))
    }
}

/// Every date from `first` to `last`, both included.
pub fn days_between(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first.iter_days().take_while(move |d| *d <= last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_read_the_english_way() {
        assert_eq!(uk_date(d(2019, 4, 16)), "Tue 16 Apr 2019");
        assert_eq!(uk_date_short(d(2027, 5, 3)), "3 May 2027");
        assert_eq!(uk_date_range(d(2027, 4, 6), d(2027, 5, 28)), "Tue 6 Apr – Fri 28 May 2027");
        assert_eq!(uk_date_range(d(2026, 12, 30), d(2027, 1, 2)), "Wed 30 Dec 2026 – Sat 2 Jan 2027");
    }

    #[test]
    fn days_between_includes_both_ends() {
        let days: Vec<_> = days_between(d(2027, 4, 29), d(2027, 5, 2)).collect();
        assert_eq!(days, vec![d(2027, 4, 29), d(2027, 4, 30), d(2027, 5, 1), d(2027, 5, 2)]);
    }
}
