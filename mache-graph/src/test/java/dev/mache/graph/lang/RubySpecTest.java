package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class RubySpecTest {

    @Test
    void modulesClassesSingletonAndOperatorMethods() {
        String code = """
                require 'set'
                require_relative 'util'

                module Geo
                  # A shape.
                  class Shape < Base
                    attr_reader :name
                    MAX = 3

                    def initialize(name)
                      @name = name
                      @geo = Geometry.new
                    end

                    def area
                      @geo.compute(self.size) + helper(1)
                    end

                    def self.build(x) = new(x)
                    def /(other); other; end

                    class Inner; def deep; end; end
                  end
                end

                def top_level; Geo::Shape.new("a").area; end
                """;
        assertEquals("""
                namespace geo.shape
                imports [set, geo.util]
                problems []
                --context
                require 'set'
                require_relative 'util'
                --constructs
                namespaces Geo module 4-24
                  classes Shape class 6-23
                    constants MAX constant 8-8
                    constructors initialize constructor 10-13
                    methods area method 15-17
                    methods self.build [build] method 19-19
                    methods / method 20-20
                    classes Inner class 22-22
                      methods deep method 22-22
                functions top_level function 26-26
                --references
                call require in -
                call require_relative in -
                type Base in Shape
                call attr_reader in Shape
                new Geometry in initialize
                call new in initialize (Geometry)
                call compute in area (Geometry)
                call size in area (Shape)
                call + in area (Geometry.compute())
                call helper in area
                call new in self.build
                new Shape in top_level
                call new in top_level (Geo::Shape)
                call area in top_level (Shape)
                """,
                Dump.all(Dump.parse("lib/geo/shape.rb", code)));
    }
}
