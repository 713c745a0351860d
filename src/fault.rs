//! Faults in the program itself (a panic): never a hung progress bar, never a backtrace in the
//! user's face.
//!
//! Theory of operation: [`install_panic_hook`] replaces Rust's default report with one that
//! remembers where the fault happened (the source file and line, never the panic's message, which
//! can quote a user's data) and prints nothing, unless `RUST_BACKTRACE` asks for the full report.
//! Work that could meet a fault runs through [`catching`], which turns the panic into a
//! [`Fault`] that the caller reports in words: the command line prints one line and exits 1; the
//! window shows a message. Every write is one transaction, so a fault part-way through a write
//! leaves the file as it was.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

/// Where the last fault happened, as `src/store/lists.rs:21`.
static LAST_FAULT: Mutex<Option<String>> = Mutex::new(None);

/// A panic caught at the edge of a piece of work.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a fault in the program{}", location_text(.location))]
pub struct Fault {
    /// The source file and line, when the hook saw it.
    pub location: Option<String>,
}

fn location_text(location: &Option<String>) -> String {
    location.as_ref().map(|l| format!(" (at {l})")).unwrap_or_default()
}

/// Whether the user asked for Rust's full report (`RUST_BACKTRACE=1` or `full`).
fn backtrace_wanted() -> bool {
    std::env::var_os("RUST_BACKTRACE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Replaces the default panic report: the location is kept for [`Fault`], and the full report
/// is printed only when `RUST_BACKTRACE` asks for it.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
        if let Ok(mut last) = LAST_FAULT.lock() {
            *last = location.clone();
        }
        if backtrace_wanted() {
            default(info);
        }
    }));
}

/// Runs `work`, turning a panic into a [`Fault`].
pub fn catching<T>(work: impl FnOnce() -> T) -> Result<T, Fault> {
    catch_unwind(AssertUnwindSafe(work))
        .map_err(|_| Fault { location: LAST_FAULT.lock().ok().and_then(|mut l| l.take()) })
}

/// For tests of the fault path only: panics at `point` when `PLACEMENTS_INJECT_FAULT` names it.
/// Compiled into debug builds (which the tests run) and never into a release.
pub fn inject(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("PLACEMENTS_INJECT_FAULT").is_ok_and(|v| v == point) {
        panic!("a fault injected at {point} for a test");
    }
    #[cfg(not(debug_assertions))]
    let _ = point;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_fault_and_other_work_its_value() {
        assert_eq!(catching(|| 41 + 1), Ok(42));
        let caught = catching(|| -> u32 { panic!("boom") });
        assert!(caught.is_err());
    }
}
