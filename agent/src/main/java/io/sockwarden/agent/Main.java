package io.sockwarden.agent;

import io.sockwarden.agent.cli.Sockwarden;

/** The {@code sockwarden} program's entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Sockwarden.execute(args));
  }
}
