//! Word-by-word comparison of a transcription with the text layer of its
//! TEI, each change placed in both files.
//!
//! OWNER: the text-diff helper.
