//! Findings reported to the user: invalid documents, text differences,
//! conversion warnings.
//!
//! Errors stop work and are `Err` values of each module's error type;
//! diagnostics report findings and never stop work. They print as
//! `file:line:col: error: message` (the shape jing and compilers use), or as
//! JSON.

use crate::span::{LineIndex, Span};
use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; does not change the verdict.
    Warning,
    /// Makes the document invalid (or the texts different).
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding at a place in one source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable, machine-readable code such as `unclosed-bracket`.
    pub code: &'static str,
    /// The human-readable message, without position or severity.
    pub message: String,
    /// Where it is, in bytes of the source text.
    pub span: Span,
}

impl Diagnostic {
    /// An error diagnostic.
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
        }
    }

    /// A warning diagnostic.
    pub fn warning(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            span,
        }
    }

    /// Resolves the span against `index` for printing, naming the file `file`.
    pub fn locate(&self, file: &str, index: &LineIndex<'_>) -> LocatedDiagnostic {
        let at = index.line_col(self.span.start);
        LocatedDiagnostic {
            file: file.to_owned(),
            line: at.line,
            column: at.column,
            severity: self.severity,
            code: self.code,
            message: self.message.clone(),
        }
    }
}

/// A diagnostic with its file and `line:col`, ready to print or serialise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LocatedDiagnostic {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// How serious it is.
    pub severity: Severity,
    /// Stable code.
    pub code: &'static str,
    /// Message text.
    pub message: String,
}

impl std::fmt::Display for LocatedDiagnostic {
    /// `file:line:col: severity: message`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.column, self.severity, self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_a_compiler() {
        let text = "<a>\n  <b/>\n</a>";
        let index = LineIndex::new(text.as_bytes());
        let d = Diagnostic::error(
            "not-allowed",
            "element \"b\" not allowed here",
            Span::new(6, 10),
        );
        assert_eq!(
            d.locate("x.xml", &index).to_string(),
            "x.xml:2:3: error: element \"b\" not allowed here"
        );
    }
}
