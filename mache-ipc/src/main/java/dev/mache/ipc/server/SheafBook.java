package dev.mache.ipc.server;

import dev.mache.ipc.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ley-line's sheaf ops, answered with their bookkeeping only: regions and restrictions as set, which regions an
 * invalidation touched, and a generation counter. mache computes no sheaf cohomology, so its defect is always 0.0
 * and it learns no weights; the answers keep ley-line tools that probe these ops working against mache's daemon.
 */
final class SheafBook {
    private final Map<Long, Boolean> regionsValid = new TreeMap<>();
    private int restrictions;
    private long generation;

    synchronized Response handle(String op, Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (op) {
            case "sheaf_set_topology" -> {
                regionsValid.clear();
                for (Object r : list(args.get("regions"))) {
                    if (r instanceof Map<?, ?> m && m.get("id") instanceof Long id) {
                        regionsValid.put(id, true);
                    }
                }
                restrictions = list(args.get("restrictions")).size();
                out.put("ok", true);
                out.put("regions", (long) regionsValid.size());
                out.put("restrictions", (long) restrictions);
                out.put("delta_zero_mode", false);
            }
            case "sheaf_invalidate" -> {
                List<Object> invalidated = new ArrayList<>();
                for (Object r : list(args.get("regions"))) {
                    if (r instanceof Long id && Boolean.TRUE.equals(regionsValid.get(id))) {
                        regionsValid.put(id, false);
                        invalidated.add(id);
                    }
                }
                generation++;
                out.put("invalidated", invalidated);
                out.put("count", (long) invalidated.size());
                out.put("generation", Long.toString(generation));
            }
            case "sheaf_defect" -> {
                out.put("defect", 0.0);
                out.put("generation", Long.toString(generation));
                out.put("valid", valid());
                out.put("total", (long) regionsValid.size());
            }
            case "sheaf_stalks" -> {
                out.put("generation", Long.toString(generation));
                out.put("valid", valid());
                out.put("total", (long) regionsValid.size());
            }
            case "sheaf_status" -> {
                out.put("generation", Long.toString(generation));
                out.put("valid", valid());
                out.put("total", (long) regionsValid.size());
                out.put("defect", 0.0);
                out.put("tracked_edges", (long) restrictions);
            }
            case "sheaf_learned_weights" -> {
                out.put("ok", true);
                out.put("weights", List.of());
                out.put("edge_count", (long) restrictions);
            }
            default -> {
                return new Response.Failure("unknown op: " + op, false);
            }
        }
        return new Response.Generic(out);
    }

    private long valid() {
        return regionsValid.values().stream().filter(v -> v).count();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
