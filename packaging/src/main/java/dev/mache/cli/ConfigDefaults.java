package dev.mache.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Feeds a configuration file into picocli as the commands' default values: picocli applies defaults before it reads
 * the command line, so every flag given overrides the file, and an option the file does not mention keeps its
 * built-in default. A key whose option a command does not have is ignored by that command (one file can serve both
 * {@code serve} and {@code daemon}).
 *
 * <p>Which file: {@code --config FILE}; without it {@code $XDG_CONFIG_HOME/mache/mache.conf}, else
 * {@code ~/.config/mache/mache.conf}, read only if it exists. The file is found before picocli parses (it has to
 * be: the defaults come first), by looking for {@code --config} after the command's name.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

    /** The commands that read a configuration file. */
    static final Set<String> COMMANDS = Set.of("serve", "daemon", "doctor");

    private final Optional<ConfigFile> file;
    private final String location;
    private final CliException failure;

    private ConfigDefaults(Optional<ConfigFile> file, String location, CliException failure) {
        this.file = file;
        this.location = location;
        this.failure = failure;
    }

    /** The file in use; empty when there is none (or it failed, see {@link #failure()}). */
    Optional<ConfigFile> file() {
        return file;
    }

    /** Where the file was looked for, for {@code mache doctor}: "FILE" or "none (looked for FILE)". */
    String location() {
        return location;
    }

    /** Why the file could not be used (only {@code mache doctor} keeps going without it). */
    Optional<CliException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (file.isEmpty()) {
            return null;
        }
        for (ConfigFile.Setting s : file.get().settings().values()) {
            if (matches(arg, s.key().option)) {
                if (s.key() == ConfigKey.SOURCE) {
                    return sources(arg, s);
                }
                return s.value();
            }
        }
        return null;
    }

    private static boolean matches(ArgSpec arg, String option) {
        if (arg instanceof OptionSpec o) {
            return Arrays.asList(o.names()).contains(option);
        }
        return arg instanceof PositionalParamSpec p && p.paramLabel().equals(option);
    }

    /** Several sources for a command that takes several (split on commas), else the one source. */
    private static String sources(ArgSpec arg, ConfigFile.Setting s) {
        String[] paths = s.value().split("\0");
        return paths.length > 1 && takesSeveral(arg) ? String.join(",", paths) : paths[0];
    }

    private static boolean takesSeveral(ArgSpec arg) {
        return arg.isMultiValue() && arg.splitRegex().equals(",");
    }

    /** A command that takes one source tree gets one: several are refused with the file's line. */
    private void checkSources(CommandLine.Model.CommandSpec spec) {
        Optional<ConfigFile.Setting> s = file.flatMap(f -> f.get(ConfigKey.SOURCE));
        if (s.isEmpty() || s.get().value().split("\0").length == 1) {
            return;
        }
        boolean several = spec.positionalParameters().stream()
                .anyMatch(p -> p.paramLabel().equals(ConfigKey.SOURCE.option) && takesSeveral(p));
        if (!several) {
            throw new CliException(file.get().path() + ":" + s.get().line() + ": source lists "
                    + s.get().value().split("\0").length + " trees; mache " + spec.name() + " takes one");
        }
    }

    /**
     * Installs the defaults of the configuration file on the subcommand named in {@code args}, if it reads one.
     *
     * @throws CliException when the file is bad, for every command but {@code doctor} (which reports it)
     */
    static void install(CommandLine root, String[] args, Map<String, String> env, Path home) {
        int at = commandIndex(root, args);
        if (at < 0) {
            return;
        }
        String name = args[at];
        ConfigDefaults defaults = locate(args, at + 1, env, home);
        CommandLine sub = root.getSubcommands().get(name);
        if (defaults.failure == null) {
            try {
                defaults.checkSources(sub.getCommandSpec());
            } catch (CliException e) {
                defaults = new ConfigDefaults(Optional.empty(), defaults.location, e);
            }
        }
        boolean help = Arrays.stream(args, at + 1, args.length).anyMatch(a -> a.equals("-h") || a.equals("--help"));
        if (defaults.failure != null && help) {
            return; // the help needs no configuration, and may be what the user reads to fix it
        }
        if (defaults.failure != null && !name.equals("doctor")) {
            throw defaults.failure;
        }
        sub.setDefaultValueProvider(defaults);
    }

    /** The position of the subcommand that reads a configuration file, or -1. */
    private static int commandIndex(CommandLine root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                return -1;
            }
            if (!args[i].startsWith("-")) {
                return COMMANDS.contains(args[i]) && root.getSubcommands().containsKey(args[i]) ? i : -1;
            }
        }
        return -1;
    }

    static ConfigDefaults locate(String[] args, int from, Map<String, String> env, Path home) {
        Path explicit = null;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--config") && i + 1 < args.length) {
                explicit = Path.of(args[++i]);
            } else if (a.startsWith("--config=")) {
                explicit = Path.of(a.substring("--config=".length()));
            }
        }
        Path path = explicit != null ? explicit : defaultPath(env, home);
        if (explicit == null && !Files.exists(path)) {
            return new ConfigDefaults(Optional.empty(), "none (" + path + " does not exist)", null);
        }
        try {
            return new ConfigDefaults(Optional.of(ConfigFile.read(path)), path.toString(), null);
        } catch (CliException e) {
            return new ConfigDefaults(Optional.empty(), path.toString(), e);
        }
    }

    /** {@code $XDG_CONFIG_HOME/mache/mache.conf}, else {@code ~/.config/mache/mache.conf}. */
    static Path defaultPath(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("mache").resolve("mache.conf");
    }

    /** The defaults in use for {@code spec}'s command, if a configuration file was installed. */
    static Optional<ConfigDefaults> of(CommandLine.Model.CommandSpec spec) {
        return spec.defaultValueProvider() instanceof ConfigDefaults d ? Optional.of(d) : Optional.empty();
    }
}
