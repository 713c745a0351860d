//! Which group of the directory an offer's row names: by its charity number or identifier,
//! else by its name as people write it ([`crate::model::org_names`]). A name that fits two
//! groups, or fits one only roughly, is not guessed: its candidates go to the person to choose
//! from (the command line lists them and skips the row).

use std::collections::HashMap;

use crate::model::org_names::{core_key, likeness, name_key};
use crate::model::{GroupId, NeighbourhoodId};

/// A group as the offer import sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct LookupGroup {
    pub id: GroupId,
    pub name: String,
    pub charity_number: String,
    pub other_identifier: String,
    pub neighbourhood: Option<NeighbourhoodId>,
    /// Its town and postcode, to tell candidates of one name apart.
    pub place: String,
}

impl LookupGroup {
    /// "Cheshire Wildlife Trust (Sale, M33 2AB; charity 1234567)", as a choice is shown.
    pub fn described(&self) -> String {
        let mut about = Vec::new();
        if !self.place.is_empty() {
            about.push(self.place.clone());
        }
        if !self.charity_number.is_empty() {
            about.push(format!("charity {}", self.charity_number));
        }
        if about.is_empty() { self.name.clone() } else { format!("{} ({})", self.name, about.join("; ")) }
    }
}

/// Why a row's group is a question rather than an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doubt {
    /// The name fits more than one group.
    SameName,
    /// No group has the name; these have names like it.
    Rough,
}

/// What a row's group columns find.
#[derive(Debug, PartialEq)]
pub enum Found<'a> {
    One(&'a LookupGroup),
    Candidates(Doubt, Vec<&'a LookupGroup>),
}

/// The most candidates a row offers to choose from.
const MOST_CANDIDATES: usize = 6;
/// How alike a name must be to be offered as a rough match ([`likeness`]).
const ROUGHLY: f32 = 0.7;

#[derive(Clone, Debug, Default)]
pub struct GroupFinder {
    groups: Vec<LookupGroup>,
    by_identifier: HashMap<String, usize>,
    by_key: HashMap<String, Vec<usize>>,
    by_core: HashMap<String, Vec<usize>>,
    /// The groups each word of a core key is in, for rough matches.
    by_word: HashMap<String, Vec<u32>>,
}

fn identifier_key(id: &str) -> String {
    id.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase()
}

/// Why a row's group is not in the directory.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoGroup {
    #[error("no group in the directory has the charity number or identifier “{0}”")]
    NoIdentifier(String),
    #[error("it names no group")]
    Unnamed,
    #[error("no group in the directory is called “{0}”")]
    NoName(String),
}

impl GroupFinder {
    pub fn new(groups: Vec<LookupGroup>) -> Self {
        let mut finder = Self::default();
        for (i, g) in groups.iter().enumerate() {
            finder.by_key.entry(name_key(&g.name)).or_default().push(i);
            let core = core_key(&g.name);
            for word in core.split(' ').filter(|w| !w.is_empty()) {
                let list = finder.by_word.entry(word.to_owned()).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
            finder.by_core.entry(core).or_default().push(i);
            for id in [&g.charity_number, &g.other_identifier] {
                let key = identifier_key(id);
                if !key.is_empty() {
                    finder.by_identifier.entry(key).or_insert(i);
                }
            }
        }
        finder.groups = groups;
        finder
    }

    pub fn group(&self, id: GroupId) -> Option<&LookupGroup> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The group a row names by `identifier` (first) or `name`; `Err` says why none is found.
    pub fn find(&self, name: Option<&str>, identifier: Option<&str>) -> Result<Found<'_>, NoGroup> {
        if let Some(id) = identifier
            && let Some(i) = self.by_identifier.get(&identifier_key(id))
        {
            return Ok(Found::One(&self.groups[*i]));
        }
        let Some(name) = name else {
            return Err(match identifier {
                Some(id) => NoGroup::NoIdentifier(id.to_owned()),
                None => NoGroup::Unnamed,
            });
        };
        for (index, key) in [(&self.by_key, name_key(name)), (&self.by_core, core_key(name))] {
            match index.get(&key).map(Vec::as_slice) {
                Some([one]) => return Ok(Found::One(&self.groups[*one])),
                Some(many) if many.len() > 1 => {
                    let groups = many.iter().take(MOST_CANDIDATES).map(|i| &self.groups[*i]).collect();
                    return Ok(Found::Candidates(Doubt::SameName, groups));
                }
                _ => {}
            }
        }
        let rough = self.rough(&core_key(name));
        if rough.is_empty() {
            Err(NoGroup::NoName(name.to_owned()))
        } else {
            Ok(Found::Candidates(Doubt::Rough, rough))
        }
    }

    /// Groups whose names are like `core` (most alike first), found through the words they
    /// share: a word in very many groups ("club", "community") leads nowhere on its own.
    fn rough(&self, core: &str) -> Vec<&LookupGroup> {
        let common = (self.groups.len() / 20).max(50);
        let mut seen: Vec<u32> = core
            .split(' ')
            .filter_map(|w| self.by_word.get(w))
            .filter(|list| list.len() <= common)
            .flatten()
            .copied()
            .collect();
        seen.sort_unstable();
        seen.dedup();
        let mut scored: Vec<(f32, &LookupGroup)> = seen
            .into_iter()
            .map(|i| &self.groups[i as usize])
            .map(|g| (likeness(core, &core_key(&g.name)), g))
            .filter(|(score, _)| *score >= ROUGHLY)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
        scored.into_iter().take(MOST_CANDIDATES).map(|(_, g)| g).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(id: i64, name: &str, charity: &str) -> LookupGroup {
        LookupGroup {
            id: GroupId(id),
            name: name.into(),
            charity_number: charity.into(),
            other_identifier: String::new(),
            neighbourhood: None,
            place: String::new(),
        }
    }

    fn names(found: &Found<'_>) -> Vec<i64> {
        match found {
            Found::One(g) => vec![g.id.0],
            Found::Candidates(_, gs) => gs.iter().map(|g| g.id.0).collect(),
        }
    }

    #[test]
    fn a_group_is_found_by_number_then_by_name_as_people_write_it() {
        let finder = GroupFinder::new(vec![
            group(1, "THE CHESHIRE WILDLIFE TRUST LIMITED", "1234567"),
            group(2, "STRETFORD FOOD BANK", ""),
            group(3, "SALE FOOD BANK", ""),
            group(4, "Urmston Walking Group", ""),
            group(5, "URMSTON WALKING GROUP", ""),
        ]);
        let one = |name: &str| match finder.find(Some(name), None) {
            Ok(Found::One(g)) => g.id.0,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(one("Cheshire Wildlife Trust"), 1);
        assert_eq!(one("Cheshire Wildlife"), 1);
        assert_eq!(one("Stretford Food Bank Ltd"), 2);
        assert!(matches!(finder.find(None, Some("123 4567")), Ok(Found::One(g)) if g.id.0 == 1));
        // The number wins over a name that says something else.
        assert!(matches!(finder.find(Some("Sale Food Bank"), Some("1234567")), Ok(Found::One(g)) if g.id.0 == 1));
        // One name, two groups: both offered.
        let two = finder.find(Some("Urmston Walking Group"), None).unwrap();
        assert!(matches!(two, Found::Candidates(Doubt::SameName, _)));
        assert_eq!(names(&two), [4, 5]);
        // Only roughly like one: offered, never taken.
        let rough = finder.find(Some("Stretford Foodbank Project"), None).unwrap();
        assert!(matches!(rough, Found::Candidates(Doubt::Rough, _)), "{rough:?}");
        assert_eq!(names(&rough)[0], 2);
        assert_eq!(
            finder.find(Some("Nobody's Club"), None).unwrap_err().to_string(),
            "no group in the directory is called “Nobody's Club”"
        );
        assert_eq!(
            finder.find(None, Some("999")).unwrap_err().to_string(),
            "no group in the directory has the charity number or identifier “999”"
        );
    }
}
