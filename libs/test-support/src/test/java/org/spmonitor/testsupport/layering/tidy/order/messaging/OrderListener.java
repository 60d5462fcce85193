package org.spmonitor.testsupport.layering.tidy.order.messaging;

import org.spmonitor.testsupport.layering.tidy.order.application.OrderService;

public class OrderListener {

    private final OrderService orders = new OrderService();

    public void onOrderPlaced(String id) {
        orders.place(id, 1);
    }
}
