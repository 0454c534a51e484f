; C#: declared types of parameters, locals, fields and properties; new-expressions for var

(parameter type: (_) @local.type name: (identifier) @local.name)
(variable_declaration type: (_) @local.type (variable_declarator name: (identifier) @local.name))
(variable_declaration (variable_declarator name: (identifier) @local.name (object_creation_expression type: (_) @local.inferred)))
(property_declaration type: (_) @local.type name: (identifier) @local.name)
