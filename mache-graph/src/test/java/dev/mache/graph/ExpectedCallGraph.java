package dev.mache.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One construct's hand-checked callers and callees, as a fixture's EXPECTED.md lists them. Shared by the graph's own
 * call-graph test and the CLI's golden tests, which read the same files.
 */
public record ExpectedCallGraph(List<String> callers, List<String> callees) {

    /** Parses EXPECTED.md: {@code ## qualified.name}, then {@code callers:} and {@code callees:} lists of {@code - x}. */
    public static Map<String, ExpectedCallGraph> parse(String md) {
        Map<String, ExpectedCallGraph> out = new LinkedHashMap<>();
        String current = null;
        List<String> list = null;
        List<String> callers = null;
        List<String> callees = null;
        for (String line : md.split("\n")) {
            if (line.startsWith("## ")) {
                if (current != null) {
                    out.put(current, new ExpectedCallGraph(callers, callees));
                }
                current = line.substring(3).strip();
                callers = new ArrayList<>();
                callees = new ArrayList<>();
                list = null;
            } else if (current != null && line.startsWith("callers:")) {
                list = callers;
            } else if (current != null && line.startsWith("callees:")) {
                list = callees;
            } else if (list != null && line.startsWith("- ")) {
                list.add(line.substring(2).strip());
            }
        }
        if (current != null) {
            out.put(current, new ExpectedCallGraph(callers, callees));
        }
        return out;
    }

    /** The EXPECTED.md of one fixture directory. */
    public static Map<String, ExpectedCallGraph> of(Path fixtureDir) {
        try {
            return parse(Files.readString(fixtureDir.resolve("EXPECTED.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
