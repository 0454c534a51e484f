package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class RustSpecTest {

    @Test
    void implsTraitsAndModulePath() {
        String code = """
                use crate::geo::{Point, shapes::Circle};
                use std::fmt;
                mod util;

                /// A shape.
                #[derive(Debug)]
                pub struct Square { side: f64 }

                pub trait Area { fn area(&self) -> f64; }

                impl Area for Square {
                    fn area(&self) -> f64 { self.side * helper(self.side) }
                }

                impl Square {
                    pub fn new(side: f64) -> Self { Square { side } }
                    fn grow(&mut self) { let p = Point::new(1.0, 2.0); p.norm(); self.area(); }
                }

                fn helper(x: f64) -> f64 { println!("x"); x }
                const MAX: u32 = 3;
                macro_rules! square { ($x:expr) => { $x * $x }; }
                mod tests { fn t() { super::helper(1.0); } }
                enum Dir { Up, Down }
                """;
        assertEquals("""
                namespace geo
                imports [geo.Point, geo.shapes.Circle, std.fmt]
                problems []
                --context
                use crate::geo::{Point, shapes::Circle};
                use std::fmt;
                mod util;
                --constructs
                structs Square struct 5-7
                  fields side field 7-7
                traits Area trait 9-9
                  methods area method 9-9
                impls Area for Square [Square] impl 11-13
                  methods area method 12-12
                impls Square impl 15-18
                  methods new method 16-16
                  methods grow method 17-17
                functions helper function 20-20
                constants MAX constant 21-21
                macros square macro 22-22
                namespaces tests module 23-23
                  functions t function 23-23
                enums Dir enum 24-24
                  constants Up constant 24-24
                  constants Down constant 24-24
                --references
                type Area in Area for Square
                call helper in area
                type Self in new
                new Square in new
                call new in grow (Point)
                call norm in grow (Point)
                call area in grow (Square)
                call println in helper
                call helper in t (super)
                """,
                Dump.all(Dump.parse("src/geo/mod.rs", code, "Cargo.toml")));
    }
}
