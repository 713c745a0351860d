//! How the window is drawn. wgpu draws it with the graphics card's first choice; where that
//! fails (a driver that offers DirectX 12 and cannot keep it up, as under Wine, or an old
//! laptop's), each of wgpu's backends is tried alone, then egui's own OpenGL renderer (glow).
//! The first that opens the window is kept, and the program says which, and why the ones
//! before it could not be used; when none can, it says why for each.

use eframe::wgpu::Backends;

/// One way to draw the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drawing {
    /// In words: "Vulkan", "OpenGL (glow)".
    pub name: &'static str,
    /// The word that picks it in `PLACEMENTS_RENDERERS`.
    pub key: &'static str,
    pub(crate) renderer: eframe::Renderer,
    /// wgpu's backends to choose among; `None` for wgpu's own choice (and `WGPU_BACKEND`).
    backends: Option<Backends>,
}

const EVERY_WAY: [Drawing; 5] = [
    Drawing {
        name: "the graphics card's first choice",
        key: "default",
        renderer: eframe::Renderer::Wgpu,
        backends: None,
    },
    Drawing { name: "Vulkan", key: "vulkan", renderer: eframe::Renderer::Wgpu, backends: Some(Backends::VULKAN) },
    Drawing { name: "DirectX 12", key: "dx12", renderer: eframe::Renderer::Wgpu, backends: Some(Backends::DX12) },
    Drawing { name: "OpenGL", key: "gl", renderer: eframe::Renderer::Wgpu, backends: Some(Backends::GL) },
    Drawing { name: "OpenGL (glow)", key: "glow", renderer: eframe::Renderer::Glow, backends: None },
];

/// The ways to try, in order: every way, or those `PLACEMENTS_RENDERERS` names ("dx12,glow"),
/// in its order (for a machine where one is known to misbehave, and for tests). Words it does
/// not know are left out; if it names none, every way is tried.
pub fn ways_to_draw(chosen: Option<&str>) -> Vec<Drawing> {
    let named: Vec<Drawing> = chosen
        .unwrap_or_default()
        .split([',', ' '])
        .filter_map(|word| EVERY_WAY.iter().find(|way| way.key.eq_ignore_ascii_case(word.trim())).copied())
        .collect();
    if named.is_empty() { EVERY_WAY.to_vec() } else { named }
}

impl Drawing {
    /// The window's options for drawing this way.
    pub(crate) fn apply(self, options: &mut eframe::NativeOptions) {
        options.renderer = self.renderer;
        if let Some(backends) = self.backends
            && let eframe::egui_wgpu::WgpuSetup::CreateNew(setup) = &mut options.wgpu_options.wgpu_setup
        {
            setup.instance_descriptor.backends = backends;
        }
    }

    /// Whether `error` is this way of drawing failing (so another may work), rather than the
    /// window itself (no display to open it on) or the program.
    pub(crate) fn failed(error: &eframe::Error) -> bool {
        matches!(
            error,
            eframe::Error::Wgpu(_)
                | eframe::Error::Glutin(_)
                | eframe::Error::NoGlutinConfigs(..)
                | eframe::Error::OpenGL(_)
        )
    }
}

/// Why the window could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum WindowError {
    /// Every way of drawing it failed: each, and why.
    #[error(
        "the window could not be drawn in any of the ways this computer was tried with: {}. Updating the graphics driver may help.",
        .0.iter().map(|(way, why)| format!("{way} ({why})")).collect::<Vec<_>>().join("; ")
    )]
    NoWayToDraw(Vec<(&'static str, String)>),
    #[error("{0}")]
    Window(eframe::Error),
}

/// What to say when the window is drawn in a way that was not the first tried.
pub fn fallback_words(used: Drawing, failed: &[(&'static str, String)]) -> Option<String> {
    if failed.is_empty() {
        return None;
    }
    let why: Vec<String> = failed.iter().map(|(way, why)| format!("{way}: {why}")).collect();
    Some(format!("The window is drawn with {}, since these could not be used: {}.", used.name, why.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_is_tried_unless_some_are_named() {
        let keys = |ways: Vec<Drawing>| ways.into_iter().map(|w| w.key).collect::<Vec<_>>();
        assert_eq!(keys(ways_to_draw(None)), ["default", "vulkan", "dx12", "gl", "glow"]);
        assert_eq!(keys(ways_to_draw(Some("DX12, glow"))), ["dx12", "glow"]);
        assert_eq!(keys(ways_to_draw(Some("metal"))), ["default", "vulkan", "dx12", "gl", "glow"]);
    }

    #[test]
    fn a_way_sets_the_renderer_and_its_backends() {
        let mut options = eframe::NativeOptions::default();
        ways_to_draw(Some("gl"))[0].apply(&mut options);
        assert_eq!(options.renderer, eframe::Renderer::Wgpu);
        let eframe::egui_wgpu::WgpuSetup::CreateNew(setup) = &options.wgpu_options.wgpu_setup else {
            panic!("a new wgpu setup")
        };
        assert_eq!(setup.instance_descriptor.backends, Backends::GL);
        ways_to_draw(Some("glow"))[0].apply(&mut options);
        assert_eq!(options.renderer, eframe::Renderer::Glow);
    }

    #[test]
    fn the_words_name_the_way_used_and_why_the_others_were_not() {
        let used = ways_to_draw(Some("vulkan"))[0];
        assert_eq!(fallback_words(used, &[]), None);
        let words = fallback_words(used, &[("DirectX 12", "Parent device is lost".to_owned())]).unwrap();
        assert_eq!(
            words,
            "The window is drawn with Vulkan, since these could not be used: DirectX 12: Parent device is lost."
        );
    }
}
