; Go: declared types of receivers, parameters and variables, for typing call receivers (s.Start() -> Server)

(parameter_declaration name: (identifier) @local.name type: (_) @local.type)
(var_spec name: (identifier) @local.name type: (_) @local.type)
(short_var_declaration left: (expression_list . (identifier) @local.name) right: (expression_list . (composite_literal type: (_) @local.inferred)))
(short_var_declaration left: (expression_list . (identifier) @local.name) right: (expression_list . (unary_expression operand: (composite_literal type: (_) @local.inferred))))
