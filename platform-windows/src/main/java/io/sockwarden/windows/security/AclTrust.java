package io.sockwarden.windows.security;

import io.sockwarden.model.FileTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Trusts a file only when nobody but Administrators, SYSTEM and TrustedInstaller can change it: no
 * other principal may have an allowed entry with a write, delete or permission-changing right, and
 * the owner (who can always rewrite the DACL) must be one of them. Deny entries are ignored, which
 * can only make the check stricter.
 */
public final class AclTrust implements FileTrust {
  static final String SYSTEM = "S-1-5-18";
  static final String ADMINISTRATORS = "S-1-5-32-544";
  static final String TRUSTED_INSTALLER =
      "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
  static final Set<String> TRUSTED = Set.of(SYSTEM, ADMINISTRATORS, TRUSTED_INSTALLER);

  /**
   * FILE_WRITE_DATA, FILE_APPEND_DATA, FILE_WRITE_EA, FILE_DELETE_CHILD, FILE_WRITE_ATTRIBUTES,
   * DELETE, WRITE_DAC, WRITE_OWNER, GENERIC_ALL, GENERIC_WRITE, MAXIMUM_ALLOWED.
   */
  static final int WRITE_RIGHTS =
      0x2
          | 0x4
          | 0x10
          | 0x40
          | 0x100
          | 0x10000
          | 0x40000
          | 0x80000
          | 0x10000000
          | 0x40000000
          | 0x02000000;

  private final AclReader reader;

  public AclTrust(AclReader reader) {
    this.reader = reader;
  }

  @Override
  public Optional<String> problem(Path path) {
    Acl acl;
    try {
      acl = reader.read(path);
    } catch (IOException e) {
      return Optional.of("its permissions cannot be read: " + e.getMessage());
    }
    return problem(acl);
  }

  /** Why a file with {@code acl} must not be loaded, or empty. */
  public static Optional<String> problem(Acl acl) {
    if (acl.nullDacl()) {
      return Optional.of("has no access control list, so everyone can change it");
    }
    if (!TRUSTED.contains(acl.ownerSid())) {
      return Optional.of(
          "is owned by "
              + acl.ownerName()
              + " ("
              + acl.ownerSid()
              + "), who can change its permissions; make Administrators or SYSTEM the owner");
    }
    for (Acl.Ace ace : acl.allowed()) {
      if (!TRUSTED.contains(ace.sid()) && (ace.mask() & WRITE_RIGHTS) != 0) {
        return Optional.of(
            "can be changed by "
                + ace.name()
                + " ("
                + ace.sid()
                + "); only Administrators and SYSTEM may write it");
      }
    }
    return Optional.empty();
  }
}
