package org.spmonitor.local;

/** The local stack cannot start; the message says why and what to do, for a person at a console. */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }
}
