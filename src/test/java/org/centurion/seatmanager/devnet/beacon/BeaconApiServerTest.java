package org.centurion.seatmanager.devnet.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.DevnetOps;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.devnet.DevnetValidatorKey.DepositData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The beacon API's paths, JSON shapes and error answers, and the EIP-7002 rules it applies. */
class BeaconApiServerTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static Devnet devnet;
  static final List<DevnetValidatorKey> keys = new ArrayList<>();
  static String url;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetConfig.forTests().withPorts(0, List.of(0)));
    url = devnet.beaconUrls().get(0);
    for (int i = 0; i < 2; i++) {
      DevnetValidatorKey key = DevnetValidatorKey.random();
      String vault = devnet.ops().deployVault(key.pubkey(), DevnetAccounts.account(3).getAddress());
      DepositData d = key.depositData(DevnetOps.withdrawalCredentials(vault), DevnetValidatorKey.PHASE1_AMOUNT_GWEI,
          devnet.genesisForkVersion());
      devnet.ops().allow(d, devnet.depositor().getAddress());
      devnet.ops().deposit(devnet.depositor(), d);
      keys.add(key);
    }
    devnet.advanceEpochs(4);
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  record Reply(int status, JsonNode body) {}

  static Reply get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), JSON.readTree(r.body()));
  }

  static Reply post(String path, String body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), JSON.readTree(r.body()));
  }

  static String hex(byte[] b) {
    return Numeric.toHexString(b);
  }

  @Test
  void genesisSpecAndSyncingUseStringNumbers() throws Exception {
    JsonNode g = get("/eth/v1/beacon/genesis").body().get("data");
    assertThat(g.get("genesis_fork_version").asString()).isEqualTo("0x1000011e");
    assertThat(g.get("genesis_time").isString()).isTrue();
    assertThat(g.get("genesis_validators_root").asString()).hasSize(66);
    JsonNode spec = get("/eth/v1/config/spec").body().get("data");
    assertThat(spec.get("SECONDS_PER_SLOT").asString()).isEqualTo("1");
    assertThat(spec.get("SLOTS_PER_EPOCH").asString()).isEqualTo("4");
    assertThat(spec.get("SHARD_COMMITTEE_PERIOD").asString()).isEqualTo("8");
    assertThat(spec.get("DEPOSIT_CONTRACT_ADDRESS").asString()).isEqualTo(devnet.addresses().depositContract());
    assertThat(spec.get("DEPOSIT_CHAIN_ID").asString()).isEqualTo("286");
    JsonNode sync = get("/eth/v1/node/syncing").body().get("data");
    assertThat(sync.get("head_slot").asString()).isEqualTo(Long.toString(devnet.beacon().headSlot()));
    assertThat(sync.get("is_syncing").asBoolean()).isFalse();
  }

  @Test
  void validatorsByIdListByPostAndOneByIndexOrPubkey() throws Exception {
    String pk0 = hex(keys.get(0).pubkey());
    String pk1 = hex(keys.get(1).pubkey());
    JsonNode one = get("/eth/v1/beacon/states/head/validators/" + pk0).body();
    assertThat(one.get("data").get("status").asString()).isEqualTo("active_ongoing");
    assertThat(one.get("data").get("balance").asString()).isEqualTo("32000000000");
    assertThat(one.get("data").get("validator").get("pubkey").asString()).isEqualTo(pk0);
    assertThat(one.get("data").get("validator").get("exit_epoch").asString()).isEqualTo("18446744073709551615");
    assertThat(one.get("execution_optimistic").asBoolean()).isFalse();
    String index = one.get("data").get("index").asString();
    assertThat(get("/eth/v1/beacon/states/head/validators/" + index).body().get("data").get("validator")
        .get("pubkey").asString()).isEqualTo(pk0);

    JsonNode list = get("/eth/v1/beacon/states/head/validators?id=" + pk0 + "," + pk1 + ",99").body().get("data");
    assertThat(list).hasSize(2);
    JsonNode posted = post("/eth/v1/beacon/states/head/validators",
        "{\"ids\":[\"" + pk1 + "\"],\"statuses\":[\"active\"]}").body().get("data");
    assertThat(posted).hasSize(1);
    assertThat(posted.get(0).get("validator").get("pubkey").asString()).isEqualTo(pk1);
    assertThat(post("/eth/v1/beacon/states/head/validators", "{\"ids\":[\"" + pk1 + "\"],\"statuses\":[\"exited\"]}")
        .body().get("data")).isEmpty();

    assertThat(get("/eth/v1/beacon/states/genesis/validators/" + pk0).status()).isEqualTo(404);
    assertThat(get("/eth/v1/beacon/states/finalized/validators/" + pk0).status()).isEqualTo(200);
    assertThat(get("/eth/v1/beacon/states/head/validators/" + hex(DevnetValidatorKey.random().pubkey())).status())
        .isEqualTo(404);
  }

  @Test
  void headersAndFinalityCheckpoints() throws Exception {
    JsonNode h = get("/eth/v1/beacon/headers/head").body().get("data");
    assertThat(h.get("header").get("message").get("slot").asString()).isEqualTo(Long.toString(devnet.beacon().headSlot()));
    assertThat(h.get("root").asString()).hasSize(66);
    assertThat(get("/eth/v1/beacon/headers/1").body().get("data").get("root").asString())
        .isEqualTo(get("/eth/v1/beacon/headers/2").body().get("data").get("header").get("message").get("parent_root").asString());
    assertThat(get("/eth/v1/beacon/headers/999999").status()).isEqualTo(404);
    JsonNode f = get("/eth/v1/beacon/states/head/finality_checkpoints").body().get("data");
    assertThat(f.get("finalized").get("epoch").asLong()).isEqualTo(devnet.beacon().currentEpoch() - 2);
  }

  @Test
  void badInputGetsA400WithCodeAndMessage() throws Exception {
    for (String path : List.of("/eth/v1/beacon/states/nonsense/validators", "/eth/v1/beacon/states/head/validators/0xabc",
        "/eth/v1/beacon/states/head/validators/-1", "/eth/v1/beacon/states/head/validators?status=bogus",
        "/eth/v1/beacon/headers/tip")) {
      Reply r = get(path);
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.body().get("code").asInt()).isEqualTo(400);
      assertThat(r.body().get("message").asString()).isNotBlank();
    }
    assertThat(post("/eth/v1/beacon/states/head/validators", "{not json").status()).isEqualTo(400);
    assertThat(post("/eth/v1/beacon/states/head/validators", "{\"ids\":[1]}").status()).isEqualTo(400);
    assertThat(post("/eth/v1/beacon/states/head/validators", "[]").status()).isEqualTo(400);
    assertThat(get("/eth/v1/nothing/here").status()).isEqualTo(404);
    assertThat(get("/eth/v1/beacon/states/999999/validators").status()).isEqualTo(404);
  }

  @Test
  void exitRequestsNotFromTheCredentialAddressAreIgnored() {
    Credentials eoa = DevnetAccounts.account(8);
    byte[] pubkey = keys.get(1).pubkey();
    long before = devnet.beacon().ignoredExitRequests().size();
    // straight to the predeploy from an EOA: the source is not the vault
    devnet.transactor().send(eoa, devnet.addresses().exitRequestPredeploy(), BigInteger.ONE,
        Numeric.toHexString(concat(pubkey, new byte[8])));
    byte[] partial = new byte[8];
    partial[7] = 1;
    devnet.transactor().send(eoa, devnet.addresses().exitRequestPredeploy(), BigInteger.ONE,
        Numeric.toHexString(concat(pubkey, partial)));
    devnet.transactor().send(eoa, devnet.addresses().exitRequestPredeploy(), BigInteger.ONE,
        Numeric.toHexString(concat(DevnetValidatorKey.random().pubkey(), new byte[8])));
    devnet.advanceEpochs(1);
    List<String> reasons = devnet.beacon().ignoredExitRequests().stream().skip(before)
        .map(BeaconChainSimulator.IgnoredExitRequest::reason).toList();
    assertThat(reasons).containsExactly("source address is not the credential address",
        "partial withdrawal needs 0x02 credentials", "unknown pubkey");
    assertThat(devnet.beacon().head().validators().get(1).status()).isEqualTo("active_ongoing");
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
