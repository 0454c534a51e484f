package dev.mache.schemas;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BindingLogTest {
    static final BindingLog.Entry REALISTIC = new BindingLog.Entry(
            "pkg/auth.go/function_declaration/Validate", "Validate", "pkg/main.go/function_declaration",
            "pkg/main.go/function_declaration/block/expression_list/call_expression/selector_expression/field_identifier",
            "file:///canon/pkg/main.go",
            Optional.of(new BindingLog.Range(new BindingLog.Position(7, 11, 123), new BindingLog.Position(7, 19, 131))),
            42, "auth");
    static final BindingLog.Entry MINIMAL = new BindingLog.Entry("", "", "", "", "", Optional.empty(), 0, "");

    @Test
    void minimalFixtureIsAllDefaults() throws Exception {
        Path file = Fixtures.leyline().resolve("binding-record-minimal.bin");
        assertEquals(16, Files.size(file));
        assertEquals(List.of(MINIMAL), BindingLog.read(file));
    }

    @Test
    void realisticFixtureHasTheDocumentedValues() throws Exception {
        Path file = Fixtures.leyline().resolve("binding-record-realistic.bin");
        assertEquals(384, Files.size(file));
        assertEquals(List.of(REALISTIC), BindingLog.read(file));
    }

    @Test
    void aLogIsAConcatenationOfMessages() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        log.write(Files.readAllBytes(Fixtures.leyline().resolve("binding-record-realistic.bin")));
        log.write(Files.readAllBytes(Fixtures.leyline().resolve("binding-record-minimal.bin")));
        BindingLog.write(log, REALISTIC);
        assertEquals(List.of(REALISTIC, MINIMAL, REALISTIC), BindingLog.read(new ByteArrayInputStream(log.toByteArray())));
    }

    @Test
    void aTruncatedLogIsAnError() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.leyline().resolve("binding-record-realistic.bin"));
        byte[] cut = java.util.Arrays.copyOf(bytes, 200);
        assertThrows(java.io.IOException.class, () -> BindingLog.read(new ByteArrayInputStream(cut)));
    }

    @Test
    void whatMacheWritesIsSingleSegmentAndCapnpConvertReadsIt() throws Exception {
        byte[] ours = BindingLog.encode(REALISTIC);
        assertEquals(0, ours[0] | ours[1] | ours[2] | ours[3], "one segment");
        String text = new String(Capnp.run(Capnp.SCHEMA_DIR, ours, "convert", "binary:json", "binding.capnp",
                "BindingRecord"), StandardCharsets.UTF_8);
        String fixture = new String(Capnp.run(Capnp.SCHEMA_DIR,
                Files.readAllBytes(Fixtures.leyline().resolve("binding-record-realistic.bin")), "convert",
                "binary:json", "binding.capnp", "BindingRecord"), StandardCharsets.UTF_8);
        assertEquals(fixture, text);
        assertEquals(List.of(REALISTIC), BindingLog.read(new ByteArrayInputStream(ours)));
    }

    @Test
    void macheReadsWhatCapnpEncodes() throws Exception {
        byte[] encoded = Capnp.run(Capnp.SCHEMA_DIR, ("(targetNodeId = \"a/b\", refToken = \"b\", parseGen = 7, "
                        + "refRange = (start = (line = 1, column = 2, byte = 3), end = (line = 4, column = 5, byte = 6)))")
                        .getBytes(StandardCharsets.UTF_8), "convert", "text:binary", "binding.capnp", "BindingRecord");
        BindingLog.Entry e = BindingLog.read(new ByteArrayInputStream(encoded)).getFirst();
        assertEquals(new BindingLog.Entry("a/b", "b", "", "", "", Optional.of(new BindingLog.Range(
                new BindingLog.Position(1, 2, 3), new BindingLog.Position(4, 5, 6))), 7, ""), e);
        // canonical form round-trips byte for byte through our writer
        assertArrayEquals(Capnp.run(Capnp.SCHEMA_DIR, BindingLog.encode(e), "convert", "binary:canonical",
                "binding.capnp", "BindingRecord"), Capnp.run(Capnp.SCHEMA_DIR, encoded, "convert", "binary:canonical",
                "binding.capnp", "BindingRecord"));
    }
}
