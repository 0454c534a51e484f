; Java definitions and references (mache's extension of the tree-sitter tags convention; see ../README.md)

(class_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(record_declaration name: (identifier) @name) @definition.record
(annotation_type_declaration name: (identifier) @name) @definition.annotation
(method_declaration name: (identifier) @name) @definition.method
(annotation_type_element_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.constructor
(compact_constructor_declaration name: (identifier) @name) @definition.constructor
(field_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.field
(constant_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.field
(record_declaration parameters: (formal_parameters (formal_parameter name: (identifier) @name) @definition.field))
(enum_constant name: (identifier) @name) @definition.constant

; calls: a.b(), b(), Foo::bar
(method_invocation object: (_)? @receiver name: (identifier) @name) @reference.call
(method_reference . (_) @receiver (identifier) @name .) @reference.call

; instantiations: new Foo(), new Foo<>(), new a.b.Foo()
(object_creation_expression
  type: [(type_identifier) @name
         (generic_type (type_identifier) @name)
         (scoped_type_identifier (type_identifier) @name .)
         (generic_type (scoped_type_identifier (type_identifier) @name .))]) @reference.new

; type uses: declarations, extends/implements, casts, generic arguments, annotations
(type_identifier) @name @reference.type
(marker_annotation name: (identifier) @name) @reference.type
(annotation name: (identifier) @name) @reference.type
