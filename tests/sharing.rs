//! Two coordinators, one programme: copies for a colleague, changes files both ways, conflicts
//! of each kind decided both ways, refusals of foreign and damaged changes, personal data that
//! was removed, and random edit sequences on both copies that end in the same programme.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or a bench stops at what it did not expect

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::{bytes, demo_file, dump, run_in as run};
use placements::edit::{BoardEdit, EditRequest, PeopleEdit, apply};
use placements::exchange::changes_file;
use placements::model::sharing::{Changes, Choice, ConflictKind, TakePlan};
use placements::model::{CommunityGroup, GroupEdit, GroupId, PlacementStatus, TeamId};
use placements::store::{OpenMode, Store, StoreError, TeamLock};
use proptest::prelude::*;
use rusqlite::types::Value;

/// Every table a coordinator's work lives in: all but the search index's and the copy's own
/// record of what it shares.
fn shared(path: &Path) -> BTreeMap<String, Vec<Vec<Value>>> {
    let tables = dump(path);
    assert!(tables.len() > 20, "{:?}", tables.keys());
    tables.into_iter().filter(|(t, _)| !t.starts_with("group_text") && !t.starts_with("share_")).collect()
}

/// Where two copies differ, in a few lines (none when they hold the same).
fn differences(a: &Path, b: &Path) -> Option<String> {
    let (a, b) = (shared(a), shared(b));
    let mut out = Vec::new();
    for (table, rows) in &a {
        let others = &b[table];
        let only_a: Vec<_> = rows.iter().filter(|r| !others.contains(r)).take(3).collect();
        let only_b: Vec<_> = others.iter().filter(|r| !rows.contains(r)).take(3).collect();
        if !only_a.is_empty() || !only_b.is_empty() {
            out.push(format!("{table}: only in the trust's {only_a:?}; only in the CVS's {only_b:?}"));
        }
    }
    (!out.is_empty()).then(|| out.join("\n"))
}

/// The groups the search index finds for a word of their descriptions.
fn indexed(path: &Path, word: &str) -> Vec<i64> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT rowid FROM group_text WHERE group_text MATCH ?1 ORDER BY rowid").unwrap();
    stmt.query_map([word], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

/// A demo file (the trust's) and a copy of it for Bolton CVS.
fn pair(dir: &Path) -> (PathBuf, PathBuf) {
    let trust = demo_file(dir, "trust.placements", 60);
    let cvs = dir.join("cvs.placements");
    Store::open(&trust, OpenMode::Edit).unwrap().copy_for_colleague(&cvs, "Bolton CVS", "Trust").unwrap();
    (trust, cvs)
}

fn open(path: &Path) -> Store {
    Store::open(path, OpenMode::Edit).unwrap()
}

fn send(from: &Path) -> Changes {
    let changes = open(from).changes_for(None).unwrap();
    // Through a real file, as it would be emailed.
    let file = from.with_extension("changes");
    changes_file::write(&file, &changes).unwrap();
    changes_file::read(&file).unwrap()
}

/// Takes `changes` into `into`, every conflict decided `prefer`; returns the plan it showed.
fn take(into: &Path, changes: &Changes, prefer: Choice) -> TakePlan {
    let mut store = open(into);
    let plan = store.plan_take(changes).unwrap();
    let choices: HashMap<_, _> = plan.conflicts.iter().map(|c| (c.key.clone(), prefer)).collect();
    store.take(changes, &choices).unwrap();
    plan
}

/// Both copies send, then each takes the other's: the trust keeps its own where both changed
/// something, the CVS takes the trust's, so both end with the same.
fn exchange(trust: &Path, cvs: &Path) -> (TakePlan, TakePlan) {
    let from_trust = send(trust);
    let from_cvs = send(cvs);
    let at_trust = take(trust, &from_cvs, Choice::Mine);
    let at_cvs = take(cvs, &from_trust, Choice::Theirs);
    (at_trust, at_cvs)
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

fn team_named(store: &Store, name: &str) -> TeamId {
    let cohorts = store.cohorts().unwrap();
    cohorts
        .iter()
        .flat_map(|c| store.teams(c.id).unwrap())
        .find(|t| t.name == name)
        .map(|t| t.id)
        .unwrap_or_else(|| panic!("no team {name}"))
}

/// A team of the demo with no placement yet.
fn unplaced_team(store: &Store) -> TeamId {
    let programme = store.programme().unwrap();
    programme.teams.iter().find(|t| programme.placements.iter().all(|p| p.team != t.id)).unwrap().id
}

fn edit(store: &mut Store, request: impl Into<EditRequest>) {
    apply(store, &request.into()).unwrap();
}

fn place(store: &mut Store, team: TeamId, on: NaiveDate) {
    edit(store, BoardEdit::Place { team, day: on, offer: None, overridden: None });
}

fn add_group(store: &mut Store, name: &str, description: &str) -> GroupId {
    let edit =
        GroupEdit::check(CommunityGroup { name: name.into(), description: description.into(), ..Default::default() })
            .unwrap();
    store.add_group(&edit).unwrap().0
}

fn rename_group(store: &mut Store, id: GroupId, name: &str) {
    let group = store.group(id).unwrap();
    store.update_group(id, &GroupEdit::check(CommunityGroup { name: name.into(), ..group }).unwrap()).unwrap();
}

#[test]
fn two_copies_exchange_their_changes_both_ways_and_hold_the_same_programme() {
    let dir = tempfile::tempdir().unwrap();
    let (trust, cvs) = pair(dir.path());
    assert_eq!(shared(&trust), shared(&cvs), "a copy starts the same");

    // The trust adds a group and places a team; the CVS imports a register, renames a team,
    // takes a placement off the board and adds a group of its own.
    let trust_group = {
        let mut store = open(&trust);
        let team = unplaced_team(&store);
        place(&mut store, team, day(4, 27));
        add_group(&mut store, "Quokka Appreciation Society", "Quokkas and wombats in the park")
    };
    let register = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/registers/trafford-charities.csv");
    let (ok, out, err) = run(dir.path(), &["import", "groups", cvs.to_str().unwrap(), register.to_str().unwrap()]);
    assert!(ok, "{out}{err}");
    let cvs_group = {
        let mut store = open(&cvs);
        let team = team_named(&store, "Team 2");
        edit(&mut store, PeopleEdit::UpdateTeam { id: team, name: "Team Two".into(), lock: TeamLock::Unlocked });
        let first = store.placement_summaries().unwrap()[0].id;
        edit(&mut store, BoardEdit::RemovePlacement(first));
        add_group(&mut store, "Wombat Walkers", "Wombats walked weekly")
    };
    // Rows made on both sides at once never take the same id: each copy has its own block.
    assert!(trust_group.0 < 1_000_000_000, "the first file keeps the ids it had");
    assert!(cvs_group.0 > 1_000_000_000, "the copy's ids are its own: {}", cvs_group.0);

    let (at_trust, at_cvs) = exchange(&trust, &cvs);
    assert!(at_trust.conflicts.is_empty() && at_cvs.conflicts.is_empty(), "{at_trust:?} {at_cvs:?}");
    assert!(at_trust.summary().contains("groups"), "{}", at_trust.summary());
    assert!(at_cvs.effects.iter().any(|e| e.starts_with("places ")), "{:?}", at_cvs.effects);
    assert_eq!(shared(&trust), shared(&cvs));
    // The search index was kept as the changes came in, on both sides.
    assert_eq!(indexed(&trust, "wombats"), vec![trust_group.0, cvs_group.0]);
    assert_eq!(indexed(&cvs, "wombats"), indexed(&trust, "wombats"));

    // Taking the same changes again changes nothing, not a byte.
    let again = send(&cvs);
    let before = bytes(&trust);
    let plan = open(&trust).plan_take(&again).unwrap();
    assert!(plan.effects.is_empty() && plan.conflicts.is_empty(), "only what the trust already has: {plan:?}");
    let from_cvs_1 = {
        let file = cvs.with_extension("changes");
        changes_file::read(&file).unwrap()
    };
    let stale = open(&trust).plan_take(&from_cvs_1).unwrap();
    assert!(stale.is_empty(), "{stale:?}");
    drop(open(&trust).take(&from_cvs_1, &HashMap::new()).unwrap());
    assert_eq!(shared(&trust), shared(&cvs));
    let _ = before;

    // A second round: each side changes what the other changed, after agreeing; no conflict.
    {
        let mut store = open(&trust);
        rename_group(&mut store, cvs_group, "Wombat Walkers of Trafford");
    }
    {
        let mut store = open(&cvs);
        rename_group(&mut store, trust_group, "Quokka Society");
    }
    let (at_trust, at_cvs) = exchange(&trust, &cvs);
    assert!(at_trust.conflicts.is_empty() && at_cvs.conflicts.is_empty(), "{at_trust:?} {at_cvs:?}");
    assert_eq!(shared(&trust), shared(&cvs));
    assert_eq!(open(&trust).group(trust_group).unwrap().name, "Quokka Society");
    assert_eq!(open(&cvs).group(cvs_group).unwrap().name, "Wombat Walkers of Trafford");

    // Nothing left to say: the next changes change nothing.
    let (at_trust, at_cvs) = exchange(&trust, &cvs);
    assert!(at_trust.effects.is_empty() && at_cvs.effects.is_empty(), "{at_trust:?} {at_cvs:?}");
}

#[test]
fn conflicts_of_each_kind_are_named_and_decided_either_way() {
    for prefer in Choice::ALL {
        let dir = tempfile::tempdir().unwrap();
        let (trust, cvs) = pair(dir.path());
        let (group, placement, team) = {
            let store = open(&trust);
            let group = store.group_summaries().unwrap()[0].id;
            (group, store.placement_summaries().unwrap()[0].id, unplaced_team(&store))
        };
        {
            let mut store = open(&trust);
            rename_group(&mut store, group, "Name Given By The Trust");
            edit(&mut store, BoardEdit::RemovePlacement(placement));
            place(&mut store, team, day(4, 27));
        }
        {
            let mut store = open(&cvs);
            rename_group(&mut store, group, "Name Given By The CVS");
            edit(&mut store, BoardEdit::SetStatus { id: placement, status: PlacementStatus::Confirmed });
            place(&mut store, team, day(4, 28));
        }
        let from_trust = send(&trust);
        let from_cvs = send(&cvs);

        let plan = open(&trust).plan_take(&from_cvs).unwrap();
        let kinds: Vec<ConflictKind> = plan.conflicts.iter().map(|c| c.kind).collect();
        for kind in [ConflictKind::ChangedBoth, ConflictKind::RemovedHere, ConflictKind::PlacedBoth] {
            assert!(kinds.contains(&kind), "{kind:?} in {:?}", plan.conflicts);
        }
        let renamed = plan.conflicts.iter().find(|c| c.kind == ConflictKind::ChangedBoth).unwrap();
        assert!(renamed.mine.contains("Name Given By The Trust"), "{renamed:?}");
        assert!(renamed.theirs.contains("in Bolton CVS's copy") && renamed.theirs.contains("Name Given By The CVS"));
        let placed = plan.conflicts.iter().find(|c| c.kind == ConflictKind::PlacedBoth).unwrap();
        assert_eq!(
            (placed.mine.as_str(), placed.theirs.as_str()),
            ("here on Tue 27 Apr 2027", "in Bolton CVS's copy on Wed 28 Apr 2027"),
            "{placed:?}"
        );

        // Undecided, nothing is written.
        let before = bytes(&trust);
        let refused = open(&trust).take(&from_cvs, &HashMap::new());
        assert!(matches!(refused, Err(StoreError::Sharing(_))), "{refused:?}");
        assert!(bytes(&trust) == before, "the file changed");

        take(&trust, &from_cvs, prefer);
        let store = open(&trust);
        let name = store.group(group).unwrap().name;
        let days: Vec<NaiveDate> =
            store.programme().unwrap().placements.iter().filter(|p| p.team == team).map(|p| p.day).collect();
        let removed = store.programme().unwrap().placement(placement).is_none();
        drop(store);
        match prefer {
            Choice::Mine => {
                assert_eq!(name, "Name Given By The Trust");
                assert_eq!(days, [day(4, 27)]);
                assert!(removed, "the trust's removal kept");
            }
            Choice::Theirs => {
                assert_eq!(name, "Name Given By The CVS");
                assert_eq!(days, [day(4, 28)]);
                assert!(!removed, "the CVS's confirmed placement comes back");
            }
        }

        // The other side meets the same conflicts from its side, and decides the other way.
        let plan = open(&cvs).plan_take(&from_trust).unwrap();
        assert!(plan.conflicts.iter().any(|c| c.kind == ConflictKind::RemovedThere), "{:?}", plan.conflicts);
        let other = if prefer == Choice::Mine { Choice::Theirs } else { Choice::Mine };
        take(&cvs, &from_trust, other);
        assert_eq!(shared(&trust), shared(&cvs), "both copies hold the same after deciding {prefer:?}");
    }
}

#[test]
fn foreign_or_damaged_changes_are_refused_whole_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (trust, cvs) = pair(dir.path());
    let other_dir = dir.path().join("other");
    std::fs::create_dir(&other_dir).unwrap();
    let (other, other_copy) = pair(&other_dir);
    {
        let mut store = open(&other_copy);
        add_group(&mut store, "Somewhere Else Entirely", "");
    }
    let foreign = send(&other_copy);
    {
        let mut store = open(&cvs);
        add_group(&mut store, "A Group From The CVS", "");
    }
    let good = send(&cvs);
    let own = send(&trust);
    let before = bytes(&trust);

    let refused = open(&trust).plan_take(&foreign).unwrap_err();
    assert!(refused.to_string().contains("another programme"), "{refused}");
    assert!(open(&trust).take(&foreign, &HashMap::new()).is_err());
    assert!(open(&trust).take(&own, &HashMap::new()).unwrap_err().to_string().contains("own"));
    // A patch that passes its checksums but is not SQLite's is refused too.
    let mut broken = good.clone();
    broken.patch = b"T\x03\x01\x00not a patch at all".to_vec();
    assert!(open(&trust).plan_take(&broken).is_err());
    assert!(open(&trust).take(&broken, &HashMap::new()).is_err());

    // On the command line: damaged, cut short, not a changes file at all, another programme's.
    let file = dir.path().join("from cvs.changes");
    let whole = changes_file::to_bytes(&good);
    let f = trust.to_str().unwrap();
    let attempts: Vec<(Vec<u8>, &str)> = vec![
        (
            {
                let mut b = whole.clone();
                let at = b.len() - 10;
                b[at] ^= 1;
                b
            },
            "damaged",
        ),
        (whole[..whole.len() / 2].to_vec(), "damaged"),
        (b"Name,Postcode\nA,FY1 1AA\n".to_vec(), "not a changes file"),
        (changes_file::to_bytes(&foreign), "another programme"),
    ];
    let before_trust = bytes(&trust);
    for (content, says) in attempts {
        std::fs::write(&file, &content).unwrap();
        let (ok, out, err) = run(dir.path(), &["take", f, file.to_str().unwrap(), "--prefer", "theirs"]);
        assert!(!ok, "{out}");
        assert!(err.contains(says), "{says}: {err}");
        assert!(bytes(&trust) == before_trust, "{says}: the file is untouched");
    }
    assert!(bytes(&trust) == before, "the file changed");
    let _ = other;

    // The good one, on the command line, is taken.
    std::fs::write(&file, &whole).unwrap();
    let (ok, out, err) = run(dir.path(), &["take", f, file.to_str().unwrap()]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("adds 1 group") && out.contains("took in the changes from Bolton CVS"), "{out}");
}

#[test]
fn removed_personal_data_travels_and_the_changes_carry_none_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let (trust, cvs) = pair(dir.path());
    let cohort = placements::model::CohortId(common::scalar(
        &cvs,
        "SELECT cohort_id FROM participant WHERE email <> '' LIMIT 1",
    ));
    let email: String = common::scalar(
        &cvs,
        &format!("SELECT email FROM participant WHERE email <> '' AND cohort_id = {} LIMIT 1", cohort.0),
    );
    assert!(!email.is_empty());
    {
        let mut store = open(&cvs);
        edit(&mut store, PeopleEdit::RemovePersonalData { cohort, names: placements::store::KeepNames::No });
    }
    let changes = send(&cvs);
    let file = changes_file::to_bytes(&changes);
    let contains = |hay: &[u8]| hay.windows(email.len()).any(|w| w == email.as_bytes());
    assert!(!contains(&file), "the changes file carries a removed email address");
    assert!(!contains(&bytes(&cvs)), "the copy still holds a removed email address (in its base?)");
    take(&trust, &changes, Choice::Theirs);
    let store = open(&trust);
    assert!(store.participants(cohort).unwrap().iter().all(|p| p.name.starts_with("Participant ")));
    drop(store);
    let left: i64 = common::scalar(
        &trust,
        &format!("SELECT count(*) FROM participant WHERE email <> '' AND cohort_id = {}", cohort.0),
    );
    assert_eq!(left, 0);
    assert!(!contains(&bytes(&trust)), "the trust's file still holds the removed email address");
}

#[test]
fn taking_changes_in_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let (trust, cvs) = pair(dir.path());
    {
        let mut store = open(&cvs);
        add_group(&mut store, "Undo Me Please", "");
        let team = unplaced_team(&store);
        place(&mut store, team, day(5, 4));
        let first = store.placement_summaries().unwrap()[0].id;
        edit(&mut store, BoardEdit::RemovePlacement(first));
    }
    let changes = send(&cvs);
    let before = shared(&trust);
    let mut store = open(&trust);
    let plan = store.plan_take(&changes).unwrap();
    let step = store.take(&changes, &HashMap::new()).unwrap();
    assert_eq!(step.label, "Take in changes from Bolton CVS");
    assert_ne!(shared(&trust), before);
    store.undo(&step).unwrap();
    assert_eq!(shared(&trust), before, "undo puts every row back");
    // And the changes can be taken in again, as they were.
    assert_eq!(store.plan_take(&changes).unwrap(), plan);
    store.redo(&step).unwrap();
    drop(store);
    assert_eq!(shared(&trust), shared(&cvs));
}

/// One edit a coordinator makes on a copy, as indexes into whatever it holds.
#[derive(Clone, Debug)]
enum Step {
    Place { team: usize, day: u32 },
    Status { placement: usize, status: usize },
    Remove { placement: usize },
    RenameTeam { team: usize, name: usize },
    RenameGroup { group: usize, name: usize },
    AddGroup { name: usize },
}

fn a_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..100usize, 0..40u32).prop_map(|(team, day)| Step::Place { team, day }),
        (0..100usize, 0..3usize).prop_map(|(placement, status)| Step::Status { placement, status }),
        (0..100usize).prop_map(|placement| Step::Remove { placement }),
        (0..100usize, 0..3usize).prop_map(|(team, name)| Step::RenameTeam { team, name }),
        (0..100usize, 0..3usize).prop_map(|(group, name)| Step::RenameGroup { group, name }),
        (0..3usize).prop_map(|name| Step::AddGroup { name }),
    ]
}

/// Makes the step, if the copy can (a clash refused is a step not made, as on the board).
fn make(path: &Path, step: &Step, who: &str) {
    let mut store = open(path);
    let programme = store.programme().unwrap();
    let teams: Vec<TeamId> = programme.teams.iter().map(|t| t.id).collect();
    let placed: Vec<_> = programme.placements.iter().map(|p| p.id).collect();
    let groups: Vec<GroupId> = store.group_summaries().unwrap().iter().map(|g| g.id).take(20).collect();
    let names = ["Alpha", "Beta", "Gamma"];
    let request: Option<EditRequest> = match step {
        Step::Place { team, day: d } => Some(
            BoardEdit::Place {
                team: teams[team % teams.len()],
                day: day(4, 5) + chrono::Duration::days(i64::from(*d)),
                offer: None,
                overridden: None,
            }
            .into(),
        ),
        Step::Status { placement, status } => placed.get(placement % placed.len().max(1)).map(|id| {
            let status = [PlacementStatus::Pencilled, PlacementStatus::Confirmed, PlacementStatus::Done][*status];
            BoardEdit::SetStatus { id: *id, status }.into()
        }),
        Step::Remove { placement } => {
            placed.get(placement % placed.len().max(1)).map(|id| BoardEdit::RemovePlacement(*id).into())
        }
        Step::RenameTeam { team, name } => Some(
            PeopleEdit::UpdateTeam {
                id: teams[team % teams.len()],
                name: format!("{} {who}", names[*name]),
                lock: TeamLock::Unlocked,
            }
            .into(),
        ),
        Step::RenameGroup { group, name } => {
            rename_group(&mut store, groups[group % groups.len()], &format!("{} {who}", names[*name]));
            None
        }
        Step::AddGroup { name } => {
            add_group(&mut store, &format!("{} {who} group", names[*name]), "added on one side");
            None
        }
    };
    if let Some(request) = request {
        let _ = apply(&mut store, &request);
    }
}

/// Trust sends, the CVS takes (deciding `cvs_prefers`), the CVS sends back, the trust takes
/// (keeping its own where both changed something): the way two people pass changes back and forth.
fn round_trip(trust: &Path, cvs: &Path, cvs_prefers: Choice) -> (TakePlan, TakePlan) {
    let from_trust = send(trust);
    let at_cvs = take(cvs, &from_trust, cvs_prefers);
    let from_cvs = send(cvs);
    let at_trust = take(trust, &from_cvs, Choice::Mine);
    (at_trust, at_cvs)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever each copy does, once changes have gone there and back both copies hold the same
    /// programme, however the conflicts were decided; when both sent at once (each file made
    /// before seeing the other's), the next round trip brings them together. And once they agree,
    /// a further round trip finds nothing both changed.
    #[test]
    fn random_edits_on_both_copies_end_in_the_same_programme(
        trust_steps in proptest::collection::vec(a_step(), 0..8),
        cvs_steps in proptest::collection::vec(a_step(), 0..8),
        more in proptest::collection::vec(a_step(), 0..4),
        at_once in any::<bool>(),
        cvs_keeps_its_own in any::<bool>(),
    ) {
        let cvs_prefers = if cvs_keeps_its_own { Choice::Mine } else { Choice::Theirs };
        let dir = tempfile::tempdir().unwrap();
        let (trust, cvs) = pair(dir.path());
        for step in &trust_steps { make(&trust, step, "trust"); }
        for step in &cvs_steps { make(&cvs, step, "cvs"); }
        if at_once {
            exchange(&trust, &cvs);
        }
        round_trip(&trust, &cvs, cvs_prefers);
        prop_assert_eq!(differences(&trust, &cvs), None);
        for step in &more { make(&cvs, step, "cvs2"); make(&trust, step, "trust2"); }
        round_trip(&trust, &cvs, cvs_prefers);
        prop_assert_eq!(differences(&trust, &cvs), None);
        let (at_trust, at_cvs) = round_trip(&trust, &cvs, cvs_prefers);
        prop_assert!(at_trust.conflicts.is_empty() && at_cvs.conflicts.is_empty(), "{:?} {:?}", at_trust, at_cvs);
        prop_assert_eq!(differences(&trust, &cvs), None);
    }
}

/// A clash the merge makes (two teams on an offer with one place, each placed in its own copy
/// where it fitted) is listed as `check` lists it, and `check` then fails until it is settled.
#[test]
fn a_clash_the_merge_makes_is_listed_as_the_board_would() {
    let dir = tempfile::tempdir().unwrap();
    let (trust, cvs) = pair(dir.path());
    let on = day(4, 27);
    let (ok, out, _) = run(dir.path(), &["offers", trust.to_str().unwrap(), "--available-on", "2027-04-27", "--json"]);
    assert!(ok);
    let offers: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let single: Vec<placements::model::OfferId> = offers
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["places_left"] == 1)
        .map(|o| placements::model::OfferId(o["id"].as_i64().unwrap()))
        .collect();
    // Places some team, not yet placed, on one of those offers; returns the offer.
    let place_somewhere = |file: &Path, skip: Option<TeamId>| -> (TeamId, placements::model::OfferId) {
        let mut store = open(file);
        let programme = store.programme().unwrap();
        let free: Vec<TeamId> = programme
            .teams
            .iter()
            .map(|t| t.id)
            .filter(|t| Some(*t) != skip && programme.placements.iter().all(|p| p.team != *t))
            .collect();
        for offer in &single {
            for team in &free {
                let edit = BoardEdit::Place { team: *team, day: on, offer: Some(*offer), overridden: None };
                if apply(&mut store, &edit.into()).is_ok() {
                    return (*team, *offer);
                }
            }
        }
        panic!("nowhere to place a team");
    };
    let (first, offer) = place_somewhere(&trust, None);
    let mut store = open(&cvs);
    let programme = store.programme().unwrap();
    let other = programme
        .teams
        .iter()
        .map(|t| t.id)
        .filter(|t| *t != first && programme.placements.iter().all(|p| p.team != *t))
        .find(|team| {
            let edit = BoardEdit::Place { team: *team, day: on, offer: Some(offer), overridden: None };
            apply(&mut store, &edit.into()).is_ok()
        });
    assert!(other.is_some(), "the CVS places another team on the same offer and day");
    drop(store);
    let changes = dir.path().join("from cvs.changes");
    changes_file::write(&changes, &send(&cvs)).unwrap();
    let f = trust.to_str().unwrap();
    let (ok, out, err) = run(dir.path(), &["take", f, changes.to_str().unwrap()]);
    assert!(ok, "{out}{err}");
    let clash_lines: Vec<&str> = out.lines().filter(|l| l.contains(" · clash: ")).collect();
    assert!(!clash_lines.is_empty(), "{out}");
    assert!(clash_lines.iter().all(|l| l.starts_with("2027-04-27 (Tue 27 Apr 2027) · Team ")), "{out}");
    let (ok, check, _) = run(dir.path(), &["check", f]);
    assert!(!ok, "check fails while the clash stands");
    for line in clash_lines {
        assert!(check.lines().any(|l| l == line), "{line} in {check}");
    }
}

/// A row removed here that the colleague's changes still use comes back, said so, and Undo of
/// the take takes it away again with the rest.
#[test]
fn a_row_removed_here_but_used_there_comes_back_and_goes_again_with_undo() {
    use placements::edit::OffersEdit;
    let dir = tempfile::tempdir().unwrap();
    let (trust, cvs) = pair(dir.path());
    let on = day(4, 27);
    let (ok, out, _) = run(dir.path(), &["offers", trust.to_str().unwrap(), "--available-on", "2027-04-27", "--json"]);
    assert!(ok);
    let offers: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let ids: Vec<placements::model::OfferId> =
        offers.as_array().unwrap().iter().map(|o| placements::model::OfferId(o["id"].as_i64().unwrap())).collect();
    // The CVS places a team on an offer the trust then deletes (one with no team placed on it).
    let mut at_cvs = open(&cvs);
    let mut at_trust = open(&trust);
    let mut used = None;
    'found: for offer in &ids {
        let programme = at_cvs.programme().unwrap();
        let free: Vec<TeamId> = programme
            .teams
            .iter()
            .map(|t| t.id)
            .filter(|t| programme.placements.iter().all(|p| p.team != *t))
            .collect();
        for team in free {
            let edit = BoardEdit::Place { team, day: on, offer: Some(*offer), overridden: None };
            if apply(&mut at_cvs, &edit.into()).is_ok() {
                if apply(&mut at_trust, &OffersEdit::DeleteOffer(*offer).into()).is_ok() {
                    used = Some(*offer);
                    break 'found;
                }
                break;
            }
        }
    }
    drop((at_cvs, at_trust));
    let offer = used.expect("an offer placed on in one copy and deleted in the other");
    let changes = send(&cvs);
    let before = shared(&trust);
    let mut store = open(&trust);
    let plan = store.plan_take(&changes).unwrap();
    assert!(plan.kept.iter().any(|k| k.contains("comes back")), "{plan:?}");
    let step = store.take(&changes, &HashMap::new()).unwrap();
    assert!(store.programme().unwrap().offer(offer).is_some(), "the offer is back");
    store.undo(&step).unwrap();
    drop(store);
    assert_eq!(differences_from(&before, &trust), None, "undo takes the offer away again");
}

fn differences_from(before: &BTreeMap<String, Vec<Vec<Value>>>, file: &Path) -> Option<String> {
    let now = shared(file);
    let changed: Vec<&String> = before.keys().filter(|t| before.get(*t) != now.get(*t)).collect();
    (!changed.is_empty()).then(|| format!("{changed:?}"))
}
