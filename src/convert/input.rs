//! Input checks and the line normalisation shared with the text layer:
//! UTF-8 only, no binary data, not empty; BOM dropped, CRLF and CR as LF,
//! runs of spaces and tabs as one space, lines trimmed.

use super::ConvertError;

/// One non-blank source line after normalisation.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// The normalised text (no leading/trailing space, single spaces).
    pub text: String,
    /// Byte offset in the raw input of the line's first byte (before trimming).
    pub raw_start: usize,
    /// Byte offset in the raw input just past the line's last byte.
    pub raw_end: usize,
}

/// A checked input: its non-blank lines, with `None` for blank lines.
#[derive(Clone, Debug)]
pub(crate) struct Source<'a> {
    /// The raw input, BOM included (offsets count from here).
    pub raw: &'a str,
    /// Lines in order; `None` marks a blank line.
    pub lines: Vec<Option<Line>>,
}

/// Checks `input` and splits it into normalised lines.
pub(crate) fn decode(input: &[u8]) -> Result<Source<'_>, ConvertError> {
    let raw = std::str::from_utf8(input).map_err(|e| {
        let at = e.valid_up_to();
        ConvertError {
            message: format!("invalid UTF-8 (byte 0x{:02X})", input[at]),
            offset: Some(at),
        }
    })?;
    let bom = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    // Every character refused is a C0 control or U+FFFE/U+FFFF (bytes EF BF
    // BE/BF): look at the bytes, and at the characters only from the first
    // suspect byte on.
    let suspect = raw
        .bytes()
        .position(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF)
        .unwrap_or(raw.len());
    for (i, c) in raw[suspect..].char_indices().map(|(i, c)| (suspect + i, c)) {
        let bad = match c {
            '\t' | '\n' | '\r' => None,
            '\u{c}' => {
                Some("form feed (U+000C): XML 1.0 cannot carry it; remove page-feed characters")
            }
            c if (c as u32) < 0x20 => Some("binary data"),
            '\u{fffe}' | '\u{ffff}' => Some("a noncharacter XML 1.0 cannot carry"),
            _ => None,
        };
        if let Some(what) = bad {
            return Err(ConvertError {
                message: format!(
                    "{what} (U+{:04X}): not a plain-text transcription",
                    c as u32
                ),
                offset: Some(i),
            });
        }
    }
    let mut lines = Vec::new();
    let bytes = raw.as_bytes();
    let mut start = bom;
    while start <= bytes.len() {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let text = squeeze(&raw[start..end]);
        lines.push(if text.is_empty() {
            None
        } else {
            Some(Line {
                text,
                raw_start: start,
                raw_end: end,
            })
        });
        if end >= bytes.len() {
            break;
        }
        start = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
    }
    if lines.iter().all(Option::is_none) {
        return Err(ConvertError {
            message: if raw.len() == bom {
                "empty file: nothing to convert".into()
            } else {
                "only whitespace: nothing to convert".into()
            },
            offset: None,
        });
    }
    Ok(Source { raw, lines })
}

/// Runs of spaces and tabs become one space; the ends are trimmed.
fn squeeze(line: &str) -> String {
    // Most lines have single spaces and no tab: nothing to squeeze.
    let trimmed = line.trim_matches([' ', '\t']);
    if !trimmed.contains("  ") && !trimmed.contains('\t') {
        return trimmed.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut in_space = false;
    for c in line.chars() {
        if c == ' ' || c == '\t' {
            in_space = true;
        } else {
            if in_space && !out.is_empty() {
                out.push(' ');
            }
            in_space = false;
            out.push(c);
        }
    }
    out
}

/// The raw byte offset of byte `k` of `line.text` (for warnings).
pub(crate) fn raw_offset(raw: &str, line: &Line, k: usize) -> usize {
    let mut n = 0;
    let mut in_space = false;
    let mut started = false;
    for (i, c) in raw[line.raw_start..line.raw_end].char_indices() {
        if c == ' ' || c == '\t' {
            in_space = started;
            continue;
        }
        if in_space {
            n += 1;
            in_space = false;
        }
        started = true;
        if n >= k {
            return line.raw_start + i;
        }
        n += c.len_utf8();
    }
    line.raw_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_back() {
        let src = decode(b"\xef\xbb\xbf  a  \t[b\r\nc").unwrap();
        let line = src.lines[0].as_ref().unwrap();
        assert_eq!(line.text, "a [b");
        assert_eq!(raw_offset(src.raw, line, 2), 9);
        assert_eq!(src.lines[1].as_ref().unwrap().text, "c");
    }

    #[test]
    fn rejects_bad_input() {
        assert_eq!(decode(b"ab\xffc").unwrap_err().offset, Some(2));
        assert!(decode(b"a\0b").is_err());
        assert!(decode(b" \n\t\r\n").is_err());
        assert!(decode(b"").is_err());
        assert!(decode(b"a\x0cb").is_err());
    }
}
