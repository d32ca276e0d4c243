//! CSV fill-in sheets: decoding (UTF-8 with or without a BOM, UTF-16 with a BOM, else GBK /
//! GB18030, detected automatically), reading into a [`Table`] and writing.
//!
//! Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK (code page 936) without a BOM, and
//! "CSV UTF-8" with one; WPS does the same. GB18030 is a superset of GBK, so both decode with
//! it. Text that is valid UTF-8 is taken as UTF-8: GBK text of Chinese characters is almost never
//! valid UTF-8.

use encoding_rs::{Encoding, GB18030, UTF_8};

use super::{Cell, Table};

/// How the bytes of a CSV file were decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-8 without one.
    Utf8,
    /// UTF-16 (little or big endian) with a byte-order mark (Excel's "Unicode text").
    Utf16,
    /// GBK or GB18030 (Excel's "CSV" on Chinese Windows).
    Gb18030,
}

impl TextEncoding {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16 => "UTF-16",
            TextEncoding::Gb18030 => "GBK/GB18030",
        }
    }
}

/// Decodes CSV bytes; `None` when they are in none of the encodings (malformed GB18030 too).
pub fn decode(bytes: &[u8]) -> Option<(String, TextEncoding)> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let kind = if encoding == UTF_8 {
            TextEncoding::Utf8Bom
        } else {
            TextEncoding::Utf16
        };
        return (!had_errors).then(|| (text.into_owned(), kind));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), TextEncoding::Utf8));
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    (!had_errors).then(|| (text.into_owned(), TextEncoding::Gb18030))
}

/// The field delimiter: a tab when the first line has tabs and no commas, a semicolon when it
/// has semicolons and no commas (European Excel), else a comma.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.contains(',') {
        b','
    } else if first.contains('\t') {
        b'\t'
    } else if first.contains(';') {
        b';'
    } else {
        b','
    }
}

/// Reads decoded CSV text into one table named `sheet`; every cell is text (or empty). `None`
/// when the quoting is broken.
pub fn read(text: &str, sheet: &str) -> Option<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.ok()?;
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_string())
                    }
                })
                .collect(),
        );
    }
    Some(Table {
        name: sheet.to_string(),
        rows,
    })
}

/// Writes rows as CSV in UTF-8 with a byte-order mark (so that Excel and WPS open it with the
/// right characters) and CRLF line ends.
pub fn write(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(&mut out);
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(row);
    }
    let _ = writer.flush();
    drop(writer);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_encodings_excel_saves() {
        let text = "编号 id,期间 period\r\nk1,2024\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(
            decode(&gbk),
            Some((text.to_string(), TextEncoding::Gb18030))
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(
            decode(&bom),
            Some((text.to_string(), TextEncoding::Utf8Bom))
        );
        assert_eq!(
            decode(text.as_bytes()),
            Some((text.to_string(), TextEncoding::Utf8))
        );
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&utf16),
            Some((text.to_string(), TextEncoding::Utf16))
        );
        // A lone lead byte at the end is malformed in GB18030 too.
        assert_eq!(decode(b"id,\x81"), None);
    }

    #[test]
    fn reads_quoted_fields_and_other_delimiters() {
        let t = read("id,note\r\nk1,\"a, \"\"b\"\"\"\r\n", "s").expect("csv");
        assert_eq!(t.rows[1][1], Cell::Text("a, \"b\"".into()));
        let t = read("id\tperiod\nk1\t2024\n", "s").expect("tsv");
        assert_eq!(t.rows[1][1], Cell::Text("2024".into()));
        let t = read("id;period\nk1;2024\n", "s").expect("semicolons");
        assert_eq!(t.rows[1][0], Cell::Text("k1".into()));
    }

    #[test]
    fn writes_utf8_with_bom_that_reads_back() {
        let rows = vec![
            vec!["编号 id".to_string(), "备注 note".to_string()],
            vec!["k1".to_string(), "含,逗号\"引号\"".to_string()],
        ];
        let bytes = write(&rows);
        let (text, enc) = decode(&bytes).expect("decodes");
        assert_eq!(enc, TextEncoding::Utf8Bom);
        let t = read(&text, "s").expect("reads");
        assert_eq!(t.rows[1][1], Cell::Text("含,逗号\"引号\"".into()));
    }
}
