; Java: the package clause and the imports form a construct's context; the package names the namespace

(program (package_declaration) @context)
(program (import_declaration) @context @import)
(package_declaration [(identifier) (scoped_identifier)] @namespace)
