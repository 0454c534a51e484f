package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class CppSpecTest {

    @Test
    void namespacesOverloadsOperatorsAndOutOfLineMembers() {
        String code = """
                #include "geo/vec.h"
                #include <vector>
                using std::vector;

                namespace geo {
                namespace detail { int counter = 0; }

                /// A shape.
                class Shape : public Base {
                public:
                    Shape(int sides);
                    ~Shape();
                    virtual double area() const = 0;
                    Vec operator/(const Vec& v, double d = 1.0);
                    void scale(double f);
                    void scale(int f, const char* name, std::vector<int> xs);
                private:
                    int sides_;
                    Vec* origin_;
                };

                template <typename T>
                T maxOf(T a, T b) { return a > b ? a : b; }

                Shape::Shape(int sides) : sides_(sides) { origin_ = new Vec(0, 0); }
                double Shape::area() const { return origin_->length() * helper(sides_); }
                Vec Shape::operator/(const Vec& v, double d) { return v.div(d); }
                }  // namespace geo

                int main(int argc, char** argv) {
                    geo::Shape* s = make();
                    s->scale(2.0);
                    geo::detail::run();
                    return maxOf<int>(1, 2);
                }
                """;
        assertEquals("""
                namespace src.geo.shape.cpp
                imports [src.geo.geo.vec.h, geo.vec.h, vector]
                problems []
                --context
                #include "geo/vec.h"
                #include <vector>
                using std::vector;
                --constructs
                namespaces geo namespace 5-28 container
                  namespaces detail namespace 6-6 container
                    variables counter variable 6-6
                  classes Shape class 8-20
                    constructors Shape(int) [Shape] constructor 11-11
                    methods ~Shape() [~Shape] method 12-12
                    methods area() [area] method 13-13
                    methods operator/(const Vec&,double) [operator/] method 14-14
                    methods scale(double) [scale] method 15-15
                    methods scale(int,const char*,std::vector<int>) [scale] method 16-16
                    fields sides_ field 18-18
                    fields origin_ field 19-19
                  functions maxOf(T,T) [maxOf] function 22-23
                  constructors Shape::Shape(int) [Shape] constructor 25-25
                  methods Shape::area() [area] method 26-26
                  methods Shape::operator/(const Vec&,double) [operator/] method 27-27
                functions main(int,char**) [main] function 30-35
                --references
                type Base in Shape
                type Vec in operator/(const Vec&,double)
                type Vec in operator/(const Vec&,double)
                type vector in scale(int,const char*,std::vector<int>)
                type Vec in origin_
                type T in maxOf(T,T)
                type T in maxOf(T,T)
                type T in maxOf(T,T)
                type T in maxOf(T,T)
                call operator> in maxOf(T,T) (T)
                new Vec in Shape::Shape(int)
                call length in Shape::area() (Vec)
                call operator* in Shape::area() (Vec.length())
                call helper in Shape::area()
                type Vec in Shape::operator/(const Vec&,double)
                type Vec in Shape::operator/(const Vec&,double)
                call div in Shape::operator/(const Vec&,double) (Vec)
                type Shape in main(int,char**)
                call make in main(int,char**)
                call scale in main(int,char**) (Shape)
                call maxOf in main(int,char**)
                """,
                Dump.all(Dump.parse("src/geo/shape.cpp", code)));
    }
}
