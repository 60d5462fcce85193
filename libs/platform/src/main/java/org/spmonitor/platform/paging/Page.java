package org.spmonitor.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, the shape every list endpoint answers: {@code page} is 0-based, {@code totalItems}
 * counts every item matching the filters on all pages, {@code totalPages} is how many pages of this size
 * they fill.
 */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, Paging paging, long totalItems) {
        return of(items, paging.page(), paging.size(), totalItems);
    }

    public static <T> Page<T> of(List<T> items, int page, int size, long totalItems) {
        return new Page<>(items, page, size, totalItems, size <= 0 ? 0 : (totalItems + size - 1) / size);
    }

    /** The same page with each item converted (a stored document to its REST view, say). */
    public <R> Page<R> map(Function<? super T, ? extends R> conversion) {
        return new Page<>(items.stream().<R>map(conversion).toList(), page, size, totalItems, totalPages);
    }
}
