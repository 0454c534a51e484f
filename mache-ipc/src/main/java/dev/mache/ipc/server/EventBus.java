package dev.mache.ipc.server;

import dev.mache.ipc.Response;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The daemon's events: a sequence number per event, a bounded history for replay ({@code since}), and the
 * subscribers with their topic patterns.
 */
final class EventBus {
    static final int HISTORY = 4096;

    interface Subscriber {
        /** Queues an event or keepalive; false if the subscriber is gone or cannot keep up (it gets dropped). */
        boolean offer(Response pushed);

        List<TopicPattern> patterns();
    }

    record Replay(long headSeq, List<Response.Event> events, boolean gap) {
    }

    private final ArrayDeque<Response.Event> history = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private long seq;

    synchronized Response.Event publish(String topic, String source, String dataJson) {
        Response.Event event = new Response.Event(++seq, topic, source == null ? "" : source, dataJson);
        history.addLast(event);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        for (Subscriber s : subscribers) {
            if (matches(s.patterns(), topic) && !s.offer(event)) {
                subscribers.remove(s);
            }
        }
        return event;
    }

    /** Adds (or re-registers) a subscriber and returns the events after {@code since} that it should replay. */
    synchronized Replay subscribe(Subscriber s, Long since) {
        if (!subscribers.contains(s)) {
            subscribers.add(s);
        }
        List<Response.Event> replay = new ArrayList<>();
        boolean gap = false;
        if (since != null) {
            Response.Event oldest = history.peekFirst();
            gap = oldest != null ? oldest.seq() > since + 1 : seq > since;
            for (Response.Event e : history) {
                if (e.seq() > since && matches(s.patterns(), e.topic())) {
                    replay.add(e);
                }
            }
        }
        return new Replay(seq, replay, gap);
    }

    void unsubscribe(Subscriber s) {
        subscribers.remove(s);
    }

    synchronized void keepalive(long nowMillis) {
        Response.Keepalive k = new Response.Keepalive(nowMillis);
        for (Subscriber s : subscribers) {
            if (!s.offer(k)) {
                subscribers.remove(s);
            }
        }
    }

    synchronized long head() {
        return seq;
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private static boolean matches(List<TopicPattern> patterns, String topic) {
        for (TopicPattern p : patterns) {
            if (p.matches(topic)) {
                return true;
            }
        }
        return false;
    }
}
