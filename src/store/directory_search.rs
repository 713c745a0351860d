//! Searching the directory, accents ignored and small slips forgiven, then the list's filters
//! and sort order. A word of three letters or more is found anywhere in a group's short fields
//! (name, other names, contact's name, postcode, identifiers), which the list holds folded in
//! memory, or as the start of a word of its long fields, through the file's word index. A word
//! found nowhere is tried again with the near spellings of words in the directory's names. Each
//! word's hits are kept until the file changes, so a keystroke looks up only the word being
//! typed.

use std::collections::HashMap;

use super::{Store, StoreError};
use crate::model::directory::{DirectoryFilter, Hits, SearchText, SortOrder};
use crate::model::search::{Vocabulary, search_words};
use crate::model::{GroupId, GroupSummary};

/// Which spellings of a word are looked up, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Spellings {
    AsTyped,
    /// The word and the near spellings of it among the directory's names.
    Forgiving,
    /// A word too short for the word index: the start of a word of the name, or of the postcode.
    Start,
}

/// Each group's place in the list by its id: an array where the ids are dense (as they are
/// in a file: a common word's index hits are 300,000 lookups at 400,000 groups), else a map.
#[derive(Default)]
enum Places {
    #[default]
    Unknown,
    Dense(Vec<u32>),
    Sparse(HashMap<GroupId, usize>),
}

impl Places {
    fn new(groups: &[GroupSummary]) -> Self {
        let highest = groups.iter().map(|g| g.id.0).max().unwrap_or(0);
        let dense = usize::try_from(highest).ok().filter(|&h| h <= groups.len() * 4 + 100_000);
        match (dense, u32::try_from(groups.len())) {
            (Some(highest), Ok(_)) => {
                let mut places = vec![u32::MAX; highest + 1];
                for (at, g) in groups.iter().enumerate() {
                    if let (Ok(id), Ok(at)) = (usize::try_from(g.id.0), u32::try_from(at)) {
                        places[id] = at;
                    }
                }
                Self::Dense(places)
            }
            _ => Self::Sparse(groups.iter().enumerate().map(|(at, g)| (g.id, at)).collect()),
        }
    }

    fn of(&self, id: GroupId) -> Option<usize> {
        match self {
            Self::Unknown => None,
            Self::Dense(places) => {
                let at = *places.get(usize::try_from(id.0).ok()?)?;
                (at != u32::MAX).then_some(at as usize)
            }
            Self::Sparse(places) => places.get(&id).copied(),
        }
    }
}

/// Hits per searched word, kept while the file does not change, so that a keystroke only looks
/// up the word being typed; and the word typed one letter shorter narrows where it looks.
#[derive(Default)]
pub struct SearchCache {
    revision: u64,
    /// The list these were made for (where its groups lie, and how many).
    list: (usize, usize),
    hits: HashMap<(String, Spellings), Hits>,
    /// Each group's place in the list, for the word index's hits, by id.
    places: Places,
    text: SearchText,
}

impl SearchCache {
    /// Makes the list's search text and places once for `groups`.
    fn ready(&mut self, groups: &[GroupSummary]) {
        let list = (groups.as_ptr() as usize, groups.len());
        if self.list != list || self.text.len() != groups.len() {
            self.hits.clear();
            self.places = Places::new(groups);
            self.text = SearchText::new(groups);
            self.list = list;
        }
    }

    fn hits(
        &mut self,
        store: &Store,
        groups: &[GroupSummary],
        vocabulary: &Vocabulary,
        word: &str,
        spellings: Spellings,
    ) -> Result<Hits, StoreError> {
        self.ready(groups);
        if let Some(hits) = self.hits.get(&(word.to_owned(), spellings)) {
            return Ok(hits.clone());
        }
        // A word one letter longer than one already looked up is found only where that one was
        // (any part of a short field; the start of a word of a long one, or of the name or
        // postcode): only those groups are looked at again, so typing a word letter by letter
        // looks at fewer each time.
        let shorter = word.char_indices().next_back().map(|(at, _)| &word[..at]);
        let narrowed = match spellings {
            Spellings::Forgiving => None,
            _ => shorter.and_then(|w| self.hits.get(&(w.to_owned(), spellings))),
        };
        let hits = match spellings {
            Spellings::Start => self.text.starting(word, narrowed),
            // The word and each near spelling, each looked up as typed (and kept, so that a
            // retry after a word that found nothing looks up only spellings not seen before).
            Spellings::Forgiving => {
                let near: Vec<String> = vocabulary.near(word).into_iter().map(str::to_owned).collect();
                let mut hits = self.hits(store, groups, vocabulary, word, Spellings::AsTyped)?;
                for spelling in near.iter().filter(|s| s.as_str() != word) {
                    hits.add_all(&self.hits(store, groups, vocabulary, spelling, Spellings::AsTyped)?);
                }
                hits
            }
            Spellings::AsTyped => {
                let mut hits = self.text.holding(word, narrowed);
                let places = &self.places;
                store.search_text(std::slice::from_ref(&word.to_owned()), |id| {
                    if let Some(at) = places.of(id) {
                        hits.insert(at);
                    }
                })?;
                hits
            }
        };
        if self.hits.len() > 256 {
            self.hits.clear();
        }
        self.hits.insert((word.to_owned(), spellings), hits.clone());
        Ok(hits)
    }
}

/// Works out which groups the directory shows: the index search (retried with near spellings
/// when the words as typed find nothing), then the filters, then the sort. `cache` keeps each
/// word's hits for `revision` of the file.
#[allow(clippy::too_many_arguments)]
pub fn find_groups(
    store: &Store,
    revision: u64,
    cache: &mut SearchCache,
    groups: &[GroupSummary],
    vocabulary: &Vocabulary,
    search: &str,
    filter: &DirectoryFilter,
    sort: SortOrder,
) -> Result<Vec<usize>, StoreError> {
    if cache.revision != revision {
        *cache = SearchCache { revision, ..Default::default() };
    }
    let words = search_words(search);
    let (long, short): (Vec<String>, Vec<String>) = words.into_iter().partition(|w| w.chars().count() >= 3);
    let mut hits = if long.is_empty() {
        None
    } else {
        let mut found: Option<Hits> = None;
        for spellings in [Spellings::AsTyped, Spellings::Forgiving] {
            let mut all: Option<Hits> = None;
            for word in &long {
                let hits = cache.hits(store, groups, vocabulary, word, spellings)?;
                all = Some(match all {
                    None => hits,
                    Some(mut before) => {
                        before.keep_common(&hits);
                        before
                    }
                });
            }
            found = all;
            if found.as_ref().is_some_and(|f| !f.is_empty()) {
                break;
            }
        }
        found
    };
    for word in &short {
        let starting = cache.hits(store, groups, vocabulary, word, Spellings::Start)?;
        match &mut hits {
            None => hits = Some(starting),
            Some(found) => found.keep_common(&starting),
        }
    }
    match hits {
        // No search: the list as it is (the search text is made at the first search, not when
        // the file opens: it is 50 MB at 400,000 groups).
        None => Ok(crate::model::directory::visible_groups(groups, filter, None, &[], sort)),
        Some(hits) => Ok(cache.text.visible(groups, filter, Some(&hits), sort)),
    }
}
