package dev.mache.schemas;

import dev.mache.schemas.gen.JavaGenerator;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The committed classes are exactly what the generator makes from the committed schemas. */
class GeneratedSourcesTest {

    @Test
    void committedClassesMatchARegeneration() throws Exception {
        byte[] request = Capnp.run(Path.of("").toAbsolutePath(), new byte[0], "compile", "-o-",
                "--src-prefix=src/main/capnp", "src/main/capnp/common.capnp", "src/main/capnp/binding.capnp",
                "src/main/capnp/daemon.capnp", "src/main/capnp/mache.capnp");
        Map<String, String> generated = JavaGenerator.generate(ByteBuffer.wrap(request));
        assertEquals(List.of("dev/mache/schemas/Common.java", "dev/mache/schemas/Binding.java",
                "dev/mache/schemas/Daemon.java", "dev/mache/schemas/Mache.java"), List.copyOf(generated.keySet()));
        for (Map.Entry<String, String> e : generated.entrySet()) {
            String committed = Files.readString(Path.of("src/main/java").resolve(e.getKey()), StandardCharsets.UTF_8);
            assertEquals(committed, e.getValue(), e.getKey() + " is stale: run schemas/generate.sh");
        }
    }

    @Test
    void idsAndLayoutsAreLeylines() {
        assertEquals(0xb25434baab461394L, Binding.BindingRecord.TYPE_ID);
        assertEquals(0x8788a694e7d0c9f7L, Daemon.Node.TYPE_ID);
        assertEquals(0xb7dd705c70c8f072L, Daemon.ErrorResponse.TYPE_ID);
        assertEquals(0xb15cd2b768ffe71cL, Common.Position.TYPE_ID);
        // Node: kind Int32 and size Int64 in two data words; id, parentId, name, record as four pointers
        assertEquals(2, Daemon.Node.STRUCT_SIZE.data);
        assertEquals(4, Daemon.Node.STRUCT_SIZE.pointers);
        assertEquals(1, Binding.BindingRecord.STRUCT_SIZE.data);
        assertEquals(7, Binding.BindingRecord.STRUCT_SIZE.pointers);
    }
}
