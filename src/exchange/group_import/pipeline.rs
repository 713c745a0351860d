//! Importing groups as the command line does: the rows read and checked a piece at a time on a
//! thread of their own while the file's connection writes the pieces before them.

use std::sync::mpsc;

use super::{ColumnMapping, EarlierRows, ExistingGroups, PreparedGroup, check_row};
use crate::exchange::import_kind::{Groups, note_row};
use crate::exchange::import_target::ImportTarget;
use crate::exchange::mapping::{Imported, RowError, RowNotes, cores, map_on_threads};
use crate::exchange::table::{RowSource, TableError};
use crate::model::OnDuplicate;
use crate::store::StoreError;

/// Rows checked at a time when checking runs beside writing: a small first piece, so that
/// writing starts at once, then larger ones.
const FIRST_PIECE_ROWS: usize = 256;
const PIECE_ROWS: usize = 4096;

/// Plans a spreadsheet's rows and imports them in one go, as the command line does: the rows
/// are read (CSV text as it is reached) and checked a piece at a time on a thread of their own
/// while the file's connection writes the pieces before them, so writing starts with the first
/// piece instead of after the last. Each row is let go once written: what the import says of it
/// is kept ([`RowNotes`]), never the row, so memory stays within the pieces in flight however
/// large the register. The notes and the file come out as [`super::plan_group_import`] then
/// `Store::import_groups` make them (a test holds them to it): one transaction, one undo
/// step, doubtful matches imported as new. A CSV that turns out unreadable part-way (text that
/// is not what it said) leaves the file as it was.
pub fn plan_and_import_groups(
    store: &mut impl ImportTarget,
    headers: &[String],
    rows: RowSource<'_>,
    mapping: &ColumnMapping,
    existing: &ExistingGroups,
    label: &str,
    on_duplicate: OnDuplicate,
) -> Result<Imported, StoreError> {
    // The writer has a core to itself; reading and checking the rest (at least one thread).
    let threads = cores().saturating_sub(1).max(1);
    let (send, receive) = mpsc::sync_channel::<Checked>(4);
    std::thread::scope(|scope| {
        let checker = std::thread::Builder::new()
            .name("import checker".to_owned())
            .spawn_scoped(scope, move || check_pieces(rows, threads, mapping, headers, existing, send));
        let Ok(checker) = checker else {
            return Err(StoreError::CheckingStopped);
        };
        // Written rows are let go on a thread of their own: freeing each row's two dozen texts,
        // made on the checker's thread, was a sixth of the writer's time at 400,000 rows. (Where
        // that thread cannot start, they are let go here.)
        let (free_send, free_receive) = mpsc::channel::<Vec<_>>();
        let freer = std::thread::Builder::new()
            .name("import freer".to_owned())
            .spawn_scoped(scope, move || free_receive.into_iter().for_each(drop));
        let free_send = freer.is_ok().then_some(free_send);
        let mut notes = RowNotes::default();
        let mut rows_read = 0;
        let (counts, change) = store.import_groups_from(label, on_duplicate, NOT_COUNTED_YET, |sink| {
            // Pieces come until the checker says it is done; the receiver goes with this
            // closure, so a failed write stops the checker at its next piece.
            let mut done = false;
            for message in receive {
                let (read, placed) = match message {
                    Checked::Piece(read, placed) => (read, placed),
                    Checked::Unreadable(error) => return Err(StoreError::SourceUnreadable(Box::new(error))),
                    Checked::Done => {
                        done = true;
                        break;
                    }
                };
                rows_read += read;
                let mut written = Vec::with_capacity(placed.len());
                for row in placed {
                    match row {
                        Ok(prepared) => {
                            sink.write(&prepared.row)?;
                            note_row::<Groups>(&mut notes, &prepared, on_duplicate);
                            written.push(prepared);
                        }
                        Err(error) => notes.errors.push(error),
                    }
                }
                if let Some(free) = &free_send {
                    let _ = free.send(written);
                }
            }
            // A fault while checking (the rows stopped before the checker said it was done) is a
            // fault here, before anything is committed.
            if !done {
                match checker.join() {
                    Err(panic) => std::panic::resume_unwind(panic),
                    Ok(()) => return Err(StoreError::CheckingStopped),
                }
            }
            crate::fault::inject("import");
            Ok(())
        })?;
        Ok(Imported { notes, counts, change, rows_read })
    })
}

/// The checker's side of the import: reads the rows a piece at a time, checks each piece on
/// `threads` threads, places its rows among the rows before them, and sends it to the writer;
/// `Done` once every row is sent.
fn check_pieces(
    mut rows: RowSource<'_>,
    threads: usize,
    mapping: &ColumnMapping,
    headers: &[String],
    existing: &ExistingGroups,
    send: mpsc::SyncSender<Checked>,
) {
    let mut earlier = EarlierRows::default();
    let mut size = FIRST_PIECE_ROWS;
    loop {
        let piece = match rows.next_piece(size) {
            Ok(piece) if piece.is_empty() => break,
            Ok(piece) => piece,
            Err(error) => {
                let _ = send.send(Checked::Unreadable(error));
                return;
            }
        };
        size = PIECE_ROWS;
        let checked = map_on_threads(threads, &piece, |row| check_row(row, mapping, headers, existing));
        let placed = checked.into_iter().map(|row| earlier.place(row)).collect();
        if send.send(Checked::Piece(piece.len(), placed)).is_err() {
            // The writer stopped (a write failed): nothing more is wanted.
            return;
        }
    }
    // The writer goes on at once; the rows placed so far are freed here meanwhile (100,000
    // rows: tens of milliseconds).
    let _ = send.send(Checked::Done);
    drop(send);
    drop(earlier);
}

/// What the checker sends the writer.
enum Checked {
    /// A piece: how many rows were read, and each checked and placed.
    Piece(usize, Vec<Result<PreparedGroup, RowError>>),
    /// The CSV turned out unreadable part-way.
    Unreadable(TableError),
    /// Every row has been sent.
    Done,
}

/// How many new groups an import that reads as it writes tells the store to expect: it cannot
/// know, and indexing them in one pass at the end is right for any number.
const NOT_COUNTED_YET: usize = usize::MAX;
