package dev.mache.ipc;

import dev.mache.schemas.Capnp;
import dev.mache.ipc.json.Json;
import dev.mache.ipc.server.DaemonServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon driven by tools nobody here wrote: socat carries the bytes, capnp encodes the binary request and decodes
 * the binary response (Debian packages socat and capnproto; CI installs both, so their absence fails).
 */
class RealClientsTest {
    @TempDir
    Path dir;
    DaemonServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String sh(String script, Path cwd) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + script);
        assertEquals(0, p.exitValue(), script + "\n" + out);
        return out;
    }

    @Test
    void socatSpeaksNdjson() throws Exception {
        server = DaemonServer.start(new MemoryGraph(MemoryGraph.sample()), dir.resolve("d.sock"),
                DaemonServer.Options.defaults());
        String out = sh("printf '%s\\n' '{\"op\":\"list_children\",\"id\":\"go/pkg\"}' '{\"op\":\"get_node\",\"id\":\"nope\"}' "
                + "'{\"op\":\"frobnicate\"}' 'not json' '{\"op\":\"find_defs\",\"token\":\"Validate\"}' "
                + "| socat -t 5 - UNIX-CONNECT:" + server.socket(), dir);
        List<String> lines = out.lines().toList();
        assertEquals(5, lines.size(), out);
        assertTrue(lines.get(0).startsWith("{\"ok\":true,\"children\":[{\"id\":\"go/pkg/README\""), lines.get(0));
        assertEquals("{\"error\":\"node 'nope' not found\",\"ok\":false}", lines.get(1));
        assertEquals("{\"error\":\"unknown op: frobnicate\"}", lines.get(2));
        assertEquals("{\"error\":\"invalid JSON: unexpected character 'n' at column 1\"}", lines.get(3));
        assertEquals("{\"ok\":true,\"defs\":[{\"node_id\":\"go/pkg/functions/Validate\",\"source_id\":\"pkg/auth.go\"}]}",
                lines.get(4));
    }

    @Test
    void capnpEncodesTheRequestAndDecodesTheAnswer() throws Exception {
        server = DaemonServer.start(new MemoryGraph(MemoryGraph.sample()), dir.resolve("d.sock"),
                DaemonServer.Options.defaults());
        String schemas = Capnp.SCHEMA_DIR.toString();
        String out = sh("echo '(op = \"list_children\", id = \"go/pkg/functions\")' "
                + "| capnp convert text:binary " + schemas + "/mache.capnp Request "
                + "| socat -t 5 - UNIX-CONNECT:" + server.socket()
                + " | capnp convert binary:json " + schemas + "/mache.capnp NodesResponse", dir);
        assertEquals(Json.parse("{\"ok\":true,\"nodes\":[{\"id\":\"go/pkg/functions/Main\",\"parentId\":\"go/pkg/functions\","
                + "\"name\":\"Main\",\"kind\":1,\"size\":\"0\",\"mtimeNanos\":\"1700000000000000021\",\"construct\":true},"
                + "{\"id\":\"go/pkg/functions/Validate\",\"parentId\":\"go/pkg/functions\",\"name\":\"Validate\",\"kind\":1,"
                + "\"size\":\"0\",\"mtimeNanos\":\"1700000000000000025\",\"construct\":true}]}"), Json.parse(out));
    }
}
