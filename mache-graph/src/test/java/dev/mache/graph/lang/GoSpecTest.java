package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class GoSpecTest {

    @Test
    void duplicateInitsMethodsAndModuleRootNamespace() {
        String code = """
                package shapes

                import "fmt"

                // Circle is round.
                type Circle struct {
                    R float64
                }

                func init() { fmt.Println("one") }

                func init() { register() }

                // Area computes.
                func (c *Circle) Area() float64 {
                    return c.R * c.R * π
                }

                func Größe(c Circle) float64 { return c.Area() }

                const π = 3.14
                """;
        assertEquals("""
                namespace geo
                imports [fmt]
                problems []
                --context
                package shapes
                import "fmt"
                --constructs
                structs Circle struct 5-8
                  fields R field 7-7
                functions init function 10-10
                functions init function 12-12
                methods Circle.Area [Area] method 14-17
                functions Größe function 19-19
                constants π constant 21-21
                --references
                type float64 in R
                call Println in init (fmt)
                call register in init
                type Circle in Circle.Area
                type float64 in Circle.Area
                type Circle in Größe
                type float64 in Größe
                call Area in Größe (Circle)
                """,
                Dump.all(Dump.parse("geo/circle.go", code, "go.mod")));
    }
}
