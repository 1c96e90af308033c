//! # teikit: a toolkit for TEI P5
//!
//! teikit does three jobs for editors of archival transcriptions:
//!
//! - [`convert`]: plain-text transcriptions (ciphered telegrams) into TEI P5,
//!   keeping the header metadata both as text and as `teiHeader` metadata,
//!   and the editorial brackets as TEI markup;
//! - [`relaxng`]: validating TEI against RELAX NG schemas (the shipped
//!   `tei_all.rng` by default), with datatypes from [`xsd`];
//! - [`text`] and [`diff`]: the text layer of a TEI document, compared word by
//!   word with the original transcription.
//!
//! Positions are byte [`span::Span`]s everywhere; a [`span::LineIndex`]
//! turns them into `line:col` when printing. Findings are
//! [`diagnostic::Diagnostic`]s; failures are each module's error type.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod convert;
pub mod diagnostic;
pub mod diff;
pub mod doctype;
pub mod encoding;
pub mod output;
pub mod relaxng;
pub mod schemas;
pub mod span;
pub mod text;
pub mod xsd;
