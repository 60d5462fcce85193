package org.spmonitor.programme.countryprogramme.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.spmonitor.platform.events.EventOrigin;
import org.spmonitor.platform.paging.Page;
import org.spmonitor.platform.review.Review;
import org.spmonitor.platform.review.ReviewState;
import org.spmonitor.platform.write.WriteOutcome;
import org.spmonitor.platform.validation.ConflictException;
import org.spmonitor.platform.validation.NotFoundException;

/**
 * The use cases of country programmes. Each write reads the programme, lets it decide, and stores
 * the decision only if nobody changed the programme meanwhile (optimistic concurrency); otherwise it
 * decides again on the newer version. A caller that names the version it edited gets a conflict
 * instead when that version is stale.
 *
 * <p>Every write knows the programme's country before it stores anything, which is where a check
 * of the caller's countries belongs.
 */
public class ProgrammeService {

    static final int MAX_ATTEMPTS = 10;

    private final ProgrammeRepository repository;
    private final Clock clock;

    public ProgrammeService(ProgrammeRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Registers a programme. One name per country: the same details again return the existing
     * programme unchanged (a retry); other details under a taken name are a conflict.
     */
    public Change register(ProgrammeDetails details, String by) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Change registered = Programme.register(details, by, now());
            ProgrammeDetails normalised = registered.programme().details();
            Optional<Programme> sameName = repository.findByNameKey(normalised.nameKey());
            if (sameName.isPresent()) {
                Programme existing = sameName.get();
                if (existing.details().equals(normalised)) {
                    return Change.unchanged(existing, null);
                }
                throw new ConflictException("a programme named '" + existing.details().name() + "' is registered in "
                        + existing.details().country() + " already (" + existing.id()
                        + "); replace its details with PUT instead");
            }
            if (repository.insert(registered, api(by))) {
                return registered;
            }
        }
        throw new IllegalStateException("could not register the programme in " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Replaces a programme's details. Details equal to the current ones are unchanged whatever
     * {@code expectedVersion} says (a retry of a replacement that succeeded); otherwise a given
     * {@code expectedVersion} that is not the current version is a conflict.
     */
    public Change replaceDetails(String id, ProgrammeDetails details, Long expectedVersion, String by) {
        return write(id, expectedVersion, api(by), programme -> programme.replaceDetails(details, by, now()));
    }

    public Change addMilestone(String id, NewMilestone milestone, String by) {
        return write(id, null, api(by), programme -> programme.addMilestone(milestone, by, now(), today()));
    }

    public Change changeMilestoneStatus(String id, String milestoneId, MilestoneStatusReport report, String by) {
        return write(id, null, api(by),
                programme -> programme.changeMilestoneStatus(milestoneId, report, by, now(), today()));
    }

    public Change defineIndicator(String id, IndicatorDefinition definition, String by) {
        return write(id, null, api(by), programme -> programme.defineIndicator(definition, by, now()));
    }

    public Change reviseIndicator(String id, String code, IndicatorDefinition definition, String by) {
        return write(id, null, api(by), programme -> programme.reviseIndicator(code, definition, by, now()));
    }

    public Change reportResult(String id, ResultReport report, String by) {
        return write(id, null, api(by), programme -> programme.reportResult(report, by, now(), today()));
    }

    /** Validates or returns the value of an indicator for a period (ADR 0019). */
    public Change reviewResult(String id, String code, String period, Review review, String by) {
        return write(id, null, api(by), programme -> programme.reviewResult(code, period, review, by, now()));
    }

    /** One result of a bulk review: the programme version its review made, or why it did not (a 409's reason). */
    public record ReviewedResult(String indicatorCode, String period, long reviewedVersion, Long version,
            WriteOutcome outcome, String conflict) {
    }

    /**
     * Reviews every SUBMITTED indicator result of a programme (of one period when {@code period} is given),
     * each at the version it has when listed: a result changed meanwhile is a per-item conflict and stays as
     * it is.
     */
    public List<ReviewedResult> reviewResults(String id, String period, ReviewState decision, String comment,
            String by) {
        List<ReviewedResult> items = new ArrayList<>();
        EventOrigin origin = new EventOrigin(by, EventOrigin.API_BATCH, null, null);
        for (Indicator indicator : get(id).indicators()) {
            for (IndicatorResult result : indicator.results()) {
                if (result.reviewState() != ReviewState.SUBMITTED || result.version() == null
                        || period != null && !period.equals(result.period())) {
                    continue;
                }
                try {
                    Review review = new Review(decision, result.version(), comment);
                    Change change = write(id, null, origin, programme -> programme.reviewResult(indicator.code(),
                            result.period(), review, by, now()));
                    items.add(new ReviewedResult(indicator.code(), result.period(), result.reportedVersion(),
                            change.programme().version(), change.outcome(), null));
                }
                catch (ConflictException ex) {
                    items.add(new ReviewedResult(indicator.code(), result.period(), result.reportedVersion(), null,
                            null, ex.getMessage()));
                }
            }
        }
        return items;
    }

    public Programme get(String id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    public Page<Programme> list(ProgrammeFilter filter, int page, int size) {
        return repository.list(filter, page, size);
    }

    public List<HistoryEntry> history(String id) {
        return repository.history(id).orElseThrow(() -> notFound(id));
    }

    /** A REST request's origin (ADR 0021): its caller, channel {@code api}. */
    private static EventOrigin api(String by) {
        return new EventOrigin(by, EventOrigin.API, null, null);
    }

    /** Decides on the current version and stores the change, its event carrying {@code origin}. */
    private Change write(String id, Long expectedVersion, EventOrigin origin, Function<Programme, Change> decision) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Programme current = get(id);
            Change change = decision.apply(current);
            if (!change.changed()) {
                return change;
            }
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new ConflictException("programme " + id + " is at version " + current.version()
                        + ", not " + expectedVersion + ": read it again and apply your change to the current version");
            }
            if (repository.update(change, current.version(), origin)) {
                return change;
            }
        }
        throw new IllegalStateException("programme " + id + " kept changing during " + MAX_ATTEMPTS + " attempts");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no programme " + id);
    }
}
