//! The open file and its history of changes: one undo step per finished gesture.

use crate::model::Counts;
use crate::store::{ChangeSet, Store, StoreError};

/// Whether the last edit reached the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Failed(String),
}

/// Which way through the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Undo,
    Redo,
}

/// The open file, what can be undone and redone, and what the status bar shows of it.
pub struct Document {
    pub store: Store,
    undo: Vec<ChangeSet>,
    redo: Vec<ChangeSet>,
    pub save_state: SaveState,
    /// Goes up with every change, so panels know when to reload.
    pub revision: u64,
    /// How many records the file holds, or why they could not be counted.
    pub counts: Result<Counts, String>,
}

impl Document {
    pub(super) fn new(store: Store) -> Self {
        let counts = store.counts().map_err(|e| e.to_string());
        Self { store, undo: Vec::new(), redo: Vec::new(), save_state: SaveState::Saved, revision: 0, counts }
    }

    /// The file changed (an edit, undo, redo, restore, import): panels reload.
    pub(super) fn changed(&mut self) {
        self.revision += 1;
        self.save_state = SaveState::Saved;
        self.counts = self.store.counts().map_err(|e| e.to_string());
    }

    /// Records a saved change as the newest undo step; redo starts again.
    pub(super) fn record(&mut self, change: ChangeSet) {
        if !change.is_empty() {
            self.undo.push(change);
            self.redo.clear();
        }
        self.changed();
    }

    /// Forgets the history (after the file's whole contents were replaced).
    pub(super) fn forget_history(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// Undoes or redoes the newest step. On failure the step is kept and nothing changed.
    pub(super) fn step(&mut self, step: Step) -> Result<bool, StoreError> {
        let (from, to) = match step {
            Step::Undo => (&mut self.undo, &mut self.redo),
            Step::Redo => (&mut self.redo, &mut self.undo),
        };
        let Some(change) = from.pop() else { return Ok(false) };
        let result = match step {
            Step::Undo => self.store.undo(&change),
            Step::Redo => self.store.redo(&change),
        };
        match result {
            Ok(()) => {
                to.push(change);
                self.changed();
                Ok(true)
            }
            Err(e) => {
                from.push(change);
                Err(e)
            }
        }
    }

    /// The words of the step Undo (or Redo) would take: "Edit Bispham Men's Shed".
    pub fn next_label(&self, step: Step) -> Option<&str> {
        match step {
            Step::Undo => self.undo.last(),
            Step::Redo => self.redo.last(),
        }
        .map(|c| c.label.as_str())
    }

    /// Whether there is a step to take that way.
    pub fn can(&self, step: Step) -> bool {
        self.next_label(step).is_some()
    }

    /// The undo steps, oldest first (for tests).
    pub fn undo_labels(&self) -> Vec<String> {
        self.undo.iter().map(|c| c.label.clone()).collect()
    }
}
