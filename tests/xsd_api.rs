//! The public datatype API: building types from params, the messages of
//! rejected values, value equality and ID roles.

use teikit::xsd::{Datatype, IdType, NamespaceContext, Namespaces, XSD_LIBRARY};

fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn xsd(name: &str, params: &[(&str, &str)]) -> Datatype {
    Datatype::new(XSD_LIBRARY, name, &p(params)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn build_error(library: &str, name: &str, params: &[(&str, &str)]) -> String {
    Datatype::new(library, name, &p(params))
        .expect_err("should not build")
        .message
}

fn rejection(t: &Datatype, value: &str) -> String {
    t.allows(value, &Namespaces::default())
        .expect_err("should be rejected")
        .message
}

#[test]
fn builtin_library_has_string_and_token_without_params() {
    let ns = Namespaces::default();
    let token = Datatype::new("", "token", &[]).expect("token");
    let string = Datatype::new("", "string", &[]).expect("string");
    assert!(token.allows("anything at all", &ns).is_ok());
    assert!(token.equal(" a  b ", &ns, "a b", &ns));
    assert!(!string.equal(" a  b ", &ns, "a b", &ns));
    assert!(string.equal("a b", &ns, "a b", &ns));
    assert_eq!((token.library(), token.name()), ("", "token"));
    assert!(build_error("", "integer", &[]).contains("\"integer\""));
    assert!(build_error("", "token", &[("maxLength", "3")]).contains("no parameters"));
}

#[test]
fn unknown_types_libraries_and_params_are_errors() {
    assert!(build_error(XSD_LIBRARY, "nosuchtype", &[]).contains("\"nosuchtype\""));
    assert!(build_error("http://example.com/dt", "token", &[]).contains("http://example.com/dt"));
    assert!(build_error(XSD_LIBRARY, "token", &[("enumeration", "a")]).contains("enumeration"));
    assert!(
        build_error(XSD_LIBRARY, "token", &[("whiteSpace", "collapse")]).contains("whiteSpace")
    );
    assert!(build_error(XSD_LIBRARY, "token", &[("bogus", "1")]).contains("\"bogus\""));
    // A facet that does not apply to the type, and ill-typed facet values.
    assert!(build_error(XSD_LIBRARY, "integer", &[("maxLength", "3")]).contains("maxLength"));
    assert!(build_error(XSD_LIBRARY, "token", &[("minInclusive", "3")]).contains("minInclusive"));
    assert!(build_error(XSD_LIBRARY, "boolean", &[("totalDigits", "3")]).contains("totalDigits"));
    assert!(build_error(XSD_LIBRARY, "token", &[("maxLength", "-1")]).contains("maxLength"));
    assert!(build_error(XSD_LIBRARY, "decimal", &[("totalDigits", "0")]).contains("totalDigits"));
    assert!(build_error(XSD_LIBRARY, "byte", &[("maxInclusive", "1000")]).contains("maxInclusive"));
    assert!(
        build_error(XSD_LIBRARY, "date", &[("minInclusive", "yesterday")])
            .contains("\"yesterday\"")
    );
    // A range limit must pass the facets given before it.
    let narrowing = build_error(
        XSD_LIBRARY,
        "integer",
        &[("minInclusive", "0"), ("maxInclusive", "-1")],
    );
    assert!(
        narrowing.contains("\"-1\"") && narrowing.contains("minInclusive"),
        "{narrowing}"
    );
    assert!(
        build_error(
            XSD_LIBRARY,
            "integer",
            &[("pattern", "[0-5]"), ("maxInclusive", "7")]
        )
        .contains("pattern")
    );
    assert!(
        build_error(
            XSD_LIBRARY,
            "decimal",
            &[("totalDigits", "2"), ("maxInclusive", "700")]
        )
        .contains("totalDigits")
    );
    assert!(
        Datatype::new(
            XSD_LIBRARY,
            "integer",
            &p(&[("maxInclusive", "7"), ("maxInclusive", "5")])
        )
        .is_ok()
    );
    let bad_regex = build_error(XSD_LIBRARY, "token", &[("pattern", "a??")]);
    assert!(
        bad_regex.contains("a??") && bad_regex.contains("pattern"),
        "{bad_regex}"
    );
}

#[test]
fn messages_name_the_datatype_and_the_facet() {
    assert_eq!(
        rejection(&xsd("integer", &[]), "abc"),
        "\"abc\" is not a valid value of datatype \"integer\"; must be an integer"
    );
    assert_eq!(
        rejection(&xsd("token", &[("maxLength", "4")]), "abcde"),
        "value \"abcde\" has length 5, but facet \"maxLength\" of datatype \"token\" is 4; \
         must be a string with length at most 4 (actual length was 5)"
    );
    assert_eq!(
        rejection(&xsd("token", &[("pattern", "[a-z]{2}")]), "x"),
        "\"x\" does not match the pattern \"[a-z]{2}\" of datatype \"token\"; \
         must be a string matching the regular expression \"[a-z]{2}\""
    );
    let range = rejection(&xsd("integer", &[("maxInclusive", "4")]), "5");
    assert!(
        range.contains("maxInclusive") && range.contains("\"integer\""),
        "{range}"
    );
    let digits = rejection(&xsd("decimal", &[("totalDigits", "3")]), "12.34");
    assert!(
        digits.contains("totalDigits") && digits.contains('4'),
        "{digits}"
    );
    assert!(
        xsd("decimal", &[("totalDigits", "3")])
            .allows("0.001", &Namespaces::default())
            .is_ok()
    );
    assert!(
        xsd("decimal", &[("totalDigits", "3")])
            .allows("0.0001", &Namespaces::default())
            .is_err()
    );
    assert!(
        xsd("decimal", &[("totalDigits", "3")])
            .allows("-12.30", &Namespaces::default())
            .is_ok()
    );
    let fraction = rejection(&xsd("decimal", &[("fractionDigits", "1")]), "1.25");
    assert!(fraction.contains("fractionDigits"), "{fraction}");
}

#[test]
fn params_apply_in_turn_and_all_patterns_must_match() {
    let t = xsd(
        "token",
        &[
            ("pattern", "[a-z]+"),
            ("pattern", ".{3}"),
            ("minLength", "3"),
        ],
    );
    let ns = Namespaces::default();
    assert!(t.allows("abc", &ns).is_ok());
    assert!(t.allows("abcd", &ns).is_err());
    assert!(t.allows("AB1", &ns).is_err());
    let range = xsd("decimal", &[("minExclusive", "0"), ("maxInclusive", "1.5")]);
    assert!(range.allows("0.0001", &ns).is_ok());
    assert!(range.allows("0", &ns).is_err());
    assert!(range.allows("1.50", &ns).is_ok());
    assert!(range.allows("1.5000001", &ns).is_err());
}

#[test]
fn lengths_count_characters_octets_and_items() {
    let ns = Namespaces::default();
    assert!(xsd("string", &[("length", "2")]).allows("é€", &ns).is_ok());
    assert!(
        xsd("hexBinary", &[("length", "2")])
            .allows("0aFF", &ns)
            .is_ok()
    );
    assert!(
        xsd("NMTOKENS", &[("maxLength", "2")])
            .allows("a b c", &ns)
            .is_err()
    );
    assert!(
        xsd("IDREFS", &[("length", "3")])
            .allows(" a  b c ", &ns)
            .is_ok()
    );
}

#[test]
fn equality_is_in_the_value_space() {
    let ns = Namespaces::default();
    let eq = |t: &str, a: &str, b: &str| xsd(t, &[]).equal(a, &ns, b, &ns);
    assert!(eq("decimal", "1.0", "1.00"));
    assert!(eq("decimal", "-0", "0.0"));
    assert!(!eq("decimal", "1", "1.01"));
    assert!(eq("integer", "+1", "01"));
    assert!(eq("boolean", "1", "true"));
    assert!(!eq("boolean", "1", "false"));
    assert!(eq("double", "NaN", "NaN"));
    assert!(eq("double", "0", "-0"));
    assert!(eq("float", "1E0", "1.0"));
    assert!(eq("hexBinary", "0a", "0A"));
    assert!(eq("base64Binary", "AA AA", "AAAA"));
    assert!(eq(
        "dateTime",
        "2001-12-01T20:45:00+01:00",
        "2001-12-01T19:45:00Z"
    ));
    assert!(!eq(
        "dateTime",
        "2001-12-01T19:45:00",
        "2001-12-01T19:45:00Z"
    ));
    assert!(eq("time", "24:00:00", "00:00:00"));
    let ns = Namespaces::default();
    assert!(xsd("gYear", &[]).allows("123456789012345678", &ns).is_ok());
    assert!(
        xsd("gYear", &[])
            .allows("1234567890123456789", &ns)
            .is_err()
    );
    assert!(eq(
        "date",
        "-123456789012345678-01-01Z",
        "-123456789012345678-01-01+00:00"
    ));
    assert!(eq("duration", "P1Y", "P001Y0M0DT0H0M0.0S"));
    assert!(
        !eq("duration", "P1Y", "P12M"),
        "XSD 1.0 compares durations by component"
    );
    assert!(eq("token", " a  b", "a b"));
    assert!(!eq("string", " a", "a"));
    assert!(
        !eq("integer", "x", "x"),
        "values that are not allowed are never equal"
    );
}

#[test]
fn qnames_compare_by_namespace_and_local_name() {
    let t = xsd("QName", &[]);
    let a = Namespaces(vec![("x".into(), "urn:a".into())]);
    let b = Namespaces(vec![
        ("y".into(), "urn:a".into()),
        ("".into(), "urn:d".into()),
    ]);
    assert!(t.equal("x:foo", &a, "y:foo", &b));
    assert!(!t.equal("x:foo", &a, "foo", &b));
    assert!(t.equal("foo", &a, "foo", &Namespaces::default()));
    let unbound = t.allows("z:foo", &a).expect_err("unbound prefix").message;
    assert!(unbound.contains("\"z\""), "{unbound}");
    assert!(t.allows("xml:lang", &Namespaces::default()).is_ok());
}

struct Entities;
impl NamespaceContext for Entities {
    fn resolve(&self, _: &str) -> Option<&str> {
        None
    }
    fn is_unparsed_entity(&self, name: &str) -> bool {
        name == "fig1"
    }
}

#[test]
fn entities_need_a_dtd_declaration() {
    let t = xsd("ENTITY", &[]);
    assert!(t.allows("fig1", &Entities).is_ok());
    assert!(t.allows("fig2", &Entities).is_err());
    assert!(t.allows("fig1", &Namespaces::default()).is_err());
}

#[test]
fn id_types() {
    assert_eq!(xsd("ID", &[]).id_type(), IdType::Id);
    assert_eq!(xsd("IDREF", &[]).id_type(), IdType::Idref);
    assert_eq!(xsd("IDREFS", &[]).id_type(), IdType::Idrefs);
    assert_eq!(xsd("NCName", &[]).id_type(), IdType::Null);
    assert_eq!(
        Datatype::new("", "token", &[]).expect("token").id_type(),
        IdType::Null
    );
}

#[test]
fn every_xsd_builtin_builds() {
    let names: Vec<&str> = Datatype::xsd_type_names().collect();
    assert!(names.len() >= 44, "{names:?}");
    for name in names {
        xsd(name, &[("pattern", ".*")]);
    }
}

#[test]
fn equal_declarations_give_equal_datatypes() {
    use std::collections::HashSet;
    let a = xsd("token", &[("pattern", r"\S+")]);
    let b = xsd("token", &[("pattern", r"\S+")]);
    let c = xsd("token", &[("pattern", r"\s+")]);
    let d = Datatype::new("", "token", &[]).expect("token");
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_ne!(xsd("token", &[]), d);
    let set: HashSet<_> = [&a, &b, &c, &d].iter().map(|t| t.key()).collect();
    assert_eq!(set.len(), 3);
}

#[test]
fn context_dependence() {
    assert!(xsd("QName", &[]).is_context_dependent());
    assert!(xsd("NOTATION", &[]).is_context_dependent());
    assert!(!xsd("NCName", &[]).is_context_dependent());
    assert!(
        !Datatype::new("", "string", &[])
            .expect("string")
            .is_context_dependent()
    );
}
