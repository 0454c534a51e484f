package dev.mache.vfs.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where the WebDAV server writes one line per answered request. */
@FunctionalInterface
public interface AccessLog extends AutoCloseable {

    /** The logger of {@link #toLogger()}. */
    String LOGGER = "mache.access";

    void log(AccessRecord request);

    @Override
    default void close() {
    }

    /** No access log. */
    static AccessLog none() {
        return request -> { };
    }

    /** At info level on the logger {@value #LOGGER}, the record's fields as key/value pairs. */
    static AccessLog toLogger() {
        Logger log = LoggerFactory.getLogger(LOGGER);
        return request -> {
            if (log.isInfoEnabled()) {
                LoggingEventBuilder e = log.atInfo()
                        .addKeyValue("remote", request.remote())
                        .addKeyValue("method", request.method())
                        .addKeyValue("path", request.path())
                        .addKeyValue("status", request.status())
                        .addKeyValue("bytes", request.bytes())
                        .addKeyValue("ms", AccessRecord.millis(request.durationNanos()))
                        .addKeyValue("ua", request.userAgent());
                e.log();
            }
        };
    }

    /**
     * Appends to {@code file} (created if missing), one {@link AccessRecord#line()} per request, written through
     * at once so that {@code tail -f} and log shippers see each request as it completes.
     */
    static AccessLog toFile(Path file) throws IOException {
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new AccessLog() {
            private boolean broken;

            @Override
            public void log(AccessRecord request) {
                String line = request.line();
                synchronized (this) {
                    if (broken) {
                        return;
                    }
                    try {
                        out.write(line);
                        out.write('\n');
                        out.flush();
                    } catch (IOException e) {
                        // a full disk must not fail requests: say it once, then stop writing
                        broken = true;
                        LoggerFactory.getLogger(LOGGER).warn("access log {} stopped: {}", file, e.toString());
                    }
                }
            }

            @Override
            public synchronized void close() {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
