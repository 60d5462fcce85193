package org.spmonitor.events.beneficiary;

/** ACTIVE: people receiving benefits at the end of the period (a stock). NEW: people enrolled during the period (a flow). */
public enum Measure {
    ACTIVE, NEW
}
