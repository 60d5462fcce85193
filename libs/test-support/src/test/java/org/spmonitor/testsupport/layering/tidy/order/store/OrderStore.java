package org.spmonitor.testsupport.layering.tidy.order.store;

import java.util.HashMap;
import java.util.Map;

import org.spmonitor.testsupport.layering.tidy.order.domain.Order;

public class OrderStore {

    private final Map<String, Order> orders = new HashMap<>();

    public void save(Order order) {
        orders.put(order.id(), order);
    }

    public Order find(String id) {
        return orders.get(id);
    }
}
