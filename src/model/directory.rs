//! The directory's filters and sort order: plain functions over the list of groups.

use chrono::{Months, NaiveDate};

use super::ids::{CategoryId, NeighbourhoodId};
use super::records::{GroupStatus, GroupSummary};

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

    /// The places found, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.bits
            .iter()
            .enumerate()
            .flat_map(|(w, &word)| (0..64).filter(move |b| word & (1 << b) != 0).map(move |b| w * 64 + b))
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
    let mut shown: Vec<usize> = groups
        .iter()
        .enumerate()
        .filter(|(i, _)| search_hits.is_none_or(|hits| hits.contains(*i)))
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
    indices.sort_unstable();
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
