//! GitHub's `primaryLocationLineHash`: a rolling hash over the 100
//! non-whitespace UTF-16 units starting at each line, exactly as the
//! code-scanning upload action computes it, so that alerts are tracked across
//! commits without "inconsistent fingerprint" warnings.

const WINDOW: usize = 100;
const MOD_BASE: u64 = 37;
/// A window slot where no line starts.
const NO_LINE: usize = usize::MAX;

/// The fingerprint of every line of `text`, in order (`hash:occurrence`):
/// the reference the tests check [`line_fingerprints`] against.
#[cfg(test)]
pub fn line_hashes(text: &str) -> Vec<String> {
    let mut hasher = LineHasher::new();
    for unit in text.encode_utf16() {
        hasher.push(unit);
    }
    let hashes = hasher.finish();
    (0..hashes.len()).map(|line| fingerprint(&hashes, line)).collect()
}

/// The fingerprints of the 0-based `lines` of `text`, in the order given
/// (empty for a line past the end). The text is hashed only as far as the
/// last of them needs, and only their fingerprints are formatted.
pub fn line_fingerprints(text: &str, lines: &[usize]) -> Vec<String> {
    let Some(&last) = lines.iter().max() else { return Vec::new() };
    let mut hasher = LineHasher::new();
    // The UTF-16 units of the text, read from its bytes: an ASCII byte is
    // its own unit; another character is decoded where it starts.
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() && hasher.hashes.len() <= last {
        let byte = bytes[at];
        if byte.is_ascii() {
            hasher.push(u16::from(byte));
            at += 1;
        } else {
            let character = text[at..].chars().next().unwrap_or_default();
            for &unit in character.encode_utf16(&mut [0; 2]).iter() {
                hasher.push(unit);
            }
            at += character.len_utf8();
        }
    }
    // A line's hash is final once 100 units past its start are fed, or at
    // the end of the text.
    let hashes = if hasher.hashes.len() > last { hasher.hashes } else { hasher.finish() };
    lines.iter().map(|&line| if line < hashes.len() { fingerprint(&hashes, line) } else { String::new() }).collect()
}

/// `hash:occurrence` of `line`: its hash, and how many lines up to it have
/// the same hash.
fn fingerprint(hashes: &[u64], line: usize) -> String {
    let hash = hashes[line];
    let occurrence = hashes[..=line].iter().filter(|&&h| h == hash).count();
    format!("{hash:x}:{occurrence}")
}

struct LineHasher {
    window: [u64; WINDOW],
    /// For each window slot, the 0-based line whose first kept unit is in
    /// it ([`NO_LINE`] for none).
    line_in_slot: [usize; WINDOW],
    index: usize,
    hash: u64,
    first_mod: u64,
    line_count: usize,
    line_start: bool,
    prev_cr: bool,
    hashes: Vec<u64>,
}

impl LineHasher {
    fn new() -> LineHasher {
        LineHasher {
            window: [0; WINDOW],
            line_in_slot: [NO_LINE; WINDOW],
            index: 0,
            hash: 0,
            first_mod: (0..WINDOW).fold(1u64, |acc, _| acc.wrapping_mul(MOD_BASE)),
            line_count: 0,
            line_start: true,
            prev_cr: false,
            hashes: Vec::new(),
        }
    }

    fn push(&mut self, unit: u16) {
        const SPACE: u16 = b' ' as u16;
        const TAB: u16 = b'\t' as u16;
        const CR: u16 = b'\r' as u16;
        const LF: u16 = b'\n' as u16;
        if unit == SPACE || unit == TAB || (self.prev_cr && unit == LF) {
            self.prev_cr = false;
            return;
        }
        self.prev_cr = unit == CR;
        let unit = if unit == CR { LF } else { unit };
        self.emit_if_full();
        if self.line_start {
            self.line_start = false;
            self.line_in_slot[self.index] = self.line_count;
            self.line_count += 1;
        }
        if unit == LF {
            self.line_start = true;
        }
        self.update(u64::from(unit));
    }

    /// Records the hash of the line whose window starts in the current slot,
    /// which is complete once 100 units have been fed since it started.
    fn emit_if_full(&mut self) {
        let line = std::mem::replace(&mut self.line_in_slot[self.index], NO_LINE);
        if line != NO_LINE {
            debug_assert_eq!(line, self.hashes.len());
            self.hashes.push(self.hash);
        }
    }

    fn update(&mut self, unit: u64) {
        let leaving = self.window[self.index];
        self.window[self.index] = unit;
        self.hash =
            self.hash.wrapping_mul(MOD_BASE).wrapping_add(unit).wrapping_sub(self.first_mod.wrapping_mul(leaving));
        self.index += 1;
        if self.index == WINDOW {
            self.index = 0;
        }
    }

    /// The hash of every line, once the end of the text is fed.
    fn finish(mut self) -> Vec<u64> {
        self.push(u16::MAX);
        for _ in 0..WINDOW {
            self.emit_if_full();
            self.update(0);
        }
        self.hashes
    }
}

#[cfg(test)]
mod tests {
    use super::{line_fingerprints, line_hashes};

    fn check(input: &str, expected: &[&str]) {
        assert_eq!(line_hashes(input), expected, "input {input:?}");
        // Asking for some lines gives the same fingerprints, however early
        // the hashing stops.
        for line in 0..expected.len() {
            let asked = [line, line / 2];
            assert_eq!(line_fingerprints(input, &asked), [expected[line], expected[line / 2]], "input {input:?}");
        }
        assert_eq!(line_fingerprints(input, &[expected.len()]), [""]);
    }

    #[test]
    fn characters_beyond_ascii_are_hashed_as_their_utf16_units() {
        // `é` is one unit and `𝄞` two (a surrogate pair), as `encode_utf16`
        // (the reference's reading) gives them.
        let text = "naïve = \"café\"\n# 𝄞 clef 𝄞\nend\n";
        let all = line_hashes(text);
        assert_eq!(all.len(), 4);
        let asked: Vec<usize> = (0..all.len()).collect();
        assert_eq!(line_fingerprints(text, &asked), all);
        assert_eq!(line_fingerprints(text, &[1]), [all[1].as_str()]);
    }

    #[test]
    fn empty_file() {
        check("", &["c129715d7a2bc9a3:1"]);
    }

    #[test]
    fn whitespace_is_ignored() {
        check(
            " a\nb\n  \t\tc\n d",
            &["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"],
        );
    }

    const SEVEN: [&str; 7] = [
        "e9496ae3ebfced30:1",
        "fb7c023a8b9ccb3f:1",
        "ce8ba1a563dcdaca:1",
        "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1",
        "c8e28b0b4002a3a0:1",
        "c129715d7a2bc9a3:1",
    ];

    #[test]
    fn line_endings_lf_cr_crlf_and_mixed_hash_the_same() {
        check(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", &SEVEN);
        check(" hello; \t\rworld!!!\r\r\r  \t\tGreetings\r End\r", &SEVEN);
        check(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", &SEVEN);
        check(" hello; \t\r\nworld!!!\n\n\r\n  \t\tGreetings\r End\r\n", &SEVEN);
    }

    #[test]
    fn no_trailing_newline() {
        check(
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
            &[
                "8b7cf3e952e7aeb2:1",
                "b1ae1287ec4718d9:1",
                "bff680108adb0fcc:1",
                "c6805c5e1288b612:1",
                "b86d3392aea1be30:1",
                "e6ceba753e1a442:1",
            ],
        );
    }

    #[test]
    fn repeated_lines_count_occurrences() {
        check(
            &"Lorem ipsum dolor sit amet.\n".repeat(10),
            &[
                "a7f2ff13bc495cf2:1",
                "a7f2ff13bc495cf2:2",
                "a7f2ff13bc495cf2:3",
                "a7f2ff13bc495cf2:4",
                "a7f2ff13bc495cf2:5",
                "a7f2ff13bc495cf2:6",
                "a7f2ff1481e87703:1",
                "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1",
                "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1",
            ],
        );
    }

    #[test]
    fn short_program() {
        check(
            "x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
            &[
                "e54938cc54b302f1:1",
                "bb609acbe9138d60:1",
                "1131fd5871777f34:1",
                "5c482a0f8b35ea28:1",
                "54517377da7028d2:1",
                "2c644846cb18d53e:1",
                "f1b89f20de0d133:1",
                "c129715d7a2bc9a3:1",
            ],
        );
    }
}
