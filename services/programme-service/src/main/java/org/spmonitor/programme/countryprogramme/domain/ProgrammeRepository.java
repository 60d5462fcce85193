package org.spmonitor.programme.countryprogramme.domain;

import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.paging.Page;
import java.util.List;
import java.util.Optional;

/**
 * Where programmes are kept. A change is written with its history entry and its event in one
 * atomic write, so accepted data and the events it emits are never separated.
 */
public interface ProgrammeRepository {

    /** The current state of a programme (without its history). */
    Optional<Programme> find(String id);

    /** The programme registered under {@link ProgrammeDetails#nameKey()}, if any. */
    Optional<Programme> findByNameKey(String nameKey);

    /**
     * Stores a newly registered programme; its event carries {@code origin}, who registered it and
     * through which channel (ADR 0021; null: not said).
     *
     * @return false when its id or name key is taken by now (decide again)
     */
    boolean insert(Change registered, EventOrigin origin);

    /** {@link #insert(Change, EventOrigin)} without an origin. */
    default boolean insert(Change registered) {
        return insert(registered, null);
    }

    /**
     * Stores a change if the programme is still at {@code expectedVersion}; its event carries
     * {@code origin} (ADR 0021; null: not said).
     *
     * @return false when another change came first (decide again on the newer version)
     * @throws org.spmonitor.platform.validation.ConflictException when the new name is taken by another programme
     */
    boolean update(Change change, long expectedVersion, EventOrigin origin);

    /** {@link #update(Change, long, EventOrigin)} without an origin. */
    default boolean update(Change change, long expectedVersion) {
        return update(change, expectedVersion, null);
    }

    Page<Programme> list(ProgrammeFilter filter, int page, int size);

    /** Every version of a programme, oldest first; empty when there is no such programme. */
    Optional<List<HistoryEntry>> history(String id);
}
