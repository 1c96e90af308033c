//! Hand-edit protection: every output ends with
//! `<!-- teikit-digest: HEX -->`, the FNV-1a 64 hash of the bytes before it.
//! A file whose digest still matches its content is as teikit wrote it and
//! may be replaced; any other existing file was edited (or is not teikit's).

const PREFIX: &str = "<!-- teikit-digest: ";
const SUFFIX: &str = " -->\n";

/// FNV-1a, 64 bits.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `xml` followed by its digest comment.
pub fn stamp(mut xml: String) -> String {
    let h = fnv1a64(xml.as_bytes());
    xml.push_str(&format!("{PREFIX}{h:016x}{SUFFIX}"));
    xml
}

/// Whether `existing` is a teikit output nobody edited since.
pub fn is_unedited(existing: &[u8]) -> bool {
    let Some(body) = existing.strip_suffix(SUFFIX.as_bytes()) else {
        return false;
    };
    if body.len() < 16 + PREFIX.len() {
        return false;
    }
    let (before, tail) = body.split_at(body.len() - 16 - PREFIX.len());
    let Some(hex) = tail.strip_prefix(PREFIX.as_bytes()) else {
        return false;
    };
    let Ok(hex) = std::str::from_utf8(hex) else {
        return false;
    };
    u64::from_str_radix(hex, 16).is_ok_and(|h| h == fnv1a64(before) && hex == format!("{h:016x}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_edits() {
        let out = stamp("<TEI/>\n".into());
        assert!(is_unedited(out.as_bytes()));
        let edited = out.replacen("TEI", "TEX", 1);
        assert!(!is_unedited(edited.as_bytes()));
        assert!(!is_unedited(b"<TEI/>\n"));
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
    }
}
