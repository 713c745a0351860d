//! Writing iCalendar files (RFC 5545) that calendar programs accept: CRLF line ends, lines
//! folded at 75 octets without splitting a character, text escaped, times in UTC, an all-day
//! event ending on the next day (DTEND is exclusive).

use chrono::{NaiveDate, NaiveDateTime};

/// When an event starts or ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// A whole day.
    Day(NaiveDate),
    /// A moment, in UTC.
    Utc(NaiveDateTime),
}

/// Whether the event is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventStatus {
    Tentative,
    Confirmed,
}

/// One event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The same for the same placement in every export, so that importing again updates it.
    pub uid: String,
    /// When its placement last changed, in UTC.
    pub stamp: NaiveDateTime,
    pub start: When,
    pub end: When,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub status: EventStatus,
}

/// Text as a property value: backslash, semicolon, comma and new lines escaped; a carriage
/// return dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line, folded so that no line is longer than 75 octets: the rest goes on lines that
/// start with a space, never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        // The first line holds 75 octets; each further line 74 after its leading space.
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
}

fn when(name: &str, value: When) -> String {
    match value {
        When::Day(day) => format!("{name};VALUE=DATE:{}", day.format("%Y%m%d")),
        When::Utc(at) => format!("{name}:{}", at.format("%Y%m%dT%H%M%SZ")),
    }
}

/// A calendar named `name` holding `events`.
pub fn calendar(name: &str, events: &[Event]) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Community Placements//Placements//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(line, &mut out);
    }
    fold(&format!("X-WR-CALNAME:{}", escape(name)), &mut out);
    for event in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", event.uid), &mut out);
        fold(&format!("DTSTAMP:{}", event.stamp.format("%Y%m%dT%H%M%SZ")), &mut out);
        fold(&when("DTSTART", event.start), &mut out);
        fold(&when("DTEND", event.end), &mut out);
        fold(&format!("SUMMARY:{}", escape(&event.summary)), &mut out);
        if !event.location.trim().is_empty() {
            fold(&format!("LOCATION:{}", escape(&event.location)), &mut out);
        }
        if !event.description.trim().is_empty() {
            fold(&format!("DESCRIPTION:{}", escape(&event.description)), &mut out);
        }
        let status = match event.status {
            EventStatus::Tentative => "TENTATIVE",
            EventStatus::Confirmed => "CONFIRMED",
        };
        fold(&format!("STATUS:{status}"), &mut out);
        fold("TRANSP:OPAQUE", &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_between_characters_and_text_is_escaped() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "Nguyễn Thị Hà; ".repeat(12));
        fold(&line, &mut out);
        for piece in out.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(piece.len() <= 75, "{} octets: {piece}", piece.len());
        }
        // Unfolded, it is the line again.
        assert_eq!(out.replace("\r\n ", "").strip_suffix("\r\n"), Some(line.as_str()));
        assert_eq!(escape("a, b; c\\d\r\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
