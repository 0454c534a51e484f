package dev.mache.graph.index;

import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JitDirectivesTest {
    @Test
    void theResolverIsExcludedFromC2() throws Exception {
        assertEquals("1 compiler directives added", JitDirectives.apply().strip());
        String printed = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[]{new String[0]}, new String[]{String[].class.getName()}));
        assertTrue(printed.contains("dev/mache/graph/index/Resolver.*"), printed);
        assertTrue(printed.contains("dev/mache/graph/lang/QueryLanguage.callChain"), printed);
        assertTrue(printed.contains("java/util/TimSort.*"), printed);
        assertTrue(printed.contains("jdk/internal/classfile/impl/*.*"), printed);
    }
}
