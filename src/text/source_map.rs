//! From byte offsets in a text layer back to byte offsets in the XML it was
//! rendered from.

/// Maps each byte offset of a rendered text to the byte offset in the XML
/// source it came from.
///
/// Most of a text layer is copied from text nodes byte for byte, so the map
/// stores only the points where the copy stops being linear (a new text
/// node, a collapsed whitespace run, an entity reference, a generated
/// bracket); an offset between two points is extrapolated from the point
/// before it. Generated characters (`[`, `]`, a gap's `[...]`) map to the
/// tag that produced them. Separators (spaces, newlines) are not recorded:
/// they extrapolate from the character before, which is exact when the
/// separator was copied from one space.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// `(text offset, xml offset)` pairs, both strictly increasing in the
    /// text offset.
    points: Vec<(usize, usize)>,
}

impl SourceMap {
    /// Records that text byte `text_offset` comes from XML byte `xml_offset`,
    /// unless that already follows from the last point.
    pub(crate) fn record(&mut self, text_offset: usize, xml_offset: usize) {
        if let Some(&(t, x)) = self.points.last() {
            if t == text_offset {
                self.points.pop();
            } else if x + (text_offset - t) == xml_offset {
                return;
            }
        }
        self.points.push((text_offset, xml_offset));
    }

    /// The XML byte offset that text byte `text_offset` came from (0 for an
    /// empty map).
    pub fn xml_offset(&self, text_offset: usize) -> usize {
        let i = self.points.partition_point(|&(t, _)| t <= text_offset);
        match i.checked_sub(1) {
            Some(i) => {
                let (t, x) = self.points[i];
                x + (text_offset - t)
            }
            None => self.points.first().map_or(0, |&(_, x)| x),
        }
    }

    /// How many points the map holds (a measure of its memory use).
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether the map holds no points.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extrapolates_between_points() {
        let mut map = SourceMap::default();
        map.record(0, 10);
        map.record(1, 11); // linear: no new point
        map.record(5, 40);
        assert_eq!(map.len(), 2);
        assert_eq!(map.xml_offset(0), 10);
        assert_eq!(map.xml_offset(3), 13);
        assert_eq!(map.xml_offset(5), 40);
        assert_eq!(map.xml_offset(7), 42);
    }

    #[test]
    fn a_later_record_at_the_same_offset_wins() {
        let mut map = SourceMap::default();
        map.record(0, 3);
        map.record(0, 9);
        assert_eq!(map.xml_offset(0), 9);
        assert_eq!(map.len(), 1);
    }
}
