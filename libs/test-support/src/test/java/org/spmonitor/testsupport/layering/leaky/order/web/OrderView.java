package org.spmonitor.testsupport.layering.leaky.order.web;

public record OrderView(String id) {
}
