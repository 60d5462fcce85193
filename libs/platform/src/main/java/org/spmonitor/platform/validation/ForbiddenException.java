package org.spmonitor.platform.validation;

/** The caller is known but may not do this (a viewer writing, a reporter writing for another country): 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
