package org.centurion.seatmanager.config;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamedEndpointsTest {
  @Test
  void parsesLabelledUrlsInOrder() {
    List<NamedEndpoint> eps = NamedEndpoints.parse(" a=http://127.0.0.1:8545 , infura-1=https://mainnet.example.io/v3/SECRETKEY ");
    assertThat(eps).extracting(NamedEndpoint::label).containsExactly("a", "infura-1");
    assertThat(eps.get(1).url()).isEqualTo(URI.create("https://mainnet.example.io/v3/SECRETKEY"));
    assertThat(eps.get(1).toString()).isEqualTo("infura-1=https://mainnet.example.io/…").doesNotContain("SECRETKEY");
    assertThat(eps.get(0).toString()).isEqualTo("a=http://127.0.0.1:8545");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "a", "=http://x", "a=ftp://h", "a=not a url", "a=http://h,a=http://g", "A=http://h",
      "a=http://h,b=http://h", "a=http://h,", "a=/relative/path"})
  void rejectsMalformedSpecsWithAStableCode(String spec) {
    assertThatThrownBy(() -> NamedEndpoints.parse(spec))
        .isInstanceOfSatisfying(InvalidEndpointsException.class, e -> assertThat(e.code()).isEqualTo("INVALID_ENDPOINTS"))
        .hasMessageStartingWith("INVALID_ENDPOINTS: ");
  }

  @Test
  void errorsNeverEchoAUrlThatMayHoldAProviderKey() {
    assertThatThrownBy(() -> NamedEndpoints.parse("a=https://h/KEY123,b=https://h/KEY123"))
        .message().contains("'b'").doesNotContain("KEY123");
    assertThatThrownBy(() -> NamedEndpoints.parse("a=https://h/KEY 123"))
        .message().doesNotContain("KEY");
  }
}
