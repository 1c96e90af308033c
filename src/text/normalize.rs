//! The normalisation under which a transcription and the text layer of its
//! TEI are compared.

/// Normalises a plain-text transcription for comparison with a text layer:
///
/// - a leading byte-order mark is dropped;
/// - CRLF (and a lone CR) becomes LF;
/// - runs of spaces and tabs become one space;
/// - lines are trimmed;
/// - runs of blank lines become one, and blank lines at the start and end go;
/// - the result ends with one newline unless it is empty.
///
/// ```
/// use teikit::text::normalize_transcription;
/// assert_eq!(normalize_transcription("\u{feff}a  b \r\n\r\n\r\n\tc\r\n"), "a b\n\nc\n");
/// ```
pub fn normalize_transcription(input: &str) -> String {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let input = input.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(input.len());
    let mut pending_blank = false;
    for line in input.split('\n') {
        let mut squeezed = String::with_capacity(line.len());
        let mut in_space = false;
        for c in line.chars() {
            if c == ' ' || c == '\t' {
                in_space = true;
            } else {
                if in_space && !squeezed.is_empty() {
                    squeezed.push(' ');
                }
                in_space = false;
                squeezed.push(c);
            }
        }
        if squeezed.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if pending_blank {
            out.push('\n');
            pending_blank = false;
        }
        out.push_str(&squeezed);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_and_trims() {
        assert_eq!(normalize_transcription(""), "");
        assert_eq!(normalize_transcription("\n\n  \n"), "");
        assert_eq!(
            normalize_transcription("\n\na\t \tb  \n \n\nc"),
            "a b\n\nc\n"
        );
        assert_eq!(normalize_transcription("x\ry"), "x\ny\n");
    }
}
