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

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Level;
use crate::rules::RuleSet;

/// Default size limit for analysed files.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

/// Folders never walked into unless named on the command line.
pub const DEFAULT_EXCLUDES: &[&str] =
    &["node_modules", "target", ".venv", "venv", "dist", "build", "__pycache__", ".git"];

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
    "models",
    "queries",
    "sql",
    "migrations",
    "*_repo.*",
    "*_repository.*",
    "*Repository.*",
    "*Dao.*",
    "*Store.*",
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
    "*.test.*",
    "*.spec.*",
    "*_test.rs",
    "e2e",
    "fixtures",
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
    max_file_size: Option<u64>,
    fail_on: Option<Level>,
    report_unused_suppressions: Option<bool>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    rules: Option<BTreeMap<Spanned<String>, RuleTable>>,
    layers: Option<LayersFile>,
}

/// A `[rules.<id>]` table: `level` and the rule's options, with spans.
type RuleTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LayersFile {
    data_access: Option<Vec<Spanned<String>>>,
    config: Option<Vec<Spanned<String>>>,
    tests: Option<Vec<Spanned<String>>>,
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
    pub fail_on: Option<Level>,
    pub report_unused_suppressions: bool,
}

/// One rule of a scan with its level and options.
#[derive(Debug, Clone)]
pub struct ActiveRule {
    /// Index into the scan's [`RuleSet`].
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
}

impl Default for Layers {
    fn default() -> Layers {
        let defaults = |globs: &[&str]| PathMatcher::new(globs.iter().copied()).expect("default globs are valid");
        Layers {
            data_access: defaults(DEFAULT_DATA_ACCESS),
            config: defaults(DEFAULT_CONFIG),
            tests: defaults(DEFAULT_TESTS),
        }
    }
}

/// A set of path globs matched against root-relative `/`-separated paths.
/// A glob without `/` matches the name of any folder or file on the path
/// (like a `.gitignore` line), and a bare word (`db`) also matches a file stem
/// (`db.py`); a glob with `/` matches from the root. Everything below a
/// matched folder matches too.
#[derive(Debug, Clone)]
pub struct PathMatcher {
    set: GlobSet,
    patterns: Vec<String>,
}

impl PathMatcher {
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<PathMatcher, globset::Error> {
        let mut builder = GlobSetBuilder::new();
        let mut kept = Vec::new();
        for pattern in patterns {
            let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
            let anchored = if trimmed.contains('/') { trimmed.to_string() } else { format!("**/{trimmed}") };
            builder.add(Glob::new(&anchored)?);
            builder.add(Glob::new(&format!("{anchored}/**"))?);
            if !trimmed.contains(['/', '.', '*', '?', '[', '{']) {
                builder.add(Glob::new(&format!("**/{trimmed}.*"))?);
            }
            kept.push(pattern.to_string());
        }
        Ok(PathMatcher { set: builder.build()?, patterns: kept })
    }

    pub fn empty() -> PathMatcher {
        PathMatcher { set: GlobSet::empty(), patterns: Vec::new() }
    }

    pub fn is_match(&self, path: &str) -> bool {
        !self.patterns.is_empty() && self.set.is_match(path)
    }

    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

/// Everything a scan needs to know from config and command line.
#[derive(Debug, Clone)]
pub struct Settings {
    pub rules: Vec<ActiveRule>,
    pub exclude: PathMatcher,
    pub per_file_ignores: Vec<(PathMatcher, Vec<String>)>,
    pub layers: Layers,
    pub max_file_size: u64,
    pub fail_on: Level,
    pub report_unused_suppressions: bool,
    /// The config file the settings came from, if any.
    pub config_path: Option<PathBuf>,
}

impl Settings {
    /// Settings with every rule of `rules` at its default level and no config.
    pub fn defaults(rules: &RuleSet) -> Settings {
        Settings::build(rules, None, ConfigFile::default(), "", &Overrides::default())
            .expect("the default configuration is valid")
    }

    /// Loads the config found for `root` (or `explicit`) and applies overrides.
    pub fn load(
        rules: &RuleSet,
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
    pub fn from_toml(rules: &RuleSet, path: &Path, text: &str, overrides: &Overrides) -> Result<Settings, ConfigError> {
        let file = parse_config(path, text)?;
        Settings::build(rules, Some(path.to_path_buf()), file, text, overrides)
    }

    fn build(
        rules: &RuleSet,
        path: Option<PathBuf>,
        file: ConfigFile,
        text: &str,
        overrides: &Overrides,
    ) -> Result<Settings, ConfigError> {
        let path_for_errors = path.clone().unwrap_or_else(|| PathBuf::from("<command line>"));
        let error = |span: std::ops::Range<usize>, message: String| located(&path_for_errors, text, span, message);
        let check_id = |id: &Spanned<String>| -> Result<(), ConfigError> {
            if rules.index_of(id.get_ref()).is_none() {
                return Err(error(id.span(), format!("unknown rule id `{}`", id.get_ref())));
            }
            Ok(())
        };
        let cli_error =
            |message: String| ConfigError { path: PathBuf::from("<command line>"), line: 1, column: 1, message };

        // Selection: the command line's --select replaces the config's select.
        let mut selected: Vec<bool> = match (&overrides.select, &file.select) {
            (Some(ids), _) => {
                let mut on = vec![false; rules.rules().len()];
                for id in ids {
                    let index =
                        rules.index_of(id).ok_or_else(|| cli_error(format!("--select: unknown rule id `{id}`")))?;
                    on[index] = true;
                }
                on
            }
            (None, Some(ids)) => {
                let mut on = vec![false; rules.rules().len()];
                for id in ids {
                    check_id(id)?;
                    on[rules.index_of(id.get_ref()).unwrap_or_default()] = true;
                }
                on
            }
            (None, None) => vec![true; rules.rules().len()],
        };
        for id in file.ignore.iter().flatten() {
            check_id(id)?;
            selected[rules.index_of(id.get_ref()).unwrap_or_default()] = false;
        }
        for id in &overrides.ignore {
            let index = rules.index_of(id).ok_or_else(|| cli_error(format!("--ignore: unknown rule id `{id}`")))?;
            selected[index] = false;
        }

        let mut levels: Vec<Option<Level>> = rules.metas().iter().map(|m| Some(m.level)).collect();
        let mut options = vec![toml::Table::new(); rules.rules().len()];
        for (id, table) in file.rules.iter().flatten() {
            check_id(id)?;
            let index = rules.index_of(id.get_ref()).unwrap_or_default();
            let rule = rules.rules()[index];
            for (key, value) in table {
                if key.get_ref() == "level" {
                    levels[index] = match value.get_ref().as_str() {
                        Some("off") => None,
                        Some(level) if Level::parse(level).is_some() => Level::parse(level),
                        _ => {
                            return Err(error(
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
                    let known: Vec<&str> =
                        std::iter::once("level").chain(rule.options.iter().map(|o| o.name)).collect();
                    return Err(error(
                        key.span(),
                        format!(
                            "unknown key `{}` in `[rules.{}]` (expected one of: {})",
                            key.get_ref(),
                            id.get_ref(),
                            known.join(", ")
                        ),
                    ));
                };
                if !option.kind.accepts(value.get_ref()) {
                    return Err(error(
                        value.span(),
                        format!("`rules.{}.{}` must be {}", id.get_ref(), key.get_ref(), option.kind.describe()),
                    ));
                }
                options[index].insert(key.get_ref().clone(), value.get_ref().clone());
            }
        }

        let active = (0..rules.rules().len())
            .filter(|&i| selected[i])
            .filter_map(|i| {
                levels[i].map(|level| ActiveRule { index: i, level, options: std::mem::take(&mut options[i]) })
            })
            .collect();

        let globs = |list: &Option<Vec<Spanned<String>>>,
                     extra: &[String],
                     defaults: Option<&[&str]>|
         -> Result<PathMatcher, ConfigError> {
            let Some(list) = list else {
                let patterns: Vec<&str> =
                    defaults.unwrap_or(&[]).iter().copied().chain(extra.iter().map(String::as_str)).collect();
                return PathMatcher::new(patterns).map_err(|e| cli_error(format!("invalid glob: {e}")));
            };
            for glob in list {
                if let Err(e) = Glob::new(glob.get_ref()) {
                    return Err(error(glob.span(), format!("invalid glob `{}`: {}", glob.get_ref(), e.kind())));
                }
            }
            let patterns: Vec<&str> =
                list.iter().map(|g| g.get_ref().as_str()).chain(extra.iter().map(String::as_str)).collect();
            PathMatcher::new(patterns).map_err(|e| cli_error(format!("invalid glob: {e}")))
        };

        let exclude = globs(&file.exclude, &overrides.exclude, None)?;
        let mut per_file_ignores = Vec::new();
        for (glob, ids) in file.per_file_ignores.iter().flatten() {
            for id in ids {
                check_id(id)?;
            }
            let matcher = globs(&Some(vec![glob.clone()]), &[], None)?;
            per_file_ignores.push((matcher, ids.iter().map(|i| i.get_ref().clone()).collect()));
        }
        let layers_file = file.layers.unwrap_or_default();
        let layers = Layers {
            data_access: globs(&layers_file.data_access, &[], Some(DEFAULT_DATA_ACCESS))?,
            config: globs(&layers_file.config, &[], Some(DEFAULT_CONFIG))?,
            tests: globs(&layers_file.tests, &[], Some(DEFAULT_TESTS))?,
        };

        Ok(Settings {
            rules: active,
            exclude,
            per_file_ignores,
            layers,
            max_file_size: overrides.max_file_size.or(file.max_file_size).unwrap_or(DEFAULT_MAX_FILE_SIZE),
            fail_on: overrides.fail_on.or(file.fail_on).unwrap_or(Level::Warning),
            report_unused_suppressions: overrides.report_unused_suppressions
                || file.report_unused_suppressions.unwrap_or(false),
            config_path: path,
        })
    }

    /// Whether findings of `rule` are ignored in `path` by `per-file-ignores`.
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

fn parse_config(path: &Path, text: &str) -> Result<ConfigFile, ConfigError> {
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let to_error = |e: toml::de::Error| {
        let span = e.span().unwrap_or(0..0);
        located(path, text, span, e.message().to_string())
    };
    if is_pyproject {
        let pyproject: PyProject = toml::from_str(text).map_err(to_error)?;
        Ok(pyproject.tool.and_then(|t| t.backlint).unwrap_or_default())
    } else {
        toml::from_str(text).map_err(to_error)
    }
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
        Settings::from_toml(&RuleSet::all(), Path::new("backlint.toml"), text, &Overrides::default())
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
    fn wrong_type_is_located() {
        let err = load("max-file-size = \"big\"\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("integer") || err.message.contains("u64"), "{err}");
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
        let tls = RuleSet::all().index_of("tls-verification-disabled").unwrap();
        let settings = load("[rules.tls-verification-disabled]\nlevel = \"off\"\n").unwrap();
        assert!(!settings.rules.iter().any(|r| r.index == tls));
        let settings = load("[rules.tls-verification-disabled]\nlevel = \"note\"\n").unwrap();
        assert_eq!(settings.rules.iter().find(|r| r.index == tls).unwrap().level, Level::Note);
    }

    #[test]
    fn pyproject_table_is_read_and_errors_point_into_pyproject() {
        let rules = RuleSet::all();
        let text = "[project]\nname = \"x\"\n\n[tool.backlint]\nignore = [\"tls-verification-disabled\"]\n";
        let settings = Settings::from_toml(&rules, Path::new("pyproject.toml"), text, &Overrides::default()).unwrap();
        let tls = rules.index_of("tls-verification-disabled").unwrap();
        assert!(!settings.rules.iter().any(|r| r.index == tls));
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
    fn path_matcher_matches_names_anywhere_and_anchored_paths() {
        let m = PathMatcher::new(["migrations", "src/legacy", "*_repo.*"]).unwrap();
        assert!(m.is_match("app/migrations/0001.py"));
        assert!(m.is_match("src/legacy/a/b.ts"));
        assert!(m.is_match("svc/users_repo.py"));
        assert!(!m.is_match("lib/src/legacy.ts"));
        assert!(!m.is_match("app/user.py"));
    }

    #[test]
    fn default_layers_recognise_common_layouts() {
        let layers = Layers::default();
        assert!(layers.data_access.is_match("app/repositories/users.py"));
        assert!(layers.data_access.is_match("src/db.rs"));
        assert!(layers.data_access.is_match("src/UserRepository.ts"));
        assert!(!layers.data_access.is_match("src/services/users.py"));
        assert!(layers.config.is_match("app/settings.py"));
        assert!(layers.config.is_match("vite.config.ts"));
        assert!(layers.tests.is_match("tests/test_api.py"));
        assert!(layers.tests.is_match("src/api.test.ts"));
        assert!(!layers.tests.is_match("src/api.ts"));
    }
}
