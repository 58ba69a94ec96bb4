//! What a URL's host says about the service it addresses: one that differs
//! per deployment (a private address, a cluster service, an environment's
//! host), a fixed public endpoint, a local development default, or a
//! placeholder that is never contacted. Asked by `hardcoded-url`.

/// Host labels that name an environment or a private network: a host that
/// holds one (`billing.internal.example.net`, `api.staging.acme.io`) exists
/// for one deployment.
const ENVIRONMENT_LABELS: &[&str] = &[
    "internal",
    "intra",
    "intranet",
    "corp",
    "private",
    "staging",
    "stage",
    "stg",
    "prod",
    "production",
    "preprod",
    "dev",
    "qa",
    "uat",
    "sandbox",
];

/// Domains of vendors whose public APIs run several environments of their
/// own under one name (`sandbox.itunes.apple.com` beside
/// `buy.itunes.apple.com`, `api-m.sandbox.paypal.com`, `dev.azure.com`): an
/// environment label under one of them names the vendor's environment, the
/// same for every deployment of the project, not one of its own hosts.
const VENDOR_DOMAINS: &[&str] = &[
    "apple.com",
    "azure.com",
    "visualstudio.com",
    "microsoft.com",
    "microsoftonline.com",
    "paypal.com",
    "stripe.com",
    "braintreegateway.com",
    "adyen.com",
    "squareupsandbox.com",
    "google.com",
    "googleapis.com",
    "github.com",
    "gitlab.com",
    "salesforce.com",
    "ebay.com",
    "twilio.com",
    "plaid.com",
];

/// Top-level names of private networks and service discovery.
const PRIVATE_SUFFIXES: &[&str] = &[".internal", ".local", ".lan", ".corp", ".intra", ".svc", ".consul", ".home.arpa"];

/// Whether an HTTP, WebSocket or gRPC host addresses a service that differs
/// per environment: a private or link-local IP address, a single-label name
/// (`http://billing:8080`, a container or cluster service), a private suffix
/// (`.internal`, `.svc`, `.consul`), a label that names an environment
/// (`staging`, `prod`, `internal`), or a domain the project declares its own
/// (`own-domains`). A public host without any of those (`api.github.com`,
/// `ghost.org`), or a vendor's environment (`sandbox.itunes.apple.com`, see
/// [`VENDOR_DOMAINS`]), is a fixed endpoint or a link: the same in every
/// deployment.
pub fn is_environment_host(host: &str, own_domains: &[&str]) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    if is_local_host(&host) || is_placeholder_host(&host) {
        return false;
    }
    if let Ok(ip) = host.parse::<std::net::Ipv4Addr>() {
        // Private, link-local, and the carrier-grade NAT range 100.64.0.0/10.
        let [a, b, ..] = ip.octets();
        return ip.is_private() || ip.is_link_local() || (a == 100 && (64..128).contains(&b));
    }
    if let Ok(ip) = host.parse::<std::net::Ipv6Addr>() {
        return ip.is_unique_local() || ip.is_unicast_link_local();
    }
    let own = own_domains.iter().any(|d| {
        let d = d.trim_start_matches('.').to_ascii_lowercase();
        host == d || host.ends_with(&format!(".{d}"))
    });
    let vendor = VENDOR_DOMAINS.iter().any(|d| host.ends_with(&format!(".{d}")));
    !host.contains('.')
        || own
        || (!vendor && host.split(['.', '-']).any(|label| ENVIRONMENT_LABELS.contains(&label)))
        || PRIVATE_SUFFIXES.iter().any(|s| host.ends_with(s))
}

/// A host that is never contacted: a label saying so (`dummy.local`, the
/// base of `new URL(path, "http://dummy.local")`, `placeholder.host`) or a
/// name reserved for examples and invalid names (`.invalid`, `.example`).
fn is_placeholder_host(host: &str) -> bool {
    host.ends_with(".invalid")
        || host.ends_with(".example")
        || host.split(['.', '-']).any(|label| matches!(label, "dummy" | "placeholder"))
}

/// Loopback and wildcard hosts: local development defaults.
pub fn is_local_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.starts_with("127.")
        || host == "0.0.0.0"
        || host == "::1"
        || host == "::"
        || host == "host.docker.internal"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_that_differ_per_environment() {
        for host in [
            "billing.internal.example.net",
            "api.staging.acme.io",
            "billing",
            "10.2.0.7",
            "api.svc",
            "x.corp",
            "db-prod.acme.io",
        ] {
            assert!(is_environment_host(host, &[]), "{host}");
        }
        for host in [
            "api.github.com",
            "ghost.org",
            "localhost",
            "127.0.0.1",
            "8.8.8.8",
            "api.opensea.io",
            "product.io",
            "dummy.local",
            "api.invalid",
            "sandbox.itunes.apple.com",
            "dev.azure.com",
            "api-m.sandbox.paypal.com",
        ] {
            assert!(!is_environment_host(host, &[]), "{host}");
        }
        assert!(is_environment_host("api.acme.io", &["acme.io"]));
        assert!(!is_environment_host("notacme.io", &["acme.io"]));
    }
}
