package org.spmonitor.local;

import java.time.Duration;

/** How the services' clients are tuned beyond their own configuration (only by code, for fault tests). */
record ClientOptions(Duration mongoServerSelectionTimeout) {

    static final ClientOptions DEFAULTS = new ClientOptions(null);

    /** The query of the services' Mongo URIs: empty, or {@code ?serverSelectionTimeoutMS=...}. */
    String mongoUriQuery() {
        return mongoServerSelectionTimeout == null ? ""
                : "?serverSelectionTimeoutMS=" + mongoServerSelectionTimeout.toMillis();
    }
}
