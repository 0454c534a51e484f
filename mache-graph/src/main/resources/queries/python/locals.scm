; Python: annotated parameters and variables, constructor calls, self.x = Foo() members

(typed_parameter (identifier) @local.name type: (type) @local.type)
(typed_default_parameter name: (identifier) @local.name type: (type) @local.type)
(assignment left: (identifier) @local.name type: (type) @local.type)
(assignment left: (identifier) @local.name right: (call function: (identifier) @local.inferred))
(assignment left: (attribute object: (identifier) attribute: (identifier) @local.field) type: (type) @local.type)
(assignment left: (attribute object: (identifier) attribute: (identifier) @local.field) right: (call function: (identifier) @local.inferred))
