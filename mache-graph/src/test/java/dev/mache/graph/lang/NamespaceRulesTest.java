package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The namespace segment each language derives from a file's path and declarations (PROJECTION.md §2). */
class NamespaceRulesTest {

    private static String ns(String path, String code, String... existing) {
        return Dump.parse(path, code, existing).namespace();
    }

    @Test
    void javaPackageOrDefault() {
        assertEquals("java.util", ns("src/java/util/List.java", "package java.util;\ninterface List {}\n"));
        assertEquals("(default)", ns("Main.java", "class Main {}\n"));
    }

    @Test
    void goPackageDirectoryRelativeToTheNearestModuleRoot() {
        String code = "package graph\nfunc Open() {}\n";
        assertEquals("internal.graph", ns("svc/internal/graph/g.go", code, "svc/go.mod", "go.mod"));
        assertEquals("graph", ns("svc/g.go", code, "svc/go.mod"));
        assertEquals("graph", ns("g.go", code, "go.mod"));
        assertEquals("svc.internal.graph", ns("svc/internal/graph/g.go", code));
    }

    @Test
    void pythonModulePathFromPackagesOrPath() {
        String code = "x = 1\n";
        assertEquals("requests.adapters", ns("src/requests/adapters.py", code, "src/requests/__init__.py"));
        assertEquals("requests", ns("src/requests/__init__.py", code, "src/requests/__init__.py"));
        assertEquals("a.b.c", ns("a/b/c.py", code, "a/__init__.py", "a/b/__init__.py"));
        assertEquals("tools.gen", ns("tools/gen.py", code));
        assertEquals("gen", ns("src/gen.py", code));
        assertEquals("setup", ns("setup.py", code));
    }

    @Test
    void rustModulePathInsideTheCrate() {
        String code = "fn f() {}\n";
        assertEquals("crate", ns("src/lib.rs", code, "Cargo.toml"));
        assertEquals("crate", ns("net/src/main.rs", code, "net/Cargo.toml"));
        assertEquals("net.tcp", ns("src/net/tcp.rs", code, "Cargo.toml"));
        assertEquals("net.tcp", ns("src/net/tcp/mod.rs", code, "Cargo.toml"));
        assertEquals("tests.it", ns("tests/it.rs", code, "Cargo.toml"));
    }

    @Test
    void scriptModulesAreFilePathsWithoutExtension() {
        assertEquals("src.components.Button", ns("src/components/Button.jsx", "export const B = 1;\n"));
        assertEquals("src.util", ns("src/util.mjs", "export const B = 1;\n"));
        assertEquals("src.api.client", ns("src/api/client.ts", "export const B = 1;\n"));
        assertEquals("src.App", ns("src/App.tsx", "export const B = 1;\n"));
    }

    @Test
    void cAndCppFilePaths() {
        assertEquals("src.net.socket.c", ns("src/net/socket.c", "int x;\n"));
        assertEquals("include.net.socket.h", ns("include/net/socket.h", "int open_socket(void);\n"));
        assertEquals("src.geo.shape.cpp", ns("src/geo/shape.cpp", "int x;\n"));
    }

    @Test
    void aHeaderThatShowsCppIsReportedAsCpp() {
        ParsedFile c = Dump.parse("include/point.h", "struct point { int x; };\n");
        assertEquals("c", c.language());
        ParsedFile cpp = Dump.parse("include/shape.h", "namespace geo {\nclass Shape {\npublic:\n  int area();\n};\n}\n");
        assertEquals("cpp", cpp.language());
        assertEquals("""
                namespaces geo namespace 1-6 container
                  classes Shape class 2-5
                    methods area() [area] method 4-4
                """, Dump.constructs(cpp));
    }
}
