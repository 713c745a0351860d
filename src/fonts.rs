//! The fonts the program ships (`assets/fonts/`, SIL Open Font License): Noto Sans, which has
//! every letter a UK roster holds (Siobhán Ó Dálaigh, Łukasz Wróbel, Nguyễn Thị Hà, Oluwaseun
//! Adébáyọ̀), for the window and for printed documents alike.

/// Noto Sans Regular 2.004.
pub const NOTO_SANS: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold 2.004.
pub const NOTO_SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");
