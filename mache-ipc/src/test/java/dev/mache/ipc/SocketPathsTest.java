package dev.mache.ipc;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SocketPathsTest {
    @Test
    void defaultAndDiscovery() {
        Path home = Path.of(System.getProperty("user.home"));
        assertEquals(home.resolve(".mache/default.sock"), SocketPaths.defaultSocket());
        assertEquals(Path.of("/run/x.sock"), SocketPaths.discover(Map.of("LEYLINE_SOCKET", "/run/x.sock")));
        assertEquals(SocketPaths.defaultSocket(), SocketPaths.discover(Map.of()));
        assertEquals(SocketPaths.defaultSocket(), SocketPaths.discover(Map.of("LEYLINE_SOCKET", " ")));
    }
}
