//! Name classes: membership, overlap (§7.3, §7.4) and the constraints of
//! §4.16.

use crate::relaxng::model::NameClass;

/// Stand-in for a namespace URI or local name that no real name has.
const ILLEGAL: &str = "\u{0}";

/// Whether `nc` contains the name `{ns}local`.
pub fn contains(nc: &NameClass, ns: &str, local: &str) -> bool {
    match nc {
        NameClass::AnyName { except } => !except.as_deref().is_some_and(|e| contains(e, ns, local)),
        NameClass::NsName { ns: n, except } => {
            n == ns && !except.as_deref().is_some_and(|e| contains(e, ns, local))
        }
        NameClass::Name { ns: n, local: l } => n == ns && l == local,
        NameClass::Choice(a, b) => contains(a, ns, local) || contains(b, ns, local),
    }
}

fn representatives<'a>(nc: &'a NameClass, out: &mut Vec<(&'a str, &'a str)>) {
    match nc {
        NameClass::AnyName { except } => {
            out.push((ILLEGAL, ILLEGAL));
            if let Some(e) = except {
                representatives(e, out);
            }
        }
        NameClass::NsName { ns, except } => {
            out.push((ns, ILLEGAL));
            if let Some(e) = except {
                representatives(e, out);
            }
        }
        NameClass::Name { ns, local } => out.push((ns, local)),
        NameClass::Choice(a, b) => {
            representatives(a, out);
            representatives(b, out);
        }
    }
}

/// Whether some name belongs to both name classes.
pub fn overlap(a: &NameClass, b: &NameClass) -> bool {
    let mut reps = Vec::new();
    representatives(a, &mut reps);
    representatives(b, &mut reps);
    reps.iter()
        .any(|(ns, local)| contains(a, ns, local) && contains(b, ns, local))
}

/// Whether the name class contains infinitely many names (`anyName` or `nsName`).
pub fn is_infinite(nc: &NameClass) -> bool {
    match nc {
        NameClass::AnyName { .. } | NameClass::NsName { .. } => true,
        NameClass::Name { .. } => false,
        NameClass::Choice(a, b) => is_infinite(a) || is_infinite(b),
    }
}

/// A short description for messages: `"p"`, `"tei:p"`-like `{ns}local`, `any name`.
pub fn describe(nc: &NameClass) -> String {
    match nc {
        NameClass::AnyName { .. } => "any name".into(),
        NameClass::NsName { ns, .. } => format!("any name in namespace \"{ns}\""),
        NameClass::Name { ns, local } if ns.is_empty() => format!("\"{local}\""),
        NameClass::Name { ns, local } => format!("\"{{{ns}}}{local}\""),
        NameClass::Choice(a, b) => format!("{} or {}", describe(a), describe(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(ns: &str, local: &str) -> NameClass {
        NameClass::Name {
            ns: ns.into(),
            local: local.into(),
        }
    }

    #[test]
    fn overlap_of_name_classes() {
        let any_but_a = NameClass::AnyName {
            except: Some(Box::new(name("", "a"))),
        };
        assert!(!overlap(&any_but_a, &name("", "a")));
        assert!(overlap(&any_but_a, &name("", "b")));
        let ns_x = NameClass::NsName {
            ns: "x".into(),
            except: None,
        };
        assert!(overlap(&ns_x, &any_but_a));
        assert!(!overlap(&ns_x, &name("y", "a")));
        assert!(overlap(&ns_x, &name("x", "a")));
    }
}
