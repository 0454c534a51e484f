package dev.mache.graph.lang;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallArityTest {
    /** The arity of the call "name..." in {@code call}, whose called name is its first {@code name.length()} bytes. */
    private static int args(String name, String call) {
        byte[] b = call.getBytes(StandardCharsets.UTF_8);
        return CallArity.count(b, name.length(), b.length);
    }

    @Test
    void countsTopLevelArguments() {
        assertEquals(0, args("f", "f()"));
        assertEquals(0, args("f", "f( /* none */ )"));
        assertEquals(1, args("scale", "scale(1.0 / d)"));
        assertEquals(2, args("scale", "scale(f, f)"));
        assertEquals(2, args("f", "f(g(a, b), new int[] {1, 2})"));
        assertEquals(2, args("f", "f(\"a, b\", 'c')"));
        assertEquals(3, args("f", "f(a, // one\n b, /* two, */ c)"));
        assertEquals(1, args("f", "f<Map<K, V>>(m)"));
        assertEquals(2, args("f", "f (x -> { return a, b; }, y)"));
    }

    @Test
    void unknownWithoutParenthesesOrWithATrailingBlock() {
        assertEquals(CallArity.UNKNOWN, args("puts", "puts a, b"));
        assertEquals(CallArity.UNKNOWN, args("run", "run(x) { it + 1 }"));
        assertEquals(CallArity.UNKNOWN, args("println", "println!(\"{}\", x)"));
        assertEquals(CallArity.UNKNOWN, args("f", "f(a, b"));
    }

    @Test
    void declaredParameters() {
        boolean[] varargs = new boolean[1];
        assertEquals(0, CallArity.declared("area()", varargs));
        assertEquals(2, CallArity.declared("scale(double,double)", varargs));
        assertFalse(varargs[0]);
        assertEquals(2, CallArity.declared("put(Map<K,V>,int[])", varargs));
        assertEquals(2, CallArity.declared("format(String,Object...)", varargs));
        assertTrue(varargs[0]);
        assertEquals(1, CallArity.declared("Vec::operator()(int)", varargs));
        assertEquals(1, CallArity.declared("scale(double)~2", varargs));
        assertEquals(CallArity.UNKNOWN, CallArity.declared("square", varargs));
        assertTrue(CallArity.fits(3, 2, true));
        assertFalse(CallArity.fits(0, 2, true));
        assertTrue(CallArity.fits(CallArity.UNKNOWN, 2, false));
    }
}
