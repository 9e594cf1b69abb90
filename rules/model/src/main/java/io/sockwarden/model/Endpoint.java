package io.sockwarden.model;

/** How socket endpoints are written in reports: {@code 10.0.0.5:5432}, {@code [::1]:443}. */
public final class Endpoint {
  private Endpoint() {}

  public static String format(String address, int port) {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
