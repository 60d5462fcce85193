package org.spmonitor.platform.events;

/**
 * A consumed record that can never be processed (bad JSON, unknown type, schema violation). It goes
 * to the dead-letter topic at once, without retries.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
