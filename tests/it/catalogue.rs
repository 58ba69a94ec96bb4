//! Keeps the rule catalogue honest: every rule has its doc, its source file,
//! its queries (compiling against every grammar of their family), fixtures
//! with positive and negative cases in each of its languages, and a current
//! row in the README table. Run with `BACKLINT_BLESS=1` to rewrite the table.

use crate::support::repo;
use std::path::Path;

use backlint::lang::Family;
use backlint::rules::{self, RuleMeta, RuleSet, compile_query};

fn files_in(dir: &Path, extension: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(extension))
                .map(|n| n.trim_end_matches(extension).to_string())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

const SECTIONS: &[&str] = &["What it does", "Why is this bad?", "Example", "Use instead", "Options", "Limitations"];

#[test]
fn every_rule_has_all_its_pieces() {
    let mut problems = Vec::new();
    let ids: Vec<&str> = rules::ALL.iter().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    if ids != sorted {
        problems.push(format!("rules::ALL is not in id order: {ids:?}"));
    }
    for rule in rules::ALL {
        let doc_path = repo().join("rules").join(format!("{}.md", rule.id));
        match std::fs::read_to_string(&doc_path) {
            Ok(text) if text == rule.doc => {}
            Ok(_) => problems.push(format!("{}: rule.doc is not include_str! of {}", rule.id, doc_path.display())),
            Err(_) => problems.push(format!("{}: missing {}", rule.id, doc_path.display())),
        }
        match RuleMeta::parse(rule.doc) {
            Ok(meta) => {
                if meta.id != rule.id {
                    problems.push(format!("{}: front matter id is `{}`", rule.id, meta.id));
                }
                for section in SECTIONS {
                    if !meta.body.lines().any(|l| l.trim() == format!("## {section}")) {
                        problems.push(format!("{}: doc has no `## {section}` section", rule.id));
                    }
                }
                for family in &meta.languages {
                    check_fixtures(rule.id, *family, &mut problems);
                }
            }
            Err(e) => problems.push(format!("{}: bad front matter: {e}", rule.id)),
        }
        let source = repo().join("src/rules").join(format!("{}.rs", rule.id.replace('-', "_")));
        if !source.exists() {
            problems.push(format!("{}: missing {}", rule.id, source.display()));
        }
        for family in Family::ALL {
            let path = repo().join("queries").join(family.name()).join(format!("{}.scm", rule.id));
            let on_disk = std::fs::read_to_string(&path).ok();
            match (on_disk, rule.query_source(family)) {
                (Some(disk), Some(compiled)) if disk == compiled => {
                    for language in family.languages() {
                        if let Err(e) = compile_query(*language, compiled) {
                            problems.push(format!(
                                "{}: {} does not compile for {}: {e}",
                                rule.id,
                                path.display(),
                                language.name()
                            ));
                        }
                    }
                }
                (Some(_), Some(_)) => {
                    problems.push(format!("{}: {} differs from the rule's include_str!", rule.id, path.display()))
                }
                (Some(_), None) => {
                    problems.push(format!("{}: {} exists but the rule does not use it", rule.id, path.display()))
                }
                (None, Some(_)) => problems.push(format!(
                    "{}: the rule has a {} query but {} is missing",
                    rule.id,
                    family.name(),
                    path.display()
                )),
                (None, None) => {}
            }
        }
    }
    for doc in files_in(&repo().join("rules"), ".md") {
        if !ids.contains(&doc.as_str()) {
            problems.push(format!("rules/{doc}.md is not a registered rule"));
        }
    }
    for family in Family::ALL {
        for query in files_in(&repo().join("queries").join(family.name()), ".scm") {
            if !ids.contains(&query.as_str()) {
                problems.push(format!("queries/{}/{query}.scm belongs to no registered rule", family.name()));
            }
        }
    }
    for source in files_in(&repo().join("src/rules"), ".rs") {
        if source != "mod"
            && source != "context"
            && source != "meta"
            && source != "project_check"
            && !ids.contains(&source.replace('_', "-").as_str())
        {
            problems.push(format!("src/rules/{source}.rs is not a registered rule"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each language of a rule needs a fixture with an `expect:` comment and a
/// `good*` fixture with at least one `ok:` case.
fn check_fixtures(id: &str, family: Family, problems: &mut Vec<String>) {
    let dir = repo().join("testdata/rules").join(id);
    let mut expects = 0;
    let mut oks = 0;
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Some(language) = backlint::lang::Language::from_path(&path) else { continue };
            if language.family() != family {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            expects += text.matches("expect:").count();
            if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("good")) {
                oks += text.matches("ok:").count();
            }
        }
    }
    if expects == 0 {
        problems.push(format!("{id}: no {} fixture with an `expect:` comment under {}", family.name(), dir.display()));
    }
    if oks == 0 {
        problems.push(format!("{id}: no {} `good*` fixture with an `ok:` case under {}", family.name(), dir.display()));
    }
}

#[test]
fn readme_rule_table_is_current() {
    let path = repo().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (start_marker, end_marker) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let start = readme.find(start_marker).expect("README has a <!-- rules:start --> marker") + start_marker.len();
    let end = readme.find(end_marker).expect("README has a <!-- rules:end --> marker");
    let table = rules::markdown_table(&RuleSet::all());
    if readme[start..end] != table {
        if std::env::var_os("BACKLINT_BLESS").is_some() {
            let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            panic!(
                "the README rule table is stale; run `BACKLINT_BLESS=1 cargo test --test catalogue`. Expected:\n{table}"
            );
        }
    }
}

/// The `backlint ...` command lines in the README's code blocks (shell,
/// YAML, JSON), cut at comments, quotes, pipes and redirections; usage
/// synopses (`[PATH]...`, `<id>`) left out.
fn readme_commands(readme: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_block = false;
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("backlint ") {
            let before = rest[..at].chars().next_back();
            let command = &rest[at..];
            rest = &rest[at + "backlint ".len()..];
            if before.is_some_and(|c| !matches!(c, ' ' | '"' | '\'' | '`')) {
                continue;
            }
            let end = [" #", " &&", " |", " >", "\"", "'"].iter().filter_map(|stop| command.find(stop)).min();
            let command = command[..end.unwrap_or(command.len())].trim();
            let subcommand = command.split_whitespace().nth(1).unwrap_or_default();
            let known = ["check", "rules", "explain", "init", "handlers", "graph", "flow"].contains(&subcommand);
            if known && !command.contains(['[', '<']) && !command.contains("...") {
                commands.push(command.to_string());
            }
        }
    }
    commands
}

#[test]
fn every_command_line_in_the_readme_parses() {
    use clap::Parser;
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let commands = readme_commands(&readme);
    assert!(commands.len() >= 12, "{commands:#?}");
    assert!(commands.iter().any(|c| c.contains("--write-baseline")), "{commands:#?}");
    for command in &commands {
        let words = command.split_whitespace();
        if let Err(error) = backlint::cli::Cli::try_parse_from(words) {
            panic!("README: `{command}` does not parse:\n{error}");
        }
    }
}
