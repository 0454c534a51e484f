package dev.mache.vfs.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line is a {@code # HELP} or
 * {@code # TYPE} comment, blank, or {@code name{labels} value}; a family's TYPE comes before its samples, its
 * samples are contiguous, no series repeats, and a histogram's buckets are cumulative with {@code +Inf} equal to its
 * {@code _count}. Anything else throws {@link AssertionError} naming the line.
 */
public final class Scrape {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    /** One sample: its name, labels (sorted) and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private Scrape() {
    }

    public static Scrape parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition does not end in a newline");
        }
        Scrape s = new Scrape();
        Set<String> helped = new java.util.HashSet<>();
        Set<String> finished = new java.util.HashSet<>();
        Set<String> series = new java.util.HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1); // the last element is what follows the final newline: ""
        for (int i = 0; i < lines.length - 1; i++) {
            int n = i + 1;
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                if (!helped.add(m.group(1))) {
                    throw new AssertionError("line " + n + ": second HELP for " + m.group(1));
                }
                continue;
            }
            if ((m = TYPE.matcher(line)).matches()) {
                String family = m.group(1);
                if (s.types.containsKey(family)) {
                    throw new AssertionError("line " + n + ": second TYPE for " + family);
                }
                s.types.put(family, m.group(2));
                if (current != null) {
                    finished.add(current);
                }
                current = family;
                continue;
            }
            if (line.startsWith("#")) {
                throw new AssertionError("line " + n + ": a comment that is neither HELP nor TYPE: " + line);
            }
            if (!(m = SAMPLE.matcher(line)).matches()) {
                throw new AssertionError("line " + n + ": not name{labels} value: " + line);
            }
            String name = m.group(1);
            String family = familyOf(s.types, name);
            if (family == null) {
                throw new AssertionError("line " + n + ": sample before its TYPE: " + line);
            }
            if (!family.equals(current) || finished.contains(family)) {
                throw new AssertionError("line " + n + ": samples of " + family + " are not contiguous");
            }
            Map<String, String> labels = labels(m.group(3), n, line);
            double value = value(m.group(4), n, line);
            if (!series.add(name + labels)) {
                throw new AssertionError("line " + n + ": series repeated: " + line);
            }
            if (s.types.get(family).equals("histogram") && name.equals(family + "_bucket")
                    && !labels.containsKey("le")) {
                throw new AssertionError("line " + n + ": a bucket without le: " + line);
            }
            s.samples.add(new Sample(name, labels, value));
        }
        s.checkHistograms();
        return s;
    }

    private static String familyOf(Map<String, String> types, String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || ("summary".equals(types.get(base))
                        && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return null;
    }

    private static Map<String, String> labels(String text, int n, String line) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (m.find() && m.start() == at) {
            if (labels.put(m.group(1), unescape(m.group(2))) != null) {
                throw new AssertionError("line " + n + ": label repeated: " + line);
            }
            at = m.end();
            if (at < text.length()) {
                if (text.charAt(at) != ',') {
                    throw new AssertionError("line " + n + ": labels not separated by commas: " + line);
                }
                at++;
            }
        }
        if (at != text.length()) {
            throw new AssertionError("line " + n + ": malformed labels: " + line);
        }
        return labels;
    }

    private static String unescape(String v) {
        return v.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static double value(String v, int n, String line) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!v.matches("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new AssertionError("line " + n + ": not a number: " + line);
                }
                yield Double.parseDouble(v);
            }
        };
    }

    private void checkHistograms() {
        Map<String, List<Sample>> buckets = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.name().endsWith("_bucket")) {
                Map<String, String> series = new TreeMap<>(s.labels());
                series.remove("le");
                buckets.computeIfAbsent(s.name() + series, k -> new ArrayList<>()).add(s);
            }
        }
        buckets.forEach((key, list) -> {
            double last = -1;
            double lastLe = Double.NEGATIVE_INFINITY;
            for (Sample b : list) {
                double le = value(b.labels().get("le"), 0, key);
                if (le <= lastLe || b.value() < last) {
                    throw new AssertionError("buckets of " + key + " are not cumulative in increasing le");
                }
                last = b.value();
                lastLe = le;
            }
            Sample inf = list.getLast();
            if (!inf.labels().get("le").equals("+Inf")) {
                throw new AssertionError("the last bucket of " + key + " is not +Inf");
            }
            Map<String, String> series = new TreeMap<>(inf.labels());
            series.remove("le");
            String base = inf.name().substring(0, inf.name().length() - "_bucket".length());
            double count = find(base + "_count", series);
            if (count != inf.value()) {
                throw new AssertionError(base + "_count" + series + " = " + count + " but +Inf bucket = " + inf.value());
            }
            if (Double.isNaN(find(base + "_sum", series))) {
                throw new AssertionError(base + "_sum" + series + " is missing");
            }
        });
    }

    private double find(String name, Map<String, String> labels) {
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().equals(labels)) {
                return s.value();
            }
        }
        return Double.NaN;
    }

    /** The TYPE of a family, or null. */
    public String type(String family) {
        return types.get(family);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The value of the series {@code name{labels...}} (alternating name, value); 0 when it is absent. */
    public double value(String name, String... labels) {
        Map<String, String> want = new TreeMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            want.put(labels[i], labels[i + 1]);
        }
        double v = find(name, want);
        return Double.isNaN(v) ? 0 : v;
    }

    /** Whether the series is present. */
    public boolean has(String name, String... labels) {
        Map<String, String> want = new TreeMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            want.put(labels[i], labels[i + 1]);
        }
        return !Double.isNaN(find(name, want));
    }
}
