package io.sockwarden.windows.security;

import java.util.List;
import java.util.Objects;

/**
 * A file's owner and the access-allowed entries of its DACL.
 *
 * @param ownerSid the owner's SID, e.g. {@code S-1-5-32-544}
 * @param ownerName the owner's account name, for messages
 * @param allowed the access-allowed entries that apply to the file itself (inherit-only entries
 *     left out)
 * @param nullDacl whether the file has no DACL at all, which grants everyone full access
 */
public record Acl(String ownerSid, String ownerName, List<Ace> allowed, boolean nullDacl) {
  /** One access-allowed entry: who and the access mask. */
  public record Ace(String sid, String name, int mask) {
    public Ace {
      Objects.requireNonNull(sid, "sid");
      Objects.requireNonNull(name, "name");
    }
  }

  public Acl {
    Objects.requireNonNull(ownerSid, "ownerSid");
    Objects.requireNonNull(ownerName, "ownerName");
    allowed = List.copyOf(allowed);
  }
}
