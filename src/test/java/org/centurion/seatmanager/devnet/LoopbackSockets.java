package org.centurion.seatmanager.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which local addresses listen on a TCP port, read from /proc/net/tcp{,6} (Linux). */
final class LoopbackSockets {
  private LoopbackSockets() {}

  static List<String> listenersOn(int port) throws IOException {
    List<String> out = new ArrayList<>();
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(file);
      if (!Files.exists(p)) {
        continue;
      }
      // read once: the table changes between two reads on a busy machine
      List<String> lines = Files.readAllLines(p);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        String[] local = f[1].split(":");
        boolean listening = f[3].equals("0A");
        if (listening && Integer.parseInt(local[1], 16) == port) {
          out.add(decode(local[0]));
        }
      }
    }
    return out;
  }

  private static String decode(String hex) {
    if (hex.length() == 8) {
      long v = Long.parseLong(hex, 16);
      return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }
    if (hex.equals("0000000000000000FFFF00000100007F")) {
      return "127.0.0.1";
    }
    return hex.equals("00000000000000000000000001000000") ? "::1" : "ipv6:" + hex;
  }
}
