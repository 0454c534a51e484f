package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class JavaSpecTest {

    @Test
    void overloadsNestedClassesUnicodeAndReceivers() {
        String code = """
                package com.example.shapes;

                import java.util.List;
                import static java.lang.Math.max;

                /** A shape. */
                @Deprecated
                public class Shape {
                    private final List<Point> points = new ArrayList<>();

                    public Shape(int sides) { this.sides = sides; }

                    // Adds one point.
                    void add(Point p) { points.add(p); add(p, 1); }
                    void add(Point p, int times) { this.points.clear(); }
                    int größe() { return max(1, 2); }

                    static class Point {
                        double x;
                        Point move(double dx) { return new Point(); }
                    }

                    class Inner { void add(Point p) { } }
                }
                """;
        assertEquals("""
                namespace com.example.shapes
                imports [java.util.List, java.lang.Math.max]
                problems []
                --context
                package com.example.shapes;
                import java.util.List;
                import static java.lang.Math.max;
                --constructs
                classes Shape class 6-24
                  fields points field 9-9
                  constructors Shape(int) [Shape] constructor 11-11
                  methods add(Point) [add] method 13-14
                  methods add(Point,int) [add] method 15-15
                  methods größe() [größe] method 16-16
                  classes Point class 18-21
                    fields x field 19-19
                    methods move(double) [move] method 20-20
                  classes Inner class 23-23
                    methods add(Point) [add] method 23-23
                --references
                type Deprecated in Shape
                type List in points
                type Point in points
                new ArrayList in points
                type Point in add(Point)
                call add in add(Point) (List)
                call add in add(Point)
                type Point in add(Point,int)
                call clear in add(Point,int) (List)
                call max in größe()
                type Point in move(double)
                new Point in move(double)
                type Point in add(Point)
                """,
                Dump.all(Dump.parse("src/main/java/com/example/shapes/Shape.java", code)));
    }

    @Test
    void syntaxErrorsKeepRecoveredConstructs() {
        String code = """
                class Broken {
                    void ok() { run(); }
                    void bad( { }
                    void after() { }
                }
                """;
        assertEquals("""
                namespace (default)
                imports []
                problems [syntax errors at lines 3]
                --context
                --constructs
                classes Broken class 1-5
                  methods ok() [ok] method 2-2
                  methods bad() [bad] method 3-3
                  methods after() [after] method 4-4
                --references
                call run in ok()
                """,
                Dump.all(Dump.parse("Broken.java", code)));
    }
}
