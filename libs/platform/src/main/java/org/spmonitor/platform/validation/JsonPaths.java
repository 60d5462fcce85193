package org.spmonitor.platform.validation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/** Names the field a Jackson error is about as a JSON path: {@code lines[2].allocated}. */
public final class JsonPaths {

    /** The path of the field {@code ex} failed on, or {@code ""} for the document itself. */
    public static String of(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private JsonPaths() {
    }
}
