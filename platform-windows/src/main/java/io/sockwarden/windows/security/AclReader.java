package io.sockwarden.windows.security;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a file's {@link Acl}. */
@FunctionalInterface
public interface AclReader {
  Acl read(Path path) throws IOException;
}
