//! Dates as people in England read them: `Tue 16 Apr 2019`.

use chrono::{Datelike as _, NaiveDate, NaiveTime};

/// `Tue 16 Apr 2019`.
pub fn uk_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// `Tuesday 16 April 2019`, as a letter or a day sheet writes it.
pub fn uk_date_long(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// `Tuesday 16 April`, as a screen reader says a day of the board.
pub fn uk_day_long(date: NaiveDate) -> String {
    date.format("%A %-d %B").to_string()
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

/// A date as people in England type it: `22/11/2026`, `22-11-2026`, `22.11.26`, `22 Nov 2026`,
/// `Sun 22 November 2026` or `2026-11-22`. Day first, always.
pub fn parse_uk_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let numeric: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    if numeric.len() == 3 && numeric.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
        let (a, b, c): (u32, u32, i32) = (numeric[0].parse().ok()?, numeric[1].parse().ok()?, numeric[2].parse().ok()?);
        if numeric[0].len() == 4 {
            return NaiveDate::from_ymd_opt(a as i32, b, c as u32);
        }
        let year = if numeric[2].len() == 2 { 2000 + c } else { c };
        return NaiveDate::from_ymd_opt(year, b, a);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let words = match words.first() {
        Some(first) if first.chars().all(char::is_alphabetic) && words.len() == 4 => &words[1..],
        _ => &words[..],
    };
    if let [day, month, year] = words {
        let month = month.get(..3)?.to_ascii_lowercase();
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        let month = months.iter().position(|m| *m == month)? as u32 + 1;
        return NaiveDate::from_ymd_opt(
            year.parse().ok()?,
            month,
            day.trim_end_matches(|c: char| c.is_alphabetic()).parse().ok()?,
        );
    }
    None
}

/// "09:30", "9.30", "0930", "9am", "2:30pm".
pub fn parse_time(text: &str) -> Result<NaiveTime, String> {
    let bad = || format!("“{text}” is not a time (like 09:30)");
    let lower = text.trim().to_lowercase().replace(' ', "");
    let (clock, pm) = match (lower.strip_suffix("am"), lower.strip_suffix("pm")) {
        (Some(c), _) => (c.to_owned(), Some(false)),
        (_, Some(c)) => (c.to_owned(), Some(true)),
        _ => (lower.clone(), None),
    };
    let clock = clock.replace('.', ":");
    if !clock.is_ascii() {
        return Err(bad());
    }
    let (h, m): (u32, u32) = match clock.split_once(':') {
        Some((h, m)) => (h.parse().map_err(|_| bad())?, m.get(..2).unwrap_or(m).parse().map_err(|_| bad())?),
        None if clock.len() == 4 => (clock[..2].parse().map_err(|_| bad())?, clock[2..].parse().map_err(|_| bad())?),
        None => (clock.parse().map_err(|_| bad())?, 0),
    };
    let h = match pm {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// A date as typed in a form: `22/11/2026`.
pub fn uk_numeric_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
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
    fn dates_are_read_day_first() {
        let expected = Some(d(2026, 11, 2));
        for text in
            ["2/11/2026", "02-11-2026", "2.11.26", "2 Nov 2026", "Mon 2 November 2026", "2nd Nov 2026", "2026-11-02"]
        {
            assert_eq!(parse_uk_date(text), expected, "{text}");
        }
        assert_eq!(parse_uk_date("31/02/2026"), None);
        assert_eq!(parse_uk_date("soon"), None);
    }

    #[test]
    fn times_are_read_as_people_write_them() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(parse_time("09:30"), Ok(t(9, 30)));
        assert_eq!(parse_time("9.30"), Ok(t(9, 30)));
        assert_eq!(parse_time("0930"), Ok(t(9, 30)));
        assert_eq!(parse_time("2pm"), Ok(t(14, 0)));
        assert_eq!(parse_time("2:30 pm"), Ok(t(14, 30)));
        assert_eq!(parse_time("12am"), Ok(t(0, 0)));
        assert!(parse_time("lunchtime").is_err());
        assert!(parse_time("aé1").is_err(), "four bytes, not four digits");
    }

    #[test]
    fn days_between_includes_both_ends() {
        let days: Vec<_> = days_between(d(2027, 4, 29), d(2027, 5, 2)).collect();
        assert_eq!(days, vec![d(2027, 4, 29), d(2027, 4, 30), d(2027, 5, 1), d(2027, 5, 2)]);
    }
}

/// A clock time on a day in the UK (Europe/London: GMT in winter, BST in summer) as UTC. A time
/// the clocks skip in spring is read as the time after the change, as calendar programs do.
pub fn london_to_utc(day: NaiveDate, time: NaiveTime) -> Option<chrono::NaiveDateTime> {
    use chrono::Timelike as _;
    let civil = jiff::civil::DateTime::new(
        i16::try_from(day.year()).ok()?,
        i8::try_from(day.month()).ok()?,
        i8::try_from(day.day()).ok()?,
        i8::try_from(time.hour()).ok()?,
        i8::try_from(time.minute()).ok()?,
        0,
        0,
    )
    .ok()?;
    let instant = civil.in_tz("Europe/London").ok()?.timestamp();
    chrono::DateTime::from_timestamp(instant.as_second(), 0).map(|t| t.naive_utc())
}

#[cfg(test)]
mod london_tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> (NaiveDate, NaiveTime) {
        (NaiveDate::from_ymd_opt(y, m, d).unwrap(), NaiveTime::from_hms_opt(h, mi, 0).unwrap())
    }

    #[test]
    fn uk_times_become_utc_in_summer_time_and_out_of_it() {
        let utc = |(d, t): (NaiveDate, NaiveTime)| london_to_utc(d, t).map(|u| u.format("%Y-%m-%d %H:%M").to_string());
        // Greenwich Mean Time: the same.
        assert_eq!(utc(at(2027, 3, 26, 9, 30)).as_deref(), Some("2027-03-26 09:30"));
        // British Summer Time from Sunday 28 March 2027: an hour behind.
        assert_eq!(utc(at(2027, 3, 29, 9, 30)).as_deref(), Some("2027-03-29 08:30"));
        assert_eq!(utc(at(2027, 10, 29, 16, 0)).as_deref(), Some("2027-10-29 15:00"));
        // Back to GMT on Sunday 31 October 2027.
        assert_eq!(utc(at(2027, 11, 1, 16, 0)).as_deref(), Some("2027-11-01 16:00"));
    }
}
