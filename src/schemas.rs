//! Schemas shipped in `schemas/` and embedded in the binary, so that
//! validation never needs the network.

/// TEI P5 `tei_all.rng` (see `schemas/README.md` for its provenance).
pub const TEI_ALL: &str = include_str!("../schemas/tei_all.rng");

/// The URI under which the embedded `tei_all.rng` is known to resolvers.
pub const TEI_ALL_URI: &str = "teikit:schemas/tei_all.rng";

/// A [`crate::relaxng::schema::Resolver`] that serves the embedded
/// `tei_all.rng` under [`TEI_ALL_URI`] and reads every other URI from the
/// file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct EmbeddedResolver;

impl crate::relaxng::schema::Resolver for EmbeddedResolver {
    fn read(&self, uri: &str) -> std::io::Result<Vec<u8>> {
        if uri == TEI_ALL_URI {
            Ok(TEI_ALL.as_bytes().to_vec())
        } else {
            std::fs::read(uri)
        }
    }
}

/// Loads the embedded `tei_all.rng`.
pub fn load_tei_all() -> Result<crate::relaxng::model::Schema, crate::relaxng::schema::SchemaError>
{
    crate::relaxng::schema::load(TEI_ALL_URI, &EmbeddedResolver)
}
