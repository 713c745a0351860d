//! Long work on a worker thread, so that the window keeps drawing: reading a spreadsheet,
//! importing it, making PDFs.
//!
//! Theory of operation: [`spawn`] runs the work under [`crate::fault::catching`] and sends back
//! either its result or the [`Fault`] that stopped it, then asks the window to repaint. The window
//! polls the [`Job`] once a frame; a fault arrives as a value like any other outcome, so it is
//! reported in words and never leaves a progress bar hanging. [`Progress`] is the counter and the
//! Cancel flag that the work and the window share.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::fault::{Fault, catching};

/// Work running on a worker thread.
pub struct Job<T> {
    result: Receiver<Result<T, Fault>>,
}

/// Starts `work` on a worker thread; the window is repainted when it ends.
pub fn spawn<T: Send + 'static>(ctx: &egui::Context, work: impl FnOnce() -> T + Send + 'static) -> Job<T> {
    let (send, result) = channel();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        let outcome = catching(work);
        if let Err(fault) = &outcome {
            log::error!("work on a worker thread stopped because of {fault}");
        }
        let _ = send.send(outcome);
        ctx.request_repaint();
    });
    Job { result }
}

impl<T> Job<T> {
    /// The outcome once the work has ended; `None` while it runs.
    pub fn poll(&self) -> Option<Result<T, Fault>> {
        match self.result.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            // The thread ended without sending: only a fault can do that.
            Err(TryRecvError::Disconnected) => Some(Err(Fault { location: None })),
        }
    }
}

/// How far the work has got, and whether the user has asked it to stop.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    done: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
}

impl Progress {
    /// The work reports how many of its items are done; false means stop.
    pub fn report(&self, done: usize, ctx: &egui::Context) -> bool {
        self.done.store(done, Ordering::Relaxed);
        ctx.request_repaint();
        !self.cancel.load(Ordering::Relaxed)
    }

    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// The user clicked Cancel.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}
