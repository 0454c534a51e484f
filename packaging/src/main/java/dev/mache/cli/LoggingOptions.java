package dev.mache.cli;

import dev.mache.cli.log.LogLevel;
import dev.mache.cli.log.Logging;
import picocli.CommandLine.Option;

/** {@code --log-level} of {@code serve}, {@code daemon} and {@code index}; logs go to stderr. */
final class LoggingOptions {
    @Option(names = "--log-level", paramLabel = "LEVEL", converter = LevelConverter.class,
            description = "Log level: error, warn, info or debug (default: info for serve and daemon, warn for index). One logfmt line per event on "
                    + "stderr: ts=... level=... logger=... msg=... key=value...")
    LogLevel level;

    /** Applies the level: the process logs at it, to {@code cli}'s stderr, until the result is closed. */
    Logging.Restore apply(Cli cli) {
        return apply(cli, LogLevel.INFO);
    }

    /** As {@link #apply(Cli)}, with {@code fallback} when no level was given. */
    Logging.Restore apply(Cli cli, LogLevel fallback) {
        return Logging.configure(level != null ? level : fallback, cli.err());
    }

    static final class LevelConverter implements picocli.CommandLine.ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            try {
                return LogLevel.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
