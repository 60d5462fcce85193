package org.spmonitor.events.programme;

/** The nine branches of social security of ILO Convention No. 102. */
public enum Branch {
    MEDICAL_CARE, SICKNESS, UNEMPLOYMENT, OLD_AGE, EMPLOYMENT_INJURY, FAMILY, MATERNITY, INVALIDITY, SURVIVORS
}
