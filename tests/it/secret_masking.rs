//! The secrets `hardcoded-secret` finds never appear in any output: each
//! format of `backlint check` is run on a folder with secrets in all three
//! languages, and none of the literals may be printed, while the findings
//! themselves must be.

use std::process::Command;

use crate::support::{TempProject, temp_project};

/// The secret parts of the literals below; none may appear in any output.
const SECRETS: &[&str] = &[
    "AKIAQX7MZ2LPR9TW4VBN",
    "Vq7#kLm2Zp9Rw4Tx",
    "ghp_Z8kQ2mT4vX9pL1nR7sW3yB6cF0hJ5dG2aE4u",
    "sk_live_Pq3Zt8Lm1Wx6Rv9Kb2Nc5Yd7",
    "Dk83jfQ0zPw",
    "xoxb-483920174652-9182736450918-Hq2Lp8Zw4Rt6Yx1Nv3Bm5Kc7",
    "AIzaSyQ3p8Zr4Lm7Tx2Wv9Kb5Nc1Yd6Hf0Jg8Ue",
    "MIIEpAIBAAKCAQEA7mQ2kP9rZx4Lw8Tv1Yb6Nc3Hd5Jf0Gs2Ue7Ia9Ro4Pq8Sm1Wn",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiaWxsaW5nLXdvcmtlciJ9.Zt4Lq8Wm2Xp6Rv1Kb9Nc3Yd7Hf5Jg0Ue2Ia4Ro8",
    "mR8tQ2zLw5",
    "c9f1a7e3b5d2048f6a1c3e5b7d9f0a2c4e6b8d0f",
];

fn write_project() -> TempProject {
    let dir = temp_project("secret-masking", "keys");
    std::fs::create_dir_all(dir.join("app")).unwrap();
    std::fs::write(
        dir.join("app/keys.py"),
        format!(
            r#"import requests

AWS_ACCESS_KEY_ID = "{}"
DB_PASSWORD = "{}"
GITHUB = "{}"
DATABASE_URL = "postgresql://app:{}@db.prod.example.net/shop"

# One line several rules report: the secret stays masked in all of them.
resp = requests.get("https://api.example.net/v1", headers={{"Authorization": "Bearer {}"}})

PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----
{}
-----END RSA PRIVATE KEY-----
"""
"#,
            SECRETS[0], SECRETS[1], SECRETS[2], SECRETS[9], SECRETS[10], SECRETS[7]
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("app/payments.ts"),
        format!(
            r#"export const stripe = new Stripe("{}");
export const oauth = {{ clientSecret: "{}" }};
const slack = "{}";
export const maps = `https://maps.example.net/api/js?key={}`;
"#,
            SECRETS[3], SECRETS[4], SECRETS[5], SECRETS[6]
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("app/client.rs"),
        format!(
            r#"const SERVICE_JWT: &str = "{}";

fn options() -> PgConnectOptions {{
    PgConnectOptions::new().host("db").password("{}")
}}
"#,
            SECRETS[8], SECRETS[1]
        ),
    )
    .unwrap();
    dir
}

#[test]
fn secrets_are_masked_in_every_format() {
    let dir = write_project();
    for format in ["text", "concise", "github", "gitlab", "json", "junit", "rdjson", "sarif"] {
        let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
            .current_dir(&dir)
            .args(["check", ".", "--color", "never", "--format", format])
            .output()
            .expect("the binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stdout.matches("hardcoded-secret").count() >= 10,
            "--format {format}: expected the secrets to be reported, got:\n{stdout}\n{stderr}"
        );
        for secret in SECRETS {
            assert!(!stdout.contains(secret), "--format {format} prints the secret `{secret}`:\n{stdout}");
            assert!(!stderr.contains(secret), "--format {format} prints the secret `{secret}` on stderr:\n{stderr}");
        }
        if format == "text" {
            assert!(stdout.contains("AKIA****"), "the text snippet shows the masked value:\n{stdout}");
        }
    }
}
