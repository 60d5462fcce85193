package org.spmonitor.platform.security;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per client: {@code perMinute} writes a minute, refilled continuously, bursts up to
 * the same number. Keeps a bounded number of buckets (oldest dropped first when full).
 */
public class WriteRateLimiter {

    private static final int MAX_CLIENTS = 10_000;

    private final double capacity;
    private final double refillPerMilli;
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public WriteRateLimiter(int perMinute, Clock clock) {
        this.capacity = perMinute;
        this.refillPerMilli = perMinute / 60_000.0;
        this.clock = clock;
    }

    /** Takes one token for {@code client}; returns 0 when allowed, else the seconds to wait. */
    public long tryAcquire(String client) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, clock.millis()));
        synchronized (bucket) {
            long now = clock.millis();
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * refillPerMilli);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / refillPerMilli / 1000.0);
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
