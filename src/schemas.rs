//! Schemas shipped in `schemas/` and embedded in the binary, so that
//! validation never needs the network.

/// TEI P5 `tei_all.rng` (see `schemas/README.md` for its provenance).
pub const TEI_ALL: &str = include_str!("../schemas/tei_all.rng");

/// The URI under which the embedded `tei_all.rng` is known to resolvers.
pub const TEI_ALL_URI: &str = "teikit:schemas/tei_all.rng";
