//! The shared form of a loaded schema (`load_shared`) means the same as the
//! tree form (`load`), and is much smaller for tei_all.

use teikit::relaxng::model::{Node, SharedSchema};
use teikit::relaxng::schema::{FsResolver, load, load_shared};

/// Children come before their parents, and refs name existing defines.
fn well_ordered(s: &SharedSchema) -> bool {
    let ok = |i: usize, c: u32| (c as usize) < i;
    s.nodes.iter().enumerate().all(|(i, n)| match n {
        Node::Choice(a, b) | Node::Group(a, b) | Node::Interleave(a, b) => ok(i, *a) && ok(i, *b),
        Node::OneOrMore(a) | Node::List(a) | Node::Attribute(_, a) => ok(i, *a),
        Node::Data {
            except: Some(e), ..
        } => ok(i, *e),
        Node::Ref(r) => *r < s.defines.len(),
        _ => true,
    }) && (s.start as usize) < s.nodes.len()
        && s.defines
            .iter()
            .all(|d| (d.content as usize) < s.nodes.len())
}

#[test]
fn tei_all_shared_expands_to_the_tree() {
    let path = "schemas/tei_all.rng";
    let shared = load_shared(path, &FsResolver).expect("tei_all loads shared");
    let tree = load(path, &FsResolver).expect("tei_all loads");
    assert!(well_ordered(&shared));
    assert_eq!(shared.defines.len(), tree.defines.len());
    // Same meaning: expanding the shared form gives the tree form exactly.
    assert_eq!(
        format!("{:?}", shared.to_tree()),
        format!("{tree:?}"),
        "to_tree differs from load"
    );
    // tei_all's tree repeats attribute classes in every element: sharing
    // must keep it several times smaller than the tree (about 230,000 nodes).
    fn count(p: &teikit::relaxng::model::Pattern) -> usize {
        use teikit::relaxng::model::Pattern as P;
        1 + match p {
            P::Choice(a, b) | P::Group(a, b) | P::Interleave(a, b) => count(a) + count(b),
            P::OneOrMore(a) | P::List(a) | P::Attribute(_, a) => count(a),
            P::Data {
                except: Some(e), ..
            } => count(e),
            _ => 0,
        }
    }
    let tree_nodes: usize = count(&tree.start)
        + tree
            .defines
            .iter()
            .map(|d| count(&d.content))
            .sum::<usize>();
    assert!(
        shared.nodes.len() * 5 < tree_nodes,
        "{} shared nodes for {tree_nodes} tree nodes",
        shared.nodes.len()
    );
}

#[test]
fn small_schema_shared_and_tree_agree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("s.rng");
    std::fs::write(
        &path,
        r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0"
             datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="a"><ref name="atts"/><ref name="atts2"/><zeroOrMore><element name="b"><ref name="atts"/><text/></element></zeroOrMore></element></start>
  <define name="atts"><optional><attribute name="n"><data type="integer"><param name="minInclusive">1</param></data></attribute></optional></define>
  <define name="atts2"><attribute name="t"><choice><value>x</value><value type="QName">y:z</value></choice></attribute></define>
</grammar>"#
            .replace("y:z", "z"),
    )
    .expect("write schema");
    let p = path.to_str().expect("utf-8 path");
    let shared = load_shared(p, &FsResolver).expect("loads shared");
    let tree = load(p, &FsResolver).expect("loads");
    assert!(well_ordered(&shared));
    assert_eq!(format!("{:?}", shared.to_tree()), format!("{tree:?}"));
    assert_eq!(shared.defines.len(), 2);
}
