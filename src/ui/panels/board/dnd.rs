//! Drag and drop on the board.
//!
//! Theory of operation: three things can be picked up, a [`Payload`]: a team from the tray, a
//! placement's chip, an offer from the day's list. A chip, a tray card or an offer row senses
//! clicks and drags; when a drag starts it puts its payload in egui's drag-and-drop slot
//! (`Response::dnd_set_drag_payload`). Three kinds of place take a drop, a [`Target`]: a day
//! cell, a chip, the tray. Every frame while something is held, every visible target asks what
//! the drop would do ([`gesture`] then `model::board::judge`, the same clash rules as everywhere)
//! and is coloured green, amber or red, with the reason in words for the pointer and for screen
//! readers; verdicts are kept in a [`Verdicts`] cache for the payload until it or the file
//! changes. On release, the target under the pointer takes the payload
//! (`Response::dnd_release_payload`; chips are asked before the cell they sit in, so the chip
//! wins) and the panel turns the gesture into one edit: at once when it is fine, after a word
//! when it drops an activity, and only with a reason when it breaks a hard rule. Escape drops
//! nothing (egui clears the slot). The keyboard path (`keyboard.rs`) lifts the same payloads and
//! drops them on the same targets, so both ways give one answer.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::board::{Gesture, Verdict, judge};
use crate::model::programme::Programme;
use crate::model::{OfferId, PlacementId, TeamId};

/// What is being dragged (or lifted with the keyboard).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Payload {
    Team(TeamId),
    Placement(PlacementId),
    Offer(OfferId),
}

/// Where it can be dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    Day(NaiveDate),
    Chip(PlacementId),
    Tray,
}

/// What dropping `payload` on `target` would do, if anything. An offer goes to the chosen team:
/// onto its placement that day, or as a new placement.
pub(crate) fn gesture(
    programme: &Programme,
    payload: Payload,
    target: Target,
    team: Option<TeamId>,
) -> Option<Gesture> {
    match (payload, target) {
        (Payload::Team(team), Target::Day(day)) => Some(Gesture::Place { team, day, offer: None }),
        (Payload::Team(team), Target::Chip(id)) => {
            programme.placement(id).map(|p| Gesture::Place { team, day: p.day, offer: None })
        }
        (Payload::Placement(id), Target::Day(day)) => {
            programme.placement(id).filter(|p| p.day != day).map(|_| Gesture::Move { id, day })
        }
        (Payload::Placement(a), Target::Chip(b)) if a != b => Some(Gesture::Swap { a, b }),
        (Payload::Placement(id), Target::Tray) => Some(Gesture::Remove { id }),
        (Payload::Offer(offer), Target::Chip(id)) => Some(Gesture::SetOffer { id, offer }),
        (Payload::Offer(offer), Target::Day(day)) => {
            let team = team?;
            match programme.live_of_team(team).find(|p| p.day == day) {
                Some(p) => Some(Gesture::SetOffer { id: p.id, offer }),
                None => Some(Gesture::Place { team, day, offer: Some(offer) }),
            }
        }
        _ => None,
    }
}

/// The verdicts for one payload, target by target, for one revision of the file.
#[derive(Default)]
pub(crate) struct Verdicts {
    key: Option<(u64, Payload, Option<TeamId>)>,
    by_target: HashMap<Target, Option<(Gesture, Verdict)>>,
}

impl Verdicts {
    /// The gesture and verdict for dropping `payload` on `target`; `None` when it does nothing.
    pub(crate) fn get(
        &mut self,
        revision: u64,
        programme: &Programme,
        payload: Payload,
        target: Target,
        team: Option<TeamId>,
    ) -> Option<&(Gesture, Verdict)> {
        let key = Some((revision, payload, team));
        if self.key != key {
            self.key = key;
            self.by_target.clear();
        }
        self.by_target
            .entry(target)
            .or_insert_with(|| gesture(programme, payload, target, team).map(|g| (g, judge(programme, g))))
            .as_ref()
    }
}
