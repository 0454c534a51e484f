package dev.mache.ipc.server;

import java.util.List;

/** Dot-separated topic patterns: {@code *} matches one segment, {@code **} any number of segments (even none). */
public record TopicPattern(String pattern) {

    public boolean matches(String topic) {
        return match(List.of(pattern.split("\\.", -1)), 0, List.of(topic.split("\\.", -1)), 0);
    }

    private static boolean match(List<String> p, int pi, List<String> t, int ti) {
        if (pi == p.size()) {
            return ti == t.size();
        }
        String seg = p.get(pi);
        if (seg.equals("**")) {
            for (int k = ti; k <= t.size(); k++) {
                if (match(p, pi + 1, t, k)) {
                    return true;
                }
            }
            return false;
        }
        if (ti == t.size()) {
            return false;
        }
        return (seg.equals("*") || seg.equals(t.get(ti))) && match(p, pi + 1, t, ti + 1);
    }
}
