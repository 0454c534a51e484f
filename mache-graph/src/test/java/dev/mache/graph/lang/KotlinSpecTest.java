package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class KotlinSpecTest {

    @Test
    void classesObjectsOverloadsAndPackage() {
        String code = """
                package com.example.shapes

                import kotlin.math.max
                import java.util.*

                /** A shape. */
                @Deprecated("x")
                open class Shape(val sides: Int, name: String) : Base(), Sized {
                    private val items = mutableListOf<Point>()
                    constructor(x: Int) : this(x, "a")
                    fun add(p: Point, times: Int = 1): Unit { items.add(p); helper(p); this.size() }
                    fun add(p: Point) { val q = Point(1); q.move() }
                    override fun size(): Int = max(1, 2)
                    companion object { fun create() = Shape(1) }
                    class Inner { fun deep() {} }
                }
                interface Sized { fun size(): Int }
                object Registry { fun register() {} }
                enum class Color { RED, GREEN }
                fun top(): Int = 1
                typealias Name = String
                fun <T> List<T>.second(): T = this[1]
                """;
        assertEquals("""
                namespace com.example.shapes
                imports [kotlin.math.max, java.util]
                problems []
                --context
                package com.example.shapes
                import kotlin.math.max
                import java.util.*
                --constructs
                classes Shape class 6-16
                  fields sides field 8-8
                  fields items property 9-9
                  constructors Shape(Int) [Shape] constructor 10-10
                  methods add(Point,Int) [add] method 11-11
                  methods add(Point) [add] method 12-12
                  methods size() [size] method 13-13
                  methods create() [create] method 14-14
                  classes Inner class 15-15
                    methods deep() [deep] method 15-15
                interfaces Sized interface 17-17
                  methods size() [size] method 17-17
                classes Registry object 18-18
                  methods register() [register] method 18-18
                enums Color enum 19-19
                  constants RED constant 19-19
                  constants GREEN constant 19-19
                functions top() [top] function 20-20
                types Name type 21-21
                functions second() [second] function 22-22
                --references
                type Deprecated in Shape
                type Int in sides
                type String in Shape
                type Base in Shape
                type Sized in Shape
                call mutableListOf in items
                type Point in items
                type Int in Shape(Int)
                type Point in add(Point,Int)
                type Int in add(Point,Int)
                type Unit in add(Point,Int)
                call add in add(Point,Int) (items)
                call helper in add(Point,Int)
                call size in add(Point,Int) (Shape)
                type Point in add(Point)
                call Point in add(Point)
                call move in add(Point) (Point)
                type Int in size()
                call max in size()
                call Shape in create()
                type Int in size()
                type Int in top()
                type String in Name
                type List in second()
                type T in second()
                type T in second()
                """,
                Dump.all(Dump.parse("src/main/kotlin/Shape.kt", code)));
    }
}
