//! Development tasks of backlint, run as `cargo xtask <task>` (an alias in
//! `.cargo/config.toml`).
//!
//! `cargo xtask new-rule <id> --languages python,typescript,rust
//! [--category security|architecture|reliability|performance]
//! [--level error|warning|note]` scaffolds a rule: its doc `rules/<id>.md`
//! with the front matter and every section the catalogue test requires, its
//! module `src/rules/<id_with_underscores>.rs` with a doc comment and a
//! per-file check, its registration in `src/rules/mod.rs` (module list and
//! `ALL`, in id order) and in the fixture tests (`tests/it/fixtures.rs`, so
//! `cargo test <id_with_underscores>` runs its fixtures), and fixture stubs under `testdata/rules/<id>/` that
//! fail the catalogue test until they hold real `expect:` and `ok:` cases.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `new-rule` was asked for.
#[derive(Debug, PartialEq, Eq)]
struct NewRule {
    id: String,
    languages: Vec<String>,
    category: String,
    level: String,
}

const LANGUAGES: &[(&str, &str)] = &[("python", "py"), ("typescript", "ts"), ("rust", "rs")];
const CATEGORIES: &[&str] = &["security", "architecture", "reliability", "performance"];
const LEVELS: &[&str] = &["error", "warning", "note"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("new-rule") => parse_new_rule(&args[1..]).and_then(|rule| new_rule(&root, &rule)),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::from(2)
        }
    }
}

const USAGE: &str = "usage: cargo xtask new-rule <id> --languages python,typescript,rust \
[--category security|architecture|reliability|performance] [--level error|warning|note]";

fn parse_new_rule(args: &[String]) -> Result<NewRule, String> {
    let mut id = None;
    let mut languages = Vec::new();
    let mut category = "architecture".to_string();
    let mut level = "warning".to_string();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| rest.next().cloned().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--languages" => languages = value("--languages")?.split(',').map(|l| l.trim().to_string()).collect(),
            "--category" => category = value("--category")?,
            "--level" => level = value("--level")?,
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`\n{USAGE}")),
            name if id.is_none() => id = Some(name.to_string()),
            extra => return Err(format!("unexpected argument `{extra}`\n{USAGE}")),
        }
    }
    let id = id.ok_or(USAGE)?;
    let kebab = !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !kebab {
        return Err(format!("`{id}` is not a kebab-case rule id (like `query-in-loop`)"));
    }
    if languages.is_empty() {
        return Err(format!("--languages is required\n{USAGE}"));
    }
    if let Some(unknown) = languages.iter().find(|l| !LANGUAGES.iter().any(|(name, _)| name == l)) {
        return Err(format!("unknown language `{unknown}` (python, typescript, rust)"));
    }
    if !CATEGORIES.contains(&category.as_str()) {
        return Err(format!("unknown category `{category}` ({})", CATEGORIES.join(", ")));
    }
    if !LEVELS.contains(&level.as_str()) {
        return Err(format!("unknown level `{level}` ({})", LEVELS.join(", ")));
    }
    Ok(NewRule { id, languages, category, level })
}

/// Writes the rule's files under `root` (the repository) and registers it;
/// returns what was done and what to do next.
fn new_rule(root: &Path, rule: &NewRule) -> Result<String, String> {
    let module = rule.id.replace('-', "_");
    let doc_path = root.join("rules").join(format!("{}.md", rule.id));
    let source_path = root.join("src/rules").join(format!("{module}.rs"));
    if doc_path.exists() || source_path.exists() {
        return Err(format!("a rule `{}` exists already", rule.id));
    }
    let registry_path = root.join("src/rules/mod.rs");
    let registry = std::fs::read_to_string(&registry_path).map_err(|e| format!("{}: {e}", registry_path.display()))?;
    let registry = register(&registry, &module)?;
    let fixtures_path = root.join("tests/it/fixtures.rs");
    let fixtures = std::fs::read_to_string(&fixtures_path).map_err(|e| format!("{}: {e}", fixtures_path.display()))?;
    let fixtures = register_fixture_test(&fixtures, &module, &rule.id)?;

    let mut written = vec![write(&doc_path, &doc(rule))?, write(&source_path, &source(rule, &module))?];
    for language in &rule.languages {
        let extension = LANGUAGES.iter().find(|(name, _)| name == language).map_or("txt", |(_, e)| e);
        let dir = root.join("testdata/rules").join(&rule.id).join(language);
        let comment = if extension == "py" { "#" } else { "//" };
        written.push(write(
            &dir.join(format!("bad.{extension}")),
            &format!(
                "{comment} Code that `{id}` must flag, each flagged line marked with a trailing\n\
                 {comment} `expect` comment naming the rule (the catalogue test fails until there is one).\n",
                id = rule.id
            ),
        )?);
        written.push(write(
            &dir.join(format!("good.{extension}")),
            &format!(
                "{comment} Look-alikes that `{id}` must leave alone, each introduced by an `ok` comment\n\
                 {comment} saying why (the catalogue test fails until there is one).\n",
                id = rule.id
            ),
        )?);
    }
    std::fs::write(&registry_path, registry).map_err(|e| format!("{}: {e}", registry_path.display()))?;
    written.push(registry_path);
    std::fs::write(&fixtures_path, fixtures).map_err(|e| format!("{}: {e}", fixtures_path.display()))?;
    written.push(fixtures_path);

    let mut report = String::new();
    for path in written {
        let shown = path.strip_prefix(root).unwrap_or(&path);
        let _ = writeln!(report, "wrote {}", shown.display());
    }
    let _ = writeln!(
        report,
        "next: fill the doc and the fixtures, write the check, then\n  \
         cargo test {module}                                   # the rule's fixtures\n  \
         BACKLINT_BLESS=1 cargo test --test it catalogue       # the README's rule table\n  \
         python3 scripts/ecosystem/check.py compare OLD NEW    # its findings on real code"
    );
    Ok(report)
}

fn write(path: &Path, text: &str) -> Result<PathBuf, String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

/// `src/rules/mod.rs` with the module declared and `RULE` in `ALL`, both in
/// id order.
fn register(registry: &str, module: &str) -> Result<String, String> {
    let mut lines: Vec<String> = registry.lines().map(str::to_string).collect();
    let declaration = format!("pub mod {module};");
    let modules: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].starts_with("pub mod ")).collect();
    let (&first, &last) = modules.first().zip(modules.last()).ok_or("src/rules/mod.rs declares no rule module")?;
    let at = (first..=last).find(|&i| lines[i].as_str() > declaration.as_str()).unwrap_or(last + 1);
    lines.insert(at, declaration);

    let start = lines.iter().position(|l| l.starts_with("pub static ALL")).ok_or("no `ALL` in src/rules/mod.rs")?;
    let end = (start..lines.len()).find(|&i| lines[i] == "];").ok_or("`ALL` is not closed by `];`")?;
    let entry = format!("    &{module}::RULE,");
    let at = (start + 1..end).find(|&i| lines[i].as_str() > entry.as_str()).unwrap_or(end);
    lines.insert(at, entry);
    Ok(lines.join("\n") + "\n")
}

/// `tests/it/fixtures.rs` with the rule's fixture test in the
/// `fixture_tests!` list, in id order (so `cargo test <module>` runs it).
fn register_fixture_test(fixtures: &str, module: &str, id: &str) -> Result<String, String> {
    let mut lines: Vec<String> = fixtures.lines().map(str::to_string).collect();
    let start =
        lines.iter().position(|l| l == "fixture_tests! {").ok_or("no `fixture_tests!` list in tests/it/fixtures.rs")?;
    let end = (start..lines.len()).find(|&i| lines[i] == "}").ok_or("the `fixture_tests!` list is not closed")?;
    let entry = format!("    {module} => \"{id}\",");
    let at = (start + 1..end).find(|&i| lines[i].as_str() > entry.as_str()).unwrap_or(end);
    lines.insert(at, entry);
    Ok(lines.join("\n") + "\n")
}

fn doc(rule: &NewRule) -> String {
    let languages: Vec<String> = rule.languages.iter().map(|l| format!("\"{l}\"")).collect();
    let security = if rule.category == "security" { "security-severity = \"5.0\"\n" } else { "" };
    format!(
        "+++\nid = \"{id}\"\nname = \"{name}\"\nsummary = \"One sentence: what the rule flags\"\n\
         category = \"{category}\"\nlevel = \"{level}\"\nlanguages = [{languages}]\ncwe = []\n\
         precision = \"medium\"\n{security}+++\n\n\
         ## What it does\nWhat the rule flags, per language, and how it recognises it.\n\n\
         ## Why is this bad?\nWhat goes wrong in production when this is left in.\n\n\
         ## Example\n```python\n# code the rule flags\n```\n\n\
         ## Use instead\n```python\n# the fix\n```\n\n\
         ## Options\nNone.\n\n\
         ## Limitations\n- What the rule does not see, and look-alikes it leaves alone on purpose.\n",
        id = rule.id,
        name = sentence_case(&rule.id),
        category = rule.category,
        level = rule.level,
        languages = languages.join(", "),
    )
}

fn source(rule: &NewRule, module: &str) -> String {
    format!(
        "//! `{id}`: what it flags and how, in a few lines (the user docs are in\n\
         //! `rules/{id}.md`). Ask `src/lang/` for knowledge; add it there, not here.\n\n\
         use crate::diagnostic::Finding;\n\
         use crate::rules::{{FileContext, Rule}};\n\n\
         pub static RULE: Rule = Rule {{\n    \
         id: \"{id}\",\n    \
         doc: include_str!(\"../../rules/{id}.md\"),\n    \
         queries: &[],\n    \
         options: &[],\n    \
         check: Some(check),\n    \
         project: None,\n\
         }};\n\n\
         fn check(ctx: &FileContext<'_>, out: &mut Vec<Finding>) {{\n    \
         if ctx.is_test() {{\n        \
         return;\n    \
         }}\n    \
         let _ = (ctx, out, \"{module}\");\n\
         }}\n",
        id = rule.id,
    )
}

/// `query-in-loop` -> `Query in loop`.
fn sentence_case(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn arguments_are_checked() {
        let rule = parse_new_rule(&args("debug-endpoint --languages python,rust --level note")).unwrap();
        assert_eq!(rule.languages, ["python", "rust"]);
        assert_eq!((rule.category.as_str(), rule.level.as_str()), ("architecture", "note"));
        for bad in [
            "Debug_Endpoint --languages python",
            "debug-endpoint",
            "x --languages cobol",
            "x --languages python --level loud",
        ] {
            assert!(parse_new_rule(&args(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_rule_is_registered_in_id_order() {
        let registry = "mod context;\n\npub mod a_rule;\npub mod c_rule;\n\npub static ALL: &[&Rule] = &[\n    &a_rule::RULE,\n    &c_rule::RULE,\n];\n";
        let registered = register(registry, "b_rule").unwrap();
        assert_eq!(
            registered,
            "mod context;\n\npub mod a_rule;\npub mod b_rule;\npub mod c_rule;\n\npub static ALL: &[&Rule] = &[\n    &a_rule::RULE,\n    &b_rule::RULE,\n    &c_rule::RULE,\n];\n"
        );
        assert!(register(&registered, "z_rule").unwrap().contains("    &c_rule::RULE,\n    &z_rule::RULE,\n];"));
    }

    /// The scaffold on a copy of the repository's registry: every file is
    /// written, the doc has every section the catalogue asks for, and the
    /// fixture stubs hold no case yet (so the catalogue test fails until
    /// they are filled).
    #[test]
    fn the_scaffold_writes_every_piece() {
        let root = std::env::temp_dir().join(format!("xtask-new-rule-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("src/rules")).unwrap();
        std::fs::create_dir_all(root.join("tests/it")).unwrap();
        let repository = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        for file in ["src/rules/mod.rs", "tests/it/fixtures.rs"] {
            std::fs::copy(repository.join(file), root.join(file)).unwrap();
        }
        let rule = parse_new_rule(&args("debug-endpoint --languages python,typescript --category security")).unwrap();
        let report = new_rule(&root, &rule).unwrap();
        assert!(report.contains("wrote rules/debug-endpoint.md"), "{report}");
        let doc = std::fs::read_to_string(root.join("rules/debug-endpoint.md")).unwrap();
        for section in ["What it does", "Why is this bad?", "Example", "Use instead", "Options", "Limitations"] {
            assert!(doc.contains(&format!("## {section}\n")), "{section}");
        }
        assert!(doc.contains("security-severity"), "security rules need a severity");
        let source = std::fs::read_to_string(root.join("src/rules/debug_endpoint.rs")).unwrap();
        assert!(source.starts_with("//! `debug-endpoint`") && source.contains("check: Some(check)"));
        let registry = std::fs::read_to_string(root.join("src/rules/mod.rs")).unwrap();
        assert!(registry.contains("pub mod debug_endpoint;") && registry.contains("&debug_endpoint::RULE,"));
        let fixtures = std::fs::read_to_string(root.join("tests/it/fixtures.rs")).unwrap();
        assert!(fixtures.contains("    debug_endpoint => \"debug-endpoint\",\n    debug_mode_enabled"), "in id order");
        for fixture in ["python/bad.py", "python/good.py", "typescript/bad.ts", "typescript/good.ts"] {
            let text = std::fs::read_to_string(root.join("testdata/rules/debug-endpoint").join(fixture)).unwrap();
            assert!(!text.contains("expect:") && !text.contains("ok:"), "{fixture} must not pass as filled");
        }
        assert!(new_rule(&root, &rule).is_err(), "a second scaffold of the same id is refused");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
