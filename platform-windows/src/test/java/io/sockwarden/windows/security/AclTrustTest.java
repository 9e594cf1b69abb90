package io.sockwarden.windows.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclTrustTest {
  static final Acl.Ace ADMINS_FULL =
      new Acl.Ace(AclTrust.ADMINISTRATORS, "BUILTIN\\Administrators", 0x1F01FF);
  static final Acl.Ace SYSTEM_FULL = new Acl.Ace(AclTrust.SYSTEM, "NT AUTHORITY\\SYSTEM", 0x1F01FF);
  static final Acl.Ace USERS_READ = new Acl.Ace("S-1-5-32-545", "BUILTIN\\Users", 0x1200A9);

  @Test
  void programDataDefaultsForAdministratorsAndSystemAreTrusted() {
    Acl acl =
        new Acl(
            AclTrust.ADMINISTRATORS,
            "BUILTIN\\Administrators",
            List.of(ADMINS_FULL, SYSTEM_FULL, USERS_READ),
            false);
    assertThat(AclTrust.problem(acl, sid -> false)).isEmpty();
  }

  @Test
  void usersWhoMayWriteAreNamed() {
    Acl acl =
        new Acl(
            AclTrust.ADMINISTRATORS,
            "BUILTIN\\Administrators",
            List.of(ADMINS_FULL, new Acl.Ace("S-1-5-32-545", "BUILTIN\\Users", 0x1200A9 | 0x2)),
            false);
    assertThat(AclTrust.problem(acl, sid -> false))
        .hasValueSatisfying(p -> assertThat(p).contains("BUILTIN\\Users").contains("S-1-5-32-545"));
  }

  @Test
  void everyoneWithGenericWriteIsRefused() {
    Acl acl =
        new Acl(
            AclTrust.SYSTEM,
            "SYSTEM",
            List.of(new Acl.Ace("S-1-1-0", "Everyone", 0x40000000)),
            false);
    assertThat(AclTrust.problem(acl, sid -> false))
        .hasValueSatisfying(p -> assertThat(p).contains("Everyone"));
  }

  @Test
  void anOwnerWhoIsNotAnAdministratorIsRefused() {
    Acl acl = new Acl("S-1-5-21-1-2-3-1001", "WIN\\alice", List.of(ADMINS_FULL), false);
    assertThat(AclTrust.problem(acl, sid -> false))
        .hasValueSatisfying(p -> assertThat(p).contains("owned by WIN\\alice"));
  }

  @Test
  void aNullDaclIsRefused() {
    Acl acl = new Acl(AclTrust.ADMINISTRATORS, "Administrators", List.of(), true);
    assertThat(AclTrust.problem(acl, sid -> false))
        .hasValueSatisfying(p -> assertThat(p).contains("everyone"));
  }

  @Test
  void anUnreadableAclIsAProblem() {
    AclTrust trust =
        new AclTrust(
            path -> {
              throw new IOException("Access is denied (Win32 error 5)");
            },
            sid -> false);
    assertThat(trust.problem(Path.of("agent.yaml")))
        .hasValueSatisfying(p -> assertThat(p).contains("Win32 error 5"));
  }

  @Test
  void anAdministratorOwnerMayWriteButNobodyElse() {
    String alice = "S-1-5-21-1-2-3-1001";
    Acl acl =
        new Acl(
            alice,
            "WIN\\alice",
            List.of(ADMINS_FULL, new Acl.Ace(alice, "WIN\\alice", 0x1F01FF)),
            false);
    assertThat(AclTrust.problem(acl, alice::equals)).isEmpty();
    assertThat(AclTrust.problem(acl, sid -> false))
        .hasValueSatisfying(p -> assertThat(p).contains("not an administrator"));
    Acl shared =
        new Acl(
            alice,
            "WIN\\alice",
            List.of(new Acl.Ace("S-1-5-21-1-2-3-1002", "WIN\\bob", 0x2)),
            false);
    assertThat(AclTrust.problem(shared, alice::equals))
        .hasValueSatisfying(p -> assertThat(p).contains("WIN\\bob"));
  }
}
