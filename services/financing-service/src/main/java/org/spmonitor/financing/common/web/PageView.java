package org.spmonitor.financing.common.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One page of a list: {@code page} is 0-based, {@code totalItems} counts every match of the filters. */
@Schema(description = "One page of results; page is 0-based and totalItems counts every item matching the filters")
public record PageView<T>(List<T> items, int page, int size, long totalItems) {
}
