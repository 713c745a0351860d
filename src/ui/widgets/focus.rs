//! Keyboard focus that stays in sight. egui moves the focus on Tab, Shift+Tab and the arrows
//! but does not scroll to it: a control below a scroll area's edge took the focus out of
//! sight, and the next keys went to something nobody could see.

use egui::accesskit::{Action, ActionRequest, TreeId};

use crate::ui::theme;

/// Call once a frame, before the panels draw: when the keyboard has just moved the focus onto
/// a control drawn cut off or outside the window, its scroll areas bring it into view (as a
/// screen reader's "scroll into view" does). A control clicked with the mouse never moves.
pub fn follow_keyboard_focus(ctx: &egui::Context) {
    let memory_id = egui::Id::unique("follow_keyboard_focus");
    let (last, keyed_before): (Option<egui::Id>, bool) = ctx.data(|d| d.get_temp(memory_id)).unwrap_or_default();
    let keyed_now = ctx.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Key { pressed: true, .. })));
    let pointed = pointer_pressed_or_released(ctx);
    let focused = ctx.memory(|m| m.focused());
    ctx.data_mut(|d| d.insert_temp(memory_id, (focused, keyed_now)));
    if focused == last || pointed || !(keyed_before || keyed_now) {
        return;
    }
    let Some(response) = focused.and_then(|id| ctx.read_response(id)) else { return };
    let (drawn, shown) = (response.rect, response.interact_rect);
    // Scrolled by the part cut off (`shown` is the part inside its scroll areas: wholly out of
    // sight, its edge on that side is theirs), in steps of AccessKit's 100 points. Not "scroll
    // into view": the innermost scroll area takes that for both directions, and the rating boxes
    // of a grid scrolling sideways inside a form scrolling up and down never came up into sight.
    let steps = |cut: f32| if cut > 0.5 { ((cut + 8.0) / 100.0).ceil() as usize } else { 0 };
    let mut actions = Vec::new();
    for (cut, action) in [
        (drawn.bottom() - shown.bottom(), Action::ScrollDown),
        (shown.top() - drawn.top(), Action::ScrollUp),
        // egui 0.37 reads AccessKit's sideways scrolls the other way round from its up and down
        // ones (ScrollLeft moves the view right): asked for as it reads them.
        (drawn.right() - shown.right(), Action::ScrollLeft),
        (shown.left() - drawn.left(), Action::ScrollRight),
    ] {
        actions.extend(std::iter::repeat_n(action, steps(cut)));
    }
    if actions.is_empty() {
        return;
    }
    ctx.input_mut(|i| {
        for action in actions {
            let request = ActionRequest {
                action,
                target_tree: TreeId::ROOT,
                target_node: response.id.accesskit_id(),
                data: None,
            };
            i.events.push(egui::Event::AccessKitActionRequest(request));
        }
    });
    ctx.request_repaint();
}

/// Call once a frame, after everything is drawn: the focus ring around the control with the
/// keyboard's focus, unless it drew its own. egui marks a focused button only by a darker edge,
/// and a focused tick box by next to nothing; this one ring is the same everywhere.
pub fn paint_focus_ring(ctx: &egui::Context) {
    let Some(focused) = ctx.memory(|m| m.focused()) else { return };
    // `read_response` gives up the focus of a control not under a click made this frame, as a
    // control does when clicked elsewhere; a row clicked in a table keeps the table's focus, so
    // on a click's frame the ring waits a frame.
    if pointer_pressed_or_released(ctx) {
        return;
    }
    let pass = ctx.cumulative_pass_nr();
    if ctx.data(|d| d.get_temp::<u64>(theme::focus_ring_drawn_id())) == Some(pass) {
        return;
    }
    let Some(response) = ctx.read_response(focused) else { return };
    // Behind an open dialog the focus is not where the keys go: no ring there.
    if !ctx.memory(|m| m.allows_interaction(response.layer_id)) || !response.interact_rect.is_positive() {
        return;
    }
    let shown = response.interact_rect;
    let layer = egui::LayerId::new(egui::Order::Tooltip, egui::Id::unique("focus_ring_layer"));
    let painter = ctx.layer_painter(layer).with_clip_rect(shown.expand(8.0));
    theme::focus_ring(&painter, shown);
}

/// A pointer button went down or up this frame (a click's frames).
fn pointer_pressed_or_released(ctx: &egui::Context) -> bool {
    ctx.input(|i| i.pointer.any_pressed() || i.pointer.any_down() || i.pointer.any_released())
}
