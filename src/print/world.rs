//! The world a document is typeset in: Typst's standard library, the fonts the program ships,
//! the one template (`assets/print/sheets.typ`) and the document's data as `/data.json`.
//! Nothing is read from disk or the network: every file the template may ask for is here.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt as _, World};

/// The layout of every printed document, in one file.
pub const TEMPLATE: &str = include_str!("../../assets/print/sheets.typ");

/// The library and fonts, made once: the fonts are parsed and the library built only the first
/// time a document is printed.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = [crate::fonts::NOTO_SANS, crate::fonts::NOTO_SANS_BOLD]
        .into_iter()
        .flat_map(|bytes| Font::iter(Bytes::new(bytes)))
        .collect();
    Shared {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(fonts.iter())),
        fonts,
    }
});

fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path).ok().map(|vpath| RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// One document's world: the main file calls the template's function for its kind with its data.
pub struct PrintWorld {
    main: Source,
    template: Source,
    data: Bytes,
    today: Option<Datetime>,
}

impl PrintWorld {
    /// A world whose main file is `main` (Typst markup that imports the template) and whose
    /// `/data.json` is `data`.
    pub fn new(main: &str, data: Vec<u8>, today: chrono::NaiveDate) -> Option<Self> {
        use chrono::Datelike as _;
        let main = Source::new(file_id("/main.typ")?, main.to_owned());
        let template = Source::new(file_id("/sheets.typ")?, TEMPLATE.to_owned());
        let today = Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8);
        Some(Self { main, template, data: Bytes::new(data), today })
    }
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.template.id() {
            Ok(self.template.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if Some(id) == file_id("/data.json") { Ok(self.data.clone()) } else { self.source(id).map(Bytes::from_string) }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
