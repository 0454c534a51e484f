; JavaScript: module imports form the context

(program (import_statement) @context)
(import_statement source: (string) @import)
(export_statement source: (string) @import)
