//! Configuration: `backlint.toml`, `.backlint.toml` or `[tool.backlint]` in
//! `pyproject.toml`, found from the scan root upward (or named with
//! `--config`), merged with command-line overrides into [`Settings`].
//!
//! Invariant: a config problem is always reported with the file, line, column
//! and key, and never half-applied: loading either yields complete settings or
//! a [`ConfigError`].

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Level;

/// Default size limit for analysed files.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

/// The default time budget of one file, in seconds: a runaway file (a parser
/// or a rule that is slow on some input) becomes a `timed-out` note instead
/// of a stalled scan. The slowest real files take well under a second.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 5;

/// Folders not walked into unless named on the command line or
/// `default-excludes = false`: installed dependencies, build output, and
/// vendored third-party code (`vendor`, `third_party`), whose findings the
/// project cannot act on.
pub const DEFAULT_EXCLUDES: &[&str] =
    &["node_modules", "target", ".venv", "venv", "dist", "build", "__pycache__", ".git", "vendor", "third_party"];

/// Default globs of the data-access layer (folder names or file stems).
pub const DEFAULT_DATA_ACCESS: &[&str] = &[
    "repositories",
    "repository",
    "repo",
    "repos",
    "dao",
    "db",
    "database",
    "persistence",
    "store",
    "storage",
    "model",
    "models",
    "queries",
    "sql",
    "migrations",
    "*_repo.*",
    "*_repository.*",
    "*Repository.*",
    "*Dao.*",
    "*Store.*",
    "*-store*",
    "*_store*",
    "stores",
    "*ReadModel.*",
    "*-read-model.*",
    "*_read_model.*",
    "data",
    "crud",
    "dal",
    "managers",
    "databases",
    "*schema*",
    "*migrat*",
    "*-db",
    "*_db",
    "*_db.*",
    "db_*",
    "*_storage",
    "*_storages",
    "*_storage.*",
    "*-postgres",
    "*_postgres",
    "*-sqlite",
    "*_sqlite",
    "*-mysql",
    "*_mysql",
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "sqlite",
    "mssql",
];

/// Default globs of the config layer.
pub const DEFAULT_CONFIG: &[&str] = &["config", "settings", "conf", "*_config.*", "*.config.*", "*_settings.*"];

/// Default globs of test code.
pub const DEFAULT_TESTS: &[&str] = &[
    "test",
    "tests",
    "__tests__",
    "test_*.py",
    "*_test.py",
    "conftest.py",
    "testutils",
    "*test_helpers*",
    "*.test.*",
    "*.spec.*",
    "*_test.rs",
    "e2e",
    "benches",
    "benchmarks",
    "fixtures",
    "examples",
    "example",
    "*-examples",
    "*_examples",
    "example_*",
    "*_example",
    "*_example.*",
    "testing",
    "__mocks__",
    "mockServiceWorker.js",
];

/// The commented config `backlint init` writes.
pub const INIT_TEMPLATE: &str = include_str!("init_template.toml");

/// A config problem, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path.display(), self.line, self.column, self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    default_excludes: Option<bool>,
    max_file_size: Option<u64>,
    timeout: Option<u64>,
    fail_on: Option<Level>,
    report_unused_suppressions: Option<bool>,
    cache_dir: Option<PathBuf>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    rules: Option<BTreeMap<Spanned<String>, RuleTable>>,
    layers: Option<LayersFile>,
    architecture: Option<ArchitectureFile>,
}

/// A `[rules.<id>]` table: `level` and the rule's options, with spans.
type RuleTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LayersFile {
    data_access: Option<Vec<Spanned<String>>>,
    config: Option<Vec<Spanned<String>>>,
    tests: Option<Vec<Spanned<String>>>,
    browser: Option<Vec<Spanned<String>>>,
    server: Option<Vec<Spanned<String>>>,
}

/// `[architecture]`: ordered layers and contracts between paths.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ArchitectureFile {
    layers: Option<Vec<LayerFile>>,
    contracts: Option<Vec<ContractFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LayerFile {
    name: Spanned<String>,
    paths: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ContractFile {
    name: Option<String>,
    kind: Spanned<String>,
    from: Option<Vec<Spanned<String>>>,
    to: Option<Vec<Spanned<String>>>,
    modules: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
struct PyProject {
    tool: Option<PyProjectTool>,
}

#[derive(Deserialize)]
struct PyProjectTool {
    backlint: Option<ConfigFile>,
}

/// Command-line overrides of the config.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub exclude: Vec<String>,
    pub max_file_size: Option<u64>,
    /// `--timeout`, in seconds; 0 turns the budget off.
    pub timeout: Option<u64>,
    pub fail_on: Option<Level>,
    pub report_unused_suppressions: bool,
}

/// The type of a rule option's value, checked when the config is loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Integer,
    Boolean,
    String,
    StringList,
}

impl OptionKind {
    pub fn describe(self) -> &'static str {
        match self {
            OptionKind::Integer => "an integer",
            OptionKind::Boolean => "a boolean",
            OptionKind::String => "a string",
            OptionKind::StringList => "a list of strings",
        }
    }

    pub fn accepts(self, value: &toml::Value) -> bool {
        match self {
            OptionKind::Integer => value.is_integer(),
            OptionKind::Boolean => value.is_bool(),
            OptionKind::String => value.is_str(),
            OptionKind::StringList => value.as_array().is_some_and(|a| a.iter().all(toml::Value::is_str)),
        }
    }
}

/// An option a rule reads from `[rules.<id>]`.
#[derive(Debug)]
pub struct RuleOption {
    pub name: &'static str,
    pub kind: OptionKind,
}

/// What the configuration knows of a rule: its id, default level and the
/// options it reads. The rule registry (`rules::RuleSet`) provides them, so
/// the configuration names no rule and depends on none.
#[derive(Debug, Clone, Copy)]
pub struct KnownRule {
    pub id: &'static str,
    pub level: Level,
    pub options: &'static [RuleOption],
}

/// The rules a configuration is checked against, in a fixed order: an
/// [`ActiveRule::index`] is an index into it.
pub trait RuleCatalogue {
    fn known_rules(&self) -> &[KnownRule];

    fn index_of(&self, id: &str) -> Option<usize> {
        self.known_rules().iter().position(|rule| rule.id == id)
    }
}

/// One rule of a scan with its level and options.
#[derive(Debug, Clone)]
pub struct ActiveRule {
    /// Index into the scan's rules (see [`RuleCatalogue`]).
    pub index: usize,
    pub level: Level,
    pub options: toml::Table,
}

/// Path globs of the architectural layers rules reason about.
#[derive(Debug, Clone)]
pub struct Layers {
    pub data_access: PathMatcher,
    pub config: PathMatcher,
    pub tests: PathMatcher,
    /// JavaScript/TypeScript always judged browser code (default: none).
    pub browser: PathMatcher,
    /// JavaScript/TypeScript never judged browser code, whatever it imports
    /// or wherever it sits (default: none).
    pub server: PathMatcher,
}

impl Default for Layers {
    fn default() -> Layers {
        let defaults = |globs: &[&str]| PathMatcher::new(globs.iter().copied()).expect("default globs are valid");
        Layers {
            data_access: defaults(DEFAULT_DATA_ACCESS),
            config: defaults(DEFAULT_CONFIG),
            tests: defaults(DEFAULT_TESTS),
            browser: defaults(&[]),
            server: defaults(&[]),
        }
    }
}

/// A set of path globs matched against root-relative `/`-separated paths.
/// A glob without `/` matches the name of any folder or file on the path
/// (like a `.gitignore` line), and a bare word (`db`) also matches a file stem
/// (`db.py`), in any case (`Storage/`, `DB.ts`); a glob with `/` matches
/// from the root. Everything below a matched folder matches too.
#[derive(Debug, Clone)]
pub struct PathMatcher {
    set: GlobSet,
    patterns: Vec<String>,
    anchor: Anchor,
}

/// How a root-relative path becomes relative to the config file's folder,
/// which is what config globs are written against.
#[derive(Debug, Clone, Default)]
struct Anchor {
    /// Removed from the front of a root-relative path (config below the root).
    strip: String,
    /// Added in front of it (config above the root).
    prepend: String,
}

impl PathMatcher {
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<PathMatcher, globset::Error> {
        let mut builder = GlobSetBuilder::new();
        let mut kept = Vec::new();
        for pattern in patterns {
            let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
            let anchored = if trimmed.contains('/') { trimmed.to_string() } else { format!("**/{trimmed}") };
            // A bare word names a folder or a module in any case (`storage`
            // is also `Adapters/Storage/`, `db` also `DB.py`); a glob with
            // wildcards keeps its case (`*Store.*` is not `restore.py`).
            let bare = !trimmed.contains(['/', '.', '*', '?', '[', '{']);
            let glob = |text: &str| GlobBuilder::new(text).case_insensitive(bare).build();
            builder.add(glob(&anchored)?);
            builder.add(glob(&format!("{anchored}/**"))?);
            if bare {
                builder.add(glob(&format!("**/{trimmed}.*"))?);
            }
            kept.push(pattern.to_string());
        }
        Ok(PathMatcher { set: builder.build()?, patterns: kept, anchor: Anchor::default() })
    }

    pub fn empty() -> PathMatcher {
        PathMatcher { set: GlobSet::empty(), patterns: Vec::new(), anchor: Anchor::default() }
    }

    /// Whether a scan-root-relative, `/`-separated path matches.
    pub fn is_match(&self, path: &str) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        // A path outside the config's folder is not governed by its globs.
        let Some(relative) = path.strip_prefix(self.anchor.strip.as_str()) else { return false };
        if self.anchor.prepend.is_empty() {
            self.set.is_match(relative)
        } else {
            self.set.is_match(format!("{}{relative}", self.anchor.prepend))
        }
    }

    /// Whether no pattern was given (nothing matches).
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// The patterns and how they are anchored, as text (for cache keys).
    fn describe(&self) -> String {
        format!("{:?} strip={:?} prepend={:?}", self.patterns, self.anchor.strip, self.anchor.prepend)
    }
}

/// The declared architecture: layers from top (e.g. handlers) to bottom
/// (e.g. data access), and contracts. Empty when nothing is declared.
#[derive(Debug, Clone, Default)]
pub struct Architecture {
    pub layers: Vec<Layer>,
    pub contracts: Vec<Contract>,
}

/// A named layer: the files its globs match.
#[derive(Debug, Clone)]
pub struct Layer {
    pub name: String,
    pub paths: PathMatcher,
}

/// A contract between paths.
#[derive(Debug, Clone)]
pub struct Contract {
    /// The contract's `name`, or a description made from its globs.
    pub name: String,
    pub kind: ContractKind,
}

#[derive(Debug, Clone)]
pub enum ContractKind {
    /// Files matching `from` must not import files matching `to`.
    Forbidden { from: PathMatcher, to: PathMatcher },
    /// Each match of a glob (e.g. `services/*`) is a group that must not
    /// import another group.
    Independent(GroupMatcher),
}

impl Architecture {
    /// The index of the first layer whose globs match `path`.
    pub fn layer_of(&self, path: &str) -> Option<usize> {
        self.layers.iter().position(|l| l.paths.is_match(path))
    }

    fn matchers(&mut self) -> impl Iterator<Item = &mut Anchor> {
        let layers = self.layers.iter_mut().map(|l| &mut l.paths.anchor);
        let contracts = self.contracts.iter_mut().flat_map(|c| match &mut c.kind {
            ContractKind::Forbidden { from, to } => vec![&mut from.anchor, &mut to.anchor],
            ContractKind::Independent(groups) => vec![&mut groups.anchor],
        });
        layers.chain(contracts)
    }
}

/// Globs whose matches are groups: a path belongs to the group named by its
/// shortest leading part (whole `/`-separated components) that a glob
/// matches. A glob without `/` matches at any depth.
#[derive(Debug, Clone)]
pub struct GroupMatcher {
    globs: Vec<globset::GlobMatcher>,
    anchor: Anchor,
}

impl GroupMatcher {
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<GroupMatcher, globset::Error> {
        let mut globs = Vec::new();
        for pattern in patterns {
            let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
            let anchored = if trimmed.contains('/') { trimmed.to_string() } else { format!("**/{trimmed}") };
            globs.push(Glob::new(&anchored)?.compile_matcher());
        }
        Ok(GroupMatcher { globs, anchor: Anchor::default() })
    }

    /// The group of a scan-root-relative path, as the matched leading part.
    pub fn group_of(&self, path: &str) -> Option<String> {
        let relative = path.strip_prefix(self.anchor.strip.as_str())?;
        let full = format!("{}{relative}", self.anchor.prepend);
        let mut end = 0;
        for component in full.split('/') {
            end += component.len();
            let prefix = &full[..end];
            if self.globs.iter().any(|g| g.is_match(prefix)) {
                return Some(prefix.strip_prefix(self.anchor.prepend.as_str()).unwrap_or(prefix).to_string());
            }
            end += 1;
        }
        None
    }
}

/// Everything a scan needs to know from config and command line.
#[derive(Debug, Clone)]
pub struct Settings {
    pub rules: Vec<ActiveRule>,
    pub exclude: PathMatcher,
    /// Whether the [`DEFAULT_EXCLUDES`] folders are left out.
    pub default_excludes: bool,
    pub per_file_ignores: Vec<(PathMatcher, Vec<String>)>,
    pub layers: Layers,
    pub max_file_size: u64,
    /// The time budget of one file (parsing and rules); `None`: no budget.
    pub timeout: Option<std::time::Duration>,
    pub fail_on: Level,
    pub report_unused_suppressions: bool,
    /// The config file the settings came from, if any.
    pub config_path: Option<PathBuf>,
    /// `cache-dir`: where the content cache lives (resolved against the
    /// config file's folder); `None`: `.backlint_cache` at the scan root.
    pub cache_dir: Option<PathBuf>,
    /// `[architecture]`: declared layers and contracts.
    pub architecture: Architecture,
    /// Collect the project index even when no project rule runs (`backlint graph`).
    pub build_index: bool,
    /// Also fill what each function performs and the handlers and routes of
    /// each file, for `backlint flow`.
    pub build_flows: bool,
}

impl Settings {
    /// Settings with every rule of `rules` at its default level and no config.
    pub fn defaults(rules: &dyn RuleCatalogue) -> Settings {
        Settings::build(rules, None, ConfigFile::default(), "", &Overrides::default())
            .expect("the default configuration is valid")
    }

    /// Loads the config found for `root` (or `explicit`) and applies overrides.
    pub fn load(
        rules: &dyn RuleCatalogue,
        root: &Path,
        explicit: Option<&Path>,
        overrides: &Overrides,
    ) -> Result<Settings, ConfigError> {
        let found = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => discover(root),
        };
        let Some(path) = found else {
            return Settings::build(rules, None, ConfigFile::default(), "", overrides);
        };
        let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
            path: path.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read config: {e}"),
        })?;
        let file = parse_config(&path, &text)?;
        Settings::build(rules, Some(path), file, &text, overrides)
    }

    /// Parses a config text (as if read from `path`) and applies overrides.
    pub fn from_toml(
        rules: &dyn RuleCatalogue,
        path: &Path,
        text: &str,
        overrides: &Overrides,
    ) -> Result<Settings, ConfigError> {
        let file = parse_config(path, text)?;
        Settings::build(rules, Some(path.to_path_buf()), file, text, overrides)
    }

    fn build(
        rules: &dyn RuleCatalogue,
        path: Option<PathBuf>,
        file: ConfigFile,
        text: &str,
        overrides: &Overrides,
    ) -> Result<Settings, ConfigError> {
        let path_for_errors = path.clone().unwrap_or_else(|| PathBuf::from("<command line>"));
        let reader = Reader { rules, path: &path_for_errors, text };
        let selected = reader.selection(&file, overrides)?;
        let (levels, mut options) = reader.levels_and_options(&file)?;
        let active = (0..rules.known_rules().len())
            .filter(|&i| selected[i])
            .filter_map(|i| {
                levels[i].map(|level| ActiveRule { index: i, level, options: std::mem::take(&mut options[i]) })
            })
            .collect();

        let exclude = reader.globs(&file.exclude, &overrides.exclude, None)?;
        let mut per_file_ignores = Vec::new();
        for (glob, ids) in file.per_file_ignores.iter().flatten() {
            for id in ids {
                reader.check_id(id)?;
            }
            let matcher = reader.globs(&Some(vec![glob.clone()]), &[], None)?;
            per_file_ignores.push((matcher, ids.iter().map(|i| i.get_ref().clone()).collect()));
        }
        let layers_file = file.layers.unwrap_or_default();
        let layers = Layers {
            data_access: reader.globs(&layers_file.data_access, &[], Some(DEFAULT_DATA_ACCESS))?,
            config: reader.globs(&layers_file.config, &[], Some(DEFAULT_CONFIG))?,
            tests: reader.globs(&layers_file.tests, &[], Some(DEFAULT_TESTS))?,
            browser: reader.globs(&layers_file.browser, &[], Some(&[]))?,
            server: reader.globs(&layers_file.server, &[], Some(&[]))?,
        };

        let architecture = architecture(file.architecture.unwrap_or_default(), &path_for_errors, text)?;

        Ok(Settings {
            rules: active,
            exclude,
            default_excludes: file.default_excludes.unwrap_or(true),
            per_file_ignores,
            layers,
            max_file_size: overrides.max_file_size.or(file.max_file_size).unwrap_or(DEFAULT_MAX_FILE_SIZE),
            timeout: match overrides.timeout.or(file.timeout).unwrap_or(DEFAULT_TIMEOUT_SECONDS) {
                0 => None,
                seconds => Some(std::time::Duration::from_secs(seconds)),
            },
            fail_on: overrides.fail_on.or(file.fail_on).unwrap_or(Level::Warning),
            report_unused_suppressions: overrides.report_unused_suppressions
                || file.report_unused_suppressions.unwrap_or(false),
            cache_dir: file.cache_dir.map(|dir| match path.as_ref().and_then(|p| p.parent()) {
                Some(base) => base.join(dir),
                None => dir,
            }),
            config_path: path,
            architecture,
            build_index: false,
            build_flows: false,
        })
    }

    /// Anchors the config's globs at the config file's folder for a scan
    /// whose paths are relative to `root` (both absolute). Without a config
    /// file, globs are relative to the root.
    pub fn anchor_at(&mut self, root: &Path) {
        let Some(base) = self.config_path.as_ref().and_then(|p| p.parent()).and_then(|p| std::path::absolute(p).ok())
        else {
            return;
        };
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let as_prefix = |p: &Path| {
            let parts: Vec<String> = p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            if parts.is_empty() { String::new() } else { format!("{}/", parts.join("/")) }
        };
        let anchor = if let Ok(below) = base.strip_prefix(&root) {
            Anchor { strip: as_prefix(below), prepend: String::new() }
        } else if let Ok(above) = root.strip_prefix(&base) {
            Anchor { strip: String::new(), prepend: as_prefix(above) }
        } else {
            Anchor::default()
        };
        for matcher in [
            &mut self.exclude,
            &mut self.layers.data_access,
            &mut self.layers.config,
            &mut self.layers.tests,
            &mut self.layers.browser,
            &mut self.layers.server,
        ]
        .into_iter()
        .chain(self.per_file_ignores.iter_mut().map(|(m, _)| m))
        {
            matcher.anchor = anchor.clone();
        }
        for matcher in self.architecture.matchers() {
            *matcher = anchor.clone();
        }
    }

    /// Whether findings of `rule` are ignored in `path` by `per-file-ignores`.
    /// Everything of the settings that the analysis of one file depends on,
    /// as text: the content cache keeps one file per distinct key. (What
    /// only the walk, the project join or the exit code reads is left out:
    /// excludes, the architecture, `fail-on`; the timeout too, since timed-out
    /// outcomes are never cached.)
    pub fn analysis_key(&self, rules: &dyn RuleCatalogue) -> String {
        use std::fmt::Write;
        let mut key = String::new();
        for rule in &self.rules {
            let id = rules.known_rules()[rule.index].id;
            let _ = writeln!(key, "rule {id} {} {}", rule.level, rule.options);
        }
        for (matcher, ids) in &self.per_file_ignores {
            let _ = writeln!(key, "per-file-ignores {} {ids:?}", matcher.describe());
        }
        let layers = &self.layers;
        for (name, matcher) in [
            ("data-access", &layers.data_access),
            ("config", &layers.config),
            ("tests", &layers.tests),
            ("browser", &layers.browser),
            ("server", &layers.server),
        ] {
            let _ = writeln!(key, "layer {name} {}", matcher.describe());
        }
        let _ = writeln!(
            key,
            "max-file-size {} unused-suppressions {} index {} flows {}",
            self.max_file_size, self.report_unused_suppressions, self.build_index, self.build_flows
        );
        key
    }

    pub fn ignored_in(&self, rule: &str, path: &str) -> bool {
        self.per_file_ignores.iter().any(|(matcher, ids)| ids.iter().any(|id| id == rule) && matcher.is_match(path))
    }
}

/// Finds the config for a scan rooted at `root`: the nearest folder, from
/// `root` upward, holding `backlint.toml`, `.backlint.toml` or a
/// `pyproject.toml` with a `[tool.backlint]` table.
pub fn discover(root: &Path) -> Option<PathBuf> {
    let start = if root.is_file() { root.parent()? } else { root };
    let start = start.canonicalize().ok()?;
    for dir in start.ancestors() {
        for name in ["backlint.toml", ".backlint.toml"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        let pyproject = dir.join("pyproject.toml");
        if pyproject.is_file() {
            let has_table = std::fs::read_to_string(&pyproject)
                .ok()
                .and_then(|text| toml::from_str::<toml::Table>(&text).ok())
                .is_some_and(|t| t.get("tool").and_then(|tool| tool.get("backlint")).is_some());
            if has_table {
                return Some(pyproject);
            }
        }
    }
    None
}

/// Reads a parsed config file against the rule catalogue, with what its
/// errors need to say where they are.
struct Reader<'a> {
    rules: &'a dyn RuleCatalogue,
    /// The config file (or `<command line>`).
    path: &'a Path,
    text: &'a str,
}

impl Reader<'_> {
    /// An error at `span` of the config file.
    fn error(&self, span: std::ops::Range<usize>, message: String) -> ConfigError {
        located(self.path, self.text, span, message)
    }

    /// An error in a command-line option.
    fn cli_error(message: String) -> ConfigError {
        ConfigError { path: PathBuf::from("<command line>"), line: 1, column: 1, message }
    }

    /// A rule id of the config must name a rule; gives its index.
    fn check_id(&self, id: &Spanned<String>) -> Result<usize, ConfigError> {
        self.rules
            .index_of(id.get_ref())
            .ok_or_else(|| self.error(id.span(), format!("unknown rule id `{}`", id.get_ref())))
    }

    /// Which rules are selected, by index: the command line's `--select`
    /// replaces the config's `select`; `ignore` and `--ignore` take rules out.
    fn selection(&self, file: &ConfigFile, overrides: &Overrides) -> Result<Vec<bool>, ConfigError> {
        let count = self.rules.known_rules().len();
        let mut selected: Vec<bool> = match (&overrides.select, &file.select) {
            (Some(ids), _) => {
                let mut on = vec![false; count];
                for id in ids {
                    let index = self
                        .rules
                        .index_of(id)
                        .ok_or_else(|| Self::cli_error(format!("--select: unknown rule id `{id}`")))?;
                    on[index] = true;
                }
                on
            }
            (None, Some(ids)) => {
                let mut on = vec![false; count];
                for id in ids {
                    on[self.check_id(id)?] = true;
                }
                on
            }
            (None, None) => vec![true; count],
        };
        for id in file.ignore.iter().flatten() {
            selected[self.check_id(id)?] = false;
        }
        for id in &overrides.ignore {
            let index =
                self.rules.index_of(id).ok_or_else(|| Self::cli_error(format!("--ignore: unknown rule id `{id}`")))?;
            selected[index] = false;
        }
        Ok(selected)
    }

    /// Each rule's level (`None`: off) and options, from its default and
    /// its `[rules.<id>]` table, whose keys and values are checked against
    /// the options the rule declares.
    fn levels_and_options(&self, file: &ConfigFile) -> Result<(Vec<Option<Level>>, Vec<toml::Table>), ConfigError> {
        let known = self.rules.known_rules();
        let mut levels: Vec<Option<Level>> = known.iter().map(|rule| Some(rule.level)).collect();
        let mut options = vec![toml::Table::new(); known.len()];
        for (id, table) in file.rules.iter().flatten() {
            let index = self.check_id(id)?;
            let rule = &known[index];
            for (key, value) in table {
                if key.get_ref() == "level" {
                    levels[index] = match value.get_ref().as_str() {
                        Some("off") => None,
                        Some(level) if Level::parse(level).is_some() => Level::parse(level),
                        _ => {
                            return Err(self.error(
                                value.span(),
                                format!(
                                    "`rules.{}.level` must be one of \"error\", \"warning\", \"note\", \"off\"",
                                    id.get_ref()
                                ),
                            ));
                        }
                    };
                    continue;
                }
                let Some(option) = rule.options.iter().find(|o| o.name == key.get_ref()) else {
                    let names: Vec<&str> =
                        std::iter::once("level").chain(rule.options.iter().map(|o| o.name)).collect();
                    return Err(self.error(
                        key.span(),
                        format!(
                            "unknown key `{}` in `[rules.{}]` (expected one of: {})",
                            key.get_ref(),
                            id.get_ref(),
                            names.join(", ")
                        ),
                    ));
                };
                if !option.kind.accepts(value.get_ref()) {
                    return Err(self.error(
                        value.span(),
                        format!("`rules.{}.{}` must be {}", id.get_ref(), key.get_ref(), option.kind.describe()),
                    ));
                }
                options[index].insert(key.get_ref().clone(), value.get_ref().clone());
            }
        }
        Ok((levels, options))
    }

    /// A path matcher from a list of globs of the config (each checked,
    /// with its position on error) or, without one, from `defaults`; the
    /// command line's `extra` globs are added either way.
    fn globs(
        &self,
        list: &Option<Vec<Spanned<String>>>,
        extra: &[String],
        defaults: Option<&[&str]>,
    ) -> Result<PathMatcher, ConfigError> {
        let Some(list) = list else {
            let patterns: Vec<&str> =
                defaults.unwrap_or(&[]).iter().copied().chain(extra.iter().map(String::as_str)).collect();
            return PathMatcher::new(patterns).map_err(|e| Self::cli_error(format!("invalid glob: {e}")));
        };
        for glob in list {
            if let Err(e) = Glob::new(glob.get_ref()) {
                return Err(self.error(glob.span(), format!("invalid glob `{}`: {}", glob.get_ref(), e.kind())));
            }
        }
        let patterns: Vec<&str> =
            list.iter().map(|g| g.get_ref().as_str()).chain(extra.iter().map(String::as_str)).collect();
        PathMatcher::new(patterns).map_err(|e| Self::cli_error(format!("invalid glob: {e}")))
    }
}

/// Checks and compiles `[architecture]`; errors point at the offending value.
fn architecture(file: ArchitectureFile, path: &Path, text: &str) -> Result<Architecture, ConfigError> {
    let error = |span: std::ops::Range<usize>, message: String| located(path, text, span, message);
    let matcher = |globs: &[Spanned<String>]| -> Result<PathMatcher, ConfigError> {
        for glob in globs {
            if let Err(e) = Glob::new(glob.get_ref()) {
                return Err(error(glob.span(), format!("invalid glob `{}`: {}", glob.get_ref(), e.kind())));
            }
        }
        PathMatcher::new(globs.iter().map(|g| g.get_ref().as_str()))
            .map_err(|e| error(0..0, format!("invalid glob: {e}")))
    };
    let mut out = Architecture::default();
    for layer in file.layers.unwrap_or_default() {
        if out.layers.iter().any(|l| l.name == *layer.name.get_ref()) {
            return Err(error(layer.name.span(), format!("layer `{}` is declared twice", layer.name.get_ref())));
        }
        if layer.paths.is_empty() {
            return Err(error(layer.name.span(), format!("layer `{}` has no `paths`", layer.name.get_ref())));
        }
        out.layers.push(Layer { name: layer.name.get_ref().clone(), paths: matcher(&layer.paths)? });
    }
    for contract in file.contracts.unwrap_or_default() {
        let list = |globs: &Option<Vec<Spanned<String>>>| {
            globs.as_ref().map(|g| g.iter().map(|s| s.get_ref().as_str()).collect::<Vec<_>>().join(", "))
        };
        let (kind, name) = match contract.kind.get_ref().as_str() {
            "forbidden" => {
                let (Some(from), Some(to)) = (&contract.from, &contract.to) else {
                    return Err(error(
                        contract.kind.span(),
                        "a `forbidden` contract needs `from` and `to` globs".into(),
                    ));
                };
                let name = format!(
                    "{} must not import {}",
                    list(&contract.from).unwrap_or_default(),
                    list(&contract.to).unwrap_or_default()
                );
                (ContractKind::Forbidden { from: matcher(from)?, to: matcher(to)? }, name)
            }
            "independent" => {
                let Some(modules) = &contract.modules else {
                    return Err(error(contract.kind.span(), "an `independent` contract needs `modules` globs".into()));
                };
                for glob in modules {
                    if let Err(e) = Glob::new(glob.get_ref()) {
                        return Err(error(glob.span(), format!("invalid glob `{}`: {}", glob.get_ref(), e.kind())));
                    }
                }
                let groups = GroupMatcher::new(modules.iter().map(|g| g.get_ref().as_str()))
                    .map_err(|e| error(contract.kind.span(), format!("invalid glob: {e}")))?;
                (
                    ContractKind::Independent(groups),
                    format!("{} are independent", list(&contract.modules).unwrap_or_default()),
                )
            }
            other => {
                return Err(error(
                    contract.kind.span(),
                    format!("unknown contract kind `{other}` (expected \"forbidden\" or \"independent\")"),
                ));
            }
        };
        out.contracts.push(Contract { name: contract.name.unwrap_or(name), kind });
    }
    Ok(out)
}

fn parse_config(path: &Path, text: &str) -> Result<ConfigFile, ConfigError> {
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let to_error = |e: toml::de::Error| {
        let span = e.span().unwrap_or(0..0);
        // Type errors point at the value and do not name its key: name it.
        let message = match key_at(text, span.start) {
            Some(key) if !e.message().contains(&key) => format!("`{key}`: {}", e.message()),
            _ => e.message().to_string(),
        };
        located(path, text, span, message)
    };
    if is_pyproject {
        let pyproject: PyProject = toml::from_str(text).map_err(to_error)?;
        Ok(pyproject.tool.and_then(|t| t.backlint).unwrap_or_default())
    } else {
        toml::from_str(text).map_err(to_error)
    }
}

/// The dotted key whose value is at `offset` (`rules.x.level`), when the
/// offset lies after the `=` of a `key = value` line.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset.min(text.len()))?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let (key, _) = before[line_start..].split_once('=')?;
    let key = key.trim().trim_matches('"');
    if key.is_empty() || key.starts_with('#') {
        return None;
    }
    // The table the line belongs to: the nearest `[header]` above it.
    let table = before[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|header| header.trim_start_matches('[').split(']').next().unwrap_or("").trim().replace('"', ""));
    Some(match table {
        Some(table) if !table.is_empty() => format!("{table}.{key}"),
        _ => key.to_string(),
    })
}

fn located(path: &Path, text: &str, span: std::ops::Range<usize>, message: String) -> ConfigError {
    let offset = span.start.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ConfigError { path: path.to_path_buf(), line, column, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Settings, ConfigError> {
        Settings::from_toml(&crate::rules::RuleSet::all(), Path::new("backlint.toml"), text, &Overrides::default())
    }

    #[test]
    fn unknown_top_level_key_names_key_line_and_column() {
        let err = load("select = []\n\nfrobnicate = 1\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.message.contains("frobnicate"), "{err}");
    }

    #[test]
    fn unknown_rule_id_is_located() {
        let err = load("ignore = [\"tls-verification-disabled\", \"no-such-rule\"]\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 40));
        assert!(err.message.contains("no-such-rule"), "{err}");
    }

    #[test]
    fn wrong_type_is_located_and_names_its_key() {
        let err = load("max-file-size = \"big\"\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("integer") || err.message.contains("u64"), "{err}");
        assert!(err.message.starts_with("`max-file-size`: "), "{err}");
        let err = load("select = []\ndefault-excludes = \"no\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 20));
        assert!(err.message.starts_with("`default-excludes`: "), "{err}");
        let err = load("# layers\n[layers]\ndata-access = 3\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.starts_with("`layers.data-access`: "), "{err}");
    }

    #[test]
    fn unknown_rule_option_is_located() {
        let err = load("[rules.tls-verification-disabled]\nlevel = \"warning\"\nbogus = true\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.message.contains("bogus"), "{err}");
    }

    #[test]
    fn bad_level_is_located() {
        let err = load("[rules.tls-verification-disabled]\nlevel = \"fatal\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 9));
    }

    #[test]
    fn level_off_disables_and_level_override_applies() {
        let index = crate::rules::RuleSet::all().index_of("tls-verification-disabled").unwrap();
        let tls = |settings: &Settings| settings.rules.iter().find(|r| r.index == index).cloned();
        let settings = load("[rules.tls-verification-disabled]\nlevel = \"off\"\n").unwrap();
        assert!(tls(&settings).is_none());
        let settings = load("[rules.tls-verification-disabled]\nlevel = \"note\"\n").unwrap();
        assert_eq!(tls(&settings).unwrap().level, Level::Note);
    }

    #[test]
    fn pyproject_table_is_read_and_errors_point_into_pyproject() {
        let rules = crate::rules::RuleSet::all();
        let text = "[project]\nname = \"x\"\n\n[tool.backlint]\nignore = [\"tls-verification-disabled\"]\n";
        let settings = Settings::from_toml(&rules, Path::new("pyproject.toml"), text, &Overrides::default()).unwrap();
        let index = rules.index_of("tls-verification-disabled").unwrap();
        assert!(!settings.rules.iter().any(|r| r.index == index));
        let err = Settings::from_toml(
            &rules,
            Path::new("pyproject.toml"),
            "[tool.backlint]\nnope = 1\n",
            &Overrides::default(),
        )
        .unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn init_template_is_a_valid_config() {
        load(INIT_TEMPLATE).unwrap();
    }

    #[test]
    fn architecture_layers_and_contracts_are_read() {
        let text = "[[architecture.layers]]\nname = \"handlers\"\npaths = [\"handlers\"]\n\
                    [[architecture.layers]]\nname = \"db\"\npaths = [\"app/db/**\"]\n\
                    [[architecture.contracts]]\nkind = \"independent\"\nmodules = [\"app/services/*\"]\n";
        let settings = load(text).unwrap();
        let a = &settings.architecture;
        assert_eq!(a.layer_of("app/handlers/x.py"), Some(0));
        assert_eq!(a.layer_of("app/db/users.py"), Some(1));
        assert_eq!(a.layer_of("app/other.py"), None);
        let ContractKind::Independent(groups) = &a.contracts[0].kind else { panic!() };
        assert_eq!(groups.group_of("app/services/users/repo.py").as_deref(), Some("app/services/users"));
        assert_eq!(groups.group_of("app/services/orders.py").as_deref(), Some("app/services/orders.py"));
        assert_eq!(groups.group_of("app/handlers.py"), None);
    }

    #[test]
    fn bad_contract_kind_is_located() {
        let err = load("[[architecture.contracts]]\nkind = \"maybe\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 8));
        let err = load("[[architecture.contracts]]\nkind = \"forbidden\"\nfrom = [\"a\"]\n").unwrap_err();
        assert!(err.message.contains("`to`"), "{err}");
    }

    #[test]
    fn path_matcher_matches_names_anywhere_and_anchored_paths() {
        let m = PathMatcher::new(["migrations", "src/legacy", "*_repo.*"]).unwrap();
        assert!(m.is_match("app/migrations/0001.py"));
        assert!(m.is_match("src/legacy/a/b.ts"));
        assert!(m.is_match("svc/users_repo.py"));
        assert!(!m.is_match("lib/src/legacy.ts"));
        assert!(!m.is_match("app/user.py"));
    }

    #[test]
    fn globs_are_relative_to_the_config_folder() {
        let rules = crate::rules::RuleSet::all();
        let text = "exclude = [\"gen/**\"]\n[per-file-ignores]\n\"scripts/**\" = [\"tls-verification-disabled\"]\n";
        let mut below =
            Settings::from_toml(&rules, Path::new("/repo/sub/backlint.toml"), text, &Overrides::default()).unwrap();
        below.anchor_at(Path::new("/repo"));
        assert!(below.ignored_in("tls-verification-disabled", "sub/scripts/a.py"));
        assert!(!below.ignored_in("tls-verification-disabled", "scripts/a.py"));
        assert!(below.exclude.is_match("sub/gen/x.py"));
        let mut above =
            Settings::from_toml(&rules, Path::new("/repo/backlint.toml"), text, &Overrides::default()).unwrap();
        above.anchor_at(Path::new("/repo/scripts"));
        assert!(above.ignored_in("tls-verification-disabled", "a.py"));
    }

    #[test]
    fn default_layers_recognise_common_layouts() {
        let layers = Layers::default();
        assert!(layers.data_access.is_match("app/repositories/users.py"));
        assert!(layers.data_access.is_match("src/db.rs"));
        assert!(layers.data_access.is_match("src/UserRepository.ts"));
        assert!(!layers.data_access.is_match("src/services/users.py"));
        assert!(layers.data_access.is_match("superset/db_engine_specs/hive.py"));
        assert!(layers.data_access.is_match("src/info_storages/db_info_storage.rs"));
        assert!(layers.data_access.is_match("app/file_storage.py"));
        assert!(!layers.data_access.is_match("app/dbt_runner.py"));
        // Bare words in any case; globs with wildcards keep theirs.
        assert!(layers.data_access.is_match("Adapters/Storage/Postgres/PostgresStorageAdapter.js"));
        assert!(layers.data_access.is_match("src/DB.ts"));
        assert!(layers.data_access.is_match("ckan/model/group.py"));
        assert!(!layers.data_access.is_match("src/restore.py"));
        assert!(layers.config.is_match("app/settings.py"));
        assert!(layers.config.is_match("vite.config.ts"));
        assert!(layers.tests.is_match("tests/test_api.py"));
        assert!(layers.tests.is_match("src/api.test.ts"));
        assert!(!layers.tests.is_match("src/api.ts"));
        // Example code: folders and modules named as examples.
        assert!(layers.tests.is_match("airflow/example_dags/tutorial.py"));
        assert!(layers.tests.is_match("weblate/settings_example.py"));
        assert!(!layers.tests.is_match("app/examples_service.py"));
        // Test helpers shipped in the package, and mocks.
        assert!(layers.tests.is_match("prefect/testing/standard_test_suites/blocks.py"));
        assert!(layers.tests.is_match("src/__mocks__/stripe.ts"));
        assert!(layers.tests.is_match("server/ui/mockServiceWorker.js"));
    }
}
