//! Why Suggest could not place a team, in words.

use super::*;
use crate::model::dates::uk_date;

/// Why a team was left out when some days were closed to it by the limit: the limit, when the
/// team could have gone out but for it.
pub(super) fn why_unplaced_with_limit(
    programme: &Programme,
    choices: &Choices,
    t: usize,
    most_per_day: Option<u32>,
) -> String {
    let open = Choices::new(programme, vec![choices.teams[t]], choices.days.clone(), &BTreeSet::new(), false);
    match most_per_day {
        Some(most) if open.has_open_door(0) => {
            let name = programme.team(choices.teams[t]).map_or("The team".to_owned(), |f| f.name.clone());
            format!(
                "{name}: every day it could go out with an offer that has room already has {} of the cohort out, \
                 the most a day.",
                count_of(u64::from(most), "team", "teams")
            )
        }
        _ => why_unplaced(programme, choices, t),
    }
}

/// Which rule closed every door to a team, in words.
pub(super) fn why_unplaced(programme: &Programme, choices: &Choices, t: usize) -> String {
    let facts = programme.team(choices.teams[t]);
    let name = facts.map_or("The team".to_owned(), |f| f.name.clone());
    let free_days: Vec<NaiveDate> = choices
        .days
        .iter()
        .zip(&choices.kind_of_day)
        .filter(|(_, k)| choices.kinds[**k].free[t])
        .map(|(d, _)| *d)
        .collect();
    let (Some(first), Some(last)) = (choices.days.first(), choices.days.last()) else {
        return format!("{name}: there are no days to place it on.");
    };
    if free_days.is_empty() {
        return format!(
            "{name}: on no day from {} to {} can every member go out (a member is away, or out with another team).",
            uk_date(*first),
            uk_date(*last)
        );
    }
    let all = match facts.map_or(0, |f| f.members.len()) {
        0 => "it is".to_owned(),
        1 => "its one member is".to_owned(),
        2 => "both members are".to_owned(),
        n => format!("all {} members are", number_word(n)),
    };
    if choices.has_open_door(t) {
        return format!(
            "{name}: every offer open on the days {all} free went to another team (there were more teams than places)."
        );
    }
    // No offer could host on any of its free days: say what closed them, most often first.
    let mut closed: BTreeMap<ClashKind, usize> = BTreeMap::new();
    for day in &free_days {
        for offer in &programme.offers {
            let mut problems = offer_day_problems(programme, offer.id, &Candidate { day: *day, ..Default::default() });
            problems.retain(Problem::is_hard);
            if let Some(p) = problems.first() {
                *closed.entry(p.kind).or_default() += 1;
            }
        }
    }
    let most = closed.iter().max_by_key(|(kind, n)| (**n, std::cmp::Reverse(**kind))).map(|(k, _)| *k);
    let what = match most {
        Some(ClashKind::OfferNotRunning) => "does not run then",
        Some(ClashKind::OfferTaken) => "already hosts a team that day",
        Some(ClashKind::OfferFull) => "is full",
        Some(ClashKind::OfferWithdrawn) => "has been withdrawn",
        Some(ClashKind::GroupArchived) => "is from an archived group",
        _ => "is closed",
    };
    format!("{name}: every offer on the days {all} free {what}.")
}

pub(super) fn number_word(n: usize) -> String {
    match n {
        3 => "three".to_owned(),
        4 => "four".to_owned(),
        5 => "five".to_owned(),
        6 => "six".to_owned(),
        n => n.to_string(),
    }
}
