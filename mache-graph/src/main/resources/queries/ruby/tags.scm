; Ruby definitions and references (see ../README.md)

(class name: (constant) @name) @definition.class
(class name: (scope_resolution name: (constant) @name)) @definition.class
(module name: (constant) @name) @definition.module
(module name: (scope_resolution name: (constant) @name)) @definition.module
(method name: (_) @name) @definition.method
(singleton_method name: (_) @name) @definition.method
(class body: (body_statement (assignment left: (constant) @name) @definition.constant))
(module body: (body_statement (assignment left: (constant) @name) @definition.constant))
(program (assignment left: (constant) @name) @definition.constant)

; calls: f(x), a.f, Foo.new (also an instantiation of Foo)
(call receiver: (_)? @receiver method: (identifier) @name) @reference.call
((call receiver: (constant) @name method: (identifier) @new) @reference.new (#eq? @new "new"))
((call receiver: (scope_resolution name: (constant) @name) method: (identifier) @new) @reference.new (#eq? @new "new"))

; type uses: superclasses, qualified constants
(superclass (constant) @name) @reference.type
(superclass (scope_resolution name: (constant) @name)) @reference.type
(scope_resolution name: (constant) @name) @reference.type

; operator methods: a / b calls the method named / on a
(binary left: (_) @receiver operator: ["/" "*" "+" "-" "%" "**" "==" "<" ">" "<=" ">=" "<=>" "<<" ">>" "&" "|" "^"] @name) @reference.call
