//! How many people a team has: one limit for the command line, the cohort form, Form teams, the
//! offer form and imports alike.

use std::ops::RangeInclusive;

/// A team's size, known to be within [`TeamSize::RANGE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TeamSize(u32);

/// A number of people no team can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("A team has between {} and {} people.", TeamSize::MIN, TeamSize::MAX)]
pub struct NotATeamSize;

impl TeamSize {
    /// The smallest and largest team anyone can ask for.
    pub const MIN: u32 = 1;
    pub const MAX: u32 = 20;
    pub const RANGE: RangeInclusive<u32> = Self::MIN..=Self::MAX;

    /// A size, or why it cannot be one.
    pub fn new(people: u32) -> Result<Self, NotATeamSize> {
        if Self::RANGE.contains(&people) { Ok(Self(people)) } else { Err(NotATeamSize) }
    }

    /// The nearest size there can be to `people`.
    pub fn clamped(people: u32) -> Self {
        Self(people.clamp(Self::MIN, Self::MAX))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// Why text is not a team size.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TeamSizeError {
    #[error("“{0}” is not a number of people")]
    NotANumber(String),
    #[error(transparent)]
    OutOfRange(#[from] NotATeamSize),
}

impl std::str::FromStr for TeamSize {
    type Err = TeamSizeError;

    fn from_str(text: &str) -> Result<Self, TeamSizeError> {
        let people: u32 = text.trim().parse().map_err(|_| TeamSizeError::NotANumber(text.trim().to_owned()))?;
        Ok(Self::new(people)?)
    }
}

impl std::fmt::Display for TeamSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_is_between_one_and_twenty() {
        assert_eq!("5".parse::<TeamSize>().map(TeamSize::get), Ok(5));
        assert!("0".parse::<TeamSize>().is_err());
        assert!("21".parse::<TeamSize>().is_err());
        assert!("five".parse::<TeamSize>().is_err());
        assert_eq!(TeamSize::clamped(0).get(), 1);
        assert_eq!(TeamSize::clamped(99).get(), 20);
    }
}
