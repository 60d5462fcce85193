package org.spmonitor.events.financing;

/** What money was spent on: a C102 branch, or health, general social assistance, administration. */
public enum FinancingFunction {
    MEDICAL_CARE, SICKNESS, UNEMPLOYMENT, OLD_AGE, EMPLOYMENT_INJURY, FAMILY, MATERNITY, INVALIDITY, SURVIVORS, HEALTH, GENERAL_SOCIAL_ASSISTANCE, ADMINISTRATION
}
