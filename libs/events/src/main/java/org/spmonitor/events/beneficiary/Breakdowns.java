package org.spmonitor.events.beneficiary;

final class Breakdowns {

    static long sum(Long... parts) {
        long sum = 0;
        for (Long part : parts) {
            if (part != null) {
                sum = Math.addExact(sum, part);
            }
        }
        return sum;
    }

    private Breakdowns() {
    }
}
