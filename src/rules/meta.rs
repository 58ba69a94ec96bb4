//! Rule metadata: the TOML front matter of `rules/<id>.md`.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Level;
use crate::lang::Family;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Architecture,
    Security,
    Reliability,
    Performance,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Architecture => "architecture",
            Category::Security => "security",
            Category::Reliability => "reliability",
            Category::Performance => "performance",
        }
    }
}

/// How often a finding of the rule is a true positive (SARIF `precision`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    VeryHigh,
    High,
    Medium,
    Low,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::VeryHigh => "very-high",
            Precision::High => "high",
            Precision::Medium => "medium",
            Precision::Low => "low",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FrontMatter {
    id: String,
    name: String,
    summary: String,
    category: Category,
    level: Level,
    languages: Vec<String>,
    #[serde(default)]
    cwe: Vec<u32>,
    precision: Precision,
    security_severity: Option<String>,
    #[serde(default)]
    browser_code: bool,
}

/// A rule's metadata and documentation.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub id: String,
    /// A short PascalCase-free human name ("TLS verification disabled").
    pub name: String,
    /// One sentence: what the rule flags.
    pub summary: String,
    pub category: Category,
    pub level: Level,
    pub languages: Vec<Family>,
    pub cwe: Vec<u32>,
    pub precision: Precision,
    /// CVSS-like score as a string, for security rules.
    pub security_severity: Option<String>,
    /// Whether the rule also judges code that runs in the browser
    /// (`browser-code = true`: the module-structure rules). The others are
    /// about servers, and front-end files are not checked by them.
    pub judges_browser_code: bool,
    /// The markdown doc after the front matter.
    pub body: String,
}

impl RuleMeta {
    /// Parses a rule doc: `+++` line, TOML front matter, `+++` line, markdown.
    pub fn parse(doc: &str) -> Result<RuleMeta, String> {
        let rest = doc.strip_prefix("+++\n").ok_or("the doc must start with a `+++` line")?;
        let (front, body) = rest.split_once("\n+++\n").ok_or("the front matter must end with a `+++` line")?;
        let front: FrontMatter = toml::from_str(front).map_err(|e| e.to_string())?;
        let languages = front
            .languages
            .iter()
            .map(|l| Family::from_name(l).ok_or_else(|| format!("unknown language `{l}`")))
            .collect::<Result<Vec<_>, _>>()?;
        if front.category == Category::Security && front.security_severity.is_none() {
            return Err("security rules need `security-severity`".into());
        }
        if let Some(score) = &front.security_severity {
            let value: f32 = score.parse().map_err(|_| format!("security-severity `{score}` is not a number"))?;
            if !(0.0..=10.0).contains(&value) {
                return Err(format!("security-severity `{score}` is outside 0.0-10.0"));
            }
        }
        Ok(RuleMeta {
            id: front.id,
            name: front.name,
            summary: front.summary,
            category: front.category,
            level: front.level,
            languages,
            cwe: front.cwe,
            precision: front.precision,
            security_severity: front.security_severity,
            judges_browser_code: front.browser_code,
            body: body.trim_start_matches('\n').to_string(),
        })
    }

    /// The text of the doc's `## What it does` section.
    pub fn what_it_does(&self) -> String {
        section(&self.body, "What it does").unwrap_or_else(|| self.summary.clone())
    }

    /// SARIF tags: the category (`security` for security rules) and CWE tags.
    pub fn tags(&self) -> Vec<String> {
        let mut tags = vec![self.category.as_str().to_string()];
        for cwe in &self.cwe {
            tags.push(format!("external/cwe/cwe-{cwe}"));
        }
        tags
    }

    pub fn languages_label(&self) -> String {
        self.languages.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
    }
}

/// The paragraph text under a `## <title>` heading, up to the next heading.
pub fn section(body: &str, title: &str) -> Option<String> {
    let heading = format!("## {title}");
    let start = body.lines().position(|l| l.trim() == heading)?;
    let text: Vec<&str> = body.lines().skip(start + 1).take_while(|l| !l.starts_with("## ")).collect();
    let text = text.join("\n").trim().to_string();
    (!text.is_empty()).then_some(text)
}
