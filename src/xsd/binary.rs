//! Lexical forms of `hexBinary` and `base64Binary`.

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

pub(crate) fn parse_hex(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks(2)
        .map(|p| Some(hex_value(p[0])? << 4 | hex_value(p[1])?))
        .collect()
}

fn base64_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// XSD 1.0 `base64Binary`: groups of four, single spaces allowed between
/// characters (the value is already collapsed), padding only at the end
/// and only where the unused bits are zero.
pub(crate) fn parse_base64(s: &str) -> Option<Vec<u8>> {
    let chars: Vec<u8> = s.bytes().filter(|&b| b != b' ').collect();
    if !chars.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(chars.len() / 4 * 3);
    let groups = chars.len() / 4;
    for (g, quad) in chars.chunks(4).enumerate() {
        let last = g + 1 == groups;
        let pad = quad.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut v = [0u8; 4];
        for (i, &b) in quad[..4 - pad].iter().enumerate() {
            v[i] = base64_value(b)?;
        }
        out.push(v[0] << 2 | v[1] >> 4);
        match pad {
            0 => {
                out.push(v[1] << 4 | v[2] >> 2);
                out.push(v[2] << 6 | v[3]);
            }
            1 => {
                if v[2] & 0b11 != 0 {
                    return None;
                }
                out.push(v[1] << 4 | v[2] >> 2);
            }
            _ => {
                if v[1] & 0b1111 != 0 {
                    return None;
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_padding_rules() {
        assert_eq!(parse_base64("BA=="), Some(vec![4]));
        assert!(parse_base64("BB==").is_none());
        assert!(parse_base64("BBB=").is_none());
        assert!(parse_base64("B===").is_none());
    }
}
