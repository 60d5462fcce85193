package org.spmonitor.financing;

import java.time.LocalDate;
import java.util.List;

import org.spmonitor.events.programme.AnnualTarget;
import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.events.programme.ProgrammeStatus;
import org.spmonitor.events.programme.TargetGroup;
import org.spmonitor.platform.programmeview.KnownProgramme;

/** Object mother: programmes as the local view knows them and as programme-service publishes them. */
public final class Programmes {

    /** Cambodia's Family Package, 2024 to 2027. */
    public static KnownProgramme familyPackage(String id) {
        return new KnownProgramme(id, 1, "KHM", LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31),
                ProgrammeStatus.ACTIVE);
    }

    public static ProgrammeRegistered registered(String id, String country, long version) {
        return new ProgrammeRegistered(id, version, country, "Family Package", null, List.of("ILO", "UNICEF"),
                List.of("EU"), LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), ProgrammeStatus.ACTIVE,
                List.of(), List.of(), List.of(TargetGroup.CHILDREN), List.of(new AnnualTarget(2025, 1_000_000, 400_000)));
    }

    private Programmes() {
    }
}
