package org.spmonitor.programme.countryprogramme.domain;

import java.util.List;

/** One page of a list: its items, and how many items the whole list has. */
public record ResultPage<T>(List<T> items, int page, int size, long totalItems) {

    public ResultPage {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return (totalItems + size - 1) / size;
    }
}
