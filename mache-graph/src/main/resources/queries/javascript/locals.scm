; JavaScript: constructor calls give types (x = new Foo(), this.x = new Foo())

(variable_declarator name: (identifier) @local.name value: (new_expression constructor: (identifier) @local.inferred))
(assignment_expression left: (identifier) @local.name right: (new_expression constructor: (identifier) @local.inferred))
(assignment_expression left: (member_expression object: (this) property: (property_identifier) @local.field) right: (new_expression constructor: (identifier) @local.inferred))
(field_definition property: (property_identifier) @local.field value: (new_expression constructor: (identifier) @local.inferred))
