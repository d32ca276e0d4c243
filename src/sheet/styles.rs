//! Which cells of an xlsx workbook are shown as percentages.
//!
//! Excel, WPS and LibreOffice store a typed `70.5%` as the number 0.705 with a percent number
//! format; calamine gives the number only. This reads the styles (`xl/styles.xml`), the sheets'
//! names and files (`xl/workbook.xml` and its relationships) and each sheet's cell styles, so
//! that such a cell is read as 70.5 percent, as the person typed it.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// Cells `(row, col)` (0-based) with a percent number format, by sheet name. Empty when the
/// file is not an xlsx or has no percent format.
pub fn percent_cells(bytes: &[u8]) -> HashMap<String, HashSet<(usize, usize)>> {
    percent_cells_of(bytes).unwrap_or_default()
}

fn percent_cells_of(bytes: &[u8]) -> Option<HashMap<String, HashSet<(usize, usize)>>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut entry = |name: &str| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        zip.by_name(name).ok()?.read_to_end(&mut out).ok()?;
        Some(out)
    };
    let styles = percent_styles(&entry("xl/styles.xml")?);
    if styles.is_empty() {
        return Some(HashMap::new());
    }
    let rels = relationships(&entry("xl/_rels/workbook.xml.rels")?);
    let mut out = HashMap::new();
    for (name, rid) in sheets(&entry("xl/workbook.xml")?) {
        let Some(target) = rels.get(&rid) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        if let Some(xml) = entry(&path) {
            out.insert(name, styled_cells(&xml, &styles));
        }
    }
    Some(out)
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| {
            let q: &str = a.key.as_ref();
            let local = a.key.local_name();
            let l: &str = local.as_ref();
            q == key || l == key
        })
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// True for a number format that shows a percentage: a `%` outside quotes and escapes.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => {
                chars.next();
            }
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// Indices of the cell formats (`cellXfs`) that show percentages.
fn percent_styles(xml: &[u8]) -> HashSet<usize> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut custom: HashMap<String, bool> = HashMap::new();
    let mut in_xfs = false;
    let mut index = 0;
    let mut out = HashSet::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                match AsRef::<str>::as_ref(&e.local_name()) {
                    "numFmt" => {
                        if let (Some(id), Some(code)) =
                            (attr(&e, "numFmtId"), attr(&e, "formatCode"))
                        {
                            custom.insert(id, is_percent_format(&code));
                        }
                    }
                    "cellXfs" => in_xfs = true,
                    "xf" if in_xfs => {
                        let id = attr(&e, "numFmtId").unwrap_or_default();
                        // Built-in 9 is `0%`, 10 is `0.00%`.
                        if id == "9" || id == "10" || custom.get(&id) == Some(&true) {
                            out.insert(index);
                        }
                        index += 1;
                    }
                    _ => {}
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Relationship id → target, from `xl/_rels/workbook.xml.rels`.
fn relationships(xml: &[u8]) -> HashMap<String, String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = HashMap::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, target);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// `(name, relationship id)` of each sheet, from `xl/workbook.xml`.
fn sheets(xml: &[u8]) -> Vec<(String, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                if let (Some(name), Some(id)) = (attr(&e, "name"), attr(&e, "id")) {
                    out.push((name, id));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// `H7` → `(6, 7)`.
fn parse_ref(r: &str) -> Option<(usize, usize)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let mut col = 0usize;
    for b in letters.bytes() {
        if !b.is_ascii_uppercase() {
            return None;
        }
        col = col
            .checked_mul(26)?
            .checked_add(usize::from(b - b'A') + 1)?;
    }
    let row: usize = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// The cells of a sheet whose style is one of `styles`.
fn styled_cells(xml: &[u8], styles: &HashSet<usize>) -> HashSet<(usize, usize)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = HashSet::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "c" => {
                let style = attr(&e, "s").and_then(|s| s.parse::<usize>().ok());
                if style.is_some_and(|s| styles.contains(&s)) {
                    if let Some(at) = attr(&e, "r").as_deref().and_then(parse_ref) {
                        out.insert(at);
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_and_cell_references() {
        assert!(is_percent_format("0.0%"));
        assert!(is_percent_format("0%;[Red]-0%"));
        assert!(!is_percent_format("0.0\"%\""));
        assert!(!is_percent_format("0.0\\%"));
        assert!(!is_percent_format("General"));
        assert_eq!(parse_ref("H7"), Some((6, 7)));
        assert_eq!(parse_ref("AA10"), Some((9, 26)));
        assert_eq!(parse_ref("h7"), None);
        assert_eq!(parse_ref("H0"), None);
        assert!(percent_cells(b"not a zip").is_empty());
    }
}
