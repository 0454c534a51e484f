package dev.mache.graph;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every {@link Graph} implementation meets, as exact values over {@link StandardFixture}.
 *
 * <p>To run it against an implementation, subclass it and implement {@link #graphOver(Path)}: it receives the path
 * of a store that the indexer has already built from the standard fixture, and returns a {@link Graph} serving that
 * store (the SQLite store itself, or e.g. a daemon client talking to a daemon that serves it). The suite builds the
 * fixture once per class, calls {@code graphOver} once, and closes the graph at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GraphContractTest {

    private Path dir;
    protected Graph graph;

    /** A graph serving the store at {@code indexedDb}, which holds the indexed {@link StandardFixture}. */
    protected abstract Graph graphOver(Path indexedDb) throws Exception;

    @BeforeAll
    void buildFixture() throws Exception {
        dir = Files.createTempDirectory("mache-contract");
        StandardFixture.build(dir.resolve("src"), dir.resolve("store.db"));
        graph = graphOver(dir.resolve("store.db"));
    }

    @AfterAll
    void tearDown() throws IOException {
        if (graph != null) {
            graph.close();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static final String FOO = "toy/demo/classes/Foo";
    private static final String BAR_INT = FOO + "/methods/bar(int)";
    private static final String BAR = FOO + "/methods/bar()";
    private static final String BAZ = "toy/demo/functions/baz()";
    private static final String BAZ2 = "toy/demo/functions/baz()~2";
    private static final String HELPER = "toy/demo/functions/helper()";
    private static final String LIB_HELPER = "toy/lib/functions/helper()";

    private static List<String> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }

    private static List<String> refIds(List<Ref> refs) {
        return refs.stream().map(r -> r.nodeId() + "@" + r.sourceId()).toList();
    }

    private static String text(Snapshot s, String id) {
        return new String(s.read(id, 0, 1 << 20), StandardCharsets.UTF_8);
    }

    @Test
    void rootIsStableHexIdentity() {
        try (Snapshot a = graph.open(); Snapshot b = graph.open()) {
            assertTrue(a.root().matches("[0-9a-f]{64}"), a.root());
            assertEquals(a.root(), b.root());
            assertEquals(1, a.generation());
            assertTrue(a.committedAtNanos() > StandardFixture.MTIME_NANOS);
        }
    }

    @Test
    void rootNodeAndMissingIds() {
        try (Snapshot s = graph.open()) {
            Node root = s.node("").orElseThrow();
            assertEquals(new Node("", "", "", NodeKind.DIRECTORY, 0, s.committedAtNanos(), false), root);
            assertEquals(Optional.empty(), s.node("nope"));
            assertEquals(Optional.empty(), s.node("toy/demo/classes/Bar"));
            assertEquals(List.of(), s.children("nope"));
            assertEquals(List.of(), s.children("files/README.md"));
        }
    }

    @Test
    void childrenAreSortedBytewiseWithExactStats() {
        try (Snapshot s = graph.open()) {
            long t = s.committedAtNanos();
            long m = StandardFixture.MTIME_NANOS;
            assertEquals(List.of(new Node("files", "", "files", NodeKind.DIRECTORY, 0, t, false),
                    new Node("toy", "", "toy", NodeKind.DIRECTORY, 0, t, false)), s.children(""));
            assertEquals(List.of("README.md", "a", "b", "lib"), names(s.children("files")));
            assertEquals(List.of(new Node("files/README.md", "files", "README.md", NodeKind.FILE, 12, m, false)),
                    s.children("files").subList(0, 1));
            assertEquals(List.of("files/a/one.toy"), ids(s.children("files/a")));
            assertEquals(List.of("demo", "lib"), names(s.children("toy")));
            assertEquals(List.of("classes", "functions"), names(s.children("toy/demo")));
            assertEquals(List.of(new Node(FOO, "toy/demo/classes", "Foo", NodeKind.DIRECTORY, 0, m, true)),
                    s.children("toy/demo/classes"));
            assertEquals(List.of("context", "location", "methods", "source"), names(s.children(FOO)));
            assertEquals(List.of(BAR, BAR_INT), ids(s.children(FOO + "/methods")));
            assertEquals(List.of(BAZ, BAZ2, HELPER), ids(s.children("toy/demo/functions")));
            assertEquals(List.of(LIB_HELPER), ids(s.children("toy/lib/functions")));
            Node source = s.node(BAR_INT + "/source").orElseThrow();
            assertEquals(new Node(BAR_INT + "/source", BAR_INT, "source", NodeKind.FILE,
                    "fn bar(int) {\n    call baz\n    call helper\n  }".length(), m, false), source);
        }
    }

    @Test
    void childrenAfterPages() {
        try (Snapshot s = graph.open()) {
            String fns = "toy/demo/functions";
            assertEquals(List.of(BAZ, BAZ2), ids(s.childrenAfter(fns, null, 2)));
            assertEquals(List.of(BAZ2), ids(s.childrenAfter(fns, "baz()", 1)));
            assertEquals(List.of(BAZ2, HELPER), ids(s.childrenAfter(fns, "baz()", 10)));
            assertEquals(List.of(), ids(s.childrenAfter(fns, "helper()", 10)));
            assertEquals(List.of(), ids(s.childrenAfter(fns, null, 0)));
            assertEquals(List.of("toy"), ids(s.childrenAfter("", "files", 10)));
            assertEquals(List.of(), s.childrenAfter("nope", null, 10));
        }
    }

    @Test
    void readsExactBytesAndSlices() {
        try (Snapshot s = graph.open()) {
            assertEquals(StandardFixture.README, text(s, "files/README.md"));
            assertEquals(StandardFixture.ONE, text(s, "files/a/one.toy"));
            assertArrayEquals("mac".getBytes(StandardCharsets.UTF_8), s.read("files/README.md", 6, 3));
            assertArrayEquals("ache\n".getBytes(StandardCharsets.UTF_8), s.read("files/README.md", 7, 100));
            assertArrayEquals(new byte[0], s.read("files/README.md", 12, 5));
            assertArrayEquals(new byte[0], s.read("files/README.md", 1000, 5));
            assertArrayEquals(new byte[0], s.read("files/README.md", 0, 0));
            assertArrayEquals(new byte[0], s.read("nope", 0, 10));
            assertArrayEquals(new byte[0], s.read("toy", 0, 10));
            assertEquals("class Foo {\n  fn bar(int) {\n    call baz\n    call helper\n  }\n  fn bar() {\n  }\n}",
                    text(s, FOO + "/source"));
            assertEquals("a/one.toy:3:10\n", text(s, FOO + "/location"));
            assertEquals("package demo\nimport lib\n", text(s, FOO + "/context"));
            assertEquals("fn bar(int) {\n    call baz\n    call helper\n  }", text(s, BAR_INT + "/source"));
            assertEquals("bar(int)", new String(s.read(BAR_INT + "/source", 3, 8), StandardCharsets.UTF_8));
            assertEquals("a/one.toy:4:7\n", text(s, BAR_INT + "/location"));
            assertEquals("fn baz() {\n}", text(s, BAZ2 + "/source"));
            assertEquals("b/two.toy:2:3\n", text(s, BAZ2 + "/location"));
            assertEquals("package demo\n", text(s, BAZ2 + "/context"));
            assertEquals("package lib\n", text(s, LIB_HELPER + "/context"));
            for (String id : List.of(FOO + "/source", FOO + "/location", FOO + "/context", "files/b/two.toy")) {
                assertEquals(s.node(id).orElseThrow().size(), s.read(id, 0, 1 << 20).length, id);
            }
        }
    }

    @Test
    void definitionsAndReferences() {
        try (Snapshot s = graph.open()) {
            assertEquals(List.of(BAZ + "@a/one.toy", BAZ2 + "@b/two.toy"), refIds(s.defs("baz")));
            assertEquals(List.of(BAR + "@a/one.toy", BAR_INT + "@a/one.toy"), refIds(s.defs("bar")));
            assertEquals(List.of(HELPER + "@b/two.toy", LIB_HELPER + "@lib/three.toy"), refIds(s.defs("helper")));
            assertEquals(List.of(FOO + "@a/one.toy"), refIds(s.defs("Foo")));
            assertEquals(List.of(), s.defs("external"));
            assertEquals(List.of(), s.defs("nope"));
            assertEquals(List.of(BAR_INT + "@a/one.toy", HELPER + "@b/two.toy"), refIds(s.refs("baz")));
            assertEquals(List.of(BAZ + "@a/one.toy"), refIds(s.refs("bar")));
            assertEquals(List.of(BAZ + "@a/one.toy"), refIds(s.refs("external")));
            assertEquals(List.of(BAR_INT + "@a/one.toy"), refIds(s.refs("helper")));
            assertEquals(List.of(), s.refs("Foo"));
        }
    }

    @Test
    void callersAndCallees() {
        try (Snapshot s = graph.open()) {
            // a bare call prefers the same file, then the same namespace
            assertEquals(List.of(BAZ + "@a/one.toy", HELPER + "@b/two.toy"), refIds(s.callees(BAR_INT)));
            // a receiver naming a class resolves to that class's members; an unknown symbol lists no callee
            assertEquals(List.of(BAR + "@a/one.toy", BAR_INT + "@a/one.toy"), refIds(s.callees(BAZ)));
            assertEquals(List.of(BAZ2 + "@b/two.toy"), refIds(s.callees(HELPER)));
            assertEquals(List.of(), s.callees(BAR));
            assertEquals(List.of(), s.callees(FOO));
            assertEquals(List.of(BAR_INT + "@a/one.toy"), refIds(s.callers(BAZ)));
            assertEquals(List.of(HELPER + "@b/two.toy"), refIds(s.callers(BAZ2)));
            assertEquals(List.of(BAZ + "@a/one.toy"), refIds(s.callers(BAR)));
            assertEquals(List.of(BAZ + "@a/one.toy"), refIds(s.callers(BAR_INT)));
            assertEquals(List.of(BAR_INT + "@a/one.toy"), refIds(s.callers(HELPER)));
            assertEquals(List.of(), s.callers(LIB_HELPER));
            assertEquals(List.of(), s.callers("nope"));
            assertEquals(List.of(), s.callees("nope"));
        }
    }

    @Test
    void tokenPaging() {
        try (Snapshot s = graph.open()) {
            assertEquals(List.of("Foo", "bar", "baz", "helper"), s.defTokens(null, 10));
            assertEquals(List.of("Foo", "bar"), s.defTokens(null, 2));
            assertEquals(List.of("baz", "helper"), s.defTokens("bar", 10));
            assertEquals(List.of(), s.defTokens("helper", 10));
            assertEquals(List.of("bar", "baz", "external", "helper"), s.refTokens(null, 10));
            assertEquals(List.of("external"), s.refTokens("baz", 1));
            assertEquals(List.of(), s.refTokens(null, 0));
        }
    }

    @Test
    void unhashResolvesNodeIdsAndTokens() {
        try (Snapshot s = graph.open()) {
            assertEquals(Optional.of(BAR_INT), s.unhash(Names.hash128(BAR_INT)));
            assertEquals(Optional.of("files/README.md"), s.unhash(Names.hash128("files/README.md")));
            assertEquals(Optional.of("toy/demo/functions"), s.unhash(Names.hash128("toy/demo/functions")));
            assertEquals(Optional.of("external"), s.unhash(Names.hash128("external")));
            assertEquals(Optional.of("Foo"), s.unhash(Names.hash128("Foo")));
            assertEquals(Optional.empty(), s.unhash(Names.hash128("no such thing")));
        }
    }

    @Test
    void statsCountTheFixture() {
        try (Snapshot s = graph.open()) {
            assertEquals(new Stats(4, 7, 5, 44, "ready"), s.stats()); // references: (construct, token) pairs
        }
    }

    @Test
    void concurrentSnapshotsAreIndependent() {
        Snapshot a = graph.open();
        Snapshot b = graph.open();
        try {
            assertEquals(ids(a.children("toy/demo/functions")), ids(b.children("toy/demo/functions")));
        } finally {
            a.close();
            b.close();
        }
        a.close(); // closing twice is harmless
        try (Snapshot c = graph.open()) {
            assertEquals(List.of(BAZ, BAZ2, HELPER), ids(c.children("toy/demo/functions")));
        }
    }
}
