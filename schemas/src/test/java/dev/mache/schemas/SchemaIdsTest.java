package dev.mache.schemas;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ids, ordinals and layouts ley-line compatibility rests on (DAEMON-PROTOCOL.md §4), read back from capnp. */
class SchemaIdsTest {
    static final Map<String, Long> IDS = Map.ofEntries(
            Map.entry("Position", 0xb15cd2b768ffe71cL), Map.entry("Range", 0xb70d94b5bbba004aL),
            Map.entry("Hash", 0xec0494688f0a29caL), Map.entry("NodeRef", 0xd0d235685d85719fL),
            Map.entry("BindingRecord", 0xb25434baab461394L), Map.entry("Node", 0x8788a694e7d0c9f7L),
            Map.entry("Ref", 0x9d12d8051cf589b2L), Map.entry("TokenMapEntry", 0xb97169f973b5a15dL),
            Map.entry("Event", 0xb8a347db1f686319L), Map.entry("ListChildrenResponse", 0x8c804df75f74b5e0L),
            Map.entry("GetNodeResponse", 0xa108b6985b5a5abdL), Map.entry("ReadContentResponse", 0xfd6fe1ba61de2afeL),
            Map.entry("FindCallersResponse", 0xd0ca99cae34491f1L), Map.entry("FindDefsResponse", 0x9d29d8c12109eb80L),
            Map.entry("FindCalleesResponse", 0xeccd9b77654695d5L), Map.entry("FlushResponse", 0xe7e35f86135ec064L),
            Map.entry("StatusResponse", 0xc24dfe5c0df4dc8cL), Map.entry("ErrorResponse", 0xb7dd705c70c8f072L));

    static String layout(String file) throws Exception {
        return new String(Capnp.run(Capnp.SCHEMA_DIR, new byte[0], "compile", "-ocapnp", file), StandardCharsets.UTF_8);
    }

    @Test
    void fileAndStructIdsAreLeylines() throws Exception {
        String all = layout("common.capnp") + layout("binding.capnp") + layout("daemon.capnp");
        assertTrue(all.contains("@0xb0c0debaadc0deb0;"));
        assertTrue(all.contains("@0x9c0c8cd3c5b1329a;"));
        assertTrue(all.contains("@0xa1b2c3d4e5f60001;"));
        Matcher m = Pattern.compile("struct (\\w+) @0x([0-9a-f]{16})").matcher(all);
        int seen = 0;
        while (m.find()) {
            assertEquals(IDS.get(m.group(1)), Long.parseUnsignedLong(m.group(2), 16), m.group(1));
            seen++;
        }
        assertEquals(IDS.size(), seen);
    }

    @Test
    void everyResponseKeepsOkAtBitZero() throws Exception {
        String daemon = layout("daemon.capnp") + layout("mache.capnp");
        Matcher m = Pattern.compile("struct (\\w+Response) @0x[0-9a-f]{16} \\{[^\\n]*\\n((?:  [^\\n]*\\n)*?)}").matcher(daemon);
        int seen = 0;
        while (m.find()) {
            String body = m.group(2);
            String ok = m.group(1).equals("ErrorResponse") ? "ok @1 :Bool;  # bits[0, 1)" : "ok @0 :Bool;  # bits[0, 1)";
            assertTrue(body.contains(ok), m.group(1) + ":\n" + body);
            seen++;
        }
        assertEquals(9 + 12, seen);
        assertTrue(daemon.contains("error @0 :Text;  # ptr[0]"));
    }
}
