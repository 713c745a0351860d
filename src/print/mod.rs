//! Printed documents: a day's sheets, a team's sheets, a host group's letter and the programme
//! as a wall chart, as A4 PDFs with the fonts embedded.
//!
//! Theory of operation: [`prepare`] chooses the placements (`model::sheets::SheetChoice`) and
//! turns them into the document's data ([`data`]), every word already in UK form; [`typeset`]
//! lays the data out with Typst and the one template, `assets/print/sheets.typ` (the page, the
//! header and footer, every table: the place to change for a trust's own letterhead), in a world
//! with nothing on disk and no network ([`world`]). The result gives the PDF and, for the preview
//! in the window, each page as pixels.

pub mod data;
pub mod report;
mod world;

use std::collections::HashSet;

use chrono::NaiveDate;
use serde_json::Value;
use typst::foundations::Smart;
use typst_layout::PagedDocument;

use crate::model::clash::check_all;
use crate::model::dates::uk_date_long;
use crate::model::sheets::SheetChoice;
use crate::store::{Store, StoreError};

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The choice holds no placement: "No team is out on Tuesday 16 April 2019."
    #[error("{0}: there is nothing to print.")]
    NothingToPrint(String),
    #[error("{0}")]
    Read(#[from] StoreError),
    /// The template could not lay the document out: a fault in the program.
    #[error("The document could not be laid out ({0}). This is a fault in the program.")]
    Layout(String),
}

/// A document ready to typeset: its title and data.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub title: String,
    pub data: Value,
    /// How many placements it is about.
    pub placements: usize,
}

/// What a choice is called, in a title and in "nothing to print".
fn describe(store: &Store, choice: SheetChoice) -> Result<(String, String), StoreError> {
    Ok(match choice {
        SheetChoice::Day(day) => {
            let day = uk_date_long(day);
            (format!("Day sheets for {day}"), format!("No team is out on {day}"))
        }
        SheetChoice::Team(team) => {
            let label = store.programme()?.team_label(team);
            (format!("Day sheets for {label}"), format!("{label} has no day placed"))
        }
        SheetChoice::Group(group) => {
            let name = store.group(group)?.name;
            (format!("Letter to {name}"), format!("{name} is hosting no team"))
        }
        SheetChoice::Programme(cohort) => {
            let name = store.cohorts()?.into_iter().find(|c| c.id == cohort).map(|c| c.name).unwrap_or_default();
            (format!("{name}: the programme"), format!("{name} has no team placed yet"))
        }
        SheetChoice::EveryDay(cohort) => {
            let name = store.cohorts()?.into_iter().find(|c| c.id == cohort).map(|c| c.name).unwrap_or_default();
            (format!("{name}: every day's sheets"), format!("{name} has no team placed yet"))
        }
    })
}

/// Reads what `choice` holds and makes its data; `today` dates a letter.
pub fn prepare(store: &Store, choice: SheetChoice, today: NaiveDate) -> Result<Prepared, PrintError> {
    let all = store.sheet_placements()?;
    let chosen = choice.select(&all);
    let (title, nothing) = describe(store, choice)?;
    if chosen.is_empty() {
        return Err(PrintError::NothingToPrint(nothing));
    }
    let clashes: HashSet<_> = match choice {
        SheetChoice::Programme(cohort) => check_all(&store.programme()?, Some(cohort))
            .into_iter()
            .filter(|f| f.problem.is_hard() && !f.overridden)
            .map(|f| f.placement)
            .collect(),
        _ => HashSet::new(),
    };
    let data = data::document(choice, &title, &chosen, &clashes, today);
    Ok(Prepared { title, data, placements: chosen.len() })
}

/// A typeset document.
pub struct Printed {
    title: String,
    document: PagedDocument,
}

/// One page as pixels, for the preview.
pub struct PageImage {
    pub width: usize,
    pub height: usize,
    /// Premultiplied RGBA, a row after another.
    pub rgba: Vec<u8>,
}

/// Lays out a prepared document.
pub fn typeset(prepared: &Prepared, today: NaiveDate) -> Result<Printed, PrintError> {
    let main = "#import \"/sheets.typ\": print-document\n#print-document(json(\"/data.json\"))\n";
    let bytes = serde_json::to_vec(&prepared.data).map_err(|e| PrintError::Layout(e.to_string()))?;
    let world = world::PrintWorld::new(main, bytes, today)
        .ok_or_else(|| PrintError::Layout("the template's files could not be named".to_owned()))?;
    let compiled = typst::compile::<PagedDocument>(&world).output;
    // Typst remembers what it laid out to go faster next time; keep that from growing.
    typst::comemo::evict(10);
    match compiled {
        Ok(document) => Ok(Printed { title: prepared.title.clone(), document }),
        Err(errors) => {
            Err(PrintError::Layout(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ")))
        }
    }
}

impl Printed {
    pub fn page_count(&self) -> usize {
        self.document.pages().len()
    }

    /// The PDF: A4, fonts subset and embedded, tagged; the same document gives the same bytes.
    pub fn pdf(&self) -> Result<Vec<u8>, PrintError> {
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(self.title.clone()),
            creator: Smart::Custom(Some("Community Placements".to_owned())),
            ..Default::default()
        };
        typst_pdf::pdf(&self.document, &options).map_err(|errors| {
            PrintError::Layout(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
        })
    }

    /// Page `index`'s width and height in typographic points.
    pub fn page_size(&self, index: usize) -> Option<(f32, f32)> {
        let size = self.document.pages().get(index)?.frame.size();
        Some((size.x.to_pt() as f32, size.y.to_pt() as f32))
    }

    /// Page `index` as pixels, `pixels_per_pt` to a typographic point.
    pub fn page_image(&self, index: usize, pixels_per_pt: f32) -> Option<PageImage> {
        let page = self.document.pages().get(index)?;
        let options =
            typst_render::RenderOptions { pixel_per_pt: f64::from(pixels_per_pt).into(), ..Default::default() };
        let pixmap = typst_render::render(page, &options);
        Some(PageImage {
            width: pixmap.width() as usize,
            height: pixmap.height() as usize,
            rgba: pixmap.data().to_vec(),
        })
    }
}

/// The programme's report (of one cohort, or all) ready to typeset.
pub fn prepare_report(
    store: &Store,
    cohort: Option<crate::model::CohortId>,
    today: NaiveDate,
) -> Result<Prepared, PrintError> {
    let facts = store.report_facts(cohort)?;
    let figures = crate::model::report::report(&facts);
    let mut data = report::report_data(&figures);
    if let Some(map) = data.as_object_mut() {
        map.insert("printed".to_owned(), Value::String(crate::model::dates::uk_date(today)));
    }
    let title = format!("{}: outcomes", figures.scope);
    Ok(Prepared { title, data, placements: facts.placements.len() })
}

/// Letters asking `groups` for offers, ready to typeset (`exchange::offer_request`).
pub fn prepare_requests(
    groups: &[crate::model::GroupRecord],
    programme: &crate::exchange::offer_request::RequestProgramme,
    today: NaiveDate,
) -> Result<Prepared, PrintError> {
    if groups.is_empty() {
        return Err(PrintError::NothingToPrint("No group is chosen to write to".to_owned()));
    }
    let data = data::requests(groups, programme, today);
    Ok(Prepared { title: "Could your group host a team for a day?".to_owned(), data, placements: 0 })
}

/// Prepares, typesets and writes the PDF of `choice` in one go (the command line).
pub fn pdf_of(store: &Store, choice: SheetChoice, today: NaiveDate) -> Result<(Vec<u8>, usize), PrintError> {
    let prepared = prepare(store, choice, today)?;
    let printed = typeset(&prepared, today)?;
    Ok((printed.pdf()?, printed.page_count()))
}
