; Rust: use declarations, extern crates and out-of-line module declarations form the context

(source_file (use_declaration) @context @import)
(source_file (extern_crate_declaration) @context)
(source_file (mod_item !body) @context)
