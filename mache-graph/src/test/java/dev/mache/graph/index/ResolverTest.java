package dev.mache.graph.index;

import dev.mache.graph.index.Projection.DefRow;
import dev.mache.graph.index.Projection.PendingRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The resolution tiers, on hand-made definitions. */
class ResolverTest {
    private final Map<String, List<DefRow>> defs = new HashMap<>();
    private final Resolver resolver = new Resolver(t -> defs.getOrDefault(t, List.of()));

    private void def(String token, String nodeId, String file, String ns, String container, String containerToken,
                     String kind, String top) {
        defs.computeIfAbsent(token, k -> new ArrayList<>()).add(
                new DefRow(token, nodeId, file, container, kind, "java", ns, containerToken, top));
    }

    private List<String> targets(String token, String from, String classId, String site, String file, String ns,
                                 List<String> imports) {
        List<String> out = new ArrayList<>();
        // sites below are written as kind + receiver; the arity letter in between says "unknown"
        String stored = Sites.of(site.charAt(0), dev.mache.graph.lang.CallArity.UNKNOWN, site.substring(1));
        for (Resolver.Resolved r : resolver.resolve(new PendingRef(from, token, classId, List.of(stored)),
                new Resolver.FileCtx(file, "java", ns, imports))) {
            out.add(r.target());
        }
        return out;
    }

    @Test
    void tiers() {
        def("A", "j/p/classes/A", "p/A.java", "p", null, null, "class", "A");
        def("run", "j/p/classes/A/methods/run()", "p/A.java", "p", "j/p/classes/A", "A", "method", "A");
        def("run", "j/q/classes/B/methods/run()", "q/B.java", "q", "j/q/classes/B", "B", "method", "B");
        def("B", "j/q/classes/B", "q/B.java", "q", null, null, "class", "B");
        def("B", "j/q/classes/B/constructors/B()", "q/B.java", "q", "j/q/classes/B", "B", "constructor", "B");
        String caller = "j/p/classes/A/methods/go()";
        // bare call: the enclosing class first
        assertEquals(List.of("j/p/classes/A/methods/run()"),
                targets("run", caller, "j/p/classes/A", "c", "p/A.java", "p", List.of()));
        // a receiver naming a type in the tree: its member, wherever the caller is
        assertEquals(List.of("j/q/classes/B/methods/run()"),
                targets("run", caller, "j/p/classes/A", "cB", "p/A.java", "p", List.of()));
        assertEquals(List.of("j/q/classes/B/methods/run()"),
                targets("run", caller, "j/p/classes/A", "cq.B<String>", "p/A.java", "p", List.of()));
        // an external type: unresolved rather than guessed
        assertEquals(java.util.Arrays.asList((String) null),
                targets("run", caller, "j/p/classes/A", "cThread", "p/A.java", "p", List.of()));
        // this: the enclosing class
        assertEquals(List.of("j/p/classes/A/methods/run()"),
                targets("run", caller, "j/p/classes/A", "cthis", "p/A.java", "p", List.of()));
        // a variable of unknown type in another package: through an import only
        assertEquals(java.util.Arrays.asList((String) null),
                targets("run", "j/r/classes/C/methods/x()", "j/r/classes/C", "cv", "r/C.java", "r", List.of()));
        assertEquals(List.of("j/q/classes/B/methods/run()"), targets("run", "j/r/classes/C/methods/x()",
                "j/r/classes/C", "cv", "r/C.java", "r", List.of("q.B")));
        // new prefers constructors over the class
        assertEquals(List.of("j/q/classes/B/constructors/B()"),
                targets("B", caller, "j/p/classes/A", "n", "p/A.java", "p", List.of("q.*")));
        // a type use is a reference, not a call edge
        assertEquals(java.util.Arrays.asList((String) null),
                targets("B", caller, "j/p/classes/A", "t", "p/A.java", "p", List.of("q.B")));
        // never the construct itself
        assertEquals(java.util.Arrays.asList((String) null), targets("run", "j/p/classes/A/methods/run()",
                "j/p/classes/A", "cthis", "p/A.java", "p", List.of()).subList(0, 1).stream()
                .filter(t -> t == null || !t.equals("j/p/classes/A/methods/run()")).toList());
    }

    @Test
    void wideTiersOnlyResolveWhenNearlyUnambiguous() {
        for (int i = 0; i < 5; i++) {
            def("equals", "j/p/classes/C" + i + "/methods/equals(Object)", "p/C" + i + ".java", "p",
                    "j/p/classes/C" + i, "C" + i, "method", "C" + i);
        }
        // five candidates in the namespace: too ambiguous to list
        assertEquals(java.util.Arrays.asList((String) null),
                targets("equals", "j/p/classes/D/methods/m()", "j/p/classes/D", "co", "p/D.java", "p", List.of()));
        // the same file still resolves
        assertEquals(List.of("j/p/classes/C1/methods/equals(Object)"),
                targets("equals", "j/p/classes/C1/methods/m()", "j/p/classes/C1", "co", "p/C1.java", "p",
                        List.of()));
    }

    @Test
    void overloadsToldApartByArgumentCount() {
        def("scale", "c/geo/classes/Vec/methods/scale(double)", "vec.cpp", "geo", "c/geo/classes/Vec", "Vec",
                "method", "Vec");
        def("scale", "c/geo/classes/Vec/methods/scale(double,double)", "vec.cpp", "geo", "c/geo/classes/Vec",
                "Vec", "method", "Vec");
        def("log", "c/geo/classes/Vec/methods/log(String,Object...)", "vec.cpp", "geo", "c/geo/classes/Vec",
                "Vec", "method", "Vec");
        def("log", "c/geo/classes/Vec/methods/log(String)", "vec.cpp", "geo", "c/geo/classes/Vec",
                "Vec", "method", "Vec");
        String caller = "c/geo/classes/Vec/methods/go()";
        List<String> both = List.of("c/geo/classes/Vec/methods/scale(double)",
                "c/geo/classes/Vec/methods/scale(double,double)");
        assertEquals(List.of(both.get(0)), arityTargets("scale", caller, 1));
        assertEquals(List.of(both.get(1)), arityTargets("scale", caller, 2));
        // unknown arity, or a count no overload declares (default arguments): every overload stays
        assertEquals(both, arityTargets("scale", caller, dev.mache.graph.lang.CallArity.UNKNOWN));
        assertEquals(both, arityTargets("scale", caller, 3));
        // varargs take the declared count minus one and more
        assertEquals(List.of("c/geo/classes/Vec/methods/log(String,Object...)",
                "c/geo/classes/Vec/methods/log(String)"), arityTargets("log", caller, 1));
        assertEquals(List.of("c/geo/classes/Vec/methods/log(String,Object...)"), arityTargets("log", caller, 3));
    }

    @Test
    void callChainsResolveThroughDeclaredResultTypes() {
        defs.computeIfAbsent("scale", k -> new ArrayList<>()).add(new DefRow("scale", "j/s/classes/Circle/methods/scale(double)",
                "s/Circle.java", "j/s/classes/Circle", "method", "java", "s", "Circle", "Circle", "Circle"));
        defs.computeIfAbsent("grow", k -> new ArrayList<>()).add(new DefRow("grow", "j/s/classes/Circle/methods/grow()",
                "s/Circle.java", "j/s/classes/Circle", "method", "java", "s", "Circle", "Circle", "Shape"));
        def("area", "j/s/classes/Circle/methods/area()", "s/Circle.java", "s", "j/s/classes/Circle", "Circle", "method",
                "Circle");
        def("area", "j/s/interfaces/Shape/methods/area()", "s/Shape.java", "s", "j/s/interfaces/Shape", "Shape",
                "method", "Shape");
        String caller = "j/s/classes/Main/methods/main()";
        // c.scale(2).area() with c a Circle: scale returns Circle, so Circle's area only
        assertEquals(List.of("j/s/classes/Circle/methods/area()"),
                targets("area", caller, "j/s/classes/Main", "cCircle.scale()", "s/Main.java", "s", List.of()));
        // chains of chains: c.scale(2).scale(3).area()
        assertEquals(List.of("j/s/classes/Circle/methods/area()"), targets("area", caller, "j/s/classes/Main",
                "cCircle.scale().scale()", "s/Main.java", "s", List.of()));
        // grow() returns the interface: its area
        assertEquals(List.of("j/s/interfaces/Shape/methods/area()"),
                targets("area", caller, "j/s/classes/Main", "cCircle.grow()", "s/Main.java", "s", List.of()));
        // a call whose result is unknown resolves by name, as any receiver of unknown type
        assertEquals(List.of("j/s/classes/Circle/methods/area()", "j/s/interfaces/Shape/methods/area()"),
                targets("area", caller, "j/s/classes/Main", "cfetch()", "s/Main.java", "s", List.of()));
    }

    private List<String> arityTargets(String token, String from, int arity) {
        List<String> out = new ArrayList<>();
        for (Resolver.Resolved r : resolver.resolve(new PendingRef(from, token, "c/geo/classes/Vec",
                List.of(Sites.of('c', arity, ""))), new Resolver.FileCtx("vec.cpp", "java", "geo", List.of()))) {
            out.add(r.target());
        }
        return out;
    }
}
