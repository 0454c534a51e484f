package dev.mache.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mache configuration file: one {@code key = value} per line, {@code #} starts a comment line, blank lines are
 * ignored (the simple part of the Java properties format: no continuation lines, no escapes). Every key is one of
 * {@link ConfigKey}; an unknown key, a repeated key or a bad value is an error naming the file and line. Relative
 * paths are relative to the file's directory.
 *
 * @param path     the file
 * @param settings the normalized values by key, in file order
 */
record ConfigFile(Path path, Map<ConfigKey, Setting> settings) {

    /** One line's value, normalized ({@link ConfigKey#normalize}). */
    record Setting(ConfigKey key, String value, int line) {
    }

    ConfigFile {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Reads and checks {@code file}. @throws CliException "FILE:LINE: reason", or "FILE: reason" */
    static ConfigFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such configuration file");
        } catch (CharacterCodingException e) {
            throw new CliException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new CliException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file, lines);
    }

    static ConfigFile parse(Path file, List<String> lines) {
        Path base = file.toAbsolutePath().normalize().getParent();
        Map<ConfigKey, Setting> settings = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw error(file, n, "expected key = value, got '" + line + "'");
            }
            String name = line.substring(0, eq).strip();
            ConfigKey key = ConfigKey.named(name).orElseThrow(() -> error(file, n,
                    name.isEmpty() ? "no key before '='" : "unknown key '" + name + "' (known keys: "
                            + ConfigKey.names() + ")"));
            Setting earlier = settings.get(key);
            if (earlier != null) {
                throw error(file, n, key.key + " is already set on line " + earlier.line());
            }
            String value;
            try {
                value = key.normalize(line.substring(eq + 1), base);
            } catch (IllegalArgumentException e) {
                throw error(file, n, key.key + ": " + e.getMessage());
            }
            settings.put(key, new Setting(key, value, n));
        }
        both(file, settings, ConfigKey.DAV_TOKEN, ConfigKey.DAV_TOKEN_FILE);
        both(file, settings, ConfigKey.DAV_TLS_PASSWORD, ConfigKey.DAV_TLS_PASSWORD_FILE);
        return new ConfigFile(file, settings);
    }

    private static void both(Path file, Map<ConfigKey, Setting> settings, ConfigKey a, ConfigKey b) {
        if (settings.containsKey(a) && settings.containsKey(b)) {
            throw error(file, settings.get(b).line(), "give " + a.key + " or " + b.key + ", not both (" + a.key
                    + " is on line " + settings.get(a).line() + ")");
        }
    }

    private static CliException error(Path file, int line, String reason) {
        return new CliException(file + ":" + line + ": " + reason);
    }

    Optional<Setting> get(ConfigKey key) {
        return Optional.ofNullable(settings.get(key));
    }
}
