package org.spmonitor.platform.programmeview;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Remembers the programmes looked up during one request or import, so that 100,000 rows of the same
 * programme cost one query. Short-lived: make a new one per request.
 */
public final class ProgrammeLookup {

    private static final int MAX_REMEMBERED = 10_000;

    private final Function<String, Optional<KnownProgramme>> source;
    private final Map<String, Optional<KnownProgramme>> seen = new HashMap<>();

    public ProgrammeLookup(Function<String, Optional<KnownProgramme>> source) {
        this.source = source;
    }

    public Optional<KnownProgramme> find(String programmeId) {
        if (programmeId == null) {
            return Optional.empty();
        }
        Optional<KnownProgramme> known = seen.get(programmeId);
        if (known == null) {
            known = source.apply(programmeId);
            if (seen.size() < MAX_REMEMBERED) {
                seen.put(programmeId, known);
            }
        }
        return known;
    }
}
