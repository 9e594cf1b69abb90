package io.sockwarden.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixFileTrustTest {
  @TempDir Path dir;
  final PosixFileTrust trust = new PosixFileTrust(LinuxConventions.currentUid());

  @Test
  void acceptsOwnFilesWritableOnlyByTheOwner() throws Exception {
    Path f = Files.writeString(dir.resolve("a.drl"), "");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(trust.problem(f)).isEmpty();
  }

  @Test
  void refusesGroupOrWorldWritable() throws Exception {
    Path f = Files.writeString(dir.resolve("a.drl"), "");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
    assertThat(trust.problem(f)).hasValueSatisfying(p -> assertThat(p).contains("chmod go-w"));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--rw-"));
    assertThat(trust.problem(f)).isPresent();
  }

  @Test
  void refusesASymbolicLinkAsTheStateDirectory() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("state"), real);
    assertThat(trust.stateDirectoryProblem(link))
        .hasValueSatisfying(p -> assertThat(p).contains("symbolic link"));
    assertThat(trust.stateDirectoryProblem(real)).isEmpty();
  }

  @Test
  void refusesAFileOwnedByAnotherUser() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "changing owners needs root");
    Path f = Files.writeString(dir.resolve("a.drl"), "");
    UserPrincipal nobody =
        f.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(f, nobody);
    assertThat(trust.problem(f))
        .hasValueSatisfying(
            p -> assertThat(p).contains("owned by uid").contains("must be owned by root"));
  }
}
