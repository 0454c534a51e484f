; C#: using directives and the namespace clause (its first line) form the context; the namespace names the namespace

(compilation_unit (using_directive) @context @import)
(namespace_declaration name: (_) @namespace) @context.line
(file_scoped_namespace_declaration name: (_) @namespace) @context.line
(namespace_declaration body: (declaration_list (using_directive) @context @import))
