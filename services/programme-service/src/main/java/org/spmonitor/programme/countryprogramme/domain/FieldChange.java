package org.spmonitor.programme.countryprogramme.domain;

/**
 * One field of a programme that a version changed: its path (e.g. {@code status},
 * {@code milestones.mst-4d7h1p9z.status}, {@code indicators.SDG-1.3.1.results.2025}) and its
 * value before and after, as plain data ({@link Describable#of}). {@code previous} is null for a
 * value that did not exist before, {@code current} for one that was removed.
 */
public record FieldChange(String field, Object previous, Object current) {
}
