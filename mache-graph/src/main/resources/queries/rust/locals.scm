; Rust: declared and constructed types of parameters and let bindings

(parameter pattern: (identifier) @local.name type: (_) @local.type)
(let_declaration pattern: (identifier) @local.name type: (_) @local.type)
(let_declaration pattern: (identifier) @local.name value: (struct_expression name: (_) @local.inferred))
(let_declaration pattern: (identifier) @local.name value: (call_expression function: (scoped_identifier path: (_) @local.inferred)))
(field_declaration name: (field_identifier) @local.field type: (_) @local.type)
