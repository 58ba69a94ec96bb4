; rustls: a `ServerCertVerifier` implementation; the rule checks whether its
; `verify_server_cert` accepts everything.
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
