package dev.mache.ipc;

import java.nio.file.Path;
import java.util.Map;

/** Where daemon sockets live (DAEMON-PROTOCOL.md §1). */
public final class SocketPaths {
    /** Clients look here first, as ley-line's clients do. */
    public static final String ENV = "LEYLINE_SOCKET";

    private SocketPaths() {
    }

    /** {@code ~/.mache}: the private (0700) directory of the default socket. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".mache");
    }

    /** {@code ~/.mache/default.sock}: where {@code mache daemon} listens unless told otherwise. */
    public static Path defaultSocket() {
        return defaultDirectory().resolve("default.sock");
    }

    /** Client discovery: {@code $LEYLINE_SOCKET}, else the default socket. */
    public static Path discover() {
        return discover(System.getenv());
    }

    static Path discover(Map<String, String> env) {
        String fromEnv = env.get(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : defaultSocket();
    }
}
