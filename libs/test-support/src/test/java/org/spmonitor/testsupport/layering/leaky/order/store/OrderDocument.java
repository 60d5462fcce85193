package org.spmonitor.testsupport.layering.leaky.order.store;

import org.spmonitor.testsupport.layering.leaky.order.web.OrderView;

/** A fixture of {@code ArchitectureRulesTest}: a store that builds the web's view. */
public class OrderDocument {

    public OrderView view() {
        return new OrderView("o-1");
    }
}
