//! Setting up neighbourhoods from a register anywhere: the postcode districts its groups are in
//! (and sectors, where a district's groups are in more than one town), each with how many groups
//! it holds and a name to start from (the town most of its groups give), for the coordinator to
//! name and group into neighbourhoods.

use std::collections::BTreeMap;

use super::postcode::{postcode_district, postcode_sector};

/// A postcode area of the register, as proposed for a neighbourhood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaProposal {
    /// A district ("M32") or a sector ("M32 8").
    pub area: String,
    /// How many groups have a postcode in it.
    pub groups: usize,
    /// The town most of them give, as they give it ("Stretford"), else the area itself.
    pub suggested: String,
}

/// A district's groups: by sector, then by town (folded), with the town's first spelling and
/// how many give it.
type TownsBySector = BTreeMap<String, BTreeMap<String, (String, usize)>>;

/// How many groups of a district must give a second town, and what share of the district they
/// must be, for the district to be split into its sectors.
const SPLIT_AT_LEAST: usize = 3;
const SPLIT_SHARE: f64 = 0.25;

/// The register's postcode areas, by district, a district split into sectors where its groups
/// name more than one town in earnest. `groups` gives each group's postcode and town; those with
/// no postcode are left out (they are counted by the caller).
pub fn propose_areas<'a>(groups: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<AreaProposal> {
    // district → sector → town (as folded, with the first spelling seen) → groups.
    let mut districts: BTreeMap<String, TownsBySector> = BTreeMap::new();
    for (postcode, town) in groups {
        let (Some(district), Some(sector)) = (postcode_district(postcode), postcode_sector(postcode)) else { continue };
        let town = town.trim();
        let entry = districts.entry(district).or_default().entry(sector).or_default();
        let spelling = entry.entry(super::search::fold(town)).or_insert_with(|| (town.to_owned(), 0));
        spelling.1 += 1;
    }
    let mut proposals = Vec::new();
    for (district, sectors) in districts {
        let mut towns: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for sector_towns in sectors.values() {
            for (key, (spelling, n)) in sector_towns {
                towns.entry(key.clone()).or_insert_with(|| (spelling.clone(), 0)).1 += n;
            }
        }
        let total: usize = towns.values().map(|(_, n)| n).sum();
        let mut by_size: Vec<usize> = towns.iter().filter(|(k, _)| !k.is_empty()).map(|(_, (_, n))| *n).collect();
        by_size.sort_unstable_by(|a, b| b.cmp(a));
        let second = by_size.get(1).copied().unwrap_or(0);
        let split = sectors.len() > 1 && second >= SPLIT_AT_LEAST && second as f64 >= SPLIT_SHARE * total as f64;
        if split {
            for (sector, sector_towns) in sectors {
                let groups = sector_towns.values().map(|(_, n)| n).sum();
                proposals.push(AreaProposal { suggested: most_given(&sector_towns, &sector), area: sector, groups });
            }
        } else {
            proposals.push(AreaProposal { suggested: most_given(&towns, &district), area: district, groups: total });
        }
    }
    proposals
}

/// The town most groups give (the first in order when two tie), else `area`.
fn most_given(towns: &BTreeMap<String, (String, usize)>, area: &str) -> String {
    towns
        .iter()
        .filter(|(key, _)| !key.is_empty())
        .max_by(|a, b| a.1.1.cmp(&b.1.1).then_with(|| b.0.cmp(a.0)))
        .map_or_else(|| area.to_owned(), |(_, (spelling, _))| title_case(spelling))
}

/// "Stretford" from "STRETFORD": registers write towns in capitals.
fn title_case(town: &str) -> String {
    if town.chars().any(char::is_lowercase) { town.to_owned() } else { super::text::title_case(town) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_are_proposed_with_their_towns_and_split_where_towns_differ() {
        let mut groups = vec![("M32 8PX", "STRETFORD"); 5];
        groups.extend([("M32 9BY", "Stretford"), ("M32 0AA", "")]);
        // M33: Sale in one sector, Ashton upon Mersey in another, in earnest.
        groups.extend([("M33 2AB", "Sale"); 6]);
        groups.extend([("M33 5XY", "Ashton upon Mersey"); 4]);
        groups.extend([("M33 5XZ", "Sale")]);
        groups.extend([("not a postcode", "Sale"), ("", "Urmston")]);
        let proposals = propose_areas(groups.iter().map(|(p, t)| (*p, *t)));
        let got: Vec<(&str, usize, &str)> =
            proposals.iter().map(|p| (p.area.as_str(), p.groups, p.suggested.as_str())).collect();
        assert_eq!(got, [("M32", 7, "Stretford"), ("M33 2", 6, "Sale"), ("M33 5", 5, "Ashton upon Mersey")]);
    }

    #[test]
    fn a_district_with_one_stray_town_is_not_split() {
        let mut groups = vec![("FY1 4AB", "Blackpool"); 10];
        groups.push(("FY1 6CD", "Bispham"));
        let proposals = propose_areas(groups.iter().map(|(p, t)| (*p, *t)));
        assert_eq!(proposals, [AreaProposal { area: "FY1".into(), groups: 11, suggested: "Blackpool".into() }]);
        // With no town at all, the area names itself.
        let proposals = propose_areas([("FY8 4PQ", "")]);
        assert_eq!(proposals[0].suggested, "FY8");
    }
}
