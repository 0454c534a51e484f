package dev.mache.graph.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact extraction from snippets (constructs, namespace, context, references with receivers). */
class CSpecTest {

    @Test
    void structsMacrosAndFunctions() {
        String code = """
                #include "net/socket.h"
                #include <stdio.h>
                #define MAX 10
                #define SQ(x) ((x)*(x))

                /* A point. */
                struct point { int x; int y; };
                typedef struct { int w; } size_t2;
                enum color { RED, GREEN };
                static int counter = 0;
                int prototype(int a);

                // Opens.
                static struct point *open_point(const char *name, int n) {
                    struct point *p = alloc(n);
                    p->x = SQ(n);
                    printf("%s", name);
                    return p;
                }
                int main(void) { open_point("a", 1); return 0; }
                """;
        assertEquals("""
                namespace src.net.point.c
                imports [src.net.net.socket.h, net.socket.h, stdio.h]
                problems []
                --context
                #include "net/socket.h"
                #include <stdio.h>
                --constructs
                macros MAX macro 3-3
                macros SQ macro 4-4
                structs point struct 6-7
                  fields x field 7-7
                  fields y field 7-7
                types size_t2 type 8-8
                enums color enum 9-9
                  constants RED constant 9-9
                  constants GREEN constant 9-9
                variables counter variable 10-10
                functions open_point function 13-19
                functions main function 20-20
                --references
                type point in open_point
                type point in open_point
                call alloc in open_point
                call SQ in open_point
                call printf in open_point
                call open_point in main
                """,
                Dump.all(Dump.parse("src/net/point.c", code)));
    }
}
