package dev.mache.cli.log;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LogfmtLoggerTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final List<Logging.Restore> restores = new java.util.ArrayList<>();

    private void configure(LogLevel level) {
        restores.add(Logging.configure(level, new PrintStream(sink, true, StandardCharsets.UTF_8)));
    }

    private List<String> lines() {
        return sink.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @AfterEach
    void reset() {
        restores.reversed().forEach(Logging.Restore::close);
        assertEquals(LogLevel.WARN, Logging.level(), "back to the default");
    }

    @Test
    void theCommandsProviderIsBound() {
        assertEquals("dev.mache.cli.log.LogfmtLogger", LoggerFactory.getLogger("x").getClass().getName(),
                "surefire selects mache's provider (slf4j.provider), as Main does");
    }

    @Test
    void anEventIsOneLogfmtLine() {
        String line = LogfmtLogger.line(Level.WARN, "cli.LiveUpdates", "re-indexing /a b failed", List.of(),
                new IOException("disk full"), 1_700_000_000_123L);
        assertEquals("ts=2023-11-14T22:13:20.123Z level=warn logger=cli.LiveUpdates msg=\"re-indexing /a b failed\" "
                + "error=\"java.io.IOException: disk full\"\n", line);
    }

    @Test
    void levelsAndKeyValues() {
        configure(LogLevel.INFO);
        Logger mine = LoggerFactory.getLogger("dev.mache.cli.Something");
        Logger jetty = LoggerFactory.getLogger("org.eclipse.jetty.server.Server");
        mine.debug("hidden");
        mine.info("{} files in {} ms", 3, 12);
        mine.atInfo().addKeyValue("path", "/x y").addKeyValue("n", 2).log("done");
        jetty.info("jetty chatter");
        jetty.warn("jetty warning");
        List<String> l = lines();
        assertEquals(3, l.size(), l.toString());
        assertTrue(l.get(0).endsWith(" level=info logger=cli.Something msg=\"3 files in 12 ms\""), l.get(0));
        assertTrue(l.get(1).endsWith(" level=info logger=cli.Something msg=done path=\"/x y\" n=2"), l.get(1));
        assertTrue(l.get(2).endsWith(" level=warn logger=org.eclipse.jetty.server.Server msg=\"jetty warning\""),
                l.get(2));

        sink.reset();
        configure(LogLevel.ERROR);
        mine.warn("not shown");
        mine.error("shown", new IllegalStateException("boom"));
        assertEquals(1, lines().size(), lines().toString());
        assertTrue(lines().getFirst().endsWith(" level=error logger=cli.Something msg=shown "
                + "error=\"java.lang.IllegalStateException: boom\""), lines().getFirst());

        sink.reset();
        configure(LogLevel.DEBUG);
        mine.debug("shown now");
        jetty.debug("still not: library debug is for its authors");
        jetty.info("library info at debug");
        mine.error("with trace", new IllegalStateException("boom"));
        List<String> d = lines();
        assertTrue(d.get(0).endsWith(" level=debug logger=cli.Something msg=\"shown now\""), d.get(0));
        assertTrue(d.get(1).endsWith(" msg=\"library info at debug\""), d.get(1));
        assertTrue(d.get(2).endsWith(" msg=\"with trace\" error=\"java.lang.IllegalStateException: boom\""));
        assertEquals("java.lang.IllegalStateException: boom", d.get(3), "the stack trace follows at debug");
        assertTrue(d.get(4).startsWith("\tat "), d.get(4));
    }

    @Test
    void levelNames() {
        assertEquals(LogLevel.DEBUG, LogLevel.parse("Debug"));
        assertEquals(LogLevel.WARN, LogLevel.parse("warn"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogLevel.parse("trace"));
        assertEquals("unknown log level 'trace' (expected error, warn, info or debug)", e.getMessage());
    }
}
