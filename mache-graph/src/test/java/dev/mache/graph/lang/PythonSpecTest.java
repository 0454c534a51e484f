package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class PythonSpecTest {

    @Test
    void methodsNestUnderClassesAndDuplicatesStay() {
        String code = """
                import os
                from .base import Base


                # A shape.
                class Shape(Base):
                    \"""Doc.\"""

                    def __init__(self, name: str):
                        self.name = name

                    @property
                    def area(self):
                        return self.compute()

                    def compute(self):
                        return 0

                    class Meta:
                        def describe(self):
                            return "meta"


                def größe(s: Shape):
                    return s.area()


                def größe(s):
                    return os.path.join(s)
                """;
        assertEquals("""
                namespace shapes.shape
                imports [os, shapes.base, shapes.base.Base]
                problems []
                --context
                import os
                from .base import Base
                --constructs
                classes Shape class 5-21
                  methods __init__ method 9-10
                  methods area method 12-14
                  methods compute method 16-17
                  classes Meta class 19-21
                    methods describe method 20-21
                functions größe function 24-25
                functions größe function 28-29
                --references
                type Base in Shape
                type str in __init__
                call property in area
                call compute in area (Shape)
                type Shape in größe
                call area in größe (Shape)
                call join in größe (os.path)
                """,
                Dump.all(Dump.parse("shapes/shape.py", code, "shapes/__init__.py")));
    }
}
