//! A spreadsheet's bytes into text: UTF-8 (with or without its mark), UTF-16 with or without its
//! mark, Windows-1252, or UTF-8 with some lines in Windows-1252, read line by line and listed.

use super::*;

/// A spreadsheet's bytes as text (borrowed when they are UTF-8 already): which encoding it was,
/// and the lines read as Windows-1252 in a file that is otherwise UTF-8.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    pub lines_in_1252: Vec<u64>,
}

/// Decodes a spreadsheet's bytes to text, and says which encoding it was.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, TableError> {
    let whole = |text, encoding| Ok(Decoded { text, encoding, lines_in_1252: Vec::new() });
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // Checking that it is all UTF-8 first is several times quicker than the lossy reading
        // of a large file, which is needed only when it is not.
        return match std::str::from_utf8(rest) {
            Ok(text) => whole(Cow::Borrowed(text), "UTF-8"),
            Err(_) => Ok(line_by_line(rest)),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, encoding, _) = encoding_rs::UTF_16LE.decode(bytes);
        return whole(text, if encoding == encoding_rs::UTF_16LE { "UTF-16" } else { "UTF-16 (big-endian)" });
    }
    // UTF-16 that lost its byte order mark: every other byte of plain text is nothing.
    let start = &bytes[..bytes.len().min(256) & !1];
    if start.len() >= 8 {
        let (odd, even): (Vec<u8>, Vec<u8>) = start.chunks(2).map(|p| (p[1], p[0])).unzip();
        if odd.iter().all(|b| *b == 0) && even.iter().all(|b| *b != 0) {
            return whole(encoding_rs::UTF_16LE.decode_without_bom_handling(bytes).0, "UTF-16");
        }
        if even.iter().all(|b| *b == 0) && odd.iter().all(|b| *b != 0) {
            return whole(encoding_rs::UTF_16BE.decode_without_bom_handling(bytes).0, "UTF-16 (big-endian)");
        }
    }
    // Text files have no NUL bytes; spreadsheets saved as something else (XLSX, PDF) do.
    if bytes.iter().take(64 * 1024).any(|b| *b == 0) {
        return Err(TableError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => whole(Cow::Borrowed(text), "UTF-8"),
        Err(_) => Ok(line_by_line(bytes)),
    }
}

/// Text that is not all UTF-8, read a line at a time: a line that is UTF-8 as it is, any other
/// as Windows-1252 (Excel's). When no line needs UTF-8 for its accents, it is a Windows-1252
/// file; otherwise a UTF-8 file with some lines pasted in from one, which are listed.
pub(super) fn line_by_line(bytes: &[u8]) -> Decoded<'static> {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 16);
    let (mut lines_in_1252, mut utf8_accented) = (Vec::new(), false);
    for (i, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(utf8) => {
                utf8_accented |= !utf8.is_ascii();
                text.push_str(utf8);
            }
            Err(_) => {
                text.push_str(&encoding_rs::WINDOWS_1252.decode_without_bom_handling(line).0);
                lines_in_1252.push(i as u64 + 1);
            }
        }
    }
    if utf8_accented {
        Decoded { text: Cow::Owned(text), encoding: "UTF-8, some lines Windows-1252", lines_in_1252 }
    } else {
        Decoded { text: Cow::Owned(text), encoding: "Windows-1252 (Excel)", lines_in_1252: Vec::new() }
    }
}
