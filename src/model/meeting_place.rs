//! Where a team meets its host on the day: the offer's own address, town and postcode, exactly as
//! the group gave them. Nothing here is ever filled in from the group's registered address (a
//! trust's office is not the park where its volunteers meet); a meeting place with no postcode is
//! printed as it is and flagged, so that somebody asks the group before the day.

use super::postcode::{find_postcode, normalise_postcode};

/// An offer's meeting place, as entered.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MeetingPlace {
    /// The street address or the name of the place ("Longford Park, Edge Lane").
    pub address: String,
    pub town: String,
    pub postcode: String,
}

/// What is missing or doubtful in a meeting place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingPlaceProblem {
    /// Nothing at all was given.
    NotGiven,
    /// An address, but no postcode in it or beside it.
    NoPostcode,
    /// The postcode given is not a UK postcode's shape ("TBC").
    NotAPostcode(String),
}

impl MeetingPlaceProblem {
    /// The flag as a day sheet and the offer show it: "postcode not given".
    pub fn words(&self) -> String {
        match self {
            Self::NotGiven => "meeting place not given".to_owned(),
            Self::NoPostcode => "postcode not given".to_owned(),
            Self::NotAPostcode(text) => format!("postcode “{text}” is not a UK postcode"),
        }
    }
}

impl MeetingPlace {
    pub fn is_empty(&self) -> bool {
        self.address.trim().is_empty() && self.town.trim().is_empty() && self.postcode.trim().is_empty()
    }

    /// Address, town and postcode in one line, each part as given and said once ("Longford Park,
    /// Edge Lane, Stretford, M32 8PX"; a town or postcode the address already holds is not
    /// repeated).
    pub fn one_line(&self) -> String {
        let mut line = self.address.trim().to_owned();
        for part in [self.town.trim(), self.postcode.trim()] {
            if part.is_empty() || squeezed(&line).contains(&squeezed(part)) {
                continue;
            }
            if !line.is_empty() {
                line.push_str(", ");
            }
            line.push_str(part);
        }
        line
    }

    /// The postcode a team would look up: the one given, else one written in the address or the
    /// town. `None` when there is none (or what was given is not a postcode).
    pub fn postcode(&self) -> Option<String> {
        if self.postcode.trim().is_empty() {
            find_postcode(&self.address).or_else(|| find_postcode(&self.town))
        } else {
            normalise_postcode(&self.postcode)
        }
    }

    /// What a coordinator must sort out before a team can rely on it.
    pub fn problem(&self) -> Option<MeetingPlaceProblem> {
        let given = self.postcode.trim();
        if self.is_empty() {
            Some(MeetingPlaceProblem::NotGiven)
        } else if !given.is_empty() && normalise_postcode(given).is_none() {
            Some(MeetingPlaceProblem::NotAPostcode(given.to_owned()))
        } else if self.postcode().is_none() {
            Some(MeetingPlaceProblem::NoPostcode)
        } else {
            None
        }
    }
}

/// Upper case with the spaces taken out, for "does the address already say it".
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(address: &str, town: &str, postcode: &str) -> MeetingPlace {
        MeetingPlace { address: address.into(), town: town.into(), postcode: postcode.into() }
    }

    #[test]
    fn a_meeting_place_is_said_in_one_line_as_given() {
        let park = place("Longford Park, Edge Lane", "Stretford", "M32 8PX");
        assert_eq!(park.one_line(), "Longford Park, Edge Lane, Stretford, M32 8PX");
        assert_eq!(park.problem(), None);
        // The town and postcode are not said twice when the address already holds them.
        assert_eq!(place("4 Hall Rd, Lytham FY8 4PQ", "Lytham", "fy8 4pq").one_line(), "4 Hall Rd, Lytham FY8 4PQ");
        assert_eq!(place("", "", "FY1 4AB").one_line(), "FY1 4AB");
    }

    #[test]
    fn a_meeting_place_without_a_postcode_is_flagged_never_filled_in() {
        let no_postcode = place("Longford Park, Edge Lane", "Stretford", "");
        assert_eq!(no_postcode.one_line(), "Longford Park, Edge Lane, Stretford");
        assert_eq!(no_postcode.problem(), Some(MeetingPlaceProblem::NoPostcode));
        assert_eq!(no_postcode.problem().map(|p| p.words()).as_deref(), Some("postcode not given"));
        // A postcode written inside the address counts as given.
        assert_eq!(place("Longford Park, Stretford M32 8PX", "", "").problem(), None);
        assert_eq!(place("Longford Park", "", "TBC").problem(), Some(MeetingPlaceProblem::NotAPostcode("TBC".into())));
        assert_eq!(place(" ", "", "").problem(), Some(MeetingPlaceProblem::NotGiven));
        assert_eq!(place("", "", "").one_line(), "");
    }
}
