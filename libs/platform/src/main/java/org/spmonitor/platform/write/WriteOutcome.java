package org.spmonitor.platform.write;

/**
 * What a write did, the same words in every service's responses, headers and metrics: a first version
 * ({@code CREATED}), a new version ({@code UPDATED}), nothing because it equals the latest version or is
 * a redelivery ({@code UNCHANGED}), or a withdrawal that took the fact off the dashboards
 * ({@code WITHDRAWN}; services that report a withdrawal as a new version answer {@code UPDATED}).
 */
public enum WriteOutcome {
    CREATED, UPDATED, UNCHANGED, WITHDRAWN
}
