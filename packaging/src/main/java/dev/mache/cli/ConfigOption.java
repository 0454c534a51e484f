package dev.mache.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --config FILE} of {@code serve}, {@code daemon} and {@code doctor}. The file is read before the command
 * line is parsed ({@link ConfigDefaults}); this option is here for the help and so that picocli accepts it.
 */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Read settings from FILE (default: $XDG_CONFIG_HOME/mache/mache.conf, else "
                    + "~/.config/mache/mache.conf, if it exists): `key = value` lines such as `bind = 127.0.0.1` "
                    + "or `nfs.port = 2049`, `#` comments. Flags override the file. Keys: see README.md, "
                    + "Configuration.")
    Path config;
}
