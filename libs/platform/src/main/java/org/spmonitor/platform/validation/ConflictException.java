package org.spmonitor.platform.validation;

/** The request conflicts with the current state (e.g. an Idempotency-Key reused with another body): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
