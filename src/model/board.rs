//! What the board shows, as plain data: the weeks of a programme window, whether weekends need
//! columns, and the offers for a day in order of how well they fit a team. The window draws it.

use chrono::{Datelike as _, Days, NaiveDate, Weekday};

use super::availability::is_available;
use super::clash::{Candidate, Problem, Severity, check_candidate, offer_day_problems};
use super::ids::{CohortId, OfferId, PlacementId, TeamId};
use super::programme::{Placed, Programme};

/// The days the board shows: whole weeks, Monday to Sunday, from the week of `first` to the week
/// of `last` (at most a year of them).
pub fn weeks(first: NaiveDate, last: NaiveDate) -> Vec<[NaiveDate; 7]> {
    let monday = first.week(Weekday::Mon).first_day();
    let mut weeks = Vec::new();
    let mut start = monday;
    while start <= last && weeks.len() < 53 {
        let mut week = [start; 7];
        for (i, day) in week.iter_mut().enumerate() {
            *day = start.checked_add_days(Days::new(i as u64)).unwrap_or(start);
        }
        weeks.push(week);
        match start.checked_add_days(Days::new(7)) {
            Some(next) => start = next,
            None => break,
        }
    }
    weeks
}

/// The window the board shows for a cohort (or all): the cohorts' programme windows, widened to
/// take in every placement; with none of those, the offers' dates; with none, four weeks from
/// `today`.
pub fn board_window(programme: &Programme, cohort: Option<CohortId>, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let mut days: Vec<NaiveDate> = programme
        .cohorts
        .iter()
        .filter(|c| cohort.is_none_or(|id| c.id == id))
        .filter_map(|c| c.window)
        .flat_map(|(first, last)| [first, last])
        .collect();
    days.extend(
        programme
            .placements
            .iter()
            .filter(|p| cohort.is_none_or(|id| programme.team(p.team).is_some_and(|t| t.cohort == id)))
            .map(|p| p.day),
    );
    if days.is_empty() {
        days.extend(programme.offers.iter().flat_map(|o| [o.when.first_date, o.when.last_date]));
    }
    match (days.iter().min(), days.iter().max()) {
        (Some(first), Some(last)) => (*first, *last),
        _ => (today, today.checked_add_days(Days::new(27)).unwrap_or(today)),
    }
}

/// Whether any offer can host on a Saturday or Sunday between `first` and `last`, or a placement
/// falls on one: only then does the board give weekends a column.
pub fn weekends_needed(programme: &Programme, first: NaiveDate, last: NaiveDate) -> bool {
    let weekend = |d: &NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    let in_range = |d: &NaiveDate| first <= *d && *d <= last;
    programme.placements.iter().any(|p| p.status.is_live() && in_range(&p.day) && weekend(&p.day))
        || programme.offers.iter().any(|o| {
            (o.when.weekends_allowed && o.when.first_date <= last && o.when.last_date >= first)
                || o.when.extra_dates.iter().any(|d| in_range(d) && weekend(d))
        })
}

/// An offer for a day, and how well it fits.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferFit {
    pub offer: OfferId,
    /// What placing the team (or any team) there would break.
    pub problems: Vec<Problem>,
    /// Teams already placed in the offer's neighbourhood (the fewer, the better the spread).
    pub neighbourhood_teams: usize,
    pub places_left: u32,
    /// How far the team's size is from what the offer takes (0 when it fits).
    pub size_gap: u32,
}

impl OfferFit {
    /// The worst of the problems, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.problems.iter().map(Problem::severity).min()
    }
}

/// The offers that run on `day`, best fit first: no clash, then warnings, then clashes; within
/// those, neighbourhoods with fewer teams, more places left, the closest team size, then title.
/// With a team, the whole placement is judged (in place of the team's placement that day, if it
/// has one: choosing its activity); with none, only what the offer and day allow.
pub fn offers_for_day(programme: &Programme, day: NaiveDate, team: Option<TeamId>) -> Vec<OfferFit> {
    let replacing: Vec<PlacementId> =
        team.into_iter().flat_map(|t| programme.live_of_team(t)).filter(|p| p.day == day).map(|p| p.id).collect();
    let mut fits: Vec<OfferFit> = programme
        .offers
        .iter()
        .filter(|o| is_available(&o.when, day).is_ok())
        .map(|o| {
            let problems = match team {
                Some(team) => check_candidate(
                    programme,
                    &Candidate { team, day, offer: Some(o.id), replacing: replacing.clone(), also: Vec::new() },
                ),
                None => offer_day_problems(programme, o.id, &Candidate { day, ..Default::default() }),
            };
            let neighbourhood_teams = programme
                .placements
                .iter()
                .filter(|p| p.status.is_live())
                .filter(|p| {
                    p.offer.and_then(|id| programme.offer(id)).is_some_and(|x| x.neighbourhood == o.neighbourhood)
                })
                .count();
            let used = programme.live_of_offer(o.id).count() as u32;
            let size = team.and_then(|t| programme.team(t)).map(|t| t.members.len() as u32);
            let size_gap = size.map_or(0, |s| o.team_size_min.saturating_sub(s) + s.saturating_sub(o.team_size_max));
            OfferFit {
                offer: o.id,
                problems,
                neighbourhood_teams,
                places_left: o.capacity.saturating_sub(used),
                size_gap,
            }
        })
        .collect();
    let title = |fit: &OfferFit| programme.offer(fit.offer).map(|o| o.title.to_lowercase()).unwrap_or_default();
    fits.sort_by(|a, b| {
        let rank = |f: &OfferFit| match f.worst() {
            None => 0,
            Some(Severity::Warning) => 1,
            Some(Severity::Hard) => 2,
        };
        rank(a)
            .cmp(&rank(b))
            .then(a.neighbourhood_teams.cmp(&b.neighbourhood_teams))
            .then(b.places_left.cmp(&a.places_left))
            .then(a.size_gap.cmp(&b.size_gap))
            .then_with(|| title(a).cmp(&title(b)))
            .then(a.offer.cmp(&b.offer))
    });
    fits
}

/// What a drop (or the same from a menu or the keyboard) would do to the placements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gesture {
    /// A team onto a day, with an activity offer or none yet.
    Place { team: TeamId, day: NaiveDate, offer: Option<OfferId> },
    /// A placement to another day: it keeps its offer if the offer runs then, else goes without.
    Move { id: PlacementId, day: NaiveDate },
    /// An offer for a placement.
    SetOffer { id: PlacementId, offer: OfferId },
    /// Two placements exchange teams.
    Swap { a: PlacementId, b: PlacementId },
    /// A placement taken off its day.
    Remove { id: PlacementId },
}

/// What a gesture would break, before it is made.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Verdict {
    pub problems: Vec<Problem>,
    /// What else it would do that the coordinator should know ("moves without its activity").
    pub notes: Vec<String>,
    /// For a move, the offer the placement keeps (none when it does not run on the new day).
    pub offer: Option<OfferId>,
}

impl Verdict {
    /// Hard if any clash is hard; a warning if there is a warning or a note; else none.
    pub fn worst(&self) -> Option<Severity> {
        let worst = self.problems.iter().map(Problem::severity).min();
        match worst {
            None if !self.notes.is_empty() => Some(Severity::Warning),
            other => other,
        }
    }

    /// The hard clashes' kinds, which placing anyway records.
    pub fn hard_kinds(&self) -> Vec<super::clash::ClashKind> {
        let mut kinds: Vec<_> = self.problems.iter().filter(|p| p.is_hard()).map(|p| p.kind).collect();
        kinds.dedup();
        kinds
    }

    /// Everything in words, worst first: for a cell's tooltip and its accessible name.
    pub fn words(&self) -> String {
        let mut lines: Vec<String> = self.problems.iter().map(|p| p.message.clone()).collect();
        lines.extend(self.notes.iter().cloned());
        lines.join(" ")
    }
}

/// Judges a gesture by the clash rules: what the placement(s) it leaves would break.
pub fn judge(programme: &Programme, gesture: Gesture) -> Verdict {
    match gesture {
        Gesture::Place { team, day, offer } => Verdict {
            problems: check_candidate(programme, &Candidate { team, day, offer, ..Default::default() }),
            ..Default::default()
        },
        Gesture::Move { id, day } => {
            let Some(p) = programme.placement(id) else { return Verdict::default() };
            let (offer, notes) = match p.offer.and_then(|o| programme.offer(o)) {
                Some(o) if is_available(&o.when, day).is_ok() => (Some(o.id), Vec::new()),
                Some(o) => (
                    None,
                    vec![format!(
                        "“{}” does not run on {}: {} would move there without its activity.",
                        o.title,
                        super::dates::uk_date(day),
                        programme.team(p.team).map_or("the team", |t| t.name.as_str())
                    )],
                ),
                None => (None, Vec::new()),
            };
            let candidate = Candidate { team: p.team, day, offer, replacing: vec![id], also: Vec::new() };
            Verdict { problems: check_candidate(programme, &candidate), notes, offer }
        }
        Gesture::SetOffer { id, offer } => {
            let Some(p) = programme.placement(id) else { return Verdict::default() };
            let candidate =
                Candidate { team: p.team, day: p.day, offer: Some(offer), replacing: vec![id], also: Vec::new() };
            Verdict { problems: check_candidate(programme, &candidate), offer: Some(offer), ..Default::default() }
        }
        Gesture::Swap { a, b } => judge_swap(programme, a, b),
        Gesture::Remove { .. } => Verdict::default(),
    }
}

fn judge_swap(programme: &Programme, a: PlacementId, b: PlacementId) -> Verdict {
    let (Some(pa), Some(pb)) = (programme.placement(a), programme.placement(b)) else { return Verdict::default() };
    // Each team takes the other's day and activity.
    let new_a = Placed { team: pb.team, ..pa.clone() };
    let new_b = Placed { team: pa.team, ..pb.clone() };
    let mut problems = Vec::new();
    for (this, other) in [(&new_a, &new_b), (&new_b, &new_a)] {
        let candidate = Candidate {
            team: this.team,
            day: this.day,
            offer: this.offer,
            replacing: vec![a, b],
            also: vec![other.clone()],
        };
        for problem in check_candidate(programme, &candidate) {
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        }
    }
    problems.sort_by_key(|p| p.kind);
    Verdict { problems, ..Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, month, day).unwrap()
    }

    #[test]
    fn weeks_run_monday_to_sunday_over_the_whole_window() {
        let weeks = weeks(d(4, 1), d(4, 30));
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0][0], d(3, 29), "the Monday before Thursday 1 April");
        assert_eq!(weeks[4][6], d(5, 2));
        assert!(weeks.iter().all(|w| w[0].weekday() == Weekday::Mon));
        assert_eq!(super::weeks(d(4, 5), d(4, 5)).len(), 1);
    }

    #[test]
    fn an_empty_programme_shows_four_weeks_from_today() {
        let (first, last) = board_window(&Programme::default(), None, d(4, 1));
        assert_eq!((first, last), (d(4, 1), d(4, 28)));
    }
}
