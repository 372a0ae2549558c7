package org.skillbroker.changes;

import jakarta.json.JsonValue;
import org.skillbroker.audit.ChangeAttempt;
import org.skillbroker.caller.Caller;
import org.skillbroker.problem.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A resource kind held in memory, shared by the "nodes" of a test the way Contact Center is: the plug-in side of
 * {@link Changeable} with the promised semantics, counting its writes, so the tests see the shared mechanism
 * (store, leases, timer, audit) do its part. Skill profiles' own implementation runs against the simulator in
 * the integration tests.
 */
final class MemoryResources implements Changeable {

    final Map<String, Map<String, JsonValue>> values = new ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    volatile boolean mayChange = true;
    volatile boolean failing;
    /** Runs once right before the next write (a stall of the writing node, say). */
    volatile Runnable beforeWrite;

    @Override
    public String kind() {
        return "memory";
    }

    void set(String id, String field, JsonValue value) {
        values.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).put(field, value);
    }

    JsonValue get(String id, String field) {
        return values.getOrDefault(id, Map.of()).getOrDefault(field, JsonValue.NULL);
    }

    @Override
    public void checkMayChange(Caller caller, String resourceId) {
        if (!mayChange) {
            throw ApiException.of("outside-your-teams", "Outside your teams", 403, "not yours");
        }
    }

    @Override
    public synchronized Restored restore(String resourceId, List<FieldChange> changes, Policy policy,
                                         BooleanSupplier fence, ChangeAttempt attempt) {
        if (failing) {
            throw ApiException.of("upstream-unavailable", "Webex unavailable", 503, "down");
        }
        attempt.profile(resourceId, "Resource " + resourceId);
        List<FieldChange> restored = new ArrayList<>();
        List<FieldChange> skipped = new ArrayList<>();
        List<FieldChange> toWrite = new ArrayList<>();
        for (FieldChange c : changes) {
            JsonValue now = get(resourceId, c.field());
            if (FieldChange.same(now, c.before())) {
                restored.add(c);
            } else if (FieldChange.same(now, c.after())) {
                restored.add(c);
                toWrite.add(c);
            } else if (policy == Policy.ALL) {
                throw ApiException.of("moved-on", "Changed again since", 409, "moved on");
            } else {
                skipped.add(c);
            }
        }
        if (!toWrite.isEmpty()) {
            Runnable stall = beforeWrite;
            beforeWrite = null;
            if (stall != null) {
                stall.run();
            }
            if (!fence.getAsBoolean()) {
                throw ApiException.of("busy", "Lease lost", 503, "lost");
            }
            toWrite.forEach(c -> set(resourceId, c.field(), c.before()));
            writes.incrementAndGet();
        }
        return new Restored(restored, skipped, !toWrite.isEmpty());
    }
}
