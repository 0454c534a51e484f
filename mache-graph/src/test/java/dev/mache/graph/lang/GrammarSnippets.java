package dev.mache.graph.lang;

import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny valid program per grammar and the root node type tree-sitter gives it. */
final class GrammarSnippets {

    record Snippet(String source, String rootType) {}

    static final Map<String, Snippet> ALL = new LinkedHashMap<>();

    static {
        ALL.put("java", new Snippet("class A { int f(int x) { return x + 1; } }\n", "program"));
        ALL.put("go", new Snippet("package main\n\nfunc main() { x := 1; _ = x }\n", "source_file"));
        ALL.put("python", new Snippet("def f(x):\n    return x + 1\n", "module"));
        ALL.put("javascript", new Snippet("function f(a) { return a + 1; }\n", "program"));
        ALL.put("typescript", new Snippet("function f(a: number): number { return a + 1; }\n", "program"));
        ALL.put("tsx", new Snippet("const x = <div className=\"a\">{1}</div>;\n", "program"));
        ALL.put("rust", new Snippet("fn main() { let x: i32 = 1; println!(\"{}\", x); }\n", "source_file"));
        ALL.put("c", new Snippet("int main(void) { return 0; }\n", "translation_unit"));
        ALL.put("cpp", new Snippet("class A { public: int f() const { return 1; } };\n", "translation_unit"));
        ALL.put("c_sharp", new Snippet("class A { void F() { var x = 1; } }\n", "compilation_unit"));
        ALL.put("ruby", new Snippet("def f(x)\n  x + 1\nend\n", "program"));
        ALL.put("kotlin", new Snippet("fun main() { println(\"hi\") }\n", "source_file"));
    }

    private GrammarSnippets() {}
}
