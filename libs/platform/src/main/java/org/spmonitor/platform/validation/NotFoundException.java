package org.spmonitor.platform.validation;

/** The addressed resource does not exist; answered as 404 problem details. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
