; Keyword arguments that can switch verification off:
; requests/httpx `verify=False`, aiohttp `ssl=False` / `verify_ssl=False`,
; urllib3 and ssl `cert_reqs=ssl.CERT_NONE`.
(call
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @keyword
      value: (_) @value)
    (#any-of? @keyword "verify" "ssl" "verify_ssl" "cert_reqs"))) @call

; Calls to the unverified context factory: ssl._create_unverified_context().
(call
  function: [
    (identifier) @factory
    (attribute attribute: (identifier) @factory)
  ]
  (#eq? @factory "_create_unverified_context")) @factory_call

; Attribute assignments: `session.verify = False`, `ctx.check_hostname = False`,
; `ctx.verify_mode = ssl.CERT_NONE`,
; `ssl._create_default_https_context = ssl._create_unverified_context`.
(assignment
  left: (attribute attribute: (identifier) @attribute)
  right: (_) @assigned
  (#any-of? @attribute "verify" "check_hostname" "verify_mode" "_create_default_https_context")) @assignment
