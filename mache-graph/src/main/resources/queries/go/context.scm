; Go: the package clause and the imports; the package name names the module root's namespace

(source_file (package_clause) @context)
(source_file (import_declaration) @context)
(package_clause (package_identifier) @namespace)
(import_spec path: (_) @import)
