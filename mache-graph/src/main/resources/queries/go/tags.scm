; Go definitions and references (see ../README.md)

(function_declaration name: (identifier) @name) @definition.function
(method_declaration name: (field_identifier) @name) @definition.method
(type_spec name: (type_identifier) @name) @definition.type
(type_alias name: (type_identifier) @name) @definition.type
(field_declaration name: (field_identifier) @name) @definition.field
(method_elem name: (field_identifier) @name) @definition.method
(source_file (const_declaration (const_spec name: (identifier) @name) @definition.constant))
(source_file (var_declaration (var_spec name: (identifier) @name) @definition.variable))
(source_file (var_declaration (var_spec_list (var_spec name: (identifier) @name) @definition.variable)))

; calls: f(), pkg.F(), x.M(), (f)()
(call_expression function: (identifier) @name) @reference.call
(call_expression function: (parenthesized_expression (identifier) @name)) @reference.call
(call_expression function: (selector_expression operand: (_) @receiver field: (field_identifier) @name)) @reference.call

; instantiations: T{...}, pkg.T{...}, T[int]{...}
(composite_literal type: (type_identifier) @name) @reference.new
(composite_literal type: (qualified_type package: (package_identifier) @receiver name: (type_identifier) @name)) @reference.new
(composite_literal type: (generic_type type: (type_identifier) @name)) @reference.new

; type uses
(type_identifier) @name @reference.type
