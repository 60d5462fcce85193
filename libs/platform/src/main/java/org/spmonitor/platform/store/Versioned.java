package org.spmonitor.platform.store;

/**
 * A document written through {@link VersionedWriter}: its id and the version the writer checks on
 * every change (1 for the first, one more for each change).
 */
public interface Versioned {

    String getId();

    long getVersion();
}
