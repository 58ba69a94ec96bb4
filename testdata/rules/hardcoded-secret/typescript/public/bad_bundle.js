// A live secret key shipped to every visitor is still a leaked secret.
window.payments = { key: "sk_live_YlSXpfKtHF4vUCsMehGAkWvj" }; // expect: hardcoded-secret
