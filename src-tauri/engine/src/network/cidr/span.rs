//! Blocks as inclusive `u32` intervals: overlap, relation, and sorting/merging of many.

use ipnet::Ipv4Net;

use super::Relation;

/// An inclusive range of IPv4 addresses as integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// The addresses of `net`, ignoring any host bits.
    pub fn of(net: &Ipv4Net) -> Span {
        Span { start: u32::from(net.network()), end: u32::from(net.broadcast()) }
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// How `self` relates to `other`, or `None` when they do not overlap.
    pub fn relation_to(self, other: Span) -> Option<Relation> {
        if !self.overlaps(other) {
            None
        } else if self == other {
            Some(Relation::Equal)
        } else if self.contains(other) {
            Some(Relation::Contains)
        } else {
            // Overlapping CIDR blocks nest, so the other one contains this one.
            Some(Relation::ContainedBy)
        }
    }
}

/// Sorts spans and merges the overlapping and adjacent ones, giving disjoint spans in
/// ascending order with gaps between them.
pub(crate) fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if u64::from(span.start) <= u64::from(last.end) + 1 => {
                last.end = last.end.max(span.end);
            }
            _ => merged.push(span),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Span {
        Span::of(&text.parse().unwrap())
    }

    #[test]
    fn relation_names_equal_contains_and_contained_by() {
        let a = span("10.0.0.0/16");
        assert_eq!(a.relation_to(span("10.0.0.0/16")), Some(Relation::Equal));
        assert_eq!(a.relation_to(span("10.0.4.0/24")), Some(Relation::Contains));
        assert_eq!(a.relation_to(span("10.0.0.0/8")), Some(Relation::ContainedBy));
        assert_eq!(a.relation_to(span("10.1.0.0/16")), None);
    }

    #[test]
    fn adjacent_blocks_do_not_overlap() {
        assert!(!span("10.0.0.0/24").overlaps(span("10.0.1.0/24")));
        assert!(!span("10.0.1.0/24").overlaps(span("10.0.0.0/24")));
        assert!(span("10.0.0.0/23").overlaps(span("10.0.1.0/24")));
    }

    #[test]
    fn host_bits_are_ignored() {
        assert_eq!(span("10.0.0.1/16"), span("10.0.0.0/16"));
    }

    #[test]
    fn merge_joins_overlapping_nested_and_adjacent_spans() {
        let merged = merge(vec![
            span("10.0.1.0/24"),
            span("192.168.0.0/16"),
            span("10.0.0.0/24"),
            span("10.0.0.128/25"),
            span("10.0.3.0/24"),
        ]);
        assert_eq!(
            merged,
            vec![
                Span { start: span("10.0.0.0/24").start, end: span("10.0.1.0/24").end },
                span("10.0.3.0/24"),
                span("192.168.0.0/16"),
            ]
        );
    }

    #[test]
    fn merge_handles_the_end_of_the_address_space() {
        let merged = merge(vec![span("255.255.255.0/24"), span("0.0.0.0/0"), span("255.0.0.0/8")]);
        assert_eq!(merged, vec![Span { start: 0, end: u32::MAX }]);
    }
}
