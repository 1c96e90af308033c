//! The table of XSD built-in datatypes: names, whitespace handling, which
//! facets apply, and the derivation facts the checks need.

use super::IdType;

/// An XSD 1.0 built-in datatype (plus `anyAtomicType` and `untypedAtomic`,
/// which jing also accepts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Builtin {
    String,
    NormalizedString,
    Token,
    Language,
    Name,
    NCName,
    NmToken,
    NmTokens,
    Id,
    IdRef,
    IdRefs,
    Entity,
    Entities,
    QName,
    Notation,
    AnyUri,
    Boolean,
    Decimal,
    Integer,
    NonPositiveInteger,
    NegativeInteger,
    Long,
    Int,
    Short,
    Byte,
    NonNegativeInteger,
    UnsignedLong,
    UnsignedInt,
    UnsignedShort,
    UnsignedByte,
    PositiveInteger,
    Float,
    Double,
    Duration,
    DateTime,
    Date,
    Time,
    GYear,
    GYearMonth,
    GMonth,
    GMonthDay,
    GDay,
    HexBinary,
    Base64Binary,
    AnyAtomicType,
    UntypedAtomic,
}

/// The `whiteSpace` facet value of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WhiteSpace {
    Preserve,
    Replace,
    Collapse,
}

/// Groups of types that share facets and value space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// Strings, names, URIs: length in characters.
    Text,
    /// `QName` and `NOTATION`.
    QName,
    /// Whitespace-separated lists: length in items.
    List,
    Boolean,
    /// `decimal` and the integer types.
    Decimal,
    Float,
    Duration,
    DateTime,
    /// `hexBinary`, `base64Binary`: length in octets.
    Binary,
}

const TABLE: &[(&str, Builtin)] = &[
    ("ENTITIES", Builtin::Entities),
    ("ENTITY", Builtin::Entity),
    ("ID", Builtin::Id),
    ("IDREF", Builtin::IdRef),
    ("IDREFS", Builtin::IdRefs),
    ("NCName", Builtin::NCName),
    ("NMTOKEN", Builtin::NmToken),
    ("NMTOKENS", Builtin::NmTokens),
    ("NOTATION", Builtin::Notation),
    ("Name", Builtin::Name),
    ("QName", Builtin::QName),
    ("anyAtomicType", Builtin::AnyAtomicType),
    ("anyURI", Builtin::AnyUri),
    ("base64Binary", Builtin::Base64Binary),
    ("boolean", Builtin::Boolean),
    ("byte", Builtin::Byte),
    ("date", Builtin::Date),
    ("dateTime", Builtin::DateTime),
    ("decimal", Builtin::Decimal),
    ("double", Builtin::Double),
    ("duration", Builtin::Duration),
    ("float", Builtin::Float),
    ("gDay", Builtin::GDay),
    ("gMonth", Builtin::GMonth),
    ("gMonthDay", Builtin::GMonthDay),
    ("gYear", Builtin::GYear),
    ("gYearMonth", Builtin::GYearMonth),
    ("hexBinary", Builtin::HexBinary),
    ("int", Builtin::Int),
    ("integer", Builtin::Integer),
    ("language", Builtin::Language),
    ("long", Builtin::Long),
    ("negativeInteger", Builtin::NegativeInteger),
    ("nonNegativeInteger", Builtin::NonNegativeInteger),
    ("nonPositiveInteger", Builtin::NonPositiveInteger),
    ("normalizedString", Builtin::NormalizedString),
    ("positiveInteger", Builtin::PositiveInteger),
    ("short", Builtin::Short),
    ("string", Builtin::String),
    ("time", Builtin::Time),
    ("token", Builtin::Token),
    ("unsignedByte", Builtin::UnsignedByte),
    ("unsignedInt", Builtin::UnsignedInt),
    ("unsignedLong", Builtin::UnsignedLong),
    ("unsignedShort", Builtin::UnsignedShort),
    ("untypedAtomic", Builtin::UntypedAtomic),
];

impl Builtin {
    /// Looks a type up by its local name.
    pub(crate) fn from_name(name: &str) -> Option<Builtin> {
        TABLE.iter().find(|(n, _)| *n == name).map(|&(_, t)| t)
    }

    /// Every built-in type's name.
    pub(crate) fn names() -> impl Iterator<Item = &'static str> {
        TABLE.iter().map(|(n, _)| *n)
    }

    pub(crate) fn white_space(self) -> WhiteSpace {
        match self {
            Builtin::String | Builtin::AnyAtomicType | Builtin::UntypedAtomic => {
                WhiteSpace::Preserve
            }
            Builtin::NormalizedString => WhiteSpace::Replace,
            _ => WhiteSpace::Collapse,
        }
    }

    pub(crate) fn family(self) -> Family {
        use Builtin as B;
        match self {
            B::String
            | B::NormalizedString
            | B::Token
            | B::Language
            | B::Name
            | B::NCName
            | B::NmToken
            | B::Id
            | B::IdRef
            | B::Entity
            | B::AnyUri
            | B::AnyAtomicType
            | B::UntypedAtomic => Family::Text,
            B::QName | B::Notation => Family::QName,
            B::NmTokens | B::IdRefs | B::Entities => Family::List,
            B::Boolean => Family::Boolean,
            B::Decimal
            | B::Integer
            | B::NonPositiveInteger
            | B::NegativeInteger
            | B::Long
            | B::Int
            | B::Short
            | B::Byte
            | B::NonNegativeInteger
            | B::UnsignedLong
            | B::UnsignedInt
            | B::UnsignedShort
            | B::UnsignedByte
            | B::PositiveInteger => Family::Decimal,
            B::Float | B::Double => Family::Float,
            B::Duration => Family::Duration,
            B::DateTime
            | B::Date
            | B::Time
            | B::GYear
            | B::GYearMonth
            | B::GMonth
            | B::GMonthDay
            | B::GDay => Family::DateTime,
            B::HexBinary | B::Base64Binary => Family::Binary,
        }
    }

    /// Inclusive bounds of the integer types, as decimal strings.
    pub(crate) fn integer_bounds(self) -> Option<(Option<&'static str>, Option<&'static str>)> {
        use Builtin as B;
        Some(match self {
            B::Integer => (None, None),
            B::NonPositiveInteger => (None, Some("0")),
            B::NegativeInteger => (None, Some("-1")),
            B::Long => (Some("-9223372036854775808"), Some("9223372036854775807")),
            B::Int => (Some("-2147483648"), Some("2147483647")),
            B::Short => (Some("-32768"), Some("32767")),
            B::Byte => (Some("-128"), Some("127")),
            B::NonNegativeInteger => (Some("0"), None),
            B::UnsignedLong => (Some("0"), Some("18446744073709551615")),
            B::UnsignedInt => (Some("0"), Some("4294967295")),
            B::UnsignedShort => (Some("0"), Some("65535")),
            B::UnsignedByte => (Some("0"), Some("255")),
            B::PositiveInteger => (Some("1"), None),
            _ => return None,
        })
    }

    pub(crate) fn id_type(self) -> IdType {
        match self {
            Builtin::Id => IdType::Id,
            Builtin::IdRef => IdType::Idref,
            Builtin::IdRefs => IdType::Idrefs,
            _ => IdType::Null,
        }
    }

    /// How the lexical space reads in messages (after jing's wording).
    pub(crate) fn description(self) -> &'static str {
        use Builtin as B;
        match self {
            B::AnyUri => "a URI",
            B::Boolean => "a boolean",
            B::Decimal => "a decimal number",
            B::Float | B::Double => "a floating-point number",
            B::Duration => "a duration",
            B::HexBinary => "a hexadecimal string",
            B::Base64Binary => "a base64 string",
            B::Name => "an XML name",
            B::NCName | B::Id | B::IdRef | B::Entity => "an XML name without colons",
            B::NmToken => "an XML NMTOKEN",
            B::QName | B::Notation => "an XML QName",
            B::NmTokens => "a list of XML NMTOKENs",
            B::IdRefs | B::Entities => "a list of XML names without colons",
            B::Language => "an RFC 3066 language identifier",
            B::DateTime => "an ISO date and time",
            B::Time => "an ISO time",
            B::Date => "an ISO date",
            B::GYearMonth => "an ISO year and month",
            B::GYear => "a year",
            B::GMonthDay => "an ISO month and day (of the form --MM-DD)",
            B::GMonth => "an ISO month (of the form --MM)",
            B::GDay => "an ISO day of the month (of the form ---DD)",
            _ if self.integer_bounds().is_some() => "an integer",
            _ => "a string",
        }
    }
}
