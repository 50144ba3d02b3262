//! A stable 64-bit FNV-1a hash, for content fingerprints that must not change between runs,
//! platforms or Rust versions (which `std`'s `DefaultHasher` does not promise).

use serde::Serialize;

pub(crate) struct Fnv64(u64);

impl Fnv64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    pub(crate) fn new() -> Fnv64 {
        Fnv64(Self::OFFSET)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(Self::PRIME);
        }
    }

    /// Hashes a string and a separator, so `("ab", "c")` and `("a", "bc")` differ.
    pub(crate) fn write_str(&mut self, text: &str) {
        self.write(text.as_bytes());
        self.write(&[0xff]);
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }

    /// The fingerprint of a value's JSON form, as 16 lower-case hex digits.
    pub(crate) fn of_json(value: &impl Serialize) -> String {
        let mut hasher = Fnv64::new();
        // Writing into the hasher cannot fail, and serializing plain data cannot either.
        if serde_json::to_writer(&mut hasher, value).is_err() {
            hasher.write_str("unserializable");
        }
        format!("{:016x}", hasher.finish())
    }
}

impl std::io::Write for Fnv64 {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        Fnv64::write(self, bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_published_fnv1a_vectors() {
        let mut empty = Fnv64::new();
        empty.write(b"");
        assert_eq!(empty.finish(), 0xcbf2_9ce4_8422_2325);
        let mut a = Fnv64::new();
        a.write(b"a");
        assert_eq!(a.finish(), 0xaf63_dc4c_8601_ec8c);
        let mut foobar = Fnv64::new();
        foobar.write(b"foobar");
        assert_eq!(foobar.finish(), 0x8594_4171_f739_67e8);
    }
}
