//! What the analysis of one file produced: the unit the engine returns,
//! the content cache stores, and the scan merges.

use std::time::Duration;

use crate::diagnostic::{Finding, Notification};

/// What the analysis of one file produced: what the join keeps of it and
/// the times it took. (Serialized for the content cache without the times.)
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FileOutcome {
    pub result: FileResult,
    #[serde(skip)]
    pub timings: Timings,
    /// Time in each rule's check, by index in the rule set (empty when no
    /// rule ran). Facts shared by rules (the database summaries, the handlers)
    /// are charged to the first that asks; the node index is not (see
    /// `Timings::node_index`).
    #[serde(skip)]
    pub rule_times: Vec<Duration>,
}

/// What the join keeps of a file's outcome until every file is done: its
/// findings, notifications, counts and project facts. The times are summed
/// into [`Timings`] as each file finishes, not kept with it.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FileResult {
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
    /// Whether the file was parsed and analysed (not skipped).
    pub analysed: bool,
    pub syntax_error: bool,
    /// Whether the server-side rules judged it browser code and left it alone.
    pub browser_code: bool,
    /// The file's project facts, when a project rule or `backlint graph` needs them.
    pub index: Option<crate::project::FileIndex>,
}

/// Where the analysis of files spent its time (for `--stats`), summed over
/// threads.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub parse: Duration,
    /// In the combined query, the rules, suppressions and snippets.
    pub rules: Duration,
    /// In the combined query alone.
    pub query: Duration,
    /// Building the node index every rule asks (built once, before the
    /// rules, so that no rule is charged for it).
    pub node_index: Duration,
    /// Collecting the project facts.
    pub index: Duration,
}

impl std::ops::AddAssign for Timings {
    fn add_assign(&mut self, other: Timings) {
        self.parse += other.parse;
        self.rules += other.rules;
        self.query += other.query;
        self.node_index += other.node_index;
        self.index += other.index;
    }
}
