package io.sockwarden.windows.security;

import io.sockwarden.model.FileTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

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
  private final Predicate<String> administrator;

  /**
   * @param reader reads a file's ACL
   * @param administrator whether a user SID is an administrator (a file an administrator created
   *     without elevation is owned by that user, not by the Administrators group)
   */
  public AclTrust(AclReader reader, Predicate<String> administrator) {
    this.reader = reader;
    this.administrator = administrator;
  }

  @Override
  public Optional<String> problem(Path path) {
    Acl acl;
    try {
      acl = reader.read(path);
    } catch (IOException e) {
      return Optional.of("its permissions cannot be read: " + e.getMessage());
    }
    return problem(acl, administrator);
  }

  /** Why a file with {@code acl} must not be loaded, or empty. */
  public static Optional<String> problem(Acl acl, Predicate<String> administrator) {
    if (acl.nullDacl()) {
      return Optional.of("has no access control list, so everyone can change it");
    }
    boolean adminOwner = administrator.test(acl.ownerSid());
    if (!TRUSTED.contains(acl.ownerSid()) && !adminOwner) {
      return Optional.of(
          "is owned by "
              + acl.ownerName()
              + " ("
              + acl.ownerSid()
              + "), who is not an administrator and can change its permissions; make"
              + " Administrators or SYSTEM the owner");
    }
    for (Acl.Ace ace : acl.allowed()) {
      boolean owner = adminOwner && ace.sid().equals(acl.ownerSid());
      if (!TRUSTED.contains(ace.sid()) && !owner && (ace.mask() & WRITE_RIGHTS) != 0) {
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
