package org.spmonitor.events.programme;

/** The four basic social security guarantees of ILO Recommendation No. 202. */
public enum FloorGuarantee {
    HEALTH_CARE, CHILDREN, WORKING_AGE, OLDER_PERSONS
}
