; C++: declared types of parameters, locals and fields

(parameter_declaration type: (_) @local.type declarator: (identifier) @local.name)
(parameter_declaration type: (_) @local.type declarator: (pointer_declarator declarator: (identifier) @local.name))
(parameter_declaration type: (_) @local.type declarator: (reference_declarator (identifier) @local.name))
(declaration type: (_) @local.type declarator: (identifier) @local.name)
(declaration type: (_) @local.type declarator: (init_declarator declarator: (identifier) @local.name))
(declaration type: (_) @local.type declarator: (pointer_declarator declarator: (identifier) @local.name))
(declaration type: (_) @local.type declarator: (init_declarator declarator: (pointer_declarator declarator: (identifier) @local.name)))
(declaration type: (_) @local.type declarator: (init_declarator declarator: (reference_declarator (identifier) @local.name)))
(field_declaration type: (_) @local.type declarator: (field_identifier) @local.field)
(field_declaration type: (_) @local.type declarator: (pointer_declarator declarator: (field_identifier) @local.field))
