; C: declared types of parameters and locals

(parameter_declaration type: (_) @local.type declarator: (identifier) @local.name)
(parameter_declaration type: (_) @local.type declarator: (pointer_declarator declarator: (identifier) @local.name))
(declaration type: (_) @local.type declarator: (identifier) @local.name)
(declaration type: (_) @local.type declarator: (init_declarator declarator: (identifier) @local.name))
(declaration type: (_) @local.type declarator: (pointer_declarator declarator: (identifier) @local.name))
(declaration type: (_) @local.type declarator: (init_declarator declarator: (pointer_declarator declarator: (identifier) @local.name)))
