package org.spmonitor.platform.paging;

import org.spmonitor.platform.validation.Violations;

/**
 * The one paging rule of every list in spmonitor: {@code page} is 0-based and 0 or more, {@code size}
 * is 1 to {@value #MAX_SIZE} items, {@value #DEFAULT_SIZE} when the request leaves it out.
 */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 100;
    /** {@link #DEFAULT_SIZE} as the text a {@code @RequestParam(defaultValue = ...)} needs. */
    public static final String DEFAULT_SIZE_PARAM = "100";

    /** The paging a request asks for; a bad page or size is added to {@code violations}, named as the parameter. */
    public static Paging checked(int page, int size, Violations violations) {
        violations.check(page >= 0, "page", () -> "must be 0 or more (pages are numbered from 0), was " + page);
        violations.check(size >= 1 && size <= MAX_SIZE, "size",
                () -> "must be between 1 and " + MAX_SIZE + ", was " + size);
        return new Paging(page, size);
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) page * size;
    }
}
