; Kotlin: declared types of parameters and properties; constructor calls for inferred vals

(parameter (simple_identifier) @local.name . (_) @local.type)
(class_parameter (simple_identifier) @local.field . (_) @local.type)
(property_declaration (variable_declaration (simple_identifier) @local.name . (_) @local.type))
(property_declaration (variable_declaration (simple_identifier) @local.name) (call_expression . (simple_identifier) @local.inferred))
