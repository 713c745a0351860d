//! Recognising a group already known: in the file, or earlier in the same import. One matcher,
//! [`GroupIndex`], keyed by the group's id for the file and by line for the rows already read,
//! so that an import never makes a second group of one it has (see `group_import`).

use std::collections::HashMap;

use crate::model::search::fold;
use crate::model::{CommunityGroup, GroupId};

/// How groups are recognised as the same: by charity number (unless the name and the postcode
/// both differ: a doubtful match), by the source's identifier, or by name and postcode. One
/// index serves the groups already in the file (keyed by id) and the rows already read from the
/// same file (keyed by line), so a file that lists a group twice never makes two groups.
#[derive(Clone, Debug)]
pub struct GroupIndex<K> {
    /// Each group: its key, name and postcode (to say which it is), and its keys.
    known: Vec<(K, String, String, Keys)>,
    by_charity: HashMap<String, usize>,
    by_identifier: HashMap<String, usize>,
    /// By name and postcode (see [`Keys::place`]).
    by_name_and_postcode: HashMap<String, usize>,
}

/// What a group is recognised by, worked out once per group: its charity number, identifier,
/// name and postcode as keys (empty when it has none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    charity: String,
    identifier: String,
    name: String,
    postcode: String,
}

impl Keys {
    pub fn of(group: &CommunityGroup) -> Self {
        Self::new(&group.name, &group.postcode, &group.charity_number, &group.other_identifier)
    }

    fn new(name: &str, postcode: &str, charity: &str, identifier: &str) -> Self {
        Self {
            charity: charity_key(charity),
            identifier: identifier_key(identifier),
            name: name_key(name),
            postcode: postcode_key(postcode),
        }
    }

    /// Name and postcode as one key; none without a postcode.
    fn place(&self) -> Option<String> {
        (!self.postcode.is_empty()).then(|| format!("{}\n{}", self.name, self.postcode))
    }
}

impl<K> Default for GroupIndex<K> {
    fn default() -> Self {
        Self {
            known: Vec::new(),
            by_charity: HashMap::new(),
            by_identifier: HashMap::new(),
            by_name_and_postcode: HashMap::new(),
        }
    }
}

/// How groups already in the file are recognised.
pub type ExistingGroups = GroupIndex<GroupId>;

fn charity_key(number: &str) -> String {
    number.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase()
}

fn name_key(name: &str) -> String {
    fold(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn postcode_key(postcode: &str) -> String {
    postcode.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase()
}

fn identifier_key(identifier: &str) -> String {
    identifier.trim().to_lowercase()
}

/// A group found by an index: which, on what, and its name and postcode to say so.
#[derive(Clone, Debug, PartialEq)]
pub struct Found<K> {
    pub key: K,
    /// "same charity number 1026843", "same identifier GB-CHC-1026843", "same name and postcode".
    pub on: String,
    pub name: String,
    pub postcode: String,
}

impl<K> Found<K> {
    /// "‘Fleetwood Hearing Voices Group’, FY7 2BA".
    pub fn who(&self) -> String {
        if self.postcode.trim().is_empty() {
            format!("‘{}’", self.name)
        } else {
            format!("‘{}’, {}", self.name, self.postcode)
        }
    }
}

/// What an index says of a group.
#[derive(Clone, Debug, PartialEq)]
pub enum Match<K> {
    None,
    Same(Found<K>),
    /// The same charity number, but the name and the postcode both differ: not merged.
    Doubtful(Found<K>),
}

impl<K: Copy> GroupIndex<K> {
    /// From (key, name, postcode, charity number, identifier) of each group.
    pub fn new<'a>(groups: impl IntoIterator<Item = (K, &'a str, &'a str, &'a str, &'a str)>) -> Self {
        let mut index = Self::default();
        for (key, name, postcode, charity, identifier) in groups {
            index.add(key, name, postcode, charity, identifier);
        }
        index
    }

    pub fn add(&mut self, key: K, name: &str, postcode: &str, charity: &str, identifier: &str) {
        self.add_keys(key, Keys::new(name, postcode, charity, identifier), name, postcode);
    }

    /// Adds a group whose keys are known; `name` and `postcode` say which it is.
    pub fn add_keys(&mut self, key: K, keys: Keys, name: &str, postcode: &str) {
        let at = self.known.len();
        if !keys.charity.is_empty() {
            self.by_charity.entry(keys.charity.clone()).or_insert(at);
        }
        if !keys.identifier.is_empty() {
            self.by_identifier.entry(keys.identifier.clone()).or_insert(at);
        }
        if let Some(place) = keys.place() {
            self.by_name_and_postcode.entry(place).or_insert(at);
        }
        self.known.push((key, name.to_owned(), postcode.to_owned(), keys));
    }

    fn found(&self, at: usize, on: String) -> Found<K> {
        let (key, name, postcode, _) = &self.known[at];
        Found { key: *key, on, name: name.clone(), postcode: postcode.clone() }
    }

    /// Whether `group` is one this index knows.
    pub fn lookup(&self, group: &CommunityGroup) -> Match<K> {
        self.lookup_keys(&Keys::of(group), group)
    }

    /// Whether `group`, whose keys are `keys`, is one this index knows.
    pub fn lookup_keys(&self, keys: &Keys, group: &CommunityGroup) -> Match<K> {
        let mut doubtful = None;
        if let Some(&at) = self.by_charity.get(&keys.charity).filter(|_| !keys.charity.is_empty()) {
            let known = &self.known[at].3;
            let postcodes_differ =
                !keys.postcode.is_empty() && !known.postcode.is_empty() && keys.postcode != known.postcode;
            let found = self.found(at, format!("same charity number {}", group.charity_number.trim()));
            if keys.name != known.name && postcodes_differ {
                doubtful = Some(found);
            } else {
                return Match::Same(found);
            }
        }
        if let Some(&at) = self.by_identifier.get(&keys.identifier).filter(|_| !keys.identifier.is_empty()) {
            return Match::Same(self.found(at, format!("same identifier {}", group.other_identifier.trim())));
        }
        // The same name and postcode, unless both are registered charities with different
        // numbers (a charity re-registered as a CIO keeps its name: two registrations).
        if let Some(place) = keys.place()
            && let Some(&at) = self.by_name_and_postcode.get(&place)
            && let known = &self.known[at].3
            && (keys.charity.is_empty() || known.charity.is_empty() || known.charity == keys.charity)
        {
            return Match::Same(self.found(at, "same name and postcode".to_owned()));
        }
        doubtful.map_or(Match::None, Match::Doubtful)
    }

    /// The group `group` is, if the index knows it for sure.
    pub fn find(&self, group: &CommunityGroup) -> Option<K> {
        match self.lookup(group) {
            Match::Same(found) => Some(found.key),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_found_by_charity_number_or_name_and_postcode() {
        let existing = ExistingGroups::new([
            (GroupId(1), "Bispham Walkers", "FY2 9AB", "1012345", ""),
            (GroupId(2), "Layton Choir", "FY3 7XY", "", "GB-COH-01234567"),
        ]);
        let by_number =
            CommunityGroup { name: "Different Name".into(), charity_number: " 1012345 ".into(), ..Default::default() };
        assert_eq!(existing.find(&by_number), Some(GroupId(1)));
        let by_name = CommunityGroup { name: "LAYTON CHOIR".into(), postcode: "fy37xy".into(), ..Default::default() };
        assert_eq!(existing.find(&by_name), Some(GroupId(2)));
        let new = CommunityGroup { name: "Layton Choir".into(), postcode: "FY1 1AA".into(), ..Default::default() };
        assert_eq!(existing.find(&new), None);
        let by_identifier = CommunityGroup {
            name: "Layton Community Choir".into(),
            other_identifier: "gb-coh-01234567 ".into(),
            ..Default::default()
        };
        assert_eq!(existing.find(&by_identifier), Some(GroupId(2)));
        // The same number, but another name and postcode: doubtful, not the same.
        let doubtful = CommunityGroup {
            name: "Thornton Gardeners".into(),
            postcode: "FY5 4AA".into(),
            charity_number: "1012345".into(),
            ..Default::default()
        };
        assert!(matches!(existing.lookup(&doubtful), Match::Doubtful(Found { key: GroupId(1), .. })));
        assert_eq!(existing.find(&doubtful), None);
        // The same number and another name at the same postcode: the same group, renamed.
        let renamed = CommunityGroup { postcode: "FY2 9AB".into(), ..doubtful };
        assert_eq!(existing.find(&renamed), Some(GroupId(1)));
    }
}
