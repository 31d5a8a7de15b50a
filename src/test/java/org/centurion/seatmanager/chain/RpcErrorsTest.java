package org.centurion.seatmanager.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.auth.TestClock;
import org.centurion.seatmanager.config.EndpointBackoff;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.Response;

/**
 * The node clients' and providers' wordings, as their documentation and issue trackers show them
 * (none of the hosted providers was called from here), sorted into revert, log-query-too-large and
 * transient; and the bounded, per-endpoint backoff.
 */
class RpcErrorsTest {
  private static Response.Error e(int code, String message) {
    return new Response.Error(code, message);
  }

  @Test
  void rangeAndResultSizeRefusalsOfTheCommonClientsAndProvidersAreRecognised() {
    List<Response.Error> tooLarge = List.of(
        e(-32000, "exceed maximum block range: 5000"), // geth-based (BSC)
        e(-32602, "query block range exceeds server limit, narrow your filter: 1000"), // Erigon
        e(-32602, "query returns too many logs, narrow your filter: 20000"), // Erigon
        e(-32602, "query exceeds max block range 100000"), // Reth
        e(-32602, "query exceeds max results 20000, retry with the range 24383075-24383096"), // Reth
        e(-32005, "Requested range exceeds maximum RPC range limit"), // Besu
        e(-32005, "query returned more than 10000 results. Try with this block range [0xBDE5F8, 0x102DBCC]."), // Infura
        e(-32602, "range 1000000 exceeds limit of 10000"), // Infura
        e(-32602, "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range"), // Alchemy
        e(-32600, "You can make eth_getLogs requests with up to a 500 block range."), // Alchemy free tier
        e(-32614, "eth_getLogs is limited to a 10,000 range"), // QuickNode
        e(-32000, "block range is too wide (maximum 10)"), // Ankr / Frontier
        e(-32000, "block range too large, max range: 1000"));
    assertThat(tooLarge).allSatisfy(err -> {
      assertThat(RpcErrors.isLogQueryTooLarge(err)).as(err.getMessage()).isTrue();
      assertThat(RpcErrors.isExecutionRevert(err)).as(err.getMessage()).isFalse();
    });
  }

  @Test
  void onlyExecutionRevertsAreReverts() {
    assertThat(RpcErrors.isExecutionRevert(e(3, "execution reverted: no"))).isTrue();
    assertThat(RpcErrors.isExecutionRevert(e(-32000, "execution reverted"))).isTrue();
    // Nethermind (its issue tracker): -32015 "VM execution error." with data "Reverted 0x…"; -32000 "execution reverted"
    assertThat(RpcErrors.isExecutionRevert(e(-32015, "VM execution error."))).isTrue();
    assertThat(RpcErrors.isExecutionRevert(e(-32000, "execution reverted: revert"))).isTrue();
    for (Response.Error transientError : List.of(e(-32000, "header not found"), e(-32000, "missing trie node"),
        e(429, "Your app has exceeded its compute units per second capacity"), e(-32005, "project ID request rate exceeded"),
        e(-32007, "request limit reached"), e(-32012, "credits limited to 6000/sec"), e(-32603, "internal error"),
        e(-32602, "block range extends beyond current head block"))) {
      assertThat(RpcErrors.isExecutionRevert(transientError)).as(transientError.getMessage()).isFalse();
      assertThat(RpcErrors.isLogQueryTooLarge(transientError)).as(transientError.getMessage()).isFalse();
    }
    assertThat(RpcErrors.isRateLimit(e(-32005, "project ID request rate exceeded"))).isTrue();
    assertThat(RpcErrors.isRateLimit(e(-32000, "header not found"))).isFalse();
  }

  @Test
  void retryAfterIsHonouredButBoundedAndSharedByEveryRequestToTheEndpoint() {
    TestClock clock = new TestClock(Instant.parse("2026-12-04T12:00:00Z"));
    EndpointBackoff b = new EndpointBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), clock);
    assertThat(b.waitNow()).isZero();
    b.retryAfter(Duration.ofSeconds(5));
    assertThat(b.waitNow()).isEqualTo(Duration.ofSeconds(5));
    b.retryAfter(Duration.ofHours(1));
    assertThat(b.waitNow()).isEqualTo(EndpointBackoff.MAX_RETRY_AFTER);
    clock.advance(EndpointBackoff.MAX_RETRY_AFTER);
    assertThat(b.waitNow()).isZero();
    b.failed();
    b.failed();
    assertThat(b.waitNow()).isEqualTo(Duration.ofMillis(200));
    b.succeeded();
    clock.advance(Duration.ofSeconds(1));
    b.failed();
    assertThat(b.waitNow()).isEqualTo(Duration.ofMillis(100));

    Instant now = Instant.parse("2026-12-04T12:00:00Z");
    assertThat(EndpointBackoff.parseRetryAfter("7", now)).contains(Duration.ofSeconds(7));
    assertThat(EndpointBackoff.parseRetryAfter("Fri, 04 Dec 2026 12:00:09 GMT", now)).contains(Duration.ofSeconds(9));
    assertThat(EndpointBackoff.parseRetryAfter("soon", now)).isEqualTo(Optional.empty());
    assertThat(Clock.fixed(now, ZoneOffset.UTC).instant()).isEqualTo(now);
  }
}
