package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
  @TempDir Path dir;

  private Path file(String name, String content, String mode) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    return p;
  }

  @Test
  void mode600IsReadWithoutItsTrailingNewline() throws Exception {
    assertThat(SecretFile.read(file("a", "s3cret\n", "rw-------"), "X")).isEqualTo("s3cret");
    assertThat(SecretFile.read(file("b", "s3cret\r\n", "rw-------"), "X")).isEqualTo("s3cret");
    assertThat(SecretFile.read(file("c", " keep spaces \n\n", "rw-------"), "X")).isEqualTo(" keep spaces \n");
  }

  @Test
  void anyOtherModeIsRefused() throws Exception {
    for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "r--------", "rwx------", "-w-------"}) {
      Path p = file("m" + mode.hashCode(), "s3cret", mode);
      assertThatThrownBy(() -> SecretFile.read(p, "SEAT_MANAGER_MNEMONIC_FILE"))
          .as(mode)
          .isInstanceOfSatisfying(ManagedKeyException.class, e -> assertThat(e.code()).isEqualTo(ManagedKeyException.Code.SECRET_FILE_MODE))
          .hasMessageContaining("SEAT_MANAGER_MNEMONIC_FILE")
          .hasMessageContaining("chmod 600")
          .message().doesNotContain("s3cret");
    }
  }

  @Test
  void linksDirectoriesMissingEmptyAndHugeFilesAreRefused() throws Exception {
    Path target = file("target", "s3cret", "rw-------");
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    expect(link, ManagedKeyException.Code.SECRET_FILE_NOT_REGULAR);
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rw-------"));
    expect(sub, ManagedKeyException.Code.SECRET_FILE_NOT_REGULAR);
    expect(dir.resolve("absent"), ManagedKeyException.Code.SECRET_FILE_MISSING);
    expect(file("empty", "\n", "rw-------"), ManagedKeyException.Code.SECRET_FILE_EMPTY);
    expect(file("huge", "x".repeat(5000), "rw-------"), ManagedKeyException.Code.SECRET_FILE_TOO_LARGE);
    Path latin1 = dir.resolve("latin1");
    Files.write(latin1, new byte[] {(byte) 0xe9, 0x41});
    Files.setPosixFilePermissions(latin1, PosixFilePermissions.fromString("rw-------"));
    expect(latin1, ManagedKeyException.Code.SECRET_FILE_UNREADABLE);
  }

  private static void expect(Path p, ManagedKeyException.Code code) {
    assertThatThrownBy(() -> SecretFile.read(p, "X"))
        .isInstanceOfSatisfying(ManagedKeyException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
