; Ruby: top-level require / require_relative / load calls form the context

((program (call method: (identifier) @m arguments: (argument_list (string))) @context @import) (#match? @m "^(require|require_relative|load)$"))
