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
                    + "~/.config/mache/mache.conf, if it exists). One `key = value` per line, `#` comments; keys: "
                    + "source, db, bind, nfs.port, dav.port, nfs, dav, watch, poll, threads, max-file-size, log.level, "
                    + "socket, nfs.allow, dav.allow, dav.token, dav.token-file, dav.tls.keystore, dav.tls.password, "
                    + "dav.tls.password-file. Flags override the file.")
    Path config;
}
