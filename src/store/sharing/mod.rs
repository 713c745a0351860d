//! Two coordinators, one programme: copies of a file that exchange their changes, through
//! SQLite's session extension.
//!
//! Theory of operation:
//! - **A copy for a colleague** is a copy of the file that knows it shares its programme with
//!   this one. Both files keep, for the other, an image of the shared tables as they were when
//!   the copy was made (a whole SQLite database, as bytes: its *base*). Every copy has its own
//!   number, and new rows take ids in that copy's own block (a billion from `copy × 10⁹`): rows made in two
//!   copies at once never take the same id, and an id never has to be changed.
//! - **Sending** is `sqlite3session_diff` of the file against the base: a *patchset*, which holds
//!   each changed row's new values and only the key of a removed row, so a changes file never
//!   carries what the sender removed. The patch is kept, numbered, until the colleague says it
//!   was taken in.
//! - **Taking in** rebuilds the sender's changes with old values from this copy's own base (the
//!   patch applied to an in-memory copy of the base, then diffed against it: a full changeset
//!   made here), and applies that with `sqlite3changeset_apply`. Its conflict handler finds
//!   what both copies changed: a row changed differently in both, removed in one and changed in
//!   the other, added in both. The person decides each; everything else merges, column by
//!   column. The whole take is one transaction and one undo step.
//! - **What is known moves the base on.** A copy's base is what it knows the colleague's copy
//!   holds. After a take, every row the changes touched is written into the base as the
//!   colleague has it (so a row kept here, against theirs, travels back whole). A changes file
//!   says which of the receiver's own changes files the sender has taken in, and the receiver
//!   moves its base on by that patch (except rows it learnt of since). So a changes file holds
//!   only what the colleague does not have yet, and a row one side changed after taking the
//!   other's version is not a conflict.
//!
//! The session extension records no virtual tables: the search index is kept by the file's own
//! triggers as the changes are applied, like any other edit.

mod apply;
mod image;
mod words;

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, params};

use crate::model::sharing::{Changes, Choice, ConflictKind, Partner, RowKey, Sharing, TakePlan};
use crate::store::changes::{read_row, write_row};
use crate::store::edits::now_text;
use crate::store::errors::SharingError;
use crate::store::{ChangeSet, RowChange, SCHEMA_VERSION, Store, StoreError};
use apply::{Mode, apply_change, placed_both, placement_key, rows_before, settle};
use image::{
    SetKind, advance_by_acknowledged, apply_patch, diff, image_connection, image_of, keys_of, load_image, mark_agreed,
};
use words::{conflict_words, effects, placed_both_words, unique_words};

/// Each copy has a billion ids of its own: copy 7's rows are 7000000001, 7000000002…, so an id
/// says which copy made it.
const BLOCK: i64 = 1_000_000_000;

/// The highest copy number: a new copy's is drawn at random up to this (and checked against the
/// copies this file knows), which keeps ids to at most 14 digits.
const MOST_COPIES: i64 = 99_999;

/// The tables the copies share, parents before the rows that point at them. Everything else
/// (the search index, this module's own tables) belongs to one copy.
pub(crate) const SHARED: &[&str] = &[
    "neighbourhood",
    "category",
    "practice",
    "organisation",
    "profession",
    "postcode_rule",
    "community_group",
    "group_category",
    "offer",
    "offer_day",
    "offer_practice",
    "cohort",
    "team",
    "participant",
    "participant_unavailable",
    "placement",
    "placement_outcome",
    "participant_feedback",
    "feedback_rating",
];

pub(super) fn shared_name(table: &str) -> Option<&'static str> {
    SHARED.iter().copied().find(|t| *t == table)
}

pub(super) fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// The id a new row of `table` takes: the next in this copy's block. Once the file shares its
/// programme, an id is never given twice (see [`note_id`]).
pub(crate) fn next_id(conn: &Connection, table: &str) -> Result<i64, StoreError> {
    let copy: Option<i64> =
        conn.prepare_cached("SELECT copy FROM share_copy WHERE id = 1")?.query_row([], |r| r.get(0)).optional()?;
    let block = copy.unwrap_or(0);
    let low = (block * BLOCK).max(1);
    let high = (block + 1) * BLOCK;
    let sql = format!("SELECT max(id) FROM {} WHERE id >= ?1 AND id < ?2", quote(table));
    let most: Option<i64> = conn.prepare_cached(&sql)?.query_row([low, high], |r| r.get(0))?;
    let given: Option<i64> = match copy {
        Some(_) => conn
            .prepare_cached("SELECT high FROM share_ids WHERE tbl = ?1 AND high >= ?2 AND high < ?3")?
            .query_row(params![table, low, high], |r| r.get(0))
            .optional()?,
        None => None,
    };
    Ok(most.max(given).map_or(low, |m| m + 1))
}

/// Notes that `id` was given to a row of `table`, when the file shares its programme.
pub(crate) fn note_id(conn: &Connection, table: &str, id: i64) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO share_ids (tbl, high) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM share_copy)
         ON CONFLICT (tbl) DO UPDATE SET high = max(high, excluded.high)",
    )?
    .execute(params![table, id])?;
    Ok(())
}

/// A random number from the standard library's per-process keys (no network, no crate).
fn random_u64() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    hasher.finish()
}

/// The change being taken in, rebuilt here from this copy's base.
struct Prepared {
    partner: Partner,
    already: bool,
    /// The base moved on by the patch the sender says it took in.
    base: Vec<u8>,
    /// The sender's version of the shared tables (`main`), with that base attached as `share_base`.
    theirs: Connection,
    change: Vec<u8>,
}

impl Store {
    /// Whether this file shares its programme with other copies, and with which.
    pub fn sharing(&self) -> Result<Option<Sharing>, StoreError> {
        let Some((programme, copy, name)) = self
            .conn
            .query_row("SELECT programme, copy, name FROM share_copy WHERE id = 1", [], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?))
            })
            .optional()?
        else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare("SELECT id, name, taken, sent FROM share_partner ORDER BY name, id")?;
        let partners = stmt
            .query_map([], |r| Ok(Partner { copy: r.get(0)?, name: r.get(1)?, taken: r.get(2)?, sent: r.get(3)? }))?
            .collect::<Result<_, _>>()?;
        Ok(Some(Sharing { programme, copy, name, partners }))
    }

    fn partner_base(&self, copy: i64) -> Result<Vec<u8>, StoreError> {
        let (base, version): (Vec<u8>, u32) =
            self.conn.query_row("SELECT base, version FROM share_partner WHERE id = ?1", [copy], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if version != SCHEMA_VERSION {
            return Err(SharingError::OtherVersion { found: version, supported: SCHEMA_VERSION }.into());
        }
        Ok(base)
    }

    /// Writes a copy of this file to `target` for a colleague called `colleague`, sharing its
    /// starting point with this file; this file is called `me` in the copy (when it has no
    /// name yet). The target must not exist.
    pub fn copy_for_colleague(&mut self, target: &Path, colleague: &str, me: &str) -> Result<(), StoreError> {
        self.write_gate()?;
        let colleague = colleague.trim();
        if colleague.is_empty() || me.trim().is_empty() {
            return Err(SharingError::NameNeeded.into());
        }
        if std::fs::symlink_metadata(target).is_ok() {
            return Err(SharingError::TargetExists(crate::store::display_name(target)).into());
        }
        let sharing = self.sharing()?;
        let (programme, copy, name) = match &sharing {
            Some(s) => (s.programme.clone(), s.copy, s.name.clone()),
            None => (format!("{:016x}{:016x}", random_u64(), random_u64()), 0, me.trim().to_owned()),
        };
        let taken_names = sharing.iter().flat_map(|s| s.partners.iter().map(|p| p.name.clone())).chain([name.clone()]);
        if let Some(taken) = taken_names.into_iter().find(|n| n.eq_ignore_ascii_case(colleague)) {
            return Err(SharingError::NameTaken(taken).into());
        }
        let used: Vec<i64> = sharing.iter().flat_map(|s| s.partners.iter().map(|p| p.copy)).chain([copy]).collect();
        let mut new_copy = 0;
        while new_copy == 0 || used.contains(&new_copy) {
            new_copy = (random_u64() % MOST_COPIES as u64) as i64 + 1;
        }
        let base = image_of(&mut self.conn)?;
        let now = now_text();
        crate::store::disk::copy_database_then(&self.conn, target, |dest| {
            dest.execute_batch(
                "DELETE FROM share_sent; DELETE FROM share_partner; DELETE FROM share_copy; DELETE FROM share_ids;",
            )?;
            dest.execute(
                "INSERT INTO share_copy (id, programme, copy, name) VALUES (1, ?1, ?2, ?3)",
                params![programme, new_copy, colleague],
            )?;
            dest.execute(
                "INSERT INTO share_partner (id, name, base, version, made_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![copy, name, base, SCHEMA_VERSION, now],
            )?;
            Ok(())
        })?;
        // This file learns of the copy last; if it cannot, the copy (which it would refuse
        // changes from) is taken away again.
        let me = Sharing { programme, copy, name, partners: Vec::new() };
        let new = Partner { copy: new_copy, name: colleague.to_owned(), taken: 0, sent: 0 };
        let learnt = self.learn_of_copy(&me, &new, &base, &now);
        if learnt.is_err() {
            let _ = std::fs::remove_file(target);
        }
        learnt
    }

    /// Notes in this file that it shares its programme as `me`, with a new colleague's copy
    /// `new`, from `base`.
    fn learn_of_copy(&mut self, me: &Sharing, new: &Partner, base: &[u8], now: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO share_copy (id, programme, copy, name) VALUES (1, ?1, ?2, ?3)",
            params![me.programme, me.copy, me.name],
        )?;
        // From now on no id is given twice: the ids given so far count as given.
        for table in SHARED {
            let high = next_id(&tx, table)? - 1;
            if high > 0 {
                note_id(&tx, table, high)?;
            }
        }
        tx.execute(
            "INSERT INTO share_partner (id, name, base, version, made_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![new.copy, new.name, base, SCHEMA_VERSION, now],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Everything changed here since this copy and `partner` (by name; the only one when none
    /// is given) last agreed, as a changes file's contents. Kept, numbered, until the colleague
    /// says it was taken in.
    pub fn changes_for(&mut self, partner: Option<&str>) -> Result<Changes, StoreError> {
        self.write_gate()?;
        let sharing = self.sharing()?.ok_or(SharingError::NotShared)?;
        let partner = sharing.partner(partner).map_err(SharingError::from)?.clone();
        let base = self.partner_base(partner.copy)?;
        load_image(&mut self.conn, "share_base", &base)?;
        let patch = diff(&self.conn, "share_base", SetKind::Patch);
        self.conn.execute("DETACH DATABASE share_base", [])?;
        let patch = patch?;
        let number = partner.sent + 1;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO share_sent (partner, number, patch) VALUES (?1, ?2, ?3)",
            params![partner.copy, number, patch],
        )?;
        tx.execute("UPDATE share_partner SET sent = ?2 WHERE id = ?1", [partner.copy, number])?;
        tx.commit()?;
        Ok(Changes {
            programme: sharing.programme,
            from_copy: sharing.copy,
            from_name: sharing.name,
            to_copy: partner.copy,
            number,
            taken: partner.taken,
            made_at: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
            patch,
        })
    }

    /// Checks a colleague's changes against this file and rebuilds them with this copy's own
    /// old values. Writes nothing.
    fn prepare_take(&self, changes: &Changes) -> Result<Prepared, StoreError> {
        let sharing = self.sharing()?.ok_or(SharingError::NotShared)?;
        if changes.programme != sharing.programme {
            return Err(SharingError::OtherProgramme.into());
        }
        if changes.from_copy == sharing.copy {
            return Err(SharingError::OwnChanges.into());
        }
        if changes.to_copy != sharing.copy {
            return Err(SharingError::OtherCopy.into());
        }
        let partner =
            sharing.partners.iter().find(|p| p.copy == changes.from_copy).cloned().ok_or(SharingError::UnknownCopy)?;
        let mut base = self.partner_base(partner.copy)?;
        let mut theirs = image_connection()?;
        // The colleague has taken in this copy's changes up to `taken`: the base moves on by them.
        let acknowledged: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT patch FROM share_sent WHERE partner = ?1 AND number = ?2",
                [partner.copy, changes.taken],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(patch) = acknowledged {
            load_image(&mut theirs, "main", &base)?;
            advance_by_acknowledged(&theirs, &patch, changes.taken)?;
            base = theirs.serialize("main")?.to_vec();
        }
        load_image(&mut theirs, "main", &base)?;
        load_image(&mut theirs, "share_base", &base)?;
        apply_patch(&theirs, &changes.patch)?;
        let change = diff(&theirs, "share_base", SetKind::Change)?;
        let already = changes.number <= partner.taken;
        Ok(Prepared { partner, already, base, theirs, change })
    }

    /// What taking `changes` in would do, and what both copies changed, in words. Writes nothing.
    pub fn plan_take(&mut self, changes: &Changes) -> Result<TakePlan, StoreError> {
        self.write_gate()?;
        let prepared = self.prepare_take(changes)?;
        let mut plan = TakePlan {
            from_name: prepared.partner.name.clone(),
            number: changes.number,
            made_at: changes.made_at.clone(),
            already_taken: prepared.already,
            effects: Vec::new(),
            conflicts: Vec::new(),
            kept: Vec::new(),
        };
        if prepared.already {
            return Ok(plan);
        }
        let keys = keys_of(&prepared.change)?;
        plan.effects = effects(&self.conn, &prepared.theirs, &prepared.change)?;
        let tx = self.conn.unchecked_transaction()?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        let before = rows_before(&tx, &keys)?;
        let hits = apply_change(&tx, &prepared.change, Mode::Look)?;
        plan.kept = settle(&tx, &keys, &before, &prepared.theirs)?.words;
        drop(tx);
        if let Some(hit) = hits.iter().find(|h| h.unique) {
            return Err(SharingError::BothAdded(unique_words(&self.conn, &prepared.theirs, hit)).into());
        }
        let copy_name = &prepared.partner.name;
        plan.conflicts = hits.iter().map(|hit| conflict_words(&self.conn, &prepared.theirs, hit, copy_name)).collect();
        for (theirs, mine) in placed_both(&self.conn, &prepared.theirs, &keys)? {
            plan.conflicts.push(placed_both_words(&self.conn, &prepared.theirs, theirs, &mine, copy_name));
        }
        Ok(plan)
    }

    /// Takes a colleague's changes in, each conflict decided by `choices` (every one must be),
    /// as one undo step, and moves the agreed rows into the base.
    pub fn take(&mut self, changes: &Changes, choices: &HashMap<RowKey, Choice>) -> Result<ChangeSet, StoreError> {
        self.write_gate()?;
        let prepared = self.prepare_take(changes)?;
        let label = format!("Take in changes from {}", prepared.partner.name);
        if prepared.already {
            return Ok(ChangeSet::new(label));
        }
        let mut keys = keys_of(&prepared.change)?;
        let both = placed_both(&self.conn, &prepared.theirs, &keys)?;
        let undecided = both.iter().filter(|(theirs, _)| !choices.contains_key(&placement_key(*theirs))).count();
        if undecided > 0 {
            return Err(SharingError::Undecided(undecided).into());
        }
        // A placement of this copy's that a choice takes off is one more row the take changes.
        for (theirs, mine) in &both {
            if choices.get(&placement_key(*theirs)) == Some(&Choice::Theirs) {
                keys.extend(mine.iter().map(|id| ("placement", *id)));
            }
        }
        let partner_row_before = read_row(&self.conn, "share_partner", prepared.partner.copy)?;
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        let before = rows_before(&tx, &keys)?;
        let hits = apply_change(&tx, &prepared.change, Mode::Decided(Arc::new(choices.clone())))?;
        if let Some(hit) = hits.iter().find(|h| h.unique) {
            return Err(SharingError::BothAdded(unique_words(&tx, &prepared.theirs, hit)).into());
        }
        for hit in hits.iter().filter(|h| h.kind == ConflictKind::RemovedHere) {
            if choices.get(&hit.key) == Some(&Choice::Theirs)
                && let Some(table) = shared_name(&hit.key.table)
                && let Some(row) = read_row(&prepared.theirs, table, hit.key.id)?
            {
                write_row(&tx, table, hit.key.id, false, Some(&row))?;
            }
        }
        for (theirs, mine) in &both {
            let gone = match choices.get(&placement_key(*theirs)) {
                Some(Choice::Theirs) => mine.clone(),
                _ => vec![*theirs],
            };
            for id in gone {
                write_row(&tx, "placement", id, true, None)?;
            }
        }
        // A row brought back from the colleague's copy (removed here, still used there) is one
        // more row the take changes: recorded, so that Undo takes it away again.
        let mut before = before;
        for key in settle(&tx, &keys, &before, &prepared.theirs)?.rows {
            if !keys.contains(&key) {
                keys.push(key);
                before.push(None);
            }
        }
        // The rows as they are now, and the base moved on by every row both copies now agree on.
        let mut base = image_connection()?;
        load_image(&mut base, "main", &prepared.base)?;
        let mut recorded = Vec::new();
        for ((table, id), was) in keys.iter().zip(before) {
            let now = read_row(&tx, table, *id)?;
            let there = read_row(&prepared.theirs, table, *id)?;
            // The base is what this copy knows the colleague's copy holds: after taking its
            // changes in, these rows as it has them (whether they were kept here or not, so
            // that a row kept here travels back whole).
            let exists = read_row(&base, table, *id)?.is_some();
            write_row(&base, table, *id, exists, there.as_ref())?;
            mark_agreed(&base, table, *id, prepared.partner.sent)?;
            if now != was {
                recorded.push(RowChange { table, id: *id, before: was, after: now });
            }
        }
        let base = base.serialize("main")?.to_vec();
        tx.execute(
            "UPDATE share_partner SET base = ?2, taken = max(taken, ?3) WHERE id = ?1",
            params![prepared.partner.copy, base, changes.number],
        )?;
        tx.execute(
            "DELETE FROM share_sent WHERE partner = ?1 AND number <= ?2",
            [prepared.partner.copy, changes.taken],
        )?;
        let partner_row_after = read_row(&tx, "share_partner", prepared.partner.copy)?;
        recorded.push(RowChange {
            table: "share_partner",
            id: prepared.partner.copy,
            before: partner_row_before,
            after: partner_row_after,
        });
        tx.commit()?;
        Ok(ChangeSet { label, changes: recorded, batches: Vec::new() })
    }

    /// After "Remove personal data": the same people's details are overwritten in every base
    /// this file keeps, and the patches waiting to be acknowledged are dropped, so the file holds
    /// them nowhere. A base keeps a mark, not the old value, so the removal still travels.
    pub(crate) fn scrub_shared_copies(&mut self, participants: &[i64], columns: &[&str]) -> Result<(), StoreError> {
        let bases: Vec<(i64, Vec<u8>)> = {
            let mut stmt = self.conn.prepare("SELECT id, base FROM share_partner")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
        };
        if bases.is_empty() {
            return Ok(());
        }
        let sets: Vec<String> = columns.iter().map(|c| format!("{} = '(removed)'", quote(c))).collect();
        let sql = format!("UPDATE participant SET {} WHERE id = ?1", sets.join(", "));
        let mut scrubbed = Vec::new();
        for (partner, image) in bases {
            let mut base = image_connection()?;
            load_image(&mut base, "main", &image)?;
            base.pragma_update(None, "secure_delete", true)?;
            for id in participants {
                base.execute(&sql, [id])?;
            }
            base.execute(
                "DELETE FROM participant_unavailable WHERE participant_id IN (SELECT value FROM json_each(?1))",
                [serde_json::to_string(participants).unwrap_or_default()],
            )?;
            base.execute_batch("VACUUM")?;
            scrubbed.push((partner, base.serialize("main")?.to_vec()));
        }
        let tx = self.conn.transaction()?;
        for (partner, image) in scrubbed {
            tx.execute("UPDATE share_partner SET base = ?2 WHERE id = ?1", params![partner, image])?;
        }
        tx.execute("DELETE FROM share_sent", [])?;
        tx.commit()?;
        Ok(())
    }
}
