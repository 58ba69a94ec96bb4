//! What the analysis of one file produced: the unit the engine returns,
//! the content cache stores, and the scan merges.

use std::time::Duration;

use crate::diagnostic::{Finding, Notification};

/// What the analysis of one file produced. (Serialized for the content
/// cache without the timings.)
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FileOutcome {
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
    /// Whether the file was parsed and analysed (not skipped).
    pub analysed: bool,
    pub syntax_error: bool,
    /// Whether the server-side rules judged it browser code and left it alone.
    pub browser_code: bool,
    #[serde(skip)]
    pub parse_time: Duration,
    /// Time in the combined query, the rules, suppressions and snippets.
    #[serde(skip)]
    pub rules_time: Duration,
    /// Time in the combined query alone.
    #[serde(skip)]
    pub query_time: Duration,
    /// Time building the node index every rule asks (built once, before the
    /// rules, so that no rule is charged for it).
    #[serde(skip)]
    pub node_index_time: Duration,
    /// Time in each rule's check, by index in the rule set (empty when no
    /// rule ran). Facts shared by rules (the database summaries, the handlers)
    /// are charged to the first that asks; the node index is not (see
    /// `node_index_time`).
    #[serde(skip)]
    pub rule_times: Vec<Duration>,
    /// The file's project facts, when a project rule or `backlint graph` needs them.
    pub index: Option<crate::project::FileIndex>,
    /// Time spent collecting them.
    #[serde(skip)]
    pub index_time: Duration,
}

/// What the join keeps of a file's outcome until every file is done: its
/// findings, notifications, counts and project facts. The times are summed
/// into [`Timings`] as each file finishes, not kept with it.
#[derive(Debug, Default)]
pub struct FileResult {
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
    pub analysed: bool,
    pub syntax_error: bool,
    pub browser_code: bool,
    pub index: Option<crate::project::FileIndex>,
}

/// Where the analysis of a scan's files spent its time (for `--stats`),
/// summed over threads.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub parse: Duration,
    pub rules: Duration,
    pub query: Duration,
    pub node_index: Duration,
    pub index: Duration,
}

impl FileOutcome {
    /// Splits the outcome into what the join keeps and the times, adding
    /// those to `timings`.
    pub fn into_result(self, timings: &mut Timings) -> FileResult {
        timings.parse += self.parse_time;
        timings.rules += self.rules_time;
        timings.query += self.query_time;
        timings.node_index += self.node_index_time;
        timings.index += self.index_time;
        FileResult {
            findings: self.findings,
            notifications: self.notifications,
            analysed: self.analysed,
            syntax_error: self.syntax_error,
            browser_code: self.browser_code,
            index: self.index,
        }
    }
}
