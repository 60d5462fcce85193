package org.spmonitor.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing the stack's parts one after another, where one that fails to close must not keep the next open. */
final class Closing {

    private static final Logger log = LoggerFactory.getLogger(Closing.class);

    /** Closes {@code closeable} unless null; a failure is logged, naming {@code what}, not thrown. */
    static void quietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (Exception ex) {
            log.warn("Could not close the {} cleanly", what, ex);
        }
    }

    private Closing() {
    }
}
