; Kotlin definitions and references (see ../README.md). The grammar has few field names: patterns go by position.

(class_declaration (type_identifier) @name) @definition.class
(object_declaration (type_identifier) @name) @definition.object
(function_declaration (simple_identifier) @name) @definition.function
(secondary_constructor "constructor" @name) @definition.constructor
(class_parameter (binding_pattern_kind) (simple_identifier) @name) @definition.field
(property_declaration (variable_declaration (simple_identifier) @name)) @definition.property
(enum_entry (simple_identifier) @name) @definition.constant
(type_alias (type_identifier) @name) @definition.type

; calls: f(), a.f(), this.f()
(call_expression (simple_identifier) @name) @reference.call
(call_expression (navigation_expression . (_) @receiver (navigation_suffix (simple_identifier) @name))) @reference.call

; type uses (supertypes, annotations, declarations)
(user_type (type_identifier) @name) @reference.type
