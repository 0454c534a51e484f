; Python: module-level imports form the context

(module (import_statement) @context @import)
(module (import_from_statement) @context @import)
(module (future_import_statement) @context)
