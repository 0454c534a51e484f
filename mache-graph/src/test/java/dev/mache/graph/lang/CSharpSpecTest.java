package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class CSharpSpecTest {

    @Test
    void overloadsOperatorsPropertiesAndNamespace() {
        String code = """
                using System;
                using Geo = My.Geo;
                namespace Shapes.Core {
                  /// <summary>Doc</summary>
                  [Serializable]
                  public class Shape<T> : Base, IShape {
                    private int sides = 3;
                    public string Name { get; set; }
                    public Shape(int n) : base(n) { }
                    public void Add(int i, List<T> xs, params string[] rest) { helper.Run(i); this.Draw(); var s = new Shape<int>(1); s.Add(1, null); }
                    public static Shape operator +(Shape a, Shape b) => a;
                    class Inner { }
                  }
                  public interface IShape { void Draw(); }
                  public struct P { public int X; }
                  public enum Color { Red, Green }
                  public record R(int A);
                  public delegate void D(int x);
                }
                """;
        assertEquals("""
                namespace Shapes.Core
                imports [System, My.Geo]
                problems []
                --context
                using System;
                using Geo = My.Geo;
                namespace Shapes.Core {
                --constructs
                classes Shape class 4-13
                  fields sides field 7-7
                  fields Name property 8-8
                  constructors Shape(int) [Shape] constructor 9-9
                  methods Add(int,List<T>,params string[]) [Add] method 10-10
                  methods operator+(Shape,Shape) [+] method 11-11
                  classes Inner class 12-12
                interfaces IShape interface 14-14
                  methods Draw() [Draw] method 14-14
                structs P struct 15-15
                  fields X field 15-15
                enums Color enum 16-16
                  constants Red constant 16-16
                  constants Green constant 16-16
                records R record 17-17
                types D type 18-18
                --references
                type Serializable in Shape
                type Base in Shape
                type IShape in Shape
                type List in Add(int,List<T>,params string[])
                type T in Add(int,List<T>,params string[])
                call Run in Add(int,List<T>,params string[]) (helper)
                call Draw in Add(int,List<T>,params string[]) (Shape)
                new Shape in Add(int,List<T>,params string[])
                call Add in Add(int,List<T>,params string[]) (Shape)
                type Shape in operator+(Shape,Shape)
                type Shape in operator+(Shape,Shape)
                """,
                Dump.all(Dump.parse("src/Shapes/Shape.cs", code)));
    }
}
