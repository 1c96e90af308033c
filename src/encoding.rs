//! The character encodings TEI files come in, turned into UTF-8.
//!
//! teikit writes UTF-8, but other people's TEI arrives as UTF-16 (with a
//! byte-order mark, as Windows editors save it) or in an 8-bit encoding
//! named by the XML declaration (`encoding="ISO-8859-1"`,
//! `encoding="windows-1252"`). This module finds the encoding the way
//! XML 1.0 Appendix F describes (byte-order mark, then the first bytes, then
//! the declaration) and decodes to UTF-8, either a whole buffer at once
//! ([`decode`]) or as a stream ([`DecodingReader`]) for the validator,
//! whose memory must not grow with the document.
//!
//! Line and column numbers of errors count decoded characters, so they are
//! the ones an editor sees in the file.

use std::borrow::Cow;
use std::io::{self, Read};

/// An encoding teikit can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (also what US-ASCII is read as).
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// ISO-8859-1 (Latin-1): each byte is the code point of the same value.
    Latin1,
    /// windows-1252: Latin-1 with printable characters in 0x80–0x9F.
    Windows1252,
}

impl Encoding {
    /// The encoding's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Latin1 => "ISO-8859-1",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    /// The encoding an XML declaration's `encoding` label names (compared
    /// without regard to case), if teikit reads it. `UTF-16` gives
    /// [`Encoding::Utf16Le`]; which byte order a UTF-16 file really has is
    /// told by its byte-order mark, not by this label.
    pub fn from_label(label: &str) -> Option<Encoding> {
        let l = label.trim().to_ascii_lowercase();
        Some(match l.as_str() {
            "utf-8" | "utf8" | "us-ascii" | "ascii" | "iso646-us" => Encoding::Utf8,
            "utf-16" | "utf-16le" | "utf16" => Encoding::Utf16Le,
            "utf-16be" => Encoding::Utf16Be,
            "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "latin-1" | "l1" | "cp819"
            | "ibm819" | "iso-ir-100" | "csisolatin1" => Encoding::Latin1,
            "windows-1252" | "cp1252" | "x-cp1252" => Encoding::Windows1252,
            _ => return None,
        })
    }

    fn is_utf16(self) -> bool {
        matches!(self, Encoding::Utf16Le | Encoding::Utf16Be)
    }
}

/// Why a file could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EncodingError {
    /// 1-based line of the fault, counted in decoded text.
    pub line: usize,
    /// 1-based column of the fault, in characters.
    pub column: usize,
    /// What is wrong, e.g. `invalid UTF-8`.
    pub message: String,
}

/// What [`sniff`] found at the start of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sniffed {
    /// The encoding of the file.
    pub encoding: Encoding,
    /// Length in bytes of the byte-order mark (0 if there is none).
    pub bom_len: usize,
}

/// How many bytes [`sniff`] wants to see (an XML declaration is short).
pub const SNIFF_LEN: usize = 1024;

/// Finds the encoding of a file from its first bytes (give it at least
/// [`SNIFF_LEN`] bytes, or the whole file if shorter).
///
/// An encoding label that teikit cannot read is an error pointing at the
/// label.
pub fn sniff(prefix: &[u8]) -> Result<Sniffed, EncodingError> {
    let found = |encoding, bom_len| Ok(Sniffed { encoding, bom_len });
    if prefix.starts_with(b"\xEF\xBB\xBF") {
        return found(Encoding::Utf8, 3);
    }
    if prefix.starts_with(b"\xFF\xFE") {
        return found(Encoding::Utf16Le, 2);
    }
    if prefix.starts_with(b"\xFE\xFF") {
        return found(Encoding::Utf16Be, 2);
    }
    if prefix.starts_with(b"<\0?\0") {
        return found(Encoding::Utf16Le, 0);
    }
    if prefix.starts_with(b"\0<\0?") {
        return found(Encoding::Utf16Be, 0);
    }
    match declared_label(prefix) {
        None => found(Encoding::Utf8, 0),
        Some((start, label)) => match Encoding::from_label(label) {
            // A UTF-16 label on bytes that are plainly 8-bit (the
            // declaration itself was readable as ASCII) is taken as UTF-8.
            Some(e) if e.is_utf16() => found(Encoding::Utf8, 0),
            Some(e) => found(e, 0),
            None => Err(EncodingError {
                line: 1 + prefix[..start].iter().filter(|&&b| b == b'\n').count(),
                column: 1 + start
                    - prefix[..start]
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(0, |i| i + 1),
                message: format!(
                    "unsupported encoding \"{label}\" (teikit reads UTF-8, UTF-16, \
                     ISO-8859-1 and windows-1252)"
                ),
            }),
        },
    }
}

/// The `encoding` label of an XML declaration at the start of `prefix`,
/// with its byte offset.
fn declared_label(prefix: &[u8]) -> Option<(usize, &str)> {
    if !prefix.starts_with(b"<?xml") || !prefix.get(5).is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let end = prefix.windows(2).position(|w| w == b"?>")?;
    let decl = &prefix[..end];
    let key = decl.windows(8).position(|w| w == b"encoding")?;
    let mut i = key + 8;
    while decl.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if decl.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while decl.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    let quote = *decl.get(i).filter(|&&q| q == b'"' || q == b'\'')?;
    let start = i + 1;
    let len = decl[start..].iter().position(|&b| b == quote)?;
    let label = std::str::from_utf8(&decl[start..start + len]).ok()?;
    Some((start, label))
}

/// Decodes a whole file to UTF-8.
///
/// UTF-8 input is borrowed as it is, byte-order mark included (callers that
/// map positions back to the file's bytes rely on that); other encodings
/// are decoded without their byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, EncodingError> {
    let sniffed = sniff(&bytes[..bytes.len().min(SNIFF_LEN)])?;
    match sniffed.encoding {
        Encoding::Utf8 => std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
            let at = e.valid_up_to();
            let place = crate::span::LineIndex::new(bytes).line_col(at);
            EncodingError {
                line: place.line,
                column: place.column,
                message: "invalid UTF-8".to_string(),
            }
        }),
        encoding => {
            let mut decoder = Decoder::new(encoding);
            let mut out = String::with_capacity(bytes.len());
            decoder.push(&bytes[sniffed.bom_len..], &mut out)?;
            decoder.finish(&mut out)?;
            Ok(Cow::Owned(out))
        }
    }
}

/// Decodes a non-UTF-8 encoding chunk by chunk, keeping count of lines and
/// columns for its errors.
struct Decoder {
    encoding: Encoding,
    /// A UTF-16 code unit byte, or a high surrogate, carried over from the
    /// previous chunk.
    carry_byte: Option<u8>,
    high_surrogate: Option<u16>,
    line: usize,
    column: usize,
}

impl Decoder {
    fn new(encoding: Encoding) -> Self {
        Decoder {
            encoding,
            carry_byte: None,
            high_surrogate: None,
            line: 1,
            column: 1,
        }
    }

    fn emit(&mut self, c: char, out: &mut String) {
        out.push(c);
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
    }

    fn error(&self, message: &str) -> EncodingError {
        EncodingError {
            line: self.line,
            column: self.column,
            message: message.to_string(),
        }
    }

    fn push(&mut self, bytes: &[u8], out: &mut String) -> Result<(), EncodingError> {
        match self.encoding {
            Encoding::Utf8 => unreachable!("UTF-8 is not decoded"),
            Encoding::Latin1 => {
                for &b in bytes {
                    self.emit(char::from(b), out);
                }
            }
            Encoding::Windows1252 => {
                for &b in bytes {
                    let c = if (0x80..0xA0).contains(&b) {
                        WINDOWS_1252_HIGH[usize::from(b - 0x80)]
                    } else {
                        char::from(b)
                    };
                    self.emit(c, out);
                }
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let mut rest = bytes;
                if let Some(first) = self.carry_byte.take() {
                    match rest.split_first() {
                        Some((&second, tail)) => {
                            self.unit([first, second], out)?;
                            rest = tail;
                        }
                        None => {
                            self.carry_byte = Some(first);
                            return Ok(());
                        }
                    }
                }
                let mut pairs = rest.chunks_exact(2);
                for pair in &mut pairs {
                    self.unit([pair[0], pair[1]], out)?;
                }
                self.carry_byte = pairs.remainder().first().copied();
            }
        }
        Ok(())
    }

    fn unit(&mut self, pair: [u8; 2], out: &mut String) -> Result<(), EncodingError> {
        let u = if self.encoding == Encoding::Utf16Le {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        };
        match self.high_surrogate.take() {
            Some(high) if (0xDC00..=0xDFFF).contains(&u) => {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                // Always a scalar value: 0x10000..=0x10FFFF.
                self.emit(
                    char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER),
                    out,
                );
            }
            Some(_) => return Err(self.error("invalid UTF-16: an unpaired surrogate")),
            None => match u {
                0xD800..=0xDBFF => self.high_surrogate = Some(u),
                0xDC00..=0xDFFF => {
                    return Err(self.error("invalid UTF-16: an unpaired surrogate"));
                }
                _ => {
                    // Not a surrogate, so a scalar value.
                    let c = char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER);
                    self.emit(c, out);
                }
            },
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut String) -> Result<(), EncodingError> {
        if self.carry_byte.is_some() {
            return Err(self.error("invalid UTF-16: the file ends in the middle of a character"));
        }
        if self.high_surrogate.is_some() {
            return Err(self.error("invalid UTF-16: an unpaired surrogate at the end"));
        }
        Ok(())
    }
}

/// windows-1252's characters for the bytes 0x80–0x9F (the five bytes it
/// leaves undefined map to the C1 control of the same value, as browsers do).
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

/// A reader that yields UTF-8 from a file in any [`Encoding`], a chunk at a
/// time (its memory does not grow with the file).
///
/// UTF-8 passes through untouched, byte-order mark included, and is not
/// checked here. A decoding error is an [`io::Error`] of kind
/// [`io::ErrorKind::InvalidData`] whose inner error is an
/// [`EncodingError`] (see [`DecodingReader::encoding_error`]).
pub struct DecodingReader<R> {
    inner: R,
    encoding: Encoding,
    decoder: Option<Decoder>,
    /// Bytes read while sniffing, not yet handed on (UTF-8) or decoded.
    head: Vec<u8>,
    head_pos: usize,
    /// Decoded UTF-8 not yet handed on.
    out: String,
    out_pos: usize,
    done: bool,
}

impl<R: Read> DecodingReader<R> {
    /// Reads the start of `inner` to find its encoding.
    pub fn new(mut inner: R) -> io::Result<Self> {
        let mut head = Vec::with_capacity(SNIFF_LEN);
        (&mut inner).take(SNIFF_LEN as u64).read_to_end(&mut head)?;
        let sniffed = sniff(&head).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let (decoder, head_pos) = match sniffed.encoding {
            Encoding::Utf8 => (None, 0),
            e => (Some(Decoder::new(e)), sniffed.bom_len),
        };
        Ok(DecodingReader {
            inner,
            encoding: sniffed.encoding,
            decoder,
            head,
            head_pos,
            out: String::new(),
            out_pos: 0,
            done: false,
        })
    }

    /// The encoding found.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The [`EncodingError`] inside an error this reader returned, if it is one.
    pub fn encoding_error(error: &io::Error) -> Option<&EncodingError> {
        error.get_ref()?.downcast_ref::<EncodingError>()
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let Some(decoder) = self.decoder.as_mut() else {
            if self.head_pos < self.head.len() {
                let n = (self.head.len() - self.head_pos).min(buf.len());
                buf[..n].copy_from_slice(&self.head[self.head_pos..self.head_pos + n]);
                self.head_pos += n;
                return Ok(n);
            }
            return self.inner.read(buf);
        };
        while self.out_pos == self.out.len() && !self.done {
            self.out.clear();
            self.out_pos = 0;
            let invalid = |e| io::Error::new(io::ErrorKind::InvalidData, e);
            if self.head_pos < self.head.len() {
                decoder
                    .push(&self.head[self.head_pos..], &mut self.out)
                    .map_err(invalid)?;
                self.head_pos = self.head.len();
                continue;
            }
            let mut chunk = [0u8; 8192];
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                self.done = true;
                decoder.finish(&mut self.out).map_err(invalid)?;
            } else {
                decoder.push(&chunk[..n], &mut self.out).map_err(invalid)?;
            }
        }
        let n = (self.out.len() - self.out_pos).min(buf.len());
        buf[..n].copy_from_slice(&self.out.as_bytes()[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut v = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(s.encode_utf16());
        for u in units {
            v.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        v
    }

    fn stream(bytes: &[u8]) -> io::Result<String> {
        // A reader that hands out one byte at a time, to cross every
        // chunk boundary.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut s = String::new();
        DecodingReader::new(Trickle(bytes))?.read_to_string(&mut s)?;
        Ok(s)
    }

    const DOC: &str = "<?xml version=\"1.0\"?>\n<TEI>Mao Zedong — Ж café 𝄞</TEI>\n";

    #[test]
    fn utf16_with_and_without_bom() {
        for le in [true, false] {
            for bom in [true, false] {
                let bytes = utf16(DOC, le, bom);
                assert_eq!(decode(&bytes).unwrap(), DOC, "le={le} bom={bom}");
                assert_eq!(stream(&bytes).unwrap(), DOC, "le={le} bom={bom}");
            }
        }
    }

    #[test]
    fn eight_bit_encodings_follow_the_declaration() {
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><p>caf\xE9 \x80</p>";
        assert_eq!(
            decode(latin1).unwrap(),
            "<?xml version='1.0' encoding='ISO-8859-1'?><p>caf\u{e9} \u{80}</p>"
        );
        let cp = b"<?xml version=\"1.0\" encoding=\"Windows-1252\"?><p>\x93caf\xE9\x94 \x80</p>";
        let want = "<?xml version=\"1.0\" encoding=\"Windows-1252\"?><p>\u{201C}caf\u{e9}\u{201D} \u{20AC}</p>";
        assert_eq!(decode(cp).unwrap(), want);
        assert_eq!(stream(cp).unwrap(), want);
    }

    #[test]
    fn utf8_is_borrowed_with_its_bom() {
        let bytes = "\u{FEFF}<a>é</a>".as_bytes();
        assert!(matches!(decode(bytes).unwrap(), Cow::Borrowed(s) if s.starts_with('\u{FEFF}')));
        assert_eq!(stream(bytes).unwrap().as_bytes(), bytes);
    }

    #[test]
    fn errors_have_places() {
        let e = decode(b"<a>\n  \xFF</a>").unwrap_err();
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (2, 3, "invalid UTF-8")
        );

        let mut bytes = utf16("<a>\nxy", true, true);
        bytes.extend(0xDC00u16.to_le_bytes());
        let e = decode(&bytes).unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert!(e.message.contains("surrogate"), "{e}");
        let io = stream(&bytes).unwrap_err();
        assert_eq!(DecodingReader::<&[u8]>::encoding_error(&io), Some(&e));

        let e = decode(b"<?xml version=\"1.0\" encoding=\"EBCDIC-X\"?><a/>").unwrap_err();
        assert_eq!((e.line, e.column), (1, 31));
        assert!(e.message.contains("EBCDIC-X"), "{e}");

        let mut odd = utf16("<a/>", false, true);
        odd.push(0);
        assert!(
            decode(&odd)
                .unwrap_err()
                .message
                .contains("ends in the middle")
        );
    }
}
