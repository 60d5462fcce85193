package org.spmonitor.reporting.dashboard.domain;

import java.time.Instant;

/** When the newest event reflected happened, when it was projected, and the lag between the two. */
public record Freshness(Instant newestEventTime, Instant projectedAt, Long projectionLagMillis) {

    public static Freshness none() {
        return new Freshness(null, null, null);
    }
}
