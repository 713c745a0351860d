//! When an offer can host a team: the rule behind the offers' month view and the board's clash
//! checks. Plain data in, a reason out.

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
    if is_weekend(date) && !offer.weekends_allowed {
        return Err(WhyNot::Weekend);
    }
    if is_bank_holiday(date) && !offer.bank_holidays_allowed {
        return Err(WhyNot::BankHoliday);
    }
    if !offer.weekdays.contains(date.weekday()) {
        return Err(WhyNot::NotOnThatWeekday(date.weekday()));
    }
    Ok(())
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
    fn capacity_left_never_goes_below_nothing() {
        assert_eq!(capacity_left(3, 1), 2);
        assert_eq!(capacity_left(1, 2), 0);
    }
}
