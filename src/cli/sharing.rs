//! `copy`, `changes` and `take`: two coordinators working on copies of one programme.

use std::collections::HashMap;
use std::path::Path;

use super::{Output, open_to_change, printable};
use crate::exchange::changes_file;
use crate::model::sharing::{Choice, Conflict};

/// `placements copy FILE OUT --for NAME [--me NAME]`.
pub(super) fn copy(file: &Path, out: &Path, colleague: &str, me: Option<&str>) -> Result<Output, String> {
    let mut store = open_to_change(file, "make a copy for a colleague")?;
    let me = match (me, store.sharing().map_err(|e| e.to_string())?) {
        (Some(me), _) => me.to_owned(),
        (None, Some(sharing)) => sharing.name,
        (None, None) => crate::store::display_name(file).trim_end_matches(".placements").to_owned(),
    };
    store
        .copy_for_colleague(out, colleague, &me)
        .map_err(|e| format!("could not make a copy of {} for {colleague}: {e}", file.display()))?;
    Ok(format!(
        "wrote {} for {colleague}: it shares its starting point with {} (called “{me}” there)\n\
         it holds the programme's personal data: send it as you would the file itself",
        out.display(),
        file.display()
    )
    .into())
}

/// `placements changes FILE -o OUT [--for NAME]`.
pub(super) fn changes(file: &Path, out: &Path, colleague: Option<&str>) -> Result<Output, String> {
    let mut store = open_to_change(file, "make a changes file")?;
    let changes =
        store.changes_for(colleague).map_err(|e| format!("could not make changes from {}: {e}", file.display()))?;
    changes_file::write(out, &changes).map_err(|e| format!("could not write {}: {e}", out.display()))?;
    let to = store
        .sharing()
        .ok()
        .flatten()
        .and_then(|s| s.partners.into_iter().find(|p| p.copy == changes.to_copy))
        .map_or_else(String::new, |p| p.name);
    Ok(format!(
        "wrote {} (changes number {} for {to}, {} bytes)\n\
         it holds the programme's personal data: send it as you would the file itself",
        out.display(),
        changes.number,
        changes.patch.len()
    )
    .into())
}

/// `placements take FILE IN [--prefer mine|theirs]`: lists what the changes do and each
/// conflict; writes nothing while a conflict is undecided (exit 1).
pub(super) fn take(file: &Path, input: &Path, prefer: Option<Choice>) -> Result<Output, String> {
    let changes = changes_file::read(input).map_err(|e| format!("could not take in {}: {e}", input.display()))?;
    let mut store = open_to_change(file, "take in changes")?;
    let plan = store.plan_take(&changes).map_err(|e| format!("could not take in {}: {e}", input.display()))?;
    let mut lines = vec![
        printable(&format!("changes number {} from {}, made {}", plan.number, plan.from_name, plan.made_words()))
            .into_owned(),
    ];
    lines.push(printable(&plan.summary()).into_owned());
    lines.extend(plan.effects.iter().map(|e| format!("  {}", printable(e))));
    lines.extend(plan.kept.iter().map(|k| format!("kept: {}", printable(k))));
    lines.extend(plan.conflicts.iter().map(|c| format!("conflict: {}", printable(&conflict_line(c)))));
    if plan.is_empty() {
        return Ok(lines.join("\n").into());
    }
    let Some(prefer) = prefer.or(plan.conflicts.is_empty().then_some(Choice::Mine)) else {
        lines.push("nothing was taken in: give --prefer mine or --prefer theirs to decide the conflicts".into());
        return Ok(Output { text: lines.join("\n"), success: false });
    };
    let choices: HashMap<_, _> = plan.conflicts.iter().map(|c| (c.key.clone(), prefer)).collect();
    let clashes_before = crate::model::clash::check_all(&store.programme().map_err(|e| e.to_string())?, None);
    store.take(&changes, &choices).map_err(|e| format!("could not take in {}: {e}", input.display()))?;
    // The merged programme is checked like any other: what the merge made is said as `check` says it.
    let programme = store.programme().map_err(|e| e.to_string())?;
    let found = crate::model::clash::check_all(&programme, None);
    for f in crate::model::clash::found_since(&clashes_before, &found) {
        let what = if f.problem.is_hard() { "clash" } else { "warning" };
        lines.push(
            printable(&format!("{} · {what}: {}", super::board::placement_line(&programme, f), f.problem.message))
                .into_owned(),
        );
    }
    if !plan.conflicts.is_empty() {
        let side = match prefer {
            Choice::Mine => "this copy's",
            Choice::Theirs => "theirs",
        };
        lines.push(format!("each conflict kept {side}"));
    }
    lines.push(format!("took in the changes from {}", printable(&plan.from_name)));
    Ok(lines.join("\n").into())
}

/// "Team 1's placement: here on Tue 27 Apr 2027, in Bolton CVS's copy on Wed 28 Apr 2027".
pub fn conflict_line(conflict: &Conflict) -> String {
    format!("{}: {}, {}", conflict.what, conflict.mine, conflict.theirs)
}
