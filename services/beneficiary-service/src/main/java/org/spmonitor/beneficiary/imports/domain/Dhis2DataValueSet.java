package org.spmonitor.beneficiary.imports.domain;

import java.util.List;

/**
 * The parts of a DHIS2 {@code dataValueSets} JSON export that an import reads. Period and org unit
 * may be given once for the set or per value (a value's own wins). Other DHIS2 fields are ignored.
 */
public record Dhis2DataValueSet(String dataSet, String period, String orgUnit, List<DataValue> dataValues) {

    /** One DHIS2 data value. A {@code deleted} value withdraws the count it filled (see {@link Dhis2Assembler}). */
    public record DataValue(String dataElement, String period, String orgUnit, String categoryOptionCombo,
            String attributeOptionCombo, String value, Boolean deleted) {
    }
}
