package org.spmonitor.programme.countryprogramme.domain;

import java.security.SecureRandom;

import org.spmonitor.events.programme.ProgrammeRegistered;
import org.spmonitor.platform.validation.Violations;

/** A registered country programme at one version. */
public record Programme(String id, long version, ProgrammeDetails details) {

    private static final char[] ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Validates and registers: version 1 with a fresh id. */
    public static Programme register(ProgrammeDetails details) {
        Violations violations = new Violations();
        details.validate(violations);
        violations.throwIfAny();
        return new Programme(newId(), 1, details);
    }

    /** Server-assigned ids look like {@code prg-7k2m9q4x3t1a}: stable, URL-safe, unguessable. */
    static String newId() {
        StringBuilder id = new StringBuilder("prg-");
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    public ProgrammeRegistered registered() {
        return new ProgrammeRegistered(id, version, details.country(), details.name(), details.description(),
                details.partners(), details.donors(), details.startDate(), details.endDate(), details.status(),
                details.floorGuarantees(), details.branches(), details.targetGroups(), details.annualTargets());
    }
}
