//! Two coordinators, one programme: what a changes file carries, and what taking one would do,
//! in words. The engine is SQLite's session extension (see `store::sharing`); nothing here knows
//! about SQL or files.

/// One copy's changes for another: what a changes file holds once read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changes {
    /// The programme both copies belong to (made when the first copy for a colleague was made).
    pub programme: String,
    /// The copy that made these changes, by number and by the name its colleague knows it by.
    pub from_copy: i64,
    pub from_name: String,
    /// The copy they are for.
    pub to_copy: i64,
    /// Goes up by one with each changes file a copy makes for another.
    pub number: i64,
    /// The newest of the receiving copy's changes files the sender had taken in (0: none).
    pub taken: i64,
    /// When it was made, as "2027-04-27 14:05".
    pub made_at: String,
    /// SQLite's patchset: each changed row's new values, and the key alone of a removed row.
    pub patch: Vec<u8>,
}

/// A row both copies changed, by table and id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowKey {
    pub table: String,
    pub id: i64,
}

/// Which side's version of a row both copies changed is kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Choice {
    /// Keep this copy's.
    #[default]
    Mine,
    /// Take the colleague's.
    Theirs,
}

impl Choice {
    pub const ALL: [Choice; 2] = [Choice::Mine, Choice::Theirs];

    /// `--prefer mine` or `--prefer theirs`.
    pub fn from_word(word: &str) -> Option<Self> {
        match word.trim().to_ascii_lowercase().as_str() {
            "mine" => Some(Self::Mine),
            "theirs" => Some(Self::Theirs),
            _ => None,
        }
    }
}

/// What kind of clash between the two copies' changes a conflict is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictKind {
    /// The same thing was changed in both copies, differently.
    ChangedBoth,
    /// Removed here, changed in the colleague's copy.
    RemovedHere,
    /// Changed here, removed in the colleague's copy.
    RemovedThere,
    /// Both copies added a row that cannot both be kept (the same id, or the same name in a
    /// list whose names are unique).
    AddedBoth,
    /// The same team placed in both copies, on different days or activities.
    PlacedBoth,
}

/// One conflict, in words, side by side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub key: RowKey,
    pub kind: ConflictKind,
    /// What it is about: "Team 1's placement", "Bispham Men's Shed (group)".
    pub what: String,
    /// How it is here, and how it is in the colleague's copy.
    pub mine: String,
    pub theirs: String,
}

/// What taking a changes file would do, worked out before anything is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TakePlan {
    /// The colleague's copy, by the name it was given.
    pub from_name: String,
    pub number: i64,
    pub made_at: String,
    /// These changes (or later ones from that copy) were taken in before: nothing to do.
    pub already_taken: bool,
    /// What the changes do, one line each: "adds 3 groups", "places Team 2 on Tue 27 Apr 2027".
    pub effects: Vec<String>,
    pub conflicts: Vec<Conflict>,
    /// Rows the colleague removed that this copy still uses: kept here, with why.
    pub kept: Vec<String>,
}

impl TakePlan {
    /// When the changes were made, as people read it: "Sun 6 Dec 2026 at 14:05".
    pub fn made_words(&self) -> String {
        match chrono::NaiveDateTime::parse_from_str(&self.made_at, "%Y-%m-%d %H:%M") {
            Ok(when) => format!("{} at {}", crate::model::dates::uk_date(when.date()), when.format("%H:%M")),
            Err(_) => self.made_at.clone(),
        }
    }

    /// Whether taking it would change nothing.
    pub fn is_empty(&self) -> bool {
        self.already_taken || (self.effects.is_empty() && self.conflicts.is_empty())
    }

    /// The effects as one sentence: "Adds 3 groups, places Team 2 on Tue 27 Apr 2027."
    pub fn summary(&self) -> String {
        if self.already_taken {
            return format!(
                "These changes from {} (number {}) were taken in already: nothing to do.",
                self.from_name, self.number
            );
        }
        if self.effects.is_empty() && self.conflicts.is_empty() {
            return format!("Nothing has changed in {} since the copies last agreed.", self.from_name);
        }
        let mut words = self.effects.join(", ");
        if let Some(first) = words.get(..1) {
            words = format!("{}{}", first.to_uppercase(), &words[1..]);
        }
        if words.is_empty() {
            words = "Changes nothing else".into();
        }
        let conflicts = match self.conflicts.len() {
            0 => String::new(),
            1 => " One thing was changed in both copies.".into(),
            n => format!(" {n} things were changed in both copies."),
        };
        format!("{words}.{conflicts}")
    }
}

/// A copy this file exchanges changes with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partner {
    pub copy: i64,
    pub name: String,
    /// The newest of its changes files taken in here (0: none).
    pub taken: i64,
    /// The newest changes file made here for it (0: none).
    pub sent: i64,
}

/// Whether a file shares its programme with other copies, and with which.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sharing {
    pub programme: String,
    /// This copy's number (the first file is 0) and its name as its colleagues know it.
    pub copy: i64,
    pub name: String,
    pub partners: Vec<Partner>,
}

impl Sharing {
    /// The partner called `name` (any case), or the only one when no name is given.
    pub fn partner(&self, name: Option<&str>) -> Result<&Partner, PartnerProblem> {
        match name {
            Some(name) => self
                .partners
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| PartnerProblem::NoSuch(name.trim().to_owned(), self.names())),
            None => match self.partners.as_slice() {
                [only] => Ok(only),
                [] => Err(PartnerProblem::NoneYet),
                _ => Err(PartnerProblem::WhichOne(self.names())),
            },
        }
    }

    fn names(&self) -> String {
        self.partners.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// Why no colleague's copy could be chosen.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PartnerProblem {
    #[error("This file has no copy for a colleague yet: make one with File › Copy for a colleague….")]
    NoneYet,
    #[error("No copy called \"{0}\" shares this file's programme. Its copies are: {1}.")]
    NoSuch(String, String),
    #[error("This file shares its programme with more than one copy ({0}): say which one.")]
    WhichOne(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(effects: &[&str], conflicts: usize) -> TakePlan {
        let conflict = Conflict {
            key: RowKey { table: "team".into(), id: 1 },
            kind: ConflictKind::ChangedBoth,
            what: "Team 1".into(),
            mine: "a".into(),
            theirs: "b".into(),
        };
        TakePlan {
            from_name: "Bolton CVS".into(),
            number: 2,
            made_at: "2027-04-27 14:05".into(),
            already_taken: false,
            effects: effects.iter().map(|e| e.to_string()).collect(),
            conflicts: vec![conflict; conflicts],
            kept: Vec::new(),
        }
    }

    #[test]
    fn a_plan_says_what_it_does_in_one_sentence() {
        assert_eq!(
            plan(&["adds 3 groups", "places Team 2 on Tue 27 Apr 2027"], 0).summary(),
            "Adds 3 groups, places Team 2 on Tue 27 Apr 2027."
        );
        assert_eq!(plan(&["adds 1 group"], 2).summary(), "Adds 1 group. 2 things were changed in both copies.");
        assert!(plan(&[], 0).summary().contains("Nothing has changed in Bolton CVS"));
        assert_eq!(plan(&[], 0).made_words(), "Tue 27 Apr 2027 at 14:05");
    }

    #[test]
    fn a_partner_is_found_by_name_or_as_the_only_one() {
        let mut sharing = Sharing { programme: "p".into(), copy: 0, name: "Trust".into(), partners: Vec::new() };
        assert_eq!(sharing.partner(None), Err(PartnerProblem::NoneYet));
        sharing.partners.push(Partner { copy: 7, name: "Bolton CVS".into(), taken: 0, sent: 0 });
        assert_eq!(sharing.partner(None).map(|p| p.copy), Ok(7));
        assert_eq!(sharing.partner(Some("bolton cvs")).map(|p| p.copy), Ok(7));
        sharing.partners.push(Partner { copy: 9, name: "Wigan".into(), taken: 0, sent: 0 });
        assert!(matches!(sharing.partner(None), Err(PartnerProblem::WhichOne(_))));
        assert!(matches!(sharing.partner(Some("Leeds")), Err(PartnerProblem::NoSuch(..))));
        assert_eq!(Choice::from_word("Theirs"), Some(Choice::Theirs));
    }
}
