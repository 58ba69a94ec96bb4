; Builder methods that turn verification off when passed `true`:
; reqwest/native-tls `danger_accept_invalid_certs`, `danger_accept_invalid_hostnames`;
; openssl `set_verify(SslVerifyMode::NONE)`, `verify_hostname(false)`.
(call_expression
  function: (field_expression field: (field_identifier) @method)
  arguments: (arguments . (_) @argument)
  (#any-of? @method "danger_accept_invalid_certs" "danger_accept_invalid_hostnames" "set_verify" "verify_hostname")) @call

; rustls: a `ServerCertVerifier` whose `verify_server_cert` accepts everything.
(impl_item
  trait: [
    (type_identifier) @trait
    (scoped_type_identifier name: (type_identifier) @trait)
  ]
  body: (declaration_list
    (function_item
      name: (identifier) @function
      body: (block) @body))
  (#eq? @trait "ServerCertVerifier")
  (#eq? @function "verify_server_cert")) @verifier
