//! `sarif`: SARIF 2.1.0 as GitHub code scanning reads it: one run, `results`
//! always present, full rule metadata from `rules/<id>.md`, `%SRCROOT%`-relative
//! URIs, full regions in UTF-16 columns, GitHub's line-hash fingerprints and
//! tool notifications for files that were skipped or could not be parsed.

use std::collections::BTreeMap;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, CodeFlow, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor, ReportingDescriptorReference,
    Result as SarifResult, ResultLevel, Run, RunAutomationDetails, Sarif, ThreadFlow, ThreadFlowLocation, Tool,
    ToolComponent,
};

use crate::diagnostic::{self, Level, NotificationKind};
use crate::rules::{Category, RuleMeta, RuleSet};
use crate::scan::ScanReport;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
/// GitHub keeps at most this many characters of a description.
const MAX_DESCRIPTION: usize = 1024;

/// A finding's path as one thread flow, its steps in execution order.
fn code_flow(steps: &[diagnostic::Related]) -> CodeFlow {
    let locations: Vec<ThreadFlowLocation> = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            ThreadFlowLocation::builder()
                .execution_order(i as i64 + 1)
                .location(
                    Location::builder()
                        .physical_location(physical(&step.location))
                        .message(Message::builder().text(step.message.clone()).build())
                        .build(),
                )
                .build()
        })
        .collect();
    CodeFlow::builder().thread_flows(vec![ThreadFlow::builder().locations(locations).build()]).build()
}

/// Builds the SARIF log of a scan.
pub fn to_sarif(report: &ScanReport, rules: &RuleSet) -> Sarif {
    // Every rule that can appear: all rules of the set, in registry order.
    let descriptors: Vec<ReportingDescriptor> = rules.metas().iter().map(descriptor).collect();
    let results: Vec<SarifResult> = report
        .findings
        .iter()
        .map(|f| {
            let index = rules.index_of(f.rule).map_or(-1, |i| i as i64);
            let mut fingerprints = BTreeMap::new();
            fingerprints.insert("primaryLocationLineHash".to_string(), f.fingerprint.clone());
            let related: Vec<Location> = f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    Location::builder()
                        .id(i as i64 + 1)
                        .physical_location(physical(&r.location))
                        .message(Message::builder().text(r.message.clone()).build())
                        .build()
                })
                .collect();
            let builder = SarifResult::builder()
                .rule_id(f.rule)
                .rule_index(index)
                .level(result_level(f.level))
                .message(Message::builder().text(f.message.clone()).build())
                .locations(vec![Location::builder().physical_location(physical(&f.location)).build()])
                .partial_fingerprints(fingerprints);
            let mut result =
                if related.is_empty() { builder.build() } else { builder.related_locations(related).build() };
            if !f.flow.is_empty() {
                result.code_flows = Some(vec![code_flow(&f.flow)]);
            }
            result
        })
        .collect();

    let notifications: Vec<Notification> = report.notifications.iter().map(notification).collect();
    let mut base_ids = BTreeMap::new();
    base_ids.insert(SRCROOT.to_string(), ArtifactLocation::builder().uri(root_uri(&report.root)).build());
    let driver = ToolComponent::builder()
        .name("backlint")
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .version(env!("CARGO_PKG_VERSION"))
        .rules(descriptors)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![
            Invocation::builder()
                .execution_successful(!report.notifications.iter().any(|n| n.kind == NotificationKind::InternalError))
                .tool_execution_notifications(notifications)
                .build(),
        ])
        .column_kind(json!("utf16CodeUnits"))
        .original_uri_base_ids(base_ids)
        .automation_details(RunAutomationDetails::builder().id("backlint/").build())
        .build();
    Sarif::builder().schema(SCHEMA).version(json!("2.1.0")).runs(vec![run]).build()
}

fn descriptor(meta: &RuleMeta) -> ReportingDescriptor {
    let mut tags = meta.tags();
    tags.truncate(10);
    let mut extra = BTreeMap::new();
    extra.insert("precision".to_string(), json!(meta.precision.as_str()));
    match (&meta.security_severity, meta.category) {
        (Some(score), Category::Security) => {
            extra.insert("security-severity".to_string(), json!(score));
        }
        _ => {
            let severity = match meta.level {
                Level::Error => "error",
                Level::Warning => "warning",
                Level::Note => "recommendation",
            };
            extra.insert("problem.severity".to_string(), json!(severity));
        }
    }
    ReportingDescriptor::builder()
        .id(meta.id.clone())
        .name(pascal_case(&meta.id))
        .short_description(MultiformatMessageString::builder().text(truncate(&meta.summary)).build())
        .full_description(MultiformatMessageString::builder().text(truncate(&plain(&meta.what_it_does()))).build())
        .help(MultiformatMessageString::builder().text(meta.body.clone()).markdown(meta.body.clone()).build())
        .default_configuration(ReportingConfiguration::builder().level(json!(meta.level.as_str())).build())
        .properties(PropertyBag::builder().tags(tags).additional_properties(extra).build())
        .build()
}

fn notification(n: &diagnostic::Notification) -> Notification {
    let level = n.kind.level().as_str();
    let mut region = None;
    if let Some(p) = n.position {
        region = Some(Region::builder().start_line(p.line as i64).start_column(p.column as i64).build());
    }
    let physical = match region {
        Some(region) => PhysicalLocation::builder().artifact_location(artifact(&n.path)).region(region).build(),
        None => PhysicalLocation::builder().artifact_location(artifact(&n.path)).build(),
    };
    Notification::builder()
        .level(json!(level))
        .message(Message::builder().text(format!("{}: {}", n.path, n.message)).build())
        .descriptor(ReportingDescriptorReference::builder().id(n.kind.as_str()).build())
        .locations(vec![Location::builder().physical_location(physical).build()])
        .build()
}

fn artifact(path: &str) -> ArtifactLocation {
    ArtifactLocation::builder().uri(encode_uri(path)).uri_base_id(SRCROOT).build()
}

fn physical(location: &diagnostic::Location) -> PhysicalLocation {
    PhysicalLocation::builder()
        .artifact_location(artifact(&location.path))
        .region(
            Region::builder()
                .start_line(location.start.line as i64)
                .start_column(location.start.column as i64)
                .end_line(location.end.line as i64)
                .end_column(location.end.column as i64)
                .build(),
        )
        .build()
}

fn result_level(level: Level) -> ResultLevel {
    match level {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
        Level::Note => ResultLevel::Note,
    }
}

/// `tls-verification-disabled` -> `TlsVerificationDisabled`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

fn truncate(text: &str) -> String {
    if text.chars().count() <= MAX_DESCRIPTION {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_DESCRIPTION - 3).collect();
    format!("{cut}...")
}

/// Markdown reduced to plain text for the description fields.
fn plain(markdown: &str) -> String {
    markdown.replace('`', "")
}

/// Percent-encodes the characters a relative URI reference cannot hold. A
/// `:` before the first `/` is encoded too: `c:x.py` would otherwise read as
/// a URI with the scheme `c` (RFC 3986, section 4.2).
fn encode_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let first_slash = path.find('/').unwrap_or(path.len());
    for (i, byte) in path.bytes().enumerate() {
        match byte {
            b':' if i < first_slash => out.push_str("%3A"),
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'@'
            | b':' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn root_uri(root: &std::path::Path) -> String {
    let path = root.to_string_lossy().replace('\\', "/");
    let path = if path.starts_with('/') { path } else { format!("/{path}") };
    let mut uri = format!("file://{}", encode_uri(&path));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_of_ids() {
        assert_eq!(pascal_case("tls-verification-disabled"), "TlsVerificationDisabled");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(encode_uri("src/my file#1.py"), "src/my%20file%231.py");
        assert_eq!(encode_uri("src/é.py"), "src/%C3%A9.py");
    }

    #[test]
    fn a_colon_in_the_first_segment_cannot_make_a_relative_uri_absolute() {
        assert_eq!(encode_uri("c:x.py"), "c%3Ax.py");
        assert_eq!(encode_uri("a:b/c:d.py"), "a%3Ab/c:d.py");
    }
}
