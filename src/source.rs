//! A source file held in memory for the duration of its analysis, with the
//! conversions from tree-sitter byte positions to 1-based UTF-16 positions.

use tree_sitter::Node;

use crate::diagnostic::{Location, Position, Span};
use crate::lang::Language;

/// One file under analysis.
pub struct SourceFile {
    /// Path relative to the scan root, `/`-separated (shared with the file's
    /// locations: the project index holds many).
    pub path: std::sync::Arc<str>,
    pub language: Language,
    pub text: String,
    line_starts: Vec<usize>,
    /// Byte offset of the first non-ASCII byte (the length when there is
    /// none): columns before it are byte counts, whatever the line's length.
    ascii_until: usize,
    /// For text with non-ASCII bytes: the UTF-16 length of the text before
    /// each block of [`UTF16_BLOCK`] bytes, so that a column on a long
    /// (minified) line costs one block's count, not the line's.
    utf16_blocks: Vec<usize>,
    /// Whether the nearest `package.json` above the file describes a front
    /// end (see `lang::typescript::is_front_end_manifest`).
    pub in_front_end_package: bool,
}

/// Average line length, in bytes, above which JavaScript is taken for
/// minified or bundled output. Hand-written code averages 30 to 60 (the
/// bench corpus's longest is 52); minifiers emit thousands.
const MINIFIED_LINE_AVERAGE: usize = 200;

/// When `text` of `language` looks minified or bundled, its average line
/// length in bytes: JavaScript of at least 512 bytes whose lines average
/// over [`MINIFIED_LINE_AVERAGE`] bytes. Such files are generated from
/// sources kept elsewhere (or are a copy of a library), so findings in them
/// cannot be acted on; the scan skips them and says so.
pub fn minified_line_average(language: Language, text: &str) -> Option<usize> {
    if language != Language::JavaScript || text.len() < 512 {
        return None;
    }
    // Line ends as editors count them: LF, CRLF, or a lone CR.
    let bytes = text.as_bytes();
    let lone_crs = if bytes.contains(&b'\r') {
        bytes.windows(2).filter(|pair| pair[0] == b'\r' && pair[1] != b'\n').count()
            + usize::from(bytes.ends_with(b"\r"))
    } else {
        0
    };
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + lone_crs + 1;
    Some(text.len() / lines).filter(|&average| average > MINIFIED_LINE_AVERAGE)
}

/// Bytes per entry of [`SourceFile::utf16_blocks`].
const UTF16_BLOCK: usize = 1024;

/// UTF-16 units of the characters that start in `bytes`: one per leading
/// byte, two for a 4-byte sequence (any byte range of UTF-8 text counts the
/// characters starting in it, so ranges add up).
fn utf16_units(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0)).sum()
}

impl SourceFile {
    /// A file of `text`. A lone CR (old Mac line ends) becomes an LF: editors,
    /// SARIF and GitHub end a line there, but tree-sitter counts rows by LF
    /// only. Both are one byte, so every byte offset stays the same.
    pub fn new(path: String, language: Language, mut text: String) -> SourceFile {
        if text.contains('\r') {
            text = lone_crs_to_lfs(text);
        }
        // Both scans run over every file analysed: a vectorised newline
        // search, and the ASCII test a word at a time before the byte.
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let ascii_until = first_non_ascii(text.as_bytes());
        let mut utf16_blocks = Vec::new();
        if ascii_until < text.len() {
            let mut total = 0;
            for block in text.as_bytes().chunks(UTF16_BLOCK) {
                utf16_blocks.push(total);
                total += utf16_units(block);
            }
        }
        SourceFile {
            path: path.into(),
            language,
            text,
            line_starts,
            ascii_until,
            utf16_blocks,
            in_front_end_package: false,
        }
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= byte).saturating_sub(1)
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.text.len())
    }

    /// The text of 0-based line `line`, without its terminator.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        let end = self.line_starts.get(line + 1).map_or(self.text.len(), |e| e - 1);
        self.text[start..end.max(start)].trim_end_matches('\r')
    }

    /// The 1-based line and UTF-16 column of a byte offset.
    pub fn position(&self, byte: usize) -> Position {
        let byte = floor_char_boundary(&self.text, byte.min(self.text.len()));
        let line = self.line_of(byte);
        let start = self.line_starts[line];
        // ASCII text has one UTF-16 unit per byte; count units only otherwise:
        // over the line when it is short, by blocks on long (minified) lines.
        let column = if byte <= self.ascii_until {
            byte - start
        } else if byte - start <= UTF16_BLOCK {
            utf16_units(&self.text.as_bytes()[start..byte])
        } else {
            self.utf16_at(byte) - self.utf16_at(start)
        };
        Position { line: line as u32 + 1, column: column as u32 + 1 }
    }

    /// The UTF-16 length of the text before `byte` (a char boundary).
    fn utf16_at(&self, byte: usize) -> usize {
        let block = (byte / UTF16_BLOCK).min(self.utf16_blocks.len() - 1);
        self.utf16_blocks[block] + utf16_units(&self.text.as_bytes()[block * UTF16_BLOCK..byte])
    }

    /// The location of a byte range.
    pub fn location(&self, bytes: std::ops::Range<usize>) -> Location {
        Location { path: self.path.clone(), start: self.position(bytes.start), end: self.position(bytes.end), bytes }
    }

    /// The location of a node.
    pub fn node_location(&self, node: Node<'_>) -> Location {
        self.location(node.byte_range())
    }

    /// The span of a node (its location without the path, for the project
    /// index).
    pub fn node_span(&self, node: Node<'_>) -> Span {
        let bytes = node.byte_range();
        Span::new(self.position(bytes.start), self.position(bytes.end), bytes)
    }
}

/// The offset of the first non-ASCII byte of `bytes` (its length when all
/// are ASCII): blocks of 64 bytes tested at once, then the byte in the block.
fn first_non_ascii(bytes: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let clean = (bytes.chunks(BLOCK).take_while(|block| block.is_ascii()).count() * BLOCK).min(bytes.len());
    let rest = &bytes[clean..];
    clean + rest.iter().position(|b| !b.is_ascii()).unwrap_or(rest.len())
}

/// `text` with every CR that is not followed by an LF replaced by an LF.
fn lone_crs_to_lfs(text: String) -> String {
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("replacing an ASCII byte by another keeps UTF-8 valid")
}

fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_non_ascii_byte_is_found_in_and_across_blocks() {
        for (text, expected) in [("", 0), ("abc", 3), ("é", 0), ("ab\u{e9}", 2)] {
            assert_eq!(first_non_ascii(text.as_bytes()), expected, "{text:?}");
        }
        for at in [0, 1, 63, 64, 65, 127, 128, 200] {
            let mut text = "a".repeat(at);
            text.push('é');
            text.push_str(&"b".repeat(70));
            assert_eq!(first_non_ascii(text.as_bytes()), at);
        }
        assert_eq!(first_non_ascii("x".repeat(129).as_bytes()), 129);
    }

    #[test]
    fn lone_carriage_returns_end_lines_as_editors_and_github_do() {
        let file = SourceFile::new("a.py".into(), Language::Python, "a\rbb\r\ncc\r".into());
        assert_eq!(file.text, "a\nbb\r\ncc\n");
        assert_eq!(file.position(2), Position { line: 2, column: 1 });
        assert_eq!(file.line_text(1), "bb");
        assert_eq!(file.position(6), Position { line: 3, column: 1 });
    }

    #[test]
    fn minified_javascript_is_told_by_its_average_line_length() {
        let one_line = format!("var a=[{}];", "1,".repeat(300));
        assert_eq!(minified_line_average(Language::JavaScript, &one_line), Some(one_line.len()));
        // The same bytes over readable lines, a short file, or another grammar: not minified.
        let readable = "const a = [1, 2, 3];\n".repeat(40);
        assert_eq!(minified_line_average(Language::JavaScript, &readable), None);
        assert_eq!(minified_line_average(Language::JavaScript, "var a=[1,2,3];"), None);
        assert_eq!(minified_line_average(Language::TypeScript, &one_line), None);
        assert_eq!(minified_line_average(Language::Python, &one_line), None);
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_and_multibyte_chars() {
        let file = SourceFile::new("a.py".into(), Language::Python, "x = 1\né😀 = f(y)\n".into());
        let y = file.text.find('y').unwrap();
        // 'é' is one UTF-16 unit, '😀' two, then " = f(" five: y is at unit 8, column 9.
        assert_eq!(file.position(y), Position { line: 2, column: 9 });
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        assert_eq!(file.line_text(1), "é😀 = f(y)");
    }

    #[test]
    fn columns_on_a_long_non_ascii_line_match_a_utf16_count() {
        // A minified-style line over several blocks, mixing 1-, 2-, 3- and 4-byte characters.
        let line: String = (0..3000).map(|i| ['a', 'é', '€', '😀'][i % 7 % 4]).collect();
        let text = format!("x\n{line}\ny");
        let file = SourceFile::new("m.js".into(), Language::JavaScript, text.clone());
        let start = 2;
        for (byte, _) in text[start..start + line.len()].char_indices().step_by(37) {
            let expected = text[start..start + byte].encode_utf16().count() as u32 + 1;
            assert_eq!(file.position(start + byte), Position { line: 2, column: expected });
        }
        let end = file.position(text.len());
        assert_eq!((end.line, end.column), (3, 2));
    }

    #[test]
    fn end_of_file_position_is_after_last_character() {
        let file = SourceFile::new("a.py".into(), Language::Python, "ab".into());
        assert_eq!(file.position(2), Position { line: 1, column: 3 });
    }
}
