package dev.mache.vfs;

import dev.mache.graph.Node;

/** What a path of the tree is, once resolved against a snapshot. */
sealed interface Place {
    String path();

    /** The root: stored top-level directories merged with README.txt, defs/, callers/, callees/. */
    record Root() implements Place {
        public String path() {
            return "";
        }
    }

    record Readme() implements Place {
        public String path() {
            return RootView.README;
        }
    }

    /** {@code defs/}, {@code callers/} or {@code callees/}: one directory per symbol. */
    record SymbolIndex(Axis axis) implements Place {
        public String path() {
            return axis.segment();
        }
    }

    /** {@code defs/<symbol>/} and friends. */
    record SymbolDir(Axis axis, String token, String name) implements Place {
        public String path() {
            return axis.segment() + "/" + name;
        }
    }

    record SymbolLink(Axis axis, String token, RefListView.Link link) implements Place {
        public String path() {
            return link.path();
        }
    }

    /** A node of the graph (a language, namespace, kind group, construct, source file, files/...). */
    record Stored(Node node) implements Place {
        public String path() {
            return node.id();
        }
    }

    /** {@code <construct>/callers/} or {@code <construct>/callees/}. */
    record ConstructList(Node construct, Axis axis) implements Place {
        public String path() {
            return construct.id() + "/" + axis.segment();
        }
    }

    record ConstructLink(Node construct, Axis axis, RefListView.Link link) implements Place {
        public String path() {
            return link.path();
        }
    }
}
