package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class JavaScriptSpecTest {

    @Test
    void classesFunctionsAndRelativeImports() {
        String code = """
                import { helper } from './util.js';

                /** A shape. */
                export class Shape {
                  constructor(n) { this.n = n; }
                  area() { return helper(this.n); }
                  static größe() { return new Shape(1).area(); }
                }

                export const double = (x) => x * 2;
                function area() { return double(2); }
                """;
        assertEquals("""
                namespace src.shape
                imports [src.util]
                problems []
                --context
                import { helper } from './util.js';
                --constructs
                classes Shape class 3-8
                  constructors constructor constructor 5-5
                  methods area method 6-6
                  methods größe method 7-7
                functions double function 10-10
                functions area function 11-11
                --references
                call helper in area
                new Shape in größe
                call area in größe (Shape)
                call double in area
                """,
                Dump.all(Dump.parse("src/shape.js", code)));
    }
}
