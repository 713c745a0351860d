//! Keyboard focus that stays in sight. egui moves the focus on Tab, Shift+Tab and the arrows
//! but does not scroll to it: a control below a scroll area's edge took the focus out of
//! sight, and the next keys went to something nobody could see.

use egui::accesskit::{Action, ActionRequest, TreeId};

/// Call once a frame, before the panels draw: when the keyboard has just moved the focus onto
/// a control drawn cut off or outside the window, its scroll areas bring it into view (as a
/// screen reader's "scroll into view" does). A control clicked with the mouse never moves.
pub fn follow_keyboard_focus(ctx: &egui::Context) {
    let memory_id = egui::Id::unique("follow_keyboard_focus");
    let (last, keyed_before): (Option<egui::Id>, bool) = ctx.data(|d| d.get_temp(memory_id)).unwrap_or_default();
    let keyed_now = ctx.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Key { pressed: true, .. })));
    let pointed = ctx.input(|i| i.pointer.any_down() || i.pointer.any_released());
    let focused = ctx.memory(|m| m.focused());
    ctx.data_mut(|d| d.insert_temp(memory_id, (focused, keyed_now)));
    if focused == last || pointed || !(keyed_before || keyed_now) {
        return;
    }
    let Some(response) = focused.and_then(|id| ctx.read_response(id)) else { return };
    let cut_off = response.interact_rect != response.rect || !ctx.content_rect().contains_rect(response.rect);
    if cut_off {
        let request = ActionRequest {
            action: Action::ScrollIntoView,
            target_tree: TreeId::ROOT,
            target_node: response.id.accesskit_id(),
            data: None,
        };
        ctx.input_mut(|i| i.events.push(egui::Event::AccessKitActionRequest(request)));
        ctx.request_repaint();
    }
}
