package dev.mache.vfs.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** curl as a subprocess against one server: status, headers and body of each request. */
final class Curl {

    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    final String base;
    private final Path tmp;

    Curl(String base, Path tmp) {
        Clients.require("curl", "curl");
        this.base = base;
        this.tmp = tmp;
    }

    synchronized Response request(String method, String path, String... extra) {
        Path h = tmp.resolve("curl-headers"), b = tmp.resolve("curl-body");
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--path-as-is", "-X", method, "-D", h.toString(),
                "-o", b.toString(), "-w", "%{http_code}"));
        if (method.equals("HEAD")) {
            cmd.set(cmd.indexOf("-X"), "-I");
            cmd.remove("HEAD");
        }
        cmd.addAll(Arrays.asList(extra));
        cmd.add(base + path);
        Clients.Result r = Clients.run(cmd);
        assertEquals(0, r.exit(), () -> "curl failed: " + r.err());
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : Files.readAllLines(h, StandardCharsets.ISO_8859_1)) {
                int c = line.indexOf(':');
                if (c > 0) {
                    headers.put(line.substring(0, c).trim().toLowerCase(Locale.ROOT), line.substring(c + 1).trim());
                }
            }
            byte[] body = Files.exists(b) ? Files.readAllBytes(b) : new byte[0];
            Files.deleteIfExists(b);
            return new Response(Integer.parseInt(r.text().trim()), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response propfind(String path, String depth, String body) {
        return body == null ? request("PROPFIND", path, "-H", "Depth: " + depth)
                : request("PROPFIND", path, "-H", "Depth: " + depth, "-H", "Content-Type: application/xml",
                "--data-binary", body);
    }
}
