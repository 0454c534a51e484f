; Ruby: Foo.new assignments type locals and instance variables (@x = Foo.new)

((assignment left: (identifier) @local.name right: (call receiver: (constant) @local.inferred method: (identifier) @m)) (#eq? @m "new"))
((assignment left: (instance_variable) @local.field right: (call receiver: (constant) @local.inferred method: (identifier) @m)) (#eq? @m "new"))
