//! Facets given as `param`s: which apply to which type, parsing their
//! values, and checking a value against them.

use std::cmp::Ordering;
use std::sync::Arc;

use super::lexical::{self, parse_decimal};
use super::regex::{self, Pattern};
use super::types::{Builtin, Family};
use super::value::Value;
use super::{DatatypeError, NamespaceContext};

/// One facet with its parsed value.
#[derive(Clone, Debug)]
pub(crate) enum Facet {
    Pattern {
        source: String,
        regex: Arc<Pattern>,
    },
    Length(Bound),
    MinLength(Bound),
    MaxLength(Bound),
    Range {
        kind: RangeKind,
        limit: Value,
        source: String,
    },
    TotalDigits(Bound),
    FractionDigits(Bound),
}

/// A count from a facet value; saturates, since no value is that long.
pub(crate) type Bound = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RangeKind {
    MinInclusive,
    MaxInclusive,
    MinExclusive,
    MaxExclusive,
}

impl RangeKind {
    fn name(self) -> &'static str {
        match self {
            RangeKind::MinInclusive => "minInclusive",
            RangeKind::MaxInclusive => "maxInclusive",
            RangeKind::MinExclusive => "minExclusive",
            RangeKind::MaxExclusive => "maxExclusive",
        }
    }

    fn relation(self) -> &'static str {
        match self {
            RangeKind::MinInclusive => "greater than or equal to",
            RangeKind::MaxInclusive => "less than or equal to",
            RangeKind::MinExclusive => "greater than",
            RangeKind::MaxExclusive => "less than",
        }
    }

    fn holds(self, ord: Option<Ordering>) -> bool {
        match (self, ord) {
            (_, None) => false,
            (RangeKind::MinInclusive, Some(o)) => o != Ordering::Less,
            (RangeKind::MaxInclusive, Some(o)) => o != Ordering::Greater,
            (RangeKind::MinExclusive, Some(o)) => o == Ordering::Greater,
            (RangeKind::MaxExclusive, Some(o)) => o == Ordering::Less,
        }
    }
}

fn err(message: String) -> DatatypeError {
    DatatypeError { message }
}

/// A context with no bindings, for facet values (which have no context in
/// RELAX NG beyond the schema's, and no range facet applies to `QName`).
struct NoContext;

impl NamespaceContext for NoContext {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        (prefix == "xml").then_some("http://www.w3.org/XML/1998/namespace")
    }
}

fn count(
    type_name: &str,
    facet: &str,
    value: &str,
    positive: bool,
) -> Result<Bound, DatatypeError> {
    let bad = || {
        err(format!(
            "value \"{value}\" of facet \"{facet}\" of datatype \"{type_name}\" must be a {} integer",
            if positive { "positive" } else { "non-negative" }
        ))
    };
    let d = parse_decimal(lexical::collapse(value).as_ref(), true).ok_or_else(bad)?;
    if d.negative || (positive && d.is_zero()) {
        return Err(bad());
    }
    if d.int.is_empty() {
        return Ok(0);
    }
    Ok(d.int.parse::<Bound>().unwrap_or(Bound::MAX))
}

/// Parses the `param` `name` = `value` for the type `builtin`.
pub(crate) fn parse_facet(
    builtin: Builtin,
    type_name: &str,
    name: &str,
    value: &str,
) -> Result<Facet, DatatypeError> {
    let family = builtin.family();
    let applies = match name {
        "pattern" => true,
        // XSD 1.0 errata make length meaningless for QName and NOTATION;
        // jing rejects it there, and so do we.
        "length" | "minLength" | "maxLength" => {
            matches!(family, Family::Text | Family::List | Family::Binary)
        }
        "minInclusive" | "maxInclusive" | "minExclusive" | "maxExclusive" => matches!(
            family,
            Family::Decimal | Family::Float | Family::Duration | Family::DateTime
        ),
        "totalDigits" | "fractionDigits" => family == Family::Decimal,
        "enumeration" => {
            return Err(err(
                "\"enumeration\" facet is not allowed as a parameter: use a \"value\" element instead"
                    .to_owned(),
            ));
        }
        "whiteSpace" => {
            return Err(err(
                "\"whiteSpace\" facet is not allowed as a parameter".to_owned()
            ));
        }
        _ => {
            return Err(err(format!(
                "unrecognized parameter \"{name}\" for datatype \"{type_name}\""
            )));
        }
    };
    if !applies {
        return Err(err(format!(
            "facet \"{name}\" does not apply to datatype \"{type_name}\""
        )));
    }
    Ok(match name {
        "pattern" => {
            let regex = regex::compile(value).map_err(|e| {
                err(format!(
                    "invalid regular expression \"{value}\" in facet \"pattern\" of datatype \"{type_name}\": {e}"
                ))
            })?;
            Facet::Pattern {
                source: value.to_owned(),
                regex,
            }
        }
        "length" => Facet::Length(count(type_name, name, value, false)?),
        "minLength" => Facet::MinLength(count(type_name, name, value, false)?),
        "maxLength" => Facet::MaxLength(count(type_name, name, value, false)?),
        "totalDigits" => Facet::TotalDigits(count(type_name, name, value, true)?),
        "fractionDigits" => Facet::FractionDigits(count(type_name, name, value, false)?),
        _ => {
            let kind = match name {
                "minInclusive" => RangeKind::MinInclusive,
                "maxInclusive" => RangeKind::MaxInclusive,
                "minExclusive" => RangeKind::MinExclusive,
                _ => RangeKind::MaxExclusive,
            };
            let normalized = lexical::normalize(builtin.white_space(), value);
            let limit = lexical::parse(builtin, &normalized, &NoContext).map_err(|_| {
                err(format!(
                    "value \"{value}\" of facet \"{name}\" is not a valid value of datatype \"{type_name}\""
                ))
            })?;
            Facet::Range {
                kind,
                limit,
                source: normalized.into_owned(),
            }
        }
    })
}

/// The length of a value in the units of its type.
fn length(family: Family, normalized: &str, value: Option<&Value>) -> usize {
    match (family, value) {
        (Family::List, _) => {
            if normalized.is_empty() {
                0
            } else {
                normalized.split(' ').count()
            }
        }
        (Family::Binary, Some(Value::Binary(b))) => b.len(),
        _ => normalized.chars().count(),
    }
}

/// Checks one facet. `value` is the parsed value when the type's facets
/// need it (see [`needs_value`]).
pub(crate) fn check(
    facet: &Facet,
    type_name: &str,
    family: Family,
    normalized: &str,
    value: Option<&Value>,
) -> Result<(), DatatypeError> {
    let shown = lexical::Shown(normalized);
    // What the value must be, in jing's words, after the facet that failed.
    let desc = Builtin::from_name(type_name).map_or("a string", Builtin::description);
    let length_error = |facet: &str, actual: usize, limit: usize| {
        let bound = match facet {
            "length" => "equal to",
            "minLength" => "at least",
            _ => "at most",
        };
        Err(err(format!(
            "value \"{shown}\" has length {actual}, but facet \"{facet}\" of datatype \"{type_name}\" is {limit}; \
             must be {desc} with length {bound} {limit} (actual length was {actual})"
        )))
    };
    match facet {
        Facet::Pattern { source, regex } => {
            if regex.is_match(normalized) {
                Ok(())
            } else {
                Err(err(format!(
                    "\"{shown}\" does not match the pattern \"{source}\" of datatype \"{type_name}\"; \
                     must be {desc} matching the regular expression \"{source}\""
                )))
            }
        }
        Facet::Length(n) => {
            let actual = length(family, normalized, value);
            if actual == *n {
                Ok(())
            } else {
                length_error("length", actual, *n)
            }
        }
        Facet::MinLength(n) => {
            let actual = length(family, normalized, value);
            if actual >= *n {
                Ok(())
            } else {
                length_error("minLength", actual, *n)
            }
        }
        Facet::MaxLength(n) => {
            let actual = length(family, normalized, value);
            if actual <= *n {
                Ok(())
            } else {
                length_error("maxLength", actual, *n)
            }
        }
        Facet::Range {
            kind,
            limit,
            source,
        } => {
            let ord = value.and_then(|v| v.partial_cmp(limit));
            if kind.holds(ord) {
                Ok(())
            } else {
                Err(err(format!(
                    "value \"{shown}\" breaks facet \"{}\" of datatype \"{type_name}\"; must be {desc} {} {source}",
                    kind.name(),
                    kind.relation(),
                )))
            }
        }
        Facet::TotalDigits(n) => match value {
            Some(Value::Decimal(d)) if d.total_digits() > *n => Err(err(format!(
                "value \"{shown}\" has {found} digits, but facet \"totalDigits\" of datatype \"{type_name}\" is {n}; \
                 must be {desc} with at most {n} significant digits (found {found} digits)",
                found = d.total_digits()
            ))),
            _ => Ok(()),
        },
        Facet::FractionDigits(n) => match value {
            Some(Value::Decimal(d)) if d.fraction_digits() > *n => Err(err(format!(
                "value \"{shown}\" has {found} fraction digits, but facet \"fractionDigits\" of datatype \"{type_name}\" is {n}; \
                 must be {desc} with at most {n} significant digits after the decimal point (found {found} digits)",
                found = d.fraction_digits()
            ))),
            _ => Ok(()),
        },
    }
}

/// Whether checking `facets` needs the parsed value, not just the string.
pub(crate) fn needs_value(family: Family, facets: &[Facet]) -> bool {
    facets.iter().any(|f| match f {
        Facet::Pattern { .. } => false,
        Facet::Length(_) | Facet::MinLength(_) | Facet::MaxLength(_) => family == Family::Binary,
        _ => true,
    })
}
