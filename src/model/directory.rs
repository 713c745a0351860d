//! The directory's filters and sort order: plain functions over the list of groups.

use chrono::{Months, NaiveDate};

use super::ids::{CategoryId, NeighbourhoodId};
use super::records::{GroupStatus, GroupSummary};
use super::search::FIELD_END;

/// What the directory is showing, apart from the search text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DirectoryFilter {
    pub neighbourhood: Option<NeighbourhoodId>,
    pub category: Option<CategoryId>,
    pub status: Option<GroupStatus>,
    /// Only groups not verified in the twelve months before this day.
    pub unverified_as_of: Option<NaiveDate>,
    pub include_archived: bool,
}

/// A column the directory can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortColumn {
    #[default]
    Name,
    Neighbourhood,
    Town,
    Postcode,
    Phone,
    Status,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SortOrder {
    pub column: SortColumn,
    pub descending: bool,
}

/// Whether a group was last verified more than twelve months before `today` (or never).
pub fn needs_verifying(group: &GroupSummary, today: NaiveDate) -> bool {
    let year_ago = today.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);
    group.last_verified.is_none_or(|d| d < year_ago)
}

/// Which of the list's groups a search found: a bit for each, by its place in the list. At
/// 400,000 groups that is 50 KB, and two words' hits are joined a machine word at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    bits: Vec<u64>,
}

impl Hits {
    /// None of `len` groups.
    pub fn none(len: usize) -> Self {
        Self { bits: vec![0; len.div_ceil(64)] }
    }

    /// All of `len` groups.
    pub fn all(len: usize) -> Self {
        let mut bits = vec![u64::MAX; len.div_ceil(64)];
        if let Some(last) = bits.last_mut()
            && !len.is_multiple_of(64)
        {
            *last = (1 << (len % 64)) - 1;
        }
        Self { bits }
    }

    pub fn insert(&mut self, at: usize) {
        if let Some(word) = self.bits.get_mut(at / 64) {
            *word |= 1 << (at % 64);
        }
    }

    pub fn contains(&self, at: usize) -> bool {
        self.bits.get(at / 64).is_some_and(|word| word & (1 << (at % 64)) != 0)
    }

    /// Keeps only the groups `other` found too.
    pub fn keep_common(&mut self, other: &Hits) {
        for (mine, theirs) in self.bits.iter_mut().zip(&other.bits) {
            *mine &= theirs;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|w| *w == 0)
    }

    /// Adds the groups `other` found.
    pub fn add_all(&mut self, other: &Hits) {
        for (mine, theirs) in self.bits.iter_mut().zip(&other.bits) {
            *mine |= theirs;
        }
    }

    /// Takes out the groups `other` found.
    pub fn remove_all(&mut self, other: &Hits) {
        for (mine, theirs) in self.bits.iter_mut().zip(&other.bits) {
            *mine &= !theirs;
        }
    }

    /// How many groups were found.
    pub fn count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The places found, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.bits.iter().enumerate().flat_map(|(w, &word)| {
            // Each set bit in turn, lowest first, by its trailing zeros.
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let b = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    w * 64 + b
                })
            })
        })
    }
}

/// The list's searchable short texts, every group's one after another in list order: its name
/// folded, then its other short fields folded (each ended by [`FIELD_END`]). A search reads it
/// from start to end, one searcher for the whole text: at 400,000 groups, reading each group's
/// own texts (which lie wherever they were read into memory) took most of a keystroke's time.
#[derive(Debug, Default)]
pub struct SearchText {
    text: String,
    /// Where each group's part ends, and where its postcode starts.
    ends: Vec<usize>,
    postcodes: Vec<usize>,
    /// The names alone, each after a space (any space in a name made a plain one), so that
    /// the start of a name's word is a space and the word; and where each ends.
    names: String,
    name_ends: Vec<usize>,
    /// The archived groups, a bit each: the one filter that is on unless asked otherwise.
    archived: Hits,
}

impl SearchText {
    pub fn new(groups: &[GroupSummary]) -> Self {
        let mut text =
            String::with_capacity(groups.iter().map(|g| g.name_key().len() + g.other_keys().len() + 1).sum());
        let mut names = String::with_capacity(groups.iter().map(|g| g.name_key().len() + 1).sum());
        let (mut ends, mut postcodes, mut name_ends) =
            (Vec::with_capacity(groups.len()), Vec::with_capacity(groups.len()), Vec::with_capacity(groups.len()));
        for g in groups {
            names.push(' ');
            names.extend(g.name_key().chars().map(|c| if c.is_whitespace() { ' ' } else { c }));
            name_ends.push(names.len());
            text.push_str(g.name_key());
            text.push(FIELD_END);
            let others = g.other_keys();
            // The postcode is the third of the other fields.
            let before_postcode: usize =
                others.splitn(3, FIELD_END).take(2).map(|f| f.len() + FIELD_END.len_utf8()).sum();
            postcodes.push(text.len() + before_postcode.min(others.len()));
            text.push_str(others);
            ends.push(text.len());
        }
        let mut archived = Hits::none(groups.len());
        for (at, g) in groups.iter().enumerate() {
            if g.archived {
                archived.insert(at);
            }
        }
        Self { text, ends, postcodes, names, name_ends, archived }
    }

    /// [`visible_groups`], for the list this text was made of: with no filter but the archived
    /// one, worked out a machine word at a time (a search that finds all 400,000 groups, as a
    /// postcode's first letter can, shows them without looking at each).
    pub fn visible(
        &self,
        groups: &[GroupSummary],
        filter: &DirectoryFilter,
        search_hits: Option<&Hits>,
        sort: SortOrder,
    ) -> Vec<usize> {
        let only_archived = DirectoryFilter { include_archived: filter.include_archived, ..DirectoryFilter::default() };
        if *filter != only_archived || groups.len() != self.len() {
            return visible_groups(groups, filter, search_hits, &[], sort);
        }
        let mut shown = match search_hits {
            Some(hits) => hits.clone(),
            None => Hits::all(self.len()),
        };
        if !filter.include_archived {
            shown.remove_all(&self.archived);
        }
        let mut shown: Vec<usize> = shown.iter().filter(|&i| i < groups.len()).collect();
        sort_groups(&mut shown, groups, sort);
        shown
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The groups (by place) whose part holds `word` (folded) anywhere: any part of a word of a
    /// short field. Only those in `among` are looked at, when it is given.
    pub fn holding(&self, word: &str, among: Option<&Hits>) -> Hits {
        self.matching(word, among, |_, _| true)
    }

    /// The groups whose name has a word starting with `word`, or whose postcode starts with it.
    /// Only the starts of postcodes, and `word` after a space in the names, are looked at: a
    /// one-letter word is in nearly every group, but starts few of their words.
    pub fn starting(&self, word: &str, among: Option<&Hits>) -> Hits {
        let mut hits = Hits::none(self.len());
        if word.is_empty() {
            return hits;
        }
        let wanted = |i: usize| among.is_none_or(|a| a.contains(i));
        for i in 0..self.len() {
            if self.text.get(self.postcodes[i]..self.ends[i]).is_some_and(|p| p.starts_with(word)) && wanted(i) {
                hits.insert(i);
            }
        }
        let after_space = format!(" {word}");
        let mut group = 0;
        for at in memchr::memmem::find_iter(self.names.as_bytes(), after_space.as_bytes()) {
            while group < self.len() && self.name_ends[group] <= at {
                group += 1;
            }
            if group < self.len() && at + after_space.len() <= self.name_ends[group] && wanted(group) {
                hits.insert(group);
            }
        }
        hits
    }

    /// The groups with a match of `word` in their part for which `keep(part, where)` holds.
    fn matching(&self, word: &str, among: Option<&Hits>, keep: impl Fn(&str, usize) -> bool) -> Hits {
        let mut hits = Hits::none(self.len());
        if word.is_empty() {
            return hits;
        }
        let start_of = |i: usize| if i == 0 { 0 } else { self.ends[i - 1] };
        // SIMD substring search (memchr's): std's two-way search was most of a keystroke's time
        // over the 25 MB of a 400,000-group list.
        let finder = memchr::memmem::Finder::new(word.as_bytes());
        match among {
            // Few groups to look at: each is looked at.
            Some(among) if among.count() * 8 < self.len() => {
                for i in among.iter().filter(|&i| i < self.len()) {
                    let part = &self.text[start_of(i)..self.ends[i]];
                    if finder.find_iter(part.as_bytes()).any(|at| keep(part, at)) {
                        hits.insert(i);
                    }
                }
            }
            _ => {
                let mut group = 0;
                for at in finder.find_iter(self.text.as_bytes()) {
                    while group < self.ends.len() && self.ends[group] <= at {
                        group += 1;
                    }
                    if group == self.ends.len() || hits.contains(group) || among.is_some_and(|a| !a.contains(group)) {
                        continue;
                    }
                    let start = start_of(group);
                    // A match that runs past the group's part is not the group's (no search word
                    // holds FIELD_END, so this cannot happen; kept for safety).
                    if at + word.len() <= self.ends[group] && keep(&self.text[start..self.ends[group]], at - start) {
                        hits.insert(group);
                    }
                }
            }
        }
        hits
    }
}

/// The indices of `groups` to show, in order. `groups` must be in name order (folded, then
/// id), as the store gives them, so that the usual order costs no sorting.
///
/// `search_hits` are the groups the search matched, by place (`None` when there is no search
/// to run); `short_words` are search words too short for the index, matched here
/// against the start of a word of the name, or the postcode.
pub fn visible_groups(
    groups: &[GroupSummary],
    filter: &DirectoryFilter,
    search_hits: Option<&Hits>,
    short_words: &[String],
    sort: SortOrder,
) -> Vec<usize> {
    // With a search, only the groups it found are looked at (a few thousand of 400,000, often).
    let candidates: Box<dyn Iterator<Item = usize>> = match search_hits {
        Some(hits) => Box::new(hits.iter().filter(|&i| i < groups.len())),
        None => Box::new(0..groups.len()),
    };
    let mut shown: Vec<usize> = candidates
        .map(|i| (i, &groups[i]))
        .filter(|(_, g)| filter.include_archived || !g.archived)
        .filter(|(_, g)| filter.neighbourhood.is_none_or(|n| g.neighbourhood_id == Some(n)))
        .filter(|(_, g)| filter.category.is_none_or(|c| g.categories.contains(&c)))
        .filter(|(_, g)| filter.status.is_none_or(|s| g.status == s))
        .filter(|(_, g)| filter.unverified_as_of.is_none_or(|today| needs_verifying(g, today)))
        .filter(|(_, g)| short_words.is_empty() || matches_short_words(g, short_words))
        .map(|(i, _)| i)
        .collect();
    sort_groups(&mut shown, groups, sort);
    shown
}

fn matches_short_words(group: &GroupSummary, words: &[String]) -> bool {
    words.iter().all(|w| {
        has_word_starting(group.name_key(), w)
            || group.postcode().get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w))
    })
}

/// Whether a word of `text` starts with `prefix`. (Finding the prefix and looking behind it is
/// several times quicker than splitting every name into words: at 100,000 groups this runs for
/// each keystroke of a one- or two-letter word.)
fn has_word_starting(text: &str, prefix: &str) -> bool {
    text.match_indices(prefix).any(|(at, _)| text[..at].chars().next_back().is_none_or(char::is_whitespace))
}

/// Sorts indices into `groups` by a column; ties fall back to the name, then the id, so the
/// order is always the same. `groups` is already in name order, so sorting by name only needs
/// the indices in order (or reversed).
pub fn sort_groups(indices: &mut [usize], groups: &[GroupSummary], sort: SortOrder) {
    if !indices.is_sorted() {
        indices.sort_unstable();
    }
    if sort.column == SortColumn::Name {
        if sort.descending {
            indices.reverse();
        }
        return;
    }
    let key = |g: &GroupSummary| -> String {
        match sort.column {
            SortColumn::Name => String::new(),
            SortColumn::Neighbourhood => g.neighbourhood().to_lowercase(),
            SortColumn::Town => g.town().to_lowercase(),
            SortColumn::Postcode => g.postcode().to_owned(),
            SortColumn::Phone => g.phone().to_owned(),
            SortColumn::Status => g.status.code().to_owned(),
        }
    };
    let keys: Vec<String> = indices.iter().map(|&i| key(&groups[i])).collect();
    let mut order: Vec<usize> = (0..indices.len()).collect();
    // A stable sort keeps name order within equal keys.
    order.sort_by(|&a, &b| if sort.descending { keys[b].cmp(&keys[a]) } else { keys[a].cmp(&keys[b]) });
    let sorted: Vec<usize> = order.iter().map(|&o| indices[o]).collect();
    indices.copy_from_slice(&sorted);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GroupId;
    use crate::model::records::GroupSummaryParts;

    #[test]
    fn a_short_word_matches_the_start_of_a_word_of_the_name() {
        assert!(has_word_starting("bispham food bank", "bi"));
        assert!(has_word_starting("bispham food bank", "fo"));
        assert!(has_word_starting("bispham food bank", "b"));
        assert!(!has_word_starting("bispham food bank", "oo"));
        assert!(!has_word_starting("bispham food bank", "sp"));
        assert!(has_word_starting("cafe umit", "um"));
        assert!(has_word_starting("the\u{a0}ümit club", "üm"));
        assert!(!has_word_starting("café ümit", "fé"));
    }

    fn group(id: i64, name: &str, hood: i64, status: GroupStatus, verified: Option<&str>) -> GroupSummary {
        let postcode = format!("FY{hood} 1AA");
        GroupSummary::new(GroupSummaryParts {
            id: GroupId(id),
            name,
            town: "Blackpool",
            postcode: &postcode,
            phone: "",
            other_keys: &crate::model::search::fold_fields(["", "", &postcode, ""]),
            neighbourhood_id: Some(NeighbourhoodId(hood)),
            neighbourhood: format!("Hood {hood}").into(),
            status,
            archived: false,
            last_verified: verified.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
            categories: vec![CategoryId(hood * 10)],
        })
    }

    /// The search text's own way to the visible groups, a machine word at a time, shows what
    /// looking at each group shows: with and without a search, archived groups in or out, any
    /// number of groups (not only whole words of 64), and any other filter handed back.
    #[test]
    fn the_visible_groups_by_bits_are_those_by_looking_at_each() {
        for len in [0usize, 1, 63, 64, 65, 130] {
            let mut groups: Vec<GroupSummary> = (0..len)
                .map(|i| {
                    let mut g =
                        group(i as i64 + 1, &format!("group {i:03}"), (i % 3) as i64, GroupStatus::Active, None);
                    g.archived = i % 5 == 0;
                    g
                })
                .collect();
            groups.sort_by(|a, b| a.name_key().cmp(b.name_key()));
            let text = SearchText::new(&groups);
            let mut hits = Hits::none(len);
            (0..len).filter(|i| i % 2 == 1 || i % 7 == 0).for_each(|i| hits.insert(i));
            assert_eq!(Hits::all(len).count(), len);
            for include_archived in [false, true] {
                for neighbourhood in [None, Some(NeighbourhoodId(1))] {
                    let filter = DirectoryFilter { include_archived, neighbourhood, ..Default::default() };
                    for search in [None, Some(&hits)] {
                        for sort in [SortOrder::default(), SortOrder { column: SortColumn::Name, descending: true }] {
                            assert_eq!(
                                text.visible(&groups, &filter, search, sort),
                                visible_groups(&groups, &filter, search, &[], sort),
                                "{len} groups, {filter:?}, search {}",
                                search.is_some()
                            );
                        }
                    }
                }
            }
        }
    }

    fn names(groups: &[GroupSummary], shown: &[usize]) -> Vec<String> {
        shown.iter().map(|&i| groups[i].name().to_owned()).collect()
    }

    #[test]
    fn filters_combine_and_names_sort_without_regard_to_case_or_accents() {
        let mut groups = vec![
            group(1, "zebra crossing club", 1, GroupStatus::Active, Some("2026-10-01")),
            group(2, "Ély Walkers", 1, GroupStatus::Dormant, None),
            group(3, "Anchorsholme Choir", 2, GroupStatus::Active, Some("2024-01-01")),
            group(4, "Eden Pantry", 1, GroupStatus::Active, Some("2025-01-01")),
        ];
        groups.sort_by(|a, b| a.name_key().cmp(b.name_key()));
        let all = visible_groups(&groups, &DirectoryFilter::default(), None, &[], SortOrder::default());
        assert_eq!(names(&groups, &all), ["Anchorsholme Choir", "Eden Pantry", "Ély Walkers", "zebra crossing club"]);

        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let filter = DirectoryFilter {
            neighbourhood: Some(NeighbourhoodId(1)),
            unverified_as_of: Some(today),
            ..Default::default()
        };
        let shown = visible_groups(&groups, &filter, None, &[], SortOrder::default());
        assert_eq!(names(&groups, &shown), ["Eden Pantry", "Ély Walkers"]);

        let filter = DirectoryFilter { category: Some(CategoryId(20)), ..Default::default() };
        assert_eq!(
            names(&groups, &visible_groups(&groups, &filter, None, &[], SortOrder::default())),
            ["Anchorsholme Choir"]
        );

        let descending = SortOrder { column: SortColumn::Status, descending: true };
        let shown = visible_groups(&groups, &DirectoryFilter::default(), None, &[], descending);
        assert_eq!(groups[shown[3]].status, GroupStatus::Active);
        assert_eq!(groups[shown[0]].status, GroupStatus::Dormant);
    }

    #[test]
    fn search_hits_and_short_words_narrow_the_list() {
        let groups = vec![
            group(1, "Bispham Walking Group", 1, GroupStatus::Active, None),
            group(2, "Layton Walking Group", 3, GroupStatus::Active, None),
            group(3, "Bispham Choir", 1, GroupStatus::Active, None),
        ];
        let mut hits = Hits::none(groups.len());
        hits.insert(0);
        hits.insert(1);
        let shown =
            visible_groups(&groups, &DirectoryFilter::default(), Some(&hits), &["bi".to_owned()], SortOrder::default());
        assert_eq!(names(&groups, &shown), ["Bispham Walking Group"]);
    }

    #[test]
    fn the_search_text_finds_what_each_group_holds() {
        let groups = vec![
            group(1, "Bispham Walking Group", 1, GroupStatus::Active, None),
            group(2, "Café Ümit", 2, GroupStatus::Active, None),
            group(3, "Layton Walkers", 3, GroupStatus::Active, None),
            group(4, "Fylde Food Bank", 7, GroupStatus::Active, None),
            group(5, "The\u{a0}Ümit\tClub", 8, GroupStatus::Active, None),
        ];
        let text = SearchText::new(&groups);
        let places = |hits: Hits| hits.iter().collect::<Vec<_>>();
        for word in ["walk", "alk", "umit", "fy", "fy2", "ban", "1aa", "zzz", "p walk"] {
            let expected: Vec<usize> = (0..groups.len()).filter(|&i| groups[i].has_text(word)).collect();
            assert_eq!(places(text.holding(word, None)), expected, "{word}");
            let mut among = Hits::none(groups.len());
            among.insert(2);
            let narrowed: Vec<usize> = expected.iter().copied().filter(|&i| i == 2).collect();
            assert_eq!(places(text.holding(word, Some(&among))), narrowed, "{word} among one");
        }
        // Short words: a word of the name starts with it, or the postcode does.
        for word in ["w", "g", "fy", "f", "um", "al", "1a", "cl", "th"] {
            let expected: Vec<usize> =
                (0..groups.len()).filter(|&i| matches_short_words(&groups[i], &[word.to_owned()])).collect();
            assert_eq!(places(text.starting(word, None)), expected, "{word}");
        }
        assert_eq!(places(text.starting("fy", None)), [0, 1, 2, 3, 4], "every postcode starts FY");
        assert_eq!(places(text.starting("um", None)), [1, 4]);
        assert!(places(text.starting("al", None)).is_empty(), "“al” starts no word");
    }

    #[test]
    fn hits_are_a_bit_a_group() {
        let mut hits = Hits::none(130);
        for at in [0, 63, 64, 129, 500] {
            hits.insert(at);
        }
        assert_eq!(hits.iter().collect::<Vec<_>>(), [0, 63, 64, 129]);
        assert!(hits.contains(129) && !hits.contains(1) && !hits.contains(500));
        let mut other = Hits::none(130);
        other.insert(64);
        other.insert(65);
        hits.keep_common(&other);
        assert_eq!(hits.iter().collect::<Vec<_>>(), [64]);
        hits.keep_common(&Hits::none(130));
        assert!(hits.is_empty());
    }

    #[test]
    fn archived_groups_are_hidden_unless_asked_for() {
        let mut groups = vec![group(1, "Closed Club", 1, GroupStatus::Closed, None)];
        groups[0].archived = true;
        assert!(visible_groups(&groups, &DirectoryFilter::default(), None, &[], SortOrder::default()).is_empty());
        let filter = DirectoryFilter { include_archived: true, ..Default::default() };
        assert_eq!(visible_groups(&groups, &filter, None, &[], SortOrder::default()), vec![0]);
    }
}
