//! Bit sets over catalog positions as plain `u64` word slices.
//!
//! Slices rather than a bit-set type so that one allocation can hold all four status sets of
//! a profile: resolving a profile is on the batch path, and four allocations were a fifth of it.

/// Words needed for `bits` bits.
pub(crate) fn words_for(bits: usize) -> usize {
    bits.div_ceil(64)
}

pub(crate) fn contains(words: &[u64], bit: usize) -> bool {
    words.get(bit / 64).is_some_and(|word| word >> (bit % 64) & 1 == 1)
}

pub(crate) fn insert(words: &mut [u64], bit: usize) {
    words[bit / 64] |= 1 << (bit % 64);
}

pub(crate) fn remove(words: &mut [u64], bit: usize) {
    words[bit / 64] &= !(1 << (bit % 64));
}

pub(crate) fn count(words: &[u64]) -> usize {
    words.iter().map(|word| word.count_ones() as usize).sum()
}

pub(crate) fn intersection_count(a: &[u64], b: &[u64]) -> usize {
    a.iter().zip(b).map(|(x, y)| (x & y).count_ones() as usize).sum()
}

/// Whether the two sets share a bit.
pub(crate) fn intersects(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).any(|(x, y)| x & y != 0)
}

/// Positions of the set bits, ascending.
pub(crate) fn ones(words: &[u64]) -> impl Iterator<Item = usize> + '_ {
    words.iter().enumerate().flat_map(|(index, &word)| SetBits(word).map(move |bit| index * 64 + bit))
}

/// The positions of a word's set bits, ascending.
pub(crate) struct SetBits(pub(crate) u64);

impl Iterator for SetBits {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let bit = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(bit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_across_word_boundaries() {
        let mut a = vec![0u64; words_for(130)];
        for bit in [0, 63, 64, 129] {
            insert(&mut a, bit);
        }
        assert_eq!(ones(&a).collect::<Vec<_>>(), [0, 63, 64, 129]);
        assert_eq!(count(&a), 4);
        assert!(contains(&a, 64) && !contains(&a, 65) && !contains(&a, 10_000));
        remove(&mut a, 63);
        assert!(!contains(&a, 63) && contains(&a, 64));
        let mut b = vec![0u64; words_for(130)];
        insert(&mut b, 129);
        insert(&mut b, 5);
        assert_eq!(intersection_count(&a, &b), 1);
        assert!(intersects(&a, &b));
        remove(&mut b, 129);
        assert!(!intersects(&a, &b));
    }
}
