package org.spmonitor.programme.countryprogramme.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.spmonitor.events.DomainEvent;
import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.paging.Page;
import org.spmonitor.platform.validation.ConflictException;

/**
 * A real {@link ProgrammeRepository} kept in memory, with the same rules as the Mongo one (version
 * check, one name per country), for tests without a database. It records the events it was given,
 * and can let "someone else" change a programme just before the next update.
 */
public class InMemoryProgrammeRepository implements ProgrammeRepository {

    private final Map<String, Programme> programmes = new LinkedHashMap<>();
    private final Map<String, List<HistoryEntry>> histories = new LinkedHashMap<>();
    private final List<DomainEvent> events = new ArrayList<>();
    private Runnable beforeNextUpdate;

    @Override
    public synchronized Optional<Programme> find(String id) {
        return Optional.ofNullable(programmes.get(id));
    }

    @Override
    public synchronized Optional<Programme> findByNameKey(String nameKey) {
        return programmes.values().stream().filter(p -> p.details().nameKey().equals(nameKey)).findFirst();
    }

    @Override
    public synchronized boolean insert(Change registered, EventOrigin origin) {
        Programme programme = registered.programme();
        if (programmes.containsKey(programme.id()) || findByNameKey(programme.details().nameKey()).isPresent()) {
            return false;
        }
        programmes.put(programme.id(), programme);
        histories.put(programme.id(), new ArrayList<>(List.of(registered.entry())));
        events.add(registered.event());
        return true;
    }

    @Override
    public boolean update(Change change, long expectedVersion, EventOrigin origin) {
        Runnable concurrent;
        synchronized (this) {
            concurrent = beforeNextUpdate;
            beforeNextUpdate = null;
        }
        if (concurrent != null) {
            concurrent.run();
        }
        synchronized (this) {
            Programme programme = change.programme();
            if (programmes.get(programme.id()).version() != expectedVersion) {
                return false;
            }
            Optional<Programme> sameName = findByNameKey(programme.details().nameKey());
            if (sameName.isPresent() && !sameName.get().id().equals(programme.id())) {
                throw new ConflictException("name taken");
            }
            programmes.put(programme.id(), programme);
            histories.get(programme.id()).add(change.entry());
            if (change.event() != null) {
                events.add(change.event());
            }
            return true;
        }
    }

    @Override
    public synchronized Page<Programme> list(ProgrammeFilter filter, int page, int size) {
        List<Programme> matching = programmes.values().stream()
                .filter(p -> filter.country() == null || filter.country().equals(p.details().country()))
                .filter(p -> filter.status() == null || filter.status() == p.details().status())
                .filter(p -> filter.partner() == null
                        || p.details().partners().stream().anyMatch(filter.partner()::equalsIgnoreCase))
                .filter(p -> filter.targetGroup() == null || p.details().targetGroups().contains(filter.targetGroup()))
                .sorted(Comparator.comparing((Programme p) -> p.details().nameKey()).thenComparing(Programme::id))
                .toList();
        List<Programme> items = matching.stream().skip((long) page * size).limit(size).toList();
        return Page.of(items, page, size, matching.size());
    }

    @Override
    public synchronized Optional<List<HistoryEntry>> history(String id) {
        return Optional.ofNullable(histories.get(id)).map(List::copyOf);
    }

    /** Every event stored with a change, in order. */
    public synchronized List<DomainEvent> events() {
        return List.copyOf(events);
    }

    /** Runs {@code change} (e.g. another caller's write) right before the next update is checked. */
    public synchronized void beforeNextUpdate(Runnable change) {
        this.beforeNextUpdate = change;
    }
}
