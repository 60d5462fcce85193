package org.spmonitor.financing.common.web;

import org.spmonitor.platform.validation.Violations;

/** Checks the {@code page} and {@code size} query parameters of a list. */
public final class Paging {

    public static final int MAX_SIZE = 500;

    public static void check(int page, int size, Violations violations) {
        violations.check(page >= 0, "page", () -> "must be 0 or more (pages are numbered from 0)");
        violations.check(size >= 1 && size <= MAX_SIZE, "size", () -> "must be between 1 and " + MAX_SIZE);
    }

    private Paging() {
    }
}
