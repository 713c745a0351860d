//! Dates as people in England read them: `Tue 16 Apr 2019`.

use chrono::{Datelike as _, NaiveDate, NaiveTime, Timelike as _};

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
        let month = month_number(month)?;
        return NaiveDate::from_ymd_opt(
            year.parse().ok()?,
            month,
            day.trim_end_matches(|c: char| c.is_alphabetic()).parse().ok()?,
        );
    }
    None
}

/// Text that is not a time of day.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a time (like 09:30)")]
pub struct NotATime(pub String);

/// "09:30", "9.30", "0930", "9am", "2:30pm".
pub fn parse_time(text: &str) -> Result<NaiveTime, NotATime> {
    let bad = || NotATime(text.to_owned());
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

/// A day and month with no year, as the first date of a range is often written: `19 April`,
/// `19th Apr`, `Mon 19 April`, `19/04`, `19-4`.
fn parse_day_and_month(text: &str) -> Option<(u32, u32)> {
    let text = text.trim();
    let numeric: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    if let [day, month] = numeric.as_slice()
        && [day, month].iter().all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some((day.parse().ok()?, month.parse().ok()?));
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let words = match words.first() {
        Some(first) if first.chars().all(char::is_alphabetic) && words.len() == 3 => &words[1..],
        _ => &words[..],
    };
    let [day, month] = words else { return None };
    let month = month_number(month)?;
    Some((day.trim_end_matches(|c: char| c.is_alphabetic()).parse().ok()?, month))
}

/// `1` for "Jan", "january", "JANUARY".
fn month_number(word: &str) -> Option<u32> {
    let month = word.get(..3)?.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == month).map(|m| m as u32 + 1)
}

/// A first and a last day in one cell, as people type them: `12/04/2027 - 28/05/2027`,
/// `19 April 2027 to 21 May 2027`, `from 12/04/2027 until 14/05/2027`, `26/04/2027-28/05/2027`,
/// `12/04/27 – 28/05/27`, or `19 April to 21 May 2027` (a first day without a year takes the
/// last's, or the year before when that would put it after the last). One date alone is a
/// range of one day. `None` when it cannot be read as a first and a last day.
pub fn parse_uk_date_range(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let lower = text.trim().to_lowercase();
    let lower = ["from ", "between ", "available "]
        .iter()
        .fold(lower.as_str(), |t, lead| t.strip_prefix(lead).unwrap_or(t))
        .trim();
    for separator in [" until ", " till ", " to ", " and ", " through ", "–", "—", " - "] {
        if let Some((first, last)) = lower.split_once(separator)
            && let Some(range) = date_pair(first, last)
        {
            return Some(range);
        }
    }
    // A hyphen between two dates that may hold hyphens themselves ("26-04-2027-28-05-2027"):
    // the one place it splits into two dates.
    for (at, _) in lower.match_indices('-') {
        if let Some(range) = date_pair(&lower[..at], &lower[at + 1..]) {
            return Some(range);
        }
    }
    parse_uk_date(lower).map(|day| (day, day))
}

fn date_pair(first: &str, last: &str) -> Option<(NaiveDate, NaiveDate)> {
    let last = parse_uk_date(last.trim())?;
    let first = match parse_uk_date(first.trim()) {
        Some(day) => day,
        None => {
            let (day, month) = parse_day_and_month(first)?;
            let same_year = NaiveDate::from_ymd_opt(last.year(), month, day)?;
            if same_year <= last { same_year } else { NaiveDate::from_ymd_opt(last.year() - 1, month, day)? }
        }
    };
    Some((first, last))
}

/// A start and a finish time in one cell: `10am-4pm`, `9.30am - 3.30pm`, `10:00-16:00`,
/// `10 till 4`. A start with no am or pm before a finish in the afternoon is in the afternoon
/// when the morning would make the day longer than twelve hours (`1-4pm` is 13:00 to 16:00); a
/// finish with neither that is not after the start is in the afternoon (`10-4` is 10:00 to
/// 16:00).
pub fn parse_time_range(text: &str) -> Option<(NaiveTime, NaiveTime)> {
    let lower = text.trim().to_lowercase();
    let has_half_of_day =
        |t: &str| t.ends_with("am") || t.ends_with("pm") || t.ends_with("a.m.") || t.ends_with("p.m.");
    for separator in [" until ", " till ", " to ", "–", "—", "-"] {
        let Some((first, last)) = lower.split_once(separator) else { continue };
        let (first, last) = (first.trim().replace(".m.", "m"), last.trim().replace(".m.", "m"));
        let (Ok(mut start), Ok(mut finish)) = (parse_time(&first), parse_time(&last)) else { continue };
        let twelve_hours = chrono::Duration::hours(12);
        if !has_half_of_day(&first) && last.ends_with("pm") && start.hour() < 12 && start + twelve_hours < finish {
            start += twelve_hours;
        }
        if !has_half_of_day(&last) && finish <= start && finish.hour() < 12 {
            finish += twelve_hours;
        }
        return Some((start, finish));
    }
    None
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
    fn date_ranges_in_one_cell_are_read_as_people_type_them() {
        let expected = |f: (i32, u32, u32), l: (i32, u32, u32)| Some((d(f.0, f.1, f.2), d(l.0, l.1, l.2)));
        let cases = [
            ("12/04/2027 - 28/05/2027", expected((2027, 4, 12), (2027, 5, 28))),
            ("19 April 2027 to 21 May 2027", expected((2027, 4, 19), (2027, 5, 21))),
            ("from 12/04/2027 until 14/05/2027", expected((2027, 4, 12), (2027, 5, 14))),
            ("26/04/2027-28/05/2027", expected((2027, 4, 26), (2027, 5, 28))),
            ("12/04/27 - 28/05/27", expected((2027, 4, 12), (2027, 5, 28))),
            ("12/4/27–28/5/27", expected((2027, 4, 12), (2027, 5, 28))),
            ("19 April to 21 May 2027", expected((2027, 4, 19), (2027, 5, 21))),
            ("Mon 19th April - Fri 21st May 2027", expected((2027, 4, 19), (2027, 5, 21))),
            ("12/04 - 28/05/2027", expected((2027, 4, 12), (2027, 5, 28))),
            ("14 Dec to 10 Jan 2028", expected((2027, 12, 14), (2028, 1, 10))),
            ("26-04-2027-28-05-2027", expected((2027, 4, 26), (2027, 5, 28))),
            ("2027-04-26 - 2027-05-28", expected((2027, 4, 26), (2027, 5, 28))),
            ("between 3 May 2027 and 7 May 2027", expected((2027, 5, 3), (2027, 5, 7))),
            ("FROM 12/04/2027 TO 14/05/2027", expected((2027, 4, 12), (2027, 5, 14))),
            ("05/05/2027", expected((2027, 5, 5), (2027, 5, 5))),
        ];
        for (text, want) in cases {
            assert_eq!(parse_uk_date_range(text), want, "{text}");
        }
        for text in ["14/04/27 onwards", "April and May", "soon", "", "12/04/2027 - ", "31/02/2027 - 28/05/2027"] {
            assert_eq!(parse_uk_date_range(text), None, "{text}");
        }
    }

    #[test]
    fn times_in_one_cell_are_read_as_people_type_them() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let cases = [
            ("10am-4pm", (t(10, 0), t(16, 0))),
            ("9.30am - 3.30pm", (t(9, 30), t(15, 30))),
            ("10:00-16:00", (t(10, 0), t(16, 0))),
            ("10 till 4", (t(10, 0), t(16, 0))),
            ("1-4pm", (t(13, 0), t(16, 0))),
            ("9-4pm", (t(9, 0), t(16, 0))),
            ("9:30 to 15:00", (t(9, 30), t(15, 0))),
            ("10 a.m. – 2 p.m.", (t(10, 0), t(14, 0))),
            ("0930–1530", (t(9, 30), t(15, 30))),
        ];
        for (text, want) in cases {
            assert_eq!(parse_time_range(text), Some(want), "{text}");
        }
        for text in ["all day", "10am", "", "morning - afternoon"] {
            assert_eq!(parse_time_range(text), None, "{text}");
        }
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
