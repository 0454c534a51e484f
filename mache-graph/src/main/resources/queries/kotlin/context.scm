; Kotlin: package header and imports form the context; the package names the namespace

(source_file (package_header) @context)
(import_list (import_header) @context.line)
(package_header (identifier) @namespace)
(import_header (identifier) @import)
