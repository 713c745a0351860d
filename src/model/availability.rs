//! When an offer can host a team: the one rule behind the offers' list filter, the month view
//! and the demo. Plain data in, a reason out. Also what a day of the month view means, and what
//! clicking it in the editor does.

use chrono::{Datelike as _, NaiveDate, Weekday};

use super::calendar::{is_bank_holiday, is_weekend};
use super::records::Weekdays;

/// The days an offer runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Availability {
    pub first_date: NaiveDate,
    pub last_date: NaiveDate,
    /// The weekdays it runs within the range.
    pub weekdays: Weekdays,
    /// Single days offered besides the range (these are offered whatever day they fall on).
    pub extra_dates: Vec<NaiveDate>,
    /// Days the group cannot host, whatever else says.
    pub blackout_dates: Vec<NaiveDate>,
    pub weekends_allowed: bool,
    pub bank_holidays_allowed: bool,
}

/// Why an offer cannot host a team on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhyNot {
    Blackout,
    BeforeRange,
    AfterRange,
    Weekend,
    BankHoliday,
    NotOnThatWeekday(Weekday),
}

impl WhyNot {
    /// Words for the month view: "a bank holiday".
    pub fn explanation(self) -> String {
        match self {
            Self::Blackout => "the group cannot host that day".to_owned(),
            Self::BeforeRange => "before the offer starts".to_owned(),
            Self::AfterRange => "after the offer ends".to_owned(),
            Self::Weekend => "a weekend".to_owned(),
            Self::BankHoliday => "a bank holiday".to_owned(),
            Self::NotOnThatWeekday(day) => format!("the offer does not run on {}s", weekday_name(day)),
        }
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Whether the offer can host a team on `date`, and if not, why not. Blackout days win over
/// everything; extra single days are offered whatever day they fall on; otherwise the day must
/// be in the range, on one of the offer's weekdays, and not a weekend or an England and Wales
/// bank holiday unless the offer says so.
pub fn is_available(offer: &Availability, date: NaiveDate) -> Result<(), WhyNot> {
    if offer.blackout_dates.contains(&date) {
        return Err(WhyNot::Blackout);
    }
    if offer.extra_dates.contains(&date) {
        return Ok(());
    }
    if date < offer.first_date {
        return Err(WhyNot::BeforeRange);
    }
    if date > offer.last_date {
        return Err(WhyNot::AfterRange);
    }
    if !offer.weekends_allowed && is_weekend(date) {
        return Err(WhyNot::Weekend);
    }
    if !offer.bank_holidays_allowed && is_bank_holiday(date) {
        return Err(WhyNot::BankHoliday);
    }
    if !offer.weekdays.contains(date.weekday()) {
        return Err(WhyNot::NotOnThatWeekday(date.weekday()));
    }
    Ok(())
}

/// What one day means for an offer, as its month view shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    Available,
    /// Offered as a single extra day.
    Extra,
    /// The group cannot host that day.
    Blackout,
    Unavailable(WhyNot),
}

/// What `day` means for the offer.
pub fn day_kind(offer: &Availability, day: NaiveDate) -> DayKind {
    if offer.blackout_dates.contains(&day) {
        return DayKind::Blackout;
    }
    match is_available(offer, day) {
        Ok(()) if offer.extra_dates.contains(&day) => DayKind::Extra,
        Ok(()) => DayKind::Available,
        Err(why) => DayKind::Unavailable(why),
    }
}

impl DayKind {
    /// The day in words: "Tue 6 Apr 2027: not available: a bank holiday".
    pub fn explanation(self, day: NaiveDate) -> String {
        let name = super::dates::uk_date(day);
        match self {
            Self::Available => format!("{name}: available"),
            Self::Extra => format!("{name}: available (an extra day)"),
            Self::Blackout => format!("{name}: not available: the group cannot host that day (blackout)"),
            Self::Unavailable(why) => format!("{name}: not available: {}", why.explanation()),
        }
    }
}

/// A click on a day of the editor's month view: an available day becomes a blackout day, a day
/// that is not becomes an extra day, and a second click takes either back.
pub fn toggle_day(offer: &mut Availability, day: NaiveDate) {
    if let Some(i) = offer.blackout_dates.iter().position(|d| *d == day) {
        offer.blackout_dates.remove(i);
    } else if let Some(i) = offer.extra_dates.iter().position(|d| *d == day) {
        offer.extra_dates.remove(i);
    } else if is_available(offer, day).is_ok() {
        offer.blackout_dates.push(day);
        offer.blackout_dates.sort();
    } else {
        offer.extra_dates.push(day);
        offer.extra_dates.sort();
    }
}

/// Team-days still free: the capacity less the placements made (never below nothing).
pub fn capacity_left(capacity: u32, placed: u32) -> u32 {
    capacity.saturating_sub(placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    fn offer() -> Availability {
        Availability {
            first_date: d(4, 1),
            last_date: d(5, 31),
            weekdays: Weekdays(0b000_1010), // Tuesdays and Thursdays
            extra_dates: vec![d(6, 5)],
            blackout_dates: vec![d(4, 20)],
            weekends_allowed: false,
            bank_holidays_allowed: false,
        }
    }

    #[test]
    fn each_reason_is_given() {
        let o = offer();
        assert_eq!(is_available(&o, d(4, 6)), Ok(()), "a Tuesday in range");
        assert_eq!(is_available(&o, d(4, 20)), Err(WhyNot::Blackout));
        assert_eq!(is_available(&o, d(3, 30)), Err(WhyNot::BeforeRange));
        assert_eq!(is_available(&o, d(6, 1)), Err(WhyNot::AfterRange));
        assert_eq!(is_available(&o, d(4, 10)), Err(WhyNot::Weekend), "a Saturday");
        assert_eq!(is_available(&o, d(5, 3)), Err(WhyNot::BankHoliday), "early May bank holiday");
        assert_eq!(is_available(&o, d(4, 7)), Err(WhyNot::NotOnThatWeekday(Weekday::Wed)));
        assert_eq!(is_available(&o, d(6, 5)), Ok(()), "an extra day, though a Saturday after the range");
    }

    #[test]
    fn weekends_and_bank_holidays_can_be_offered() {
        let o = Availability {
            weekdays: Weekdays(0b111_1111),
            weekends_allowed: true,
            bank_holidays_allowed: true,
            ..offer()
        };
        assert_eq!(is_available(&o, d(4, 10)), Ok(()));
        assert_eq!(is_available(&o, d(5, 3)), Ok(()));
        assert_eq!(WhyNot::NotOnThatWeekday(Weekday::Wed).explanation(), "the offer does not run on Wednesdays");
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
        assert!(day_kind(&when, d(4, 10)).explanation(d(4, 10)).ends_with("available (an extra day)"));
        assert!(day_kind(&when, d(4, 11)).explanation(d(4, 11)).ends_with("not available: a weekend"));
        assert_eq!(day_kind(&when, d(4, 7)), DayKind::Blackout);
        toggle_day(&mut when, d(4, 7));
        toggle_day(&mut when, d(4, 10));
        assert!(when.blackout_dates.is_empty() && when.extra_dates.is_empty());
    }

    #[test]
    fn capacity_left_never_goes_below_nothing() {
        assert_eq!(capacity_left(3, 1), 2);
        assert_eq!(capacity_left(1, 2), 0);
    }
}
