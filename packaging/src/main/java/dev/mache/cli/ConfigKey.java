package dev.mache.cli;

import dev.mache.vfs.ClientNetworks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of a mache configuration file, each standing for one command-line option (flags override the file).
 * A value is checked and normalized here, so a bad one is reported with its file and line before any command runs.
 */
enum ConfigKey {
    SOURCE("source", "DIR", Kind.PATHS, "the source tree(s) to index and serve (the DIR argument)"),
    DB("db", "--db", Kind.PATH, "the index database"),
    BIND("bind", "--bind", Kind.TEXT, "the address the servers listen on"),
    NFS_PORT("nfs.port", "--nfs-port", Kind.PORT, "NFSv3 and MOUNT port (0: any free port)"),
    DAV_PORT("dav.port", "--dav-port", Kind.PORT, "WebDAV port (0: any free port)"),
    NFS("nfs", "--no-nfs", Kind.BOOLEAN, "serve NFS"),
    DAV("dav", "--no-dav", Kind.BOOLEAN, "serve WebDAV"),
    WATCH("watch", "--no-watch", Kind.BOOLEAN, "re-index on edits"),
    POLL("poll", "--poll", Kind.BOOLEAN, "watch by polling file times"),
    THREADS("threads", "--threads", Kind.COUNT, "parser threads"),
    MAX_FILE_SIZE("max-file-size", "--max-file-size", Kind.COUNT, "largest file indexed, in bytes"),
    LOG_LEVEL("log.level", "--log-level", Kind.LEVEL, "error, warn, info or debug"),
    SOCKET("socket", "--socket", Kind.PATH, "the daemon's Unix socket"),
    NFS_ALLOW("nfs.allow", "--nfs-allow", Kind.NETWORKS, "client networks NFS answers (CIDR list)"),
    DAV_ALLOW("dav.allow", "--dav-allow", Kind.NETWORKS, "client networks WebDAV answers (CIDR list)"),
    DAV_TOKEN("dav.token", "--dav-token", Kind.SECRET, "the token WebDAV requests must carry"),
    DAV_TOKEN_FILE("dav.token-file", "--dav-token-file", Kind.PATH, "a file holding the WebDAV token"),
    DAV_TLS_KEYSTORE("dav.tls.keystore", "--dav-tls-keystore", Kind.PATH, "PKCS#12 key store: WebDAV over HTTPS"),
    DAV_TLS_PASSWORD("dav.tls.password", "--dav-tls-password", Kind.SECRET, "the key store's password"),
    DAV_TLS_PASSWORD_FILE("dav.tls.password-file", "--dav-tls-password-file", Kind.PATH,
            "a file holding the key store's password");

    /** What a value must look like. */
    enum Kind { PATHS, PATH, TEXT, PORT, BOOLEAN, COUNT, LEVEL, NETWORKS, SECRET }

    final String key;
    /** The option's name ({@code --nfs-port}), or the positional parameter's label ({@code DIR}). */
    final String option;
    final Kind kind;
    final String meaning;

    ConfigKey(String key, String option, Kind kind, String meaning) {
        this.key = key;
        this.option = option;
        this.kind = kind;
        this.meaning = meaning;
    }

    static Optional<ConfigKey> named(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(k -> k.key).collect(Collectors.joining(", "));
    }

    /**
     * The value as the option takes it: paths resolved against the configuration file's directory, booleans as
     * true/false, several sources joined by a NUL (split again where they are used).
     *
     * @throws IllegalArgumentException the reason, to be prefixed with the file and line
     */
    String normalize(String value, Path baseDir) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("no value");
        }
        return switch (kind) {
            case PATHS -> {
                List<String> paths = new ArrayList<>();
                for (String p : v.split("[,\\s]+")) {
                    if (!p.isEmpty()) {
                        paths.add(path(p, baseDir));
                    }
                }
                yield String.join("\0", paths);
            }
            case PATH -> path(v, baseDir);
            case TEXT, SECRET -> v;
            case PORT -> {
                int port = integer(v, "a port number (0-65535)");
                if (port < 0 || port > 65_535) {
                    throw new IllegalArgumentException("'" + v + "' is not a port number (0-65535)");
                }
                yield Integer.toString(port);
            }
            case COUNT -> {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + v + "' is not a whole number");
                }
                if (n < 1 || (this == THREADS && n > Integer.MAX_VALUE)) {
                    throw new IllegalArgumentException("'" + v + "' must be at least 1");
                }
                yield Long.toString(n);
            }
            case BOOLEAN -> {
                boolean b = switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> true;
                    case "false", "no", "off" -> false;
                    default -> throw new IllegalArgumentException("'" + v + "' is not true or false");
                };
                // `nfs = false` is the default of the negatable flag --no-nfs (so --nfs still turns it back on)
                yield Boolean.toString(option.startsWith("--no-") != b);
            }
            case LEVEL -> switch (v.toLowerCase(Locale.ROOT)) {
                case "error", "warn", "info", "debug" -> v.toLowerCase(Locale.ROOT);
                default -> throw new IllegalArgumentException("'" + v + "' is not a log level (error, warn, info, debug)");
            };
            case NETWORKS -> ClientNetworks.parse(v).toString();
        };
    }

    private static int integer(String v, String what) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not " + what);
        }
    }

    private static String path(String p, Path baseDir) {
        Path path = p.equals("~") || p.startsWith("~/")
                ? Path.of(System.getProperty("user.home")).resolve(p.substring(Math.min(2, p.length())))
                : baseDir.resolve(p);
        return path.normalize().toString();
    }
}
