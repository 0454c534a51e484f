package dev.mache.vfs.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry behind {@code /_mache/metrics}: one {@link OpMeter} per protocol and operation, plus collectors
 * that compute their families when scraped. Servers look their meters up once, when they start, and keep them;
 * {@link #exposition()} writes:
 * <ul>
 *   <li>{@code mache_requests_total{protocol,op}} (counter);</li>
 *   <li>{@code mache_request_duration_seconds{protocol,op}} (histogram: {@code _bucket{le}}, {@code _sum},
 *       {@code _count});</li>
 *   <li>{@code mache_request_failures_total{protocol,op,status}} (counter: HTTP status 4xx/5xx, nfsstat3 other than
 *       NFS3_OK);</li>
 *   <li>then each collector's families.</li>
 * </ul>
 * Operations with no request yet are left out.
 */
public final class Metrics {
    private record Key(String protocol, String op) {
    }

    private static final Comparator<OpMeter> ORDER =
            Comparator.comparing(OpMeter::protocol).thenComparing(OpMeter::op);

    private final Map<Key, OpMeter> meters = new ConcurrentHashMap<>();
    private final List<Collector> collectors = new CopyOnWriteArrayList<>();

    /** The meter of {@code protocol}'s {@code op}, made on first use. */
    public OpMeter meter(String protocol, String op) {
        return meters.computeIfAbsent(new Key(protocol, op), k -> new OpMeter(k.protocol(), k.op()));
    }

    public void register(Collector collector) {
        collectors.add(collector);
    }

    /** The whole scrape, in text format 0.0.4. */
    public String exposition() {
        List<OpMeter> sorted = new ArrayList<>(meters.values());
        sorted.sort(ORDER);
        List<OpMeter> seen = new ArrayList<>();
        List<OpMeter.Reading> readings = new ArrayList<>();
        for (OpMeter m : sorted) {
            OpMeter.Reading r = m.read();
            if (r.count() > 0) {
                seen.add(m);
                readings.add(r);
            }
        }
        Exposition out = new Exposition();
        out.family("mache_requests_total", "counter", "Requests answered, by protocol and operation.");
        for (int i = 0; i < seen.size(); i++) {
            OpMeter m = seen.get(i);
            out.sample("mache_requests_total", readings.get(i).count(), "protocol", m.protocol(), "op", m.op());
        }
        out.family("mache_request_duration_seconds", "histogram",
                "Time to answer a request (from its decoding to its reply), by protocol and operation.");
        for (int i = 0; i < seen.size(); i++) {
            OpMeter m = seen.get(i);
            OpMeter.Reading r = readings.get(i);
            long cumulative = 0;
            for (int b = 0; b < r.buckets().length; b++) {
                cumulative += r.buckets()[b];
                String le = b < OpMeter.BOUNDS_NANOS.length
                        ? Exposition.number(OpMeter.BOUNDS_NANOS[b] / 1e9) : "+Inf";
                out.sample("mache_request_duration_seconds_bucket", cumulative,
                        "protocol", m.protocol(), "op", m.op(), "le", le);
            }
            out.sample("mache_request_duration_seconds_sum", r.sumSeconds(), "protocol", m.protocol(), "op", m.op());
            out.sample("mache_request_duration_seconds_count", r.count(), "protocol", m.protocol(), "op", m.op());
        }
        out.family("mache_request_failures_total", "counter",
                "Requests answered with a failure, by protocol, operation and status (HTTP 4xx/5xx, nfsstat3).");
        for (int i = 0; i < seen.size(); i++) {
            OpMeter m = seen.get(i);
            readings.get(i).failures().forEach((status, n) -> out.sample("mache_request_failures_total", n,
                    "protocol", m.protocol(), "op", m.op(), "status", status));
        }
        for (Collector c : collectors) {
            c.collect(out);
        }
        return out.toString();
    }
}
