//! URI references: resolving `href` and `xml:base` against a base URI
//! (RFC 3986 §5.2), and the checks of §4.3 and §4.5 of the specification.
//!
//! Base URIs may be plain file paths (`schemas/tei_all.rng`, `/x/y.rng`),
//! which resolve like URI paths without a scheme.

/// The scheme of `uri`, if it has one (`http`, `file`, `teikit`...).
pub fn scheme(uri: &str) -> Option<&str> {
    let (s, _) = uri.split_once(':')?;
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(s)
}

/// Whether `s` may be a URI reference: no characters that are never allowed
/// in one even after escaping (§4.5 lets the others be escaped).
pub fn is_uri_reference(s: &str) -> bool {
    if s.matches('#').count() > 1 {
        return false;
    }
    // A '%' must start an escape.
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'%'
            && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return false;
        }
    }
    true
}

/// Resolves `reference` against `base`.
pub fn resolve(base: &str, reference: &str) -> String {
    if scheme(reference).is_some() {
        return remove_dot_segments_uri(reference);
    }
    let reference = reference.split('#').next().unwrap_or("");
    let (base_scheme, base_rest) = match scheme(base) {
        Some(s) => (Some(s), &base[s.len() + 1..]),
        None => (None, base),
    };
    let base_rest = base_rest.split(['#', '?']).next().unwrap_or("");
    // Authority.
    let (authority, base_path) = match base_rest.strip_prefix("//") {
        Some(r) => {
            let end = r.find('/').unwrap_or(r.len());
            (Some(&r[..end]), &r[end..])
        }
        None => (None, base_rest),
    };
    let prefix = |path: String| {
        let mut out = String::new();
        if let Some(s) = base_scheme {
            out.push_str(s);
            out.push(':');
        }
        if let Some(a) = authority {
            out.push_str("//");
            out.push_str(a);
        }
        out.push_str(&path);
        out
    };
    if reference.is_empty() {
        return prefix(base_path.to_owned());
    }
    if let Some(r) = reference.strip_prefix("//") {
        let mut out = String::new();
        if let Some(s) = base_scheme {
            out.push_str(s);
            out.push(':');
        }
        out.push_str("//");
        out.push_str(r);
        return out;
    }
    if reference.starts_with('/') {
        return prefix(remove_dot_segments(reference));
    }
    let dir = match base_path.rfind('/') {
        Some(i) => &base_path[..=i],
        None => {
            if authority.is_some() {
                "/"
            } else {
                ""
            }
        }
    };
    prefix(remove_dot_segments(&format!("{dir}{reference}")))
}

fn remove_dot_segments_uri(uri: &str) -> String {
    match scheme(uri) {
        Some(s) => {
            let rest = &uri[s.len() + 1..];
            if let Some(r) = rest.strip_prefix("//") {
                let end = r.find('/').unwrap_or(r.len());
                format!("{s}://{}{}", &r[..end], remove_dot_segments(&r[end..]))
            } else {
                format!("{s}:{}", remove_dot_segments(rest))
            }
        }
        None => remove_dot_segments(uri),
    }
}

/// RFC 3986 §5.2.4, keeping leading `..` of relative paths (file paths).
fn remove_dot_segments(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    let n = segs.len();
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == n;
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if matches!(out.last(), Some(s) if *s != ".." && !(s.is_empty() && out.len() == 1 && absolute))
                {
                    out.pop();
                } else if !absolute {
                    out.push("..");
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if absolute && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_references() {
        assert_eq!(resolve("a/b/c.rng", "d.rng"), "a/b/d.rng");
        assert_eq!(resolve("a/b/c.rng", "../d.rng"), "a/d.rng");
        assert_eq!(resolve("/a/b/c.rng", "/d.rng"), "/d.rng");
        assert_eq!(resolve("c.rng", "sub/d.rng"), "sub/d.rng");
        assert_eq!(resolve("http://x.org/a/b", "c"), "http://x.org/a/c");
        assert_eq!(resolve("http://x.org/a/b", "../c"), "http://x.org/c");
        assert_eq!(
            resolve("teikit:schemas/tei_all.rng", "x.rng"),
            "teikit:schemas/x.rng"
        );
        assert_eq!(resolve("a/b", "http://y/z"), "http://y/z");
        assert_eq!(resolve("../a/b", "../c"), "../c");
    }
}
