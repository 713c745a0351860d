//! Community Placements: plan one-day leadership placements of NHS teams with local
//! community groups. The library holds everything; `main.rs` only parses the command line.
//!
//! Layers (see ARCHITECTURE.md): [`model`] (plain domain types and rules), [`store`] (the
//! SQLite document; all SQL lives there), [`exchange`] (file formats in and out), [`demo`]
//! (the demo programme), [`ui`] (egui panels and commands), [`cli`] (the command line).

pub mod cli;
pub mod commands;
pub mod demo;
pub mod edit;
pub mod exchange;
pub mod fault;
pub mod fonts;
pub mod model;
pub mod paths;
pub mod print;
pub mod store;
pub mod ui;
