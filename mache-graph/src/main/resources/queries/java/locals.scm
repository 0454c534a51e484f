; Java: declared types of locals, parameters, fields, for typing call receivers (a.b() -> A)

(local_variable_declaration type: (_) @local.type declarator: (variable_declarator name: (identifier) @local.name))
(local_variable_declaration declarator: (variable_declarator name: (identifier) @local.name value: (object_creation_expression type: (_) @local.inferred)))
(formal_parameter type: (_) @local.type name: (identifier) @local.name)
(field_declaration type: (_) @local.type declarator: (variable_declarator name: (identifier) @local.name))
(enhanced_for_statement type: (_) @local.type name: (identifier) @local.name)
(catch_formal_parameter (catch_type (_) @local.type) name: (identifier) @local.name)
(resource type: (_) @local.type name: (identifier) @local.name)
