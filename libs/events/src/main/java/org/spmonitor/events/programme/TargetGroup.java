package org.spmonitor.events.programme;

/** Who a programme or a beneficiary count is about. */
public enum TargetGroup {
    CHILDREN, MOTHERS_WITH_NEWBORNS, PERSONS_WITH_DISABILITIES, UNEMPLOYED, OLDER_PERSONS, WORK_INJURY_VICTIMS, POOR_AND_VULNERABLE, INFORMAL_ECONOMY_WORKERS
}
