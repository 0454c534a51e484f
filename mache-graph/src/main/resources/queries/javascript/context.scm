; JavaScript: module imports form the context

(program (import_statement) @context)
(import_statement source: (string) @import)
(export_statement source: (string) @import)

; CommonJS: top-level const x = require("...")
((program (lexical_declaration (variable_declarator value: (call_expression function: (identifier) @f arguments: (arguments (string) @import)))) @context) (#eq? @f "require"))
((program (variable_declaration (variable_declarator value: (call_expression function: (identifier) @f arguments: (arguments (string) @import)))) @context) (#eq? @f "require"))
