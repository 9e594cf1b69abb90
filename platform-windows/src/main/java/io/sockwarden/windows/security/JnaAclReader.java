package io.sockwarden.windows.security;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a file's owner and DACL with {@code GetFileSecurity}. */
public final class JnaAclReader implements AclReader {
  private static final int INHERIT_ONLY_ACE = 0x08;

  @Override
  public Acl read(Path path) throws IOException {
    try {
      WinNT.SECURITY_DESCRIPTOR_RELATIVE sd =
          Advapi32Util.getFileSecurityDescriptor(path.toFile(), false);
      WinNT.PSID owner = sd.getOwner();
      String ownerSid = owner == null ? "" : owner.getSidString();
      WinNT.ACL dacl = sd.getDiscretionaryACL();
      List<Acl.Ace> allowed = new ArrayList<>();
      if (dacl != null) {
        for (WinNT.ACE_HEADER h : dacl.getACEs()) {
          if (h.AceType == WinNT.ACCESS_ALLOWED_ACE_TYPE
              && (h.AceFlags & INHERIT_ONLY_ACE) == 0
              && h instanceof WinNT.ACCESS_ACEStructure a) {
            allowed.add(new Acl.Ace(a.getSidString(), name(a.getSidString()), a.Mask));
          }
        }
      }
      return new Acl(ownerSid, name(ownerSid), allowed, dacl == null);
    } catch (Win32Exception e) {
      throw new IOException(
          path + ": " + e.getMessage() + " (Win32 error " + e.getErrorCode() + ")", e);
    }
  }

  private static String name(String sid) {
    try {
      Advapi32Util.Account a = Advapi32Util.getAccountBySid(sid);
      return a.domain == null || a.domain.isEmpty() ? a.name : a.domain + "\\" + a.name;
    } catch (RuntimeException e) {
      return sid;
    }
  }
}
