package io.sockwarden.model;

import java.util.List;

/**
 * The facts only one operating system has, typed per platform, so that code reading them names what
 * it expects instead of searching an untyped list.
 */
public sealed interface PlatformFacts permits LinuxFacts, WindowsFacts {
  /** These facts as they are inserted into a rule session. */
  List<Object> ruleFacts();

  /**
   * Whether any live setting could be read (a kernel parameter, a registry value): a scan without
   * one has nothing to judge, which usually means a wrong proc root or no access at all.
   */
  boolean settingsRead();
}
