package io.sockwarden.windows;

import com.sun.jna.platform.win32.KnownFolders;
import com.sun.jna.platform.win32.Shell32Util;
import com.sun.jna.platform.win32.Win32Exception;
import java.util.Optional;

/** The shell's known folders ({@code SHGetKnownFolderPath}). */
final class JnaKnownFolders {
  private JnaKnownFolders() {}

  /** The ProgramData folder, or empty when the shell cannot say (not Windows, an error). */
  static Optional<String> programData() {
    try {
      String path = Shell32Util.getKnownFolderPath(KnownFolders.FOLDERID_ProgramData);
      return path == null || path.isBlank() ? Optional.empty() : Optional.of(path);
    } catch (Win32Exception | UnsatisfiedLinkError | NoClassDefFoundError e) {
      return Optional.empty();
    }
  }
}
