//! The offers list's filters and the month view's grid: plain functions, tested here.

use chrono::{Datelike as _, NaiveDate};

use super::availability::{Availability, is_available};
use super::dates::days_between;
use super::ids::{NeighbourhoodId, PracticeId};
use super::records::{OfferStatus, OfferSummary};
use super::search::fold;

/// When an offer must be able to host a team, for the list's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum WhenFilter {
    #[default]
    Any,
    On(NaiveDate),
    /// On at least one day from the first to the last, inclusive.
    Between(NaiveDate, NaiveDate),
}

/// What the offers list shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct OfferFilter {
    /// Words to find in the title, group, neighbourhood or tags (accents and case ignored).
    pub text: String,
    pub neighbourhood: Option<NeighbourhoodId>,
    pub status: Option<OfferStatus>,
    pub practice: Option<PracticeId>,
    pub when: WhenFilter,
    /// Only offers with team-days still free.
    pub places_left: bool,
}

impl OfferFilter {
    pub fn matches(&self, offer: &OfferSummary) -> bool {
        if self.neighbourhood.is_some_and(|n| offer.neighbourhood_id != Some(n))
            || self.status.is_some_and(|s| offer.status != s)
            || self.practice.is_some_and(|p| !offer.practises.contains(&p))
            || (self.places_left && offer.capacity_left() == 0)
        {
            return false;
        }
        let available = match self.when {
            WhenFilter::Any => true,
            WhenFilter::On(day) => is_available(&offer.when, day).is_ok(),
            WhenFilter::Between(first, last) => available_between(&offer.when, first, last),
        };
        if !available {
            return false;
        }
        let needle = fold(self.text.trim());
        if needle.is_empty() {
            return true;
        }
        let haystack =
            fold(&format!("{} {} {} {}", offer.title, offer.group_name, offer.neighbourhood, offer.tags.join(" ")));
        needle.split_whitespace().all(|word| haystack.contains(word))
    }
}

/// Whether the offer can host on at least one day from `first` to `last`.
pub fn available_between(offer: &Availability, first: NaiveDate, last: NaiveDate) -> bool {
    if offer.extra_dates.iter().any(|d| (first..=last).contains(d) && is_available(offer, *d).is_ok()) {
        return true;
    }
    days_between(first.max(offer.first_date), last.min(offer.last_date)).any(|day| is_available(offer, day).is_ok())
}

/// The days of a month laid out in weeks from Monday: `None` pads the first and last weeks.
pub fn month_grid(year: i32, month: u32) -> Vec<[Option<NaiveDate>; 7]> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let mut weeks = Vec::new();
    let mut week = [None; 7];
    let mut day = first;
    while day.month() == month {
        let column = day.weekday().num_days_from_monday() as usize;
        week[column] = Some(day);
        if column == 6 {
            weeks.push(week);
            week = [None; 7];
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    if week.iter().any(Option::is_some) {
        weeks.push(week);
    }
    weeks
}

/// The month after (`step` 1) or before (`step` -1) the given one.
pub fn add_months(year: i32, month: u32, step: i32) -> (i32, u32) {
    let index = year * 12 + month as i32 - 1 + step;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::Weekdays;
    use crate::model::{GroupId, OfferId};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    fn summary() -> OfferSummary {
        OfferSummary {
            id: OfferId(1),
            group: GroupId(1),
            group_name: "Bispham Café Club".into(),
            title: "Community lunch".into(),
            neighbourhood_id: Some(NeighbourhoodId(2)),
            neighbourhood: "Bispham".into(),
            meeting_place: Default::default(),
            when: Availability {
                first_date: d(4, 5),
                last_date: d(4, 16),
                weekdays: Weekdays(0b000_0010), // Tuesdays
                extra_dates: vec![d(5, 8)],
                blackout_dates: vec![d(4, 13)],
                weekends_allowed: false,
                bank_holidays_allowed: false,
            },
            team_size_min: 3,
            team_size_max: 5,
            capacity: 2,
            placed: 1,
            practises: vec![PracticeId(1)],
            tags: vec!["cooking".into()],
            status: OfferStatus::Offered,
        }
    }

    #[test]
    fn each_filter_narrows_the_list() {
        let offer = summary();
        let pass = |f: OfferFilter| f.matches(&offer);
        assert!(pass(OfferFilter::default()));
        assert!(pass(OfferFilter { text: "cafe lunch".into(), ..Default::default() }), "accents and words");
        assert!(pass(OfferFilter { text: "COOKING".into(), ..Default::default() }), "tags");
        assert!(!pass(OfferFilter { text: "garden".into(), ..Default::default() }));
        assert!(!pass(OfferFilter { neighbourhood: Some(NeighbourhoodId(3)), ..Default::default() }));
        assert!(pass(OfferFilter { neighbourhood: Some(NeighbourhoodId(2)), ..Default::default() }));
        assert!(!pass(OfferFilter { status: Some(OfferStatus::Draft), ..Default::default() }));
        assert!(!pass(OfferFilter { practice: Some(PracticeId(2)), ..Default::default() }));
        assert!(pass(OfferFilter { places_left: true, ..Default::default() }));
        assert!(
            !OfferFilter { places_left: true, ..Default::default() }.matches(&OfferSummary { placed: 2, ..summary() })
        );
    }

    #[test]
    fn available_on_a_day_or_in_a_range() {
        let offer = summary();
        let when = |w: WhenFilter| OfferFilter { when: w, ..Default::default() }.matches(&offer);
        assert!(when(WhenFilter::On(d(4, 6))), "a Tuesday in range");
        assert!(!when(WhenFilter::On(d(4, 13))), "blackout Tuesday");
        assert!(!when(WhenFilter::On(d(4, 7))), "a Wednesday");
        assert!(when(WhenFilter::On(d(5, 8))), "the extra Saturday");
        assert!(!when(WhenFilter::Between(d(4, 7), d(4, 12))), "no Tuesday in it");
        assert!(!when(WhenFilter::Between(d(4, 13), d(4, 13))), "only the blackout");
        assert!(!when(WhenFilter::Between(d(4, 10), d(4, 20))), "Tue 13 is a blackout, Tue 20 after the range");
        assert!(when(WhenFilter::Between(d(4, 1), d(4, 10))), "Tue 6 Apr");
        assert!(when(WhenFilter::Between(d(5, 1), d(5, 31))), "the extra Saturday");
    }

    #[test]
    fn months_are_laid_out_from_monday() {
        let april = month_grid(2027, 4);
        // 1 April 2027 is a Thursday; 30 April a Friday.
        assert_eq!(april[0][3], Some(d(4, 1)));
        assert_eq!(april[0][2], None);
        assert_eq!(april.len(), 5);
        assert_eq!(april[4][4], Some(d(4, 30)));
        assert_eq!(april.iter().flatten().flatten().count(), 30);
        assert_eq!(add_months(2027, 12, 1), (2028, 1));
        // The last day any calendar holds: no step past it.
        assert_eq!(month_grid(NaiveDate::MAX.year(), 12).iter().flatten().flatten().last(), Some(&NaiveDate::MAX));
        assert_eq!(add_months(2027, 1, -1), (2026, 12));
    }
}
