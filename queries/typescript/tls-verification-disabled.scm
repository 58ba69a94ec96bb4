; Options objects that switch verification off: `rejectUnauthorized: false`
; (https, tls, undici, pg, mysql2, axios agents), `strictSSL: false` (request),
; `checkServerIdentity: () => undefined`.
(pair
  key: [(property_identifier) (string)] @key
  value: (_) @value) @pair

; `process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"` and the subscript form.
(assignment_expression
  left: [(member_expression) (subscript_expression)] @target
  right: (_) @assigned) @assignment
