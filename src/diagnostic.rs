//! What a scan produces: findings (a rule's verdict on a span of code) and
//! notifications (what the tool itself has to say about a file: skipped,
//! unreadable, unparsable, an internal error).
//!
//! Invariant: every position is 1-based, columns count UTF-16 code units (what
//! editors, GitHub and SARIF expect), and an end column is the column after
//! the last character.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered from least to most serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "note" => Some(Level::Note),
            "warning" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A position in a file: 1-based line and 1-based UTF-16 column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// A span of a file. (Serialized whole for the cache; the output formats
/// write their own shapes.)
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    /// Path relative to the scan root, `/`-separated (shared by every
    /// location in the file: the project index holds many).
    #[serde(with = "file_path")]
    pub path: std::sync::Arc<str>,
    pub start: Position,
    pub end: Position,
    /// Byte range in the file (for snippets; not part of any output schema).
    pub bytes: Range<usize>,
}

impl Location {
    /// Where this span starts, one column wide: a function named by its
    /// first line rather than its whole body.
    pub fn start_only(&self) -> Location {
        Span::of(self).start_only().in_file(&self.path)
    }
}

/// A span of a file without the file's path: what the project index keeps
/// for each import and function, whose file is known from where the fact
/// sits (24 bytes where a [`Location`] takes 48). Byte offsets fit in `u32`,
/// as in the parser's trees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: Position,
    pub end: Position,
    start_byte: u32,
    end_byte: u32,
}

impl Span {
    /// The span from `start` to `end`, bytes `bytes` of its file.
    pub fn new(start: Position, end: Position, bytes: Range<usize>) -> Span {
        let offset = |byte: usize| u32::try_from(byte).unwrap_or(u32::MAX);
        Span { start, end, start_byte: offset(bytes.start), end_byte: offset(bytes.end) }
    }

    /// The span of `location`, without its path.
    pub fn of(location: &Location) -> Span {
        Span::new(location.start, location.end, location.bytes.clone())
    }

    /// Its byte range in the file.
    pub fn bytes(&self) -> Range<usize> {
        self.start_byte as usize..self.end_byte as usize
    }

    /// Where this span starts, one column wide (see [`Location::start_only`]).
    pub fn start_only(&self) -> Span {
        Span {
            start: self.start,
            end: Position { line: self.start.line, column: self.start.column + 1 },
            start_byte: self.start_byte,
            end_byte: self.start_byte.saturating_add(1),
        }
    }

    /// The location of this span in the file at `path`.
    pub fn in_file(&self, path: &std::sync::Arc<str>) -> Location {
        Location { path: path.clone(), start: self.start, end: self.end, bytes: self.bytes() }
    }
}

/// The rule ids a build knows: a stored finding must name one of them.
pub type RuleIds = fn(&str) -> Option<&'static str>;

/// The file whose outcome is being stored or read back (see
/// [`with_stored_file`]).
#[derive(Clone)]
pub struct StoredFile {
    pub path: std::sync::Arc<str>,
    pub rule_ids: RuleIds,
}

thread_local! {
    static STORED_FILE: std::cell::RefCell<Option<StoredFile>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` (a serialization of one file's outcome, for the content cache)
/// in the context of `file`: locations in that file store an empty path and
/// read back as one shared `Arc` of it (the cache holds thousands of
/// locations per file; the path would otherwise be most of its bytes), and
/// findings read back must name a rule of `file.rule_ids`. Outside such a
/// context a finding cannot be read back.
pub fn with_stored_file<T>(file: StoredFile, f: impl FnOnce() -> T) -> T {
    let previous = STORED_FILE.with(|current| current.replace(Some(file)));
    let result = f();
    STORED_FILE.with(|current| *current.borrow_mut() = previous);
    result
}

fn stored_file() -> Option<StoredFile> {
    STORED_FILE.with(|current| current.borrow().clone())
}

/// Serde for [`Location::path`] under [`with_stored_file`].
mod file_path {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serializer};

    use super::STORED_FILE;

    pub fn serialize<S: Serializer>(path: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
        let in_file = STORED_FILE.with(|current| current.borrow().as_ref().is_some_and(|file| &file.path == path));
        serializer.serialize_str(if in_file { "" } else { path })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Arc<str>, D::Error> {
        let path = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        if path.is_empty()
            && let Some(file) = super::stored_file()
        {
            return Ok(file.path);
        }
        Ok(Arc::from(path.as_ref()))
    }
}

/// A secondary location that explains a finding (the statement that built a
/// string, the declaration of a mutated global, an edge of a cycle).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub location: Location,
    pub message: String,
}

/// One finding of one rule. (Serialized whole for the cache; the JSON
/// format writes its own shape, see `report::json`.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub level: Level,
    pub message: String,
    pub location: Location,
    pub related: Vec<Related>,
    /// For a finding reached through calls, the path in execution order
    /// (the call site, the function called, the call that does it): SARIF
    /// `codeFlows`, the `flow` array in JSON.
    pub flow: Vec<Related>,
    /// The source line the finding starts on, with any secret masked.
    pub snippet: String,
    /// GitHub's `primaryLocationLineHash` of the start line.
    pub fingerprint: String,
    /// Byte ranges of the file that must never be shown (secrets). Applied
    /// to the snippet by the engine; rules keep them out of messages.
    pub redactions: Vec<Range<usize>>,
}

/// A [`Finding`] as read back from the cache, before its rule id is
/// checked against the rules this build has.
#[derive(Deserialize)]
struct StoredFinding {
    rule: String,
    level: Level,
    message: String,
    location: Location,
    related: Vec<Related>,
    flow: Vec<Related>,
    snippet: String,
    fingerprint: String,
    redactions: Vec<Range<usize>>,
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Finding, D::Error> {
        let stored = StoredFinding::deserialize(deserializer)?;
        let Some(rule) = stored_file().and_then(|file| (file.rule_ids)(&stored.rule)) else {
            return Err(serde::de::Error::custom("a finding of an unknown rule"));
        };
        Ok(Finding {
            rule,
            level: stored.level,
            message: stored.message,
            location: stored.location,
            related: stored.related,
            flow: stored.flow,
            snippet: stored.snippet,
            fingerprint: stored.fingerprint,
            redactions: stored.redactions,
        })
    }
}

impl Finding {
    /// A finding of `rule` at `location`, with nothing related yet (the
    /// engine fills its snippet and fingerprint).
    pub fn new(rule: &'static str, level: Level, location: Location, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            level,
            message: message.into(),
            location,
            related: Vec::new(),
            flow: Vec::new(),
            snippet: String::new(),
            fingerprint: String::new(),
            redactions: Vec::new(),
        }
    }

    /// Adds the next step of the finding's path (see [`Finding::flow`]).
    pub fn with_step(mut self, location: Location, message: impl Into<String>) -> Finding {
        self.flow.push(Related { location, message: message.into() });
        self
    }

    /// Adds a related location.
    pub fn with_related(mut self, location: Location, message: impl Into<String>) -> Finding {
        self.related.push(Related { location, message: message.into() });
        self
    }

    /// Marks a byte range as secret: it is masked in every output.
    pub fn redact(mut self, bytes: Range<usize>) -> Finding {
        self.redactions.push(bytes);
        self
    }

    /// The order of findings in every output: path, line, column, rule, then
    /// message so that equal positions still sort deterministically.
    pub fn sort_key(&self) -> (&str, Position, &str, &str, Position) {
        (&self.location.path, self.location.start, self.rule, &self.message, self.location.end)
    }
}

/// What kind of thing the tool reports about a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotificationKind {
    /// Larger than the size limit; skipped.
    TooLarge,
    /// Holds a NUL byte in its first 8 KiB; skipped.
    Binary,
    /// Could not be read (permissions, vanished, I/O error); skipped.
    Unreadable,
    /// Not valid UTF-8; analysed after lossy decoding.
    NotUtf8,
    /// Has syntax errors; analysed anyway.
    SyntaxError,
    /// Named explicitly but not a language backlint knows; skipped.
    Unsupported,
    /// A rule panicked on this file; its other findings are kept.
    InternalError,
    /// The walker could not enter a path (symlink loop, permissions).
    WalkError,
    /// A suppression comment that suppresses nothing.
    UnusedSuppression,
    /// Nested too deeply to analyse in reasonable time; parsed, skipped.
    TooDeep,
    /// JavaScript that looks minified or bundled; skipped.
    Minified,
    /// Took longer than `--timeout` to parse or check: not analysed, or not
    /// by every rule.
    TimedOut,
}

impl NotificationKind {
    /// Whether the file was left out of the analysis.
    pub fn is_skip(self) -> bool {
        matches!(
            self,
            NotificationKind::TooLarge
                | NotificationKind::Binary
                | NotificationKind::Unreadable
                | NotificationKind::Unsupported
                | NotificationKind::WalkError
                | NotificationKind::TooDeep
                | NotificationKind::Minified
                | NotificationKind::TimedOut
        )
    }

    /// How serious the notification is: an internal error is an error (the
    /// report is incomplete, and the run exits with 2); a file that could
    /// not be read or walked is a warning; the rest are notes.
    pub fn level(self) -> Level {
        match self {
            NotificationKind::InternalError => Level::Error,
            NotificationKind::Unreadable | NotificationKind::WalkError | NotificationKind::TimedOut => Level::Warning,
            _ => Level::Note,
        }
    }

    /// Whether every format lists it by default. Notifications about files
    /// that were not (fully) analysed are always listed, one line each;
    /// those about files that were analysed anyway (syntax errors, invalid
    /// UTF-8) are counted in the summary and listed with `--show-notes`.
    pub fn listed_by_default(self) -> bool {
        !matches!(self, NotificationKind::SyntaxError | NotificationKind::NotUtf8)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::TooLarge => "too-large",
            NotificationKind::Binary => "binary",
            NotificationKind::Unreadable => "unreadable",
            NotificationKind::NotUtf8 => "not-utf8",
            NotificationKind::SyntaxError => "syntax-error",
            NotificationKind::Unsupported => "unsupported",
            NotificationKind::InternalError => "internal-error",
            NotificationKind::WalkError => "walk-error",
            NotificationKind::UnusedSuppression => "unused-suppression",
            NotificationKind::TooDeep => "too-deep",
            NotificationKind::TimedOut => "timed-out",
            NotificationKind::Minified => "minified",
        }
    }
}

/// A message from the tool about one file (or path).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Notification {
    pub path: String,
    pub kind: NotificationKind,
    pub message: String,
    /// Where in the file, when known (the first syntax error).
    pub position: Option<Position>,
}
