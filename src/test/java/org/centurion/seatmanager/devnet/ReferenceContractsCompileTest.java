package org.centurion.seatmanager.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed ABI and bytecode must be exactly what the committed sources compile to. */
class ReferenceContractsCompileTest {

  @Test
  void committedArtifactsMatchAFreshCompile(@TempDir Path out) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    Process node = new ProcessBuilder("node", root.resolve("contracts/compile.mjs").toString(), out.toString())
        .redirectErrorStream(true)
        .start();
    String log = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(log).isZero();
    for (String name : ReferenceContracts.NAMES) {
      String fresh = Files.readString(out.resolve(name + ".json"));
      String committed = Files.readString(root.resolve("src/main/resources/contracts/" + name + ".json"));
      assertThat(fresh.equals(committed))
          .as(name + ".json differs from a fresh compile: run node contracts/compile.mjs and commit").isTrue();
    }
  }

  @Test
  void predeployCodeIsThe504ByteCanonicalRuntime() {
    String code = ReferenceContracts.load().eip7002RuntimeCode();
    assertThat(code).startsWith("0x3373fffffffffffffffffffffffffffffffffffffffe");
    assertThat((code.length() - 2) / 2).isEqualTo(504);
  }
}
