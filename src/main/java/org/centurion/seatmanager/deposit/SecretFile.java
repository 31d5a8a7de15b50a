package org.centurion.seatmanager.deposit;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a secret from a file that only its owner can read and write (mode 600), such as
 * {@code SEAT_MANAGER_MNEMONIC_FILE} or {@code SEAT_MANAGER_KEYSTORE_PASSWORD_FILE}. Anything else is
 * refused before a byte is read: a symlink, a directory, a file that group or others may read.
 */
public final class SecretFile {
  static final Set<PosixFilePermission> MODE_600 =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final int MAX_BYTES = 4096;

  private SecretFile() {}

  /**
   * The file's text (UTF-8) without one trailing line break.
   *
   * @param setting the configuration variable that named the file, for the error message
   */
  public static String read(Path path, String setting) throws ManagedKeyException {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new ManagedKeyException(ManagedKeyException.Code.SECRET_FILE_MISSING, setting + " names a file that does not exist");
    } catch (IOException | UnsupportedOperationException e) {
      throw new ManagedKeyException(ManagedKeyException.Code.SECRET_FILE_UNREADABLE, setting + ": cannot read the file's attributes");
    }
    if (!attributes.isRegularFile()) {
      throw new ManagedKeyException(
          ManagedKeyException.Code.SECRET_FILE_NOT_REGULAR, setting + " must name a regular file, not a link or directory");
    }
    if (!attributes.permissions().equals(MODE_600)) {
      throw new ManagedKeyException(
          ManagedKeyException.Code.SECRET_FILE_MODE,
          setting + " must have mode 600 (owner read and write only); run chmod 600 on it");
    }
    if (attributes.size() > MAX_BYTES) {
      throw new ManagedKeyException(ManagedKeyException.Code.SECRET_FILE_TOO_LARGE, setting + " is larger than 4096 bytes");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ManagedKeyException(ManagedKeyException.Code.SECRET_FILE_UNREADABLE, setting + ": cannot read the file");
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
      if (text.endsWith("\r\n")) {
        text = text.substring(0, text.length() - 2);
      } else if (text.endsWith("\n")) {
        text = text.substring(0, text.length() - 1);
      }
      if (text.isEmpty()) {
        throw new ManagedKeyException(ManagedKeyException.Code.SECRET_FILE_EMPTY, setting + " names an empty file");
      }
      return text;
    } catch (CharacterCodingException e) {
      throw new ManagedKeyException(ManagedKeyException.Code.SECRET_FILE_UNREADABLE, setting + " is not UTF-8 text");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
