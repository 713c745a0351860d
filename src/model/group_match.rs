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
    /// Each group: its key, its name and postcode (to say which it is) as one text with where
    /// the name ends, and its keys.
    known: Vec<(K, Box<str>, usize, Keys)>,
    by_charity: HashMap<Key, u32, PassThrough>,
    by_identifier: HashMap<Key, u32, PassThrough>,
    /// By name and postcode (see [`Keys::place`]).
    by_name_and_postcode: HashMap<Key, u32, PassThrough>,
}

/// What a group is recognised by, worked out once per group: its charity number, identifier,
/// name and postcode as keys (empty when it has none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    charity: Key,
    identifier: Key,
    name: Key,
    postcode: Key,
}

/// A key's text as a 128-bit hash, or nothing (0) when it is empty. The index keeps no text to
/// match on: a register of 400,000 groups took over 200 MB as strings, and takes a fifth of
/// that as hashes. Two different keys share a hash with a chance of about one in 10^27 among
/// 400,000 groups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
struct Key(u128);

impl Key {
    fn of(text: &str) -> Self {
        if text.is_empty() { Self(0) } else { Self::hashed(text) }
    }

    /// SipHash from std, with fixed keys, twice over for 128 bits: the same value gives the same
    /// hash in a run. Never 0, which is "none".
    fn hashed(value: impl std::hash::Hash + Copy) -> Self {
        use std::hash::{Hash as _, Hasher as _};
        let half = |salt: u64| {
            let mut hasher = std::hash::DefaultHasher::new();
            salt.hash(&mut hasher);
            value.hash(&mut hasher);
            hasher.finish()
        };
        Self(((u128::from(half(0x5EED_0001)) << 64) | u128::from(half(0x5EED_0002))).max(1))
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Two keys as one (name and postcode).
    fn with(self, other: Key) -> Self {
        Self::hashed((self.0, other.0))
    }
}

/// The keys are hashes already: a map needs no second hash of them.
#[derive(Clone, Copy, Default)]
struct PassThrough;

impl std::hash::BuildHasher for PassThrough {
    type Hasher = TakeLow;
    fn build_hasher(&self) -> TakeLow {
        TakeLow(0)
    }
}

#[derive(Default)]
struct TakeLow(u64);

impl std::hash::Hasher for TakeLow {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 ^= u64::from_le_bytes(word).rotate_left(5);
        }
    }
    fn write_u128(&mut self, value: u128) {
        self.0 = value as u64;
    }
}

impl Keys {
    pub fn of(group: &CommunityGroup) -> Self {
        Self::new(&group.name, &group.postcode, &group.charity_number, &group.other_identifier)
    }

    fn new(name: &str, postcode: &str, charity: &str, identifier: &str) -> Self {
        Self {
            charity: Key::of(&charity_key(charity)),
            identifier: Key::of(&identifier_key(identifier)),
            name: Key::of(&name_key(name)),
            postcode: Key::of(&postcode_key(postcode)),
        }
    }

    /// Name and postcode as one key; none without a postcode.
    fn place(&self) -> Option<Key> {
        (!self.postcode.is_empty()).then(|| self.name.with(self.postcode))
    }
}

impl<K> Default for GroupIndex<K> {
    fn default() -> Self {
        Self {
            known: Vec::new(),
            by_charity: HashMap::default(),
            by_identifier: HashMap::default(),
            by_name_and_postcode: HashMap::default(),
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
        // More than four thousand million groups is beyond any register.
        let at = u32::try_from(self.known.len()).unwrap_or(u32::MAX);
        if !keys.charity.is_empty() {
            self.by_charity.entry(keys.charity).or_insert(at);
        }
        if !keys.identifier.is_empty() {
            self.by_identifier.entry(keys.identifier).or_insert(at);
        }
        if let Some(place) = keys.place() {
            self.by_name_and_postcode.entry(place).or_insert(at);
        }
        self.known.push((key, format!("{name}{postcode}").into_boxed_str(), name.len(), keys));
    }

    fn found(&self, at: u32, on: String) -> Found<K> {
        let (key, who, name_ends, _) = &self.known[at as usize];
        let (name, postcode) = who.split_at_checked(*name_ends).unwrap_or((who, ""));
        Found { key: *key, on, name: name.to_owned(), postcode: postcode.to_owned() }
    }

    /// Whether `group` is one this index knows.
    pub fn lookup(&self, group: &CommunityGroup) -> Match<K> {
        self.lookup_keys(&Keys::of(group), group)
    }

    /// Whether `group`, whose keys are `keys`, is one this index knows.
    pub fn lookup_keys(&self, keys: &Keys, group: &CommunityGroup) -> Match<K> {
        let mut doubtful = None;
        if let Some(&at) = self.by_charity.get(&keys.charity).filter(|_| !keys.charity.is_empty()) {
            let known = &self.known[at as usize].3;
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
            && let known = &self.known[at as usize].3
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
