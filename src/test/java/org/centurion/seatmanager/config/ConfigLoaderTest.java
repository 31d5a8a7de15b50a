package org.centurion.seatmanager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
  private final String session = TestSecrets.hex32();
  private final String stepUp = TestSecrets.hex32();
  private final String mfaKey = TestSecrets.hex32();
  private final String auditKey = TestSecrets.hex32();

  private Map<String, String> valid() {
    Map<String, String> m = new HashMap<>();
    m.put("SESSION_HMAC_SECRET", session);
    m.put("STEP_UP_HMAC_SECRET", stepUp);
    m.put("SEAT_MANAGER_STAKER_KEY_HMAC_SECRET", TestSecrets.hex32());
    m.put("SEAT_MANAGER_MFA_KEY", mfaKey);
    m.put("DATABASE_URL", "postgres://sm:pw@127.0.0.1:5432/seats");
    m.put("SEAT_MANAGER_AUDIT_CHAIN_KEY", auditKey);
    return m;
  }

  /** What writes need besides a signer: endpoints and the server-controlled addresses. */
  private static void chainSettings(Map<String, String> m) {
    m.put("SEAT_MANAGER_EL_RPC_URLS", "a=http://127.0.0.1:8545,b=http://127.0.0.2:8545");
    m.put("SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", "0x" + "1".repeat(40));
    m.put("SEAT_MANAGER_VAULT_FACTORY_ADDRESS", "0x" + "2".repeat(40));
    m.put("SEAT_MANAGER_ROUTER_ADDRESS", "0x" + "3".repeat(40));
    m.put("SEAT_MANAGER_PRINCIPAL_DESTINATION", "0x" + "4".repeat(40));
  }

  private static Config load(Map<String, String> env, String host) {
    return ConfigLoader.load(new Environment(env), host, 8080);
  }

  private static ConfigException refused(Map<String, String> env, String host) {
    try {
      load(env, host);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("configuration was accepted");
  }

  @Test
  void validMinimalConfigHasRunbookDefaults() {
    Config c = load(valid(), "127.0.0.1");
    assertThat(c.isProduction()).isTrue();
    assertThat(c.writes().enabled()).isFalse();
    assertThat(c.security().secureCookies()).isTrue();
    assertThat(c.security().requireStakerAuth()).isTrue();
    assertThat(c.deposits().verifySignature()).isTrue();
    assertThat(c.security().staticAdminTokenSunset()).isEmpty();
    assertThat(c.toString()).doesNotContain(session).doesNotContain(stepUp).doesNotContain("pw");
  }

  @Test
  void theLogRangeMaximumDefaultsTo2000AndRefusesNonsense() {
    assertThat(load(valid(), "127.0.0.1").deposits().maxLogRangeBlocks()).isEqualTo(2_000);
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_MAX_LOG_RANGE_BLOCKS", "1000");
    assertThat(load(env, "127.0.0.1").deposits().maxLogRangeBlocks()).isEqualTo(1_000);
    for (String bad : new String[] {"0", "-5", "ten", "2000000"}) {
      env.put("SEAT_MANAGER_MAX_LOG_RANGE_BLOCKS", bad);
      assertThat(refused(env, "127.0.0.1").getMessage()).as(bad).contains("SEAT_MANAGER_MAX_LOG_RANGE_BLOCKS");
    }
  }

  @Test
  void alertThresholdsDefaultToTheWatchersFormerConstantsAndAreReadFromTheEnvironment() {
    Config.Alerting d = load(valid(), "127.0.0.1").alerting();
    assertThat(d).isEqualTo(Config.Alerting.defaults());
    assertThat(d.treasuryLowWaterWei()).isEqualTo(new java.math.BigInteger("64000000000000000000"));
    assertThat(d.watcherStalledAfter()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(d.operationStuckAfter()).isEqualTo(java.time.Duration.ofMinutes(15));
    assertThat(d.exitIgnoredEpochs()).isEqualTo(4);
    assertThat(d.depositLagBlocks()).isEqualTo(2_000);
    assertThat(d.staticTokenSunsetWarning()).isEqualTo(java.time.Duration.ofDays(14));

    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_TREASURY_LOW_WATER_CTN", "100");
    env.put("SEAT_MANAGER_WATCHER_STALL_SECONDS", "120");
    env.put("SEAT_MANAGER_OPERATION_STUCK_MINUTES", "30");
    env.put("SEAT_MANAGER_EXIT_IGNORED_EPOCHS", "8");
    env.put("SEAT_MANAGER_DEPOSIT_LAG_BLOCKS", "500");
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET_WARNING_DAYS", "7");
    env.put("SEAT_MANAGER_VAULT_SWEEP_STALL_HOURS", "12");
    env.put("SEAT_MANAGER_VAULT_CLAIM_GRACE_HOURS", "6");
    env.put("SEAT_MANAGER_SETTLEMENT_GRACE_MINUTES", "10");
    Config.Alerting a = load(env, "127.0.0.1").alerting();
    assertThat(a).isEqualTo(new Config.Alerting(new java.math.BigInteger("100000000000000000000"),
        java.time.Duration.ofSeconds(120), java.time.Duration.ofMinutes(30), 8, 500, java.time.Duration.ofDays(7),
        java.time.Duration.ofHours(12), java.time.Duration.ofHours(6), java.time.Duration.ofMinutes(10)));
  }

  @Test
  void badAlertThresholdsAreEachOneProblemLine() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_TREASURY_LOW_WATER_CTN", "-1");
    env.put("SEAT_MANAGER_WATCHER_STALL_SECONDS", "10");
    env.put("SEAT_MANAGER_EXIT_IGNORED_EPOCHS", "four");
    env.put("SEAT_MANAGER_VAULT_SWEEP_STALL_HOURS", "0");
    ConfigException e = refused(env, "127.0.0.1");
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "SEAT_MANAGER_TREASURY_LOW_WATER_CTN must be a positive whole number",
        "SEAT_MANAGER_WATCHER_STALL_SECONDS must be at least 30 (watchers poll every 12-60 s; less would flap)",
        "SEAT_MANAGER_EXIT_IGNORED_EPOCHS must be a positive whole number",
        "SEAT_MANAGER_VAULT_SWEEP_STALL_HOURS must be a positive whole number");
  }

  @Test
  void webhooksAreNamedFormatsAndUrlsWithTheirSecretAndNeverPrintedWhole() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_WEBHOOKS", "ops=generic:http://127.0.0.1:9000/hook, chat=slack:https://hooks.example/T0/B0/secretpath");
    String secret = org.centurion.seatmanager.testing.TestSecrets.hex32();
    env.put("SEAT_MANAGER_WEBHOOK_SECRET", secret);
    env.put("SEAT_MANAGER_WEBHOOK_MIN_SEVERITY", "critical");
    Config.Notifications n = load(env, "127.0.0.1").notifications();
    assertThat(n.webhooks()).extracting(Config.Webhook::name, Config.Webhook::format)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ops", "generic"), org.assertj.core.groups.Tuple.tuple("chat", "slack"));
    assertThat(n.minSeverity()).isEqualTo("CRITICAL");
    assertThat(n.toString()).doesNotContain("secretpath").doesNotContain(secret);

    env.remove("SEAT_MANAGER_WEBHOOK_SECRET");
    env.put("SEAT_MANAGER_WEBHOOKS", "ops=generic:http://127.0.0.1:9000/hook,ops=slack:https://x.example/h,bad,x=sms:https://x.example");
    env.put("SEAT_MANAGER_WEBHOOK_MIN_SEVERITY", "loud");
    assertThat(refused(env, "127.0.0.1").problems()).contains(
        "SEAT_MANAGER_WEBHOOKS: each name is unique, lower-case letters, digits and '-', at most 32",
        "SEAT_MANAGER_WEBHOOKS entries are name=format:url (format generic, slack or alertmanager)",
        "SEAT_MANAGER_WEBHOOKS: webhook x's format must be generic, slack or alertmanager",
        "SEAT_MANAGER_WEBHOOK_MIN_SEVERITY must be INFO, WARNING or CRITICAL")
        .anyMatch(p -> p.startsWith("SEAT_MANAGER_WEBHOOK_SECRET is required"));
  }

  @Test
  void everyMissingRequiredVariableIsReportedAtOnce() {
    ConfigException e = refused(Map.of(), "127.0.0.1");
    // production (the default) also requires the staker keys' and the TOTP sealing keys of their own (issue 13)
    assertThat(e.problems()).hasSize(6);
    assertThat(e.getMessage()).contains("SESSION_HMAC_SECRET", "STEP_UP_HMAC_SECRET", "DATABASE_URL",
        "SEAT_MANAGER_STAKER_KEY_HMAC_SECRET", "SEAT_MANAGER_MFA_KEY", "SEAT_MANAGER_AUDIT_CHAIN_KEY", "seat-manager secrets generate");
  }

  @Test
  void theAuditChainKeyIsRequiredInProductionOptionalInDevelopmentAndReadFromAFile() throws Exception {
    Map<String, String> env = valid();
    env.remove("SEAT_MANAGER_AUDIT_CHAIN_KEY");
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("SEAT_MANAGER_AUDIT_CHAIN_KEY is required in production");
    env.put("SEAT_MANAGER_ENV", "development");
    assertThat(load(env, "127.0.0.1").audit().chainKey()).isEmpty();
    env.put("SEAT_MANAGER_AUDIT_CHAIN_KEY", "00".repeat(32));
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("SEAT_MANAGER_AUDIT_CHAIN_KEY");
    env.remove("SEAT_MANAGER_AUDIT_CHAIN_KEY");
    java.nio.file.Path file = java.nio.file.Files.createTempFile("chain", ".key");
    try {
      java.nio.file.Files.writeString(file, auditKey + "\n");
      env.put("SEAT_MANAGER_AUDIT_CHAIN_KEY_FILE", file.toString());
      env.put("SEAT_MANAGER_AUDIT_ANCHOR_FILE", "/var/lib/seat-manager/audit.anchors");
      Config c = load(env, "127.0.0.1");
      assertThat(c.audit().chainKey()).contains(Secret.ofHex(auditKey));
      assertThat(c.audit().anchorFile()).contains(java.nio.file.Path.of("/var/lib/seat-manager/audit.anchors"));
      assertThat(c.audit().toString()).doesNotContain(auditKey);
      env.put("SEAT_MANAGER_AUDIT_CHAIN_KEY", auditKey);
      assertThat(refused(env, "127.0.0.1").getMessage()).contains("both set");
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "abc",
      "0000000000000000000000000000000000000000000000000000000000000000",
      "abababababababababababababababababababababababababababababababab",
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
      "zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
  void weakSecretsAreRefusedWithoutEchoingThem(String weak) {
    Map<String, String> env = valid();
    env.put("SESSION_HMAC_SECRET", weak);
    ConfigException e = refused(env, "127.0.0.1");
    assertThat(e.getMessage()).contains("SESSION_HMAC_SECRET").doesNotContain(weak);
  }

  @Test
  void equalSecretsAreRefused() {
    Map<String, String> env = valid();
    env.put("STEP_UP_HMAC_SECRET", session);
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("must differ");
  }

  @Test
  void publishedSecretsAreRecognisedByDigest() {
    // The published values are never in the repository; check the digest mechanism with a stand-in.
    String standIn = TestSecrets.hex32();
    assertThat(SecretRules.isPublished(standIn)).isFalse();
    assertThat(SecretRules.PUBLISHED_SECRET_DIGESTS)
        .containsExactlyInAnyOrder(
            "786dbebcb22ce72ea1feb8832d4edabc40246270ca44e11830a023d453e27058",
            "46ea722ce028b22fa179320177ceb50101a8ee481154bf291628aaf405abfa3d");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "postgres://u:pw9Zq@db.internal:5432/seats",
      "postgresql://u:pw9Zq@db.internal:5432/seats",
      "jdbc:postgresql://db.internal:5432/seats?user=u&password=pw9Zq"})
  void databaseUrlFormsAreAccepted(String url) {
    DatabaseUrl d = DatabaseUrl.parse(url);
    assertThat(d.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/seats");
    assertThat(d.user()).contains("u");
    assertThat(d.password()).contains("pw9Zq");
    assertThat(d.toString()).doesNotContain("pw9Zq");
  }

  @Test
  void badDatabaseUrlIsRefused() {
    Map<String, String> env = valid();
    env.put("DATABASE_URL", "mysql://x/y");
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("DATABASE_URL");
  }

  @Test
  void writesEnabledNeedsASigner() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    assertThat(refused(env, "127.0.0.1").getMessage())
        .contains("SEAT_MANAGER_KMS_KEY_ID", "SEAT_MANAGER_OWNER_PRIVATE_KEY");
  }

  @Test
  void rawKeyIsRefusedOnAPublicInterfaceButAllowedOnLoopback() {
    Map<String, String> env = valid();
    String key = TestSecrets.hex32();
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY", key);
    chainSettings(env);
    ConfigException e = refused(env, "0.0.0.0");
    assertThat(e.getMessage()).contains("SEAT_MANAGER_OWNER_PRIVATE_KEY", "loopback").doesNotContain(key);
    Config c = load(env, "127.0.0.1");
    assertThat(c.writes().signerMode()).isEqualTo(Config.SignerMode.LOCAL_KEY);
    assertThat(c.toString()).doesNotContain(key);
  }

  @Test
  void writesNeedEndpointsAndServerControlledAddresses() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_KMS_KEY_ID", "alias/treasury");
    ConfigException e = refused(env, "127.0.0.1");
    assertThat(e.getMessage()).contains("SEAT_MANAGER_EL_RPC_URLS", "SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS",
        "SEAT_MANAGER_VAULT_FACTORY_ADDRESS", "SEAT_MANAGER_ROUTER_ADDRESS", "SEAT_MANAGER_PRINCIPAL_DESTINATION");
    chainSettings(env);
    env.put("SEAT_MANAGER_EL_RPC_URLS", "a=http://127.0.0.1:8545");
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("SEAT_MANAGER_MIN_AGREEING_ENDPOINTS");
    env.put("SEAT_MANAGER_MIN_AGREEING_ENDPOINTS", "1");
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("at least 2 in production");
    env.put("SEAT_MANAGER_ENV", "development");
    assertThat(load(env, "127.0.0.1").chain().minAgreeingEndpoints()).isEqualTo(1);
  }

  @Test
  void remoteSignerOverTcpNeedsAStrongSharedSecret() {
    Map<String, String> env = valid();
    chainSettings(env);
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_SIGNER_PORT", "9555");
    assertThat(refused(env, "0.0.0.0").getMessage()).contains("SEAT_MANAGER_SIGNER_SECRET");
    env.put("SEAT_MANAGER_SIGNER_SECRET", TestSecrets.hex32());
    Config c = load(env, "0.0.0.0");
    assertThat(c.writes().signerMode()).isEqualTo(Config.SignerMode.REMOTE);
    assertThat(c.writes().ownerPrivateKey()).isEmpty();
  }

  @Test
  void twoSignersAreRefused() {
    Map<String, String> env = valid();
    chainSettings(env);
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_KMS_KEY_ID", "alias/treasury");
    env.put("SEAT_MANAGER_SIGNER_SOCKET", "/run/seat-manager/signer.sock");
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("more than one signer");
  }

  @Test
  void keyIsIgnoredWhileWritesAreDisabled() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY", TestSecrets.hex32());
    Config c = load(env, "0.0.0.0");
    assertThat(c.writes().ownerPrivateKey()).isEmpty();
    assertThat(c.warnings()).anyMatch(w -> w.contains("ignored"));
  }

  @Test
  void kmsIsAcceptedOnAnyInterface() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_KMS_KEY_ID", "alias/treasury");
    chainSettings(env);
    assertThat(load(env, "0.0.0.0").writes().signerMode()).isEqualTo(Config.SignerMode.KMS);
  }

  @Test
  void unparseableSunsetIsFatalAndParseableOnesAreRead() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET", "next tuesday");
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET");
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET", "2027-01-31");
    assertThat(load(env, "127.0.0.1").security().staticAdminTokenSunset()).isPresent();
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET", "2027-01-31T12:00:00+02:00");
    assertThat(load(env, "127.0.0.1").security().staticAdminTokenSunset().orElseThrow().toString())
        .isEqualTo("2027-01-31T10:00:00Z");
  }

  @Test
  void stakerAuthMayOnlyBeOpenedOnLoopback() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_REQUIRE_STAKER_AUTH", "false");
    assertThat(refused(env, "0.0.0.0").getMessage()).contains("SEAT_MANAGER_REQUIRE_STAKER_AUTH");
    assertThat(load(env, "127.0.0.1").security().requireStakerAuth()).isFalse();
  }

  @Test
  void developmentDefaultsToInsecureCookiesAndProductionToSecure() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_ENV", "development");
    assertThat(load(env, "127.0.0.1").security().secureCookies()).isFalse();
    env.put("SEAT_MANAGER_ENV", "staging");
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("SEAT_MANAGER_ENV");
  }

  @Test
  void weakStaticTokenIsRefusedAndLegacyNameIsReadWithAWarning() {
    Map<String, String> env = valid();
    env.put("ADMIN_TOKEN", "short");
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("ADMIN_TOKEN").doesNotContain("short");
    env.put("ADMIN_TOKEN", TestSecrets.hex32());
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString());
    Config c = load(env, "127.0.0.1");
    assertThat(c.security().staticAdminToken()).isPresent();
    assertThat(c.warnings()).anyMatch(w -> w.contains("deprecated"));
  }

  @Test
  void signatureVerificationOffIsAWarning() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE", "false");
    Config c = load(env, "127.0.0.1");
    assertThat(c.deposits().verifySignature()).isFalse();
    assertThat(c.warnings()).anyMatch(w -> w.contains("NOT verified"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"})
  void loopbackHosts(String h) {
    assertThat(ConfigLoader.isLoopback(h)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.5", "example.org", ""})
  void nonLoopbackHosts(String h) {
    assertThat(ConfigLoader.isLoopback(h)).isFalse();
  }

  @Test
  void environmentWinsOverEnvFile() throws Exception {
    java.nio.file.Path dir = org.centurion.seatmanager.testing.TestDirectories.create("envfile");
    java.nio.file.Path f = dir.resolve(".env");
    java.nio.file.Files.writeString(f, "A=file\nexport B='quoted'\n# comment\nC=x # trailing\n");
    java.nio.file.Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Environment e = Environment.load(Map.of("A", "env"), f);
    assertThat(e.get("A")).contains("env");
    assertThat(e.get("B")).contains("quoted");
    assertThat(e.get("C")).contains("x");
    java.nio.file.Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> Environment.load(Map.of(), f))
        .isInstanceOf(ConfigException.class).hasMessageContaining("chmod 600");
  }

  @Test
  void theMnemonicAndKeystorePasswordFilesBelongToTheKeyProcessNeverToApiOrWatch() {
    for (String moved : List.of("SEAT_MANAGER_MNEMONIC_FILE", "SEAT_MANAGER_KEYSTORE_PASSWORD_FILE")) {
      for (String writes : List.of("true", "false")) {
        Map<String, String> env = valid();
        chainSettings(env);
        env.put("SEAT_MANAGER_WRITES_ENABLED", writes);
        env.put("SEAT_MANAGER_KMS_KEY_ID", "alias/treasury");
        env.put("SEAT_MANAGER_SIGNER_ADDRESS", "0x" + "5".repeat(40));
        env.put(moved, "/etc/seat-manager-keys/secret");
        assertThat(refused(env, "127.0.0.1").getMessage()).as(moved + " writes=" + writes)
            .contains(moved + " is read only by the key process");
        assertThatThrownBy(() -> ConfigLoader.load(new Environment(env), "127.0.0.1", 8080, ConfigLoader.Process.API))
            .hasMessageContaining(moved + " is read only by the key process");
      }
    }
  }

  @Test
  void managedKeysNeedTheKeyProcessEndpointAndAForkVersion() {
    Map<String, String> env = valid();
    chainSettings(env);
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_KMS_KEY_ID", "alias/treasury");
    env.put("SEAT_MANAGER_KEYS_SOCKET", "/run/seat-manager-keys/keys.sock");
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("SEAT_MANAGER_GENESIS_FORK_VERSION is required with managed keys");
    env.put("SEAT_MANAGER_GENESIS_FORK_VERSION", "0x10000910");
    assertThat(load(env, "127.0.0.1").deposits().keyProcess().orElseThrow().socket())
        .contains(java.nio.file.Path.of("/run/seat-manager-keys/keys.sock"));
    env.remove("SEAT_MANAGER_KEYS_SOCKET");
    env.put("SEAT_MANAGER_KEYS_PORT", "7401");
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("SEAT_MANAGER_KEYS_SECRET must be a 64-hex-character");
    env.put("SEAT_MANAGER_KEYS_SECRET", org.centurion.seatmanager.testing.TestSecrets.hex32());
    assertThat(load(env, "127.0.0.1").deposits().keyProcess().orElseThrow().port()).contains(7401);
    // writes off: no managed keys, whatever is configured
    env.put("SEAT_MANAGER_WRITES_ENABLED", "false");
    assertThat(load(env, "127.0.0.1").deposits().keyProcess()).isEmpty();
  }

  @Test
  void apiConfigurationCarriesNoKeyNoKmsAndNoSignerSecretAndNeedsTheSignerAddress() {
    Map<String, String> env = valid();
    chainSettings(env);
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    // not even a key: if api parsed it, this would be refused as malformed
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY", "this-is-not-a-key");
    Environment e = new Environment(env);
    assertThatThrownBy(() -> ConfigLoader.load(e, "0.0.0.0", 8080, ConfigLoader.Process.API))
        .hasMessageContaining("SEAT_MANAGER_SIGNER_ADDRESS is required for api with writes enabled");
    env.put("SEAT_MANAGER_SIGNER_ADDRESS", "0x" + "AB".repeat(20));
    Config api = ConfigLoader.load(new Environment(env), "0.0.0.0", 8080, ConfigLoader.Process.API);
    assertThat(api.writes().enabled()).isTrue();
    assertThat(api.writes().ownerPrivateKey()).isEmpty();
    assertThat(api.writes().remoteSigner()).isEmpty();
    assertThat(api.writes().kmsKeyId()).isEmpty();
    assertThat(api.writes().signerAddress()).contains("0x" + "ab".repeat(20));
    assertThat(api.warnings()).anyMatch(w -> w.contains("api holds no signing power")
        && w.contains("SEAT_MANAGER_OWNER_PRIVATE_KEY"));
    // the process that holds the key (api-watch) still parses it and keeps the loopback rule
    assertThat(refused(env, "0.0.0.0").getMessage()).contains("must not be loaded by an API listening beyond loopback")
        .contains("SEAT_MANAGER_OWNER_PRIVATE_KEY must be a 32-byte hex private key");
    for (String name : List.of("SEAT_MANAGER_KMS_KEY_ID", "SEAT_MANAGER_SIGNER_PORT")) {
      Map<String, String> other = valid();
      chainSettings(other);
      other.put("SEAT_MANAGER_WRITES_ENABLED", "true");
      other.put("SEAT_MANAGER_SIGNER_ADDRESS", "0x" + "ab".repeat(20));
      other.put(name, name.endsWith("PORT") ? "7400" : "alias/treasury");
      other.put("SEAT_MANAGER_SIGNER_SECRET", org.centurion.seatmanager.testing.TestSecrets.hex32());
      Config c = ConfigLoader.load(new Environment(other), "127.0.0.1", 8080, ConfigLoader.Process.API);
      assertThat(c.writes().kmsKeyId()).as(name).isEmpty();
      assertThat(c.writes().remoteSigner()).as(name).isEmpty();
    }
  }

  @Test
  void inProductionAStaticTokenNeedsASunsetAtMostNinetyDaysAhead() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN", TestSecrets.hex32());
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET is required");
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET", today.plusDays(120).toString());
    assertThat(refused(env, "127.0.0.1").getMessage()).contains("at most 90 days ahead");
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET", today.plusDays(89).toString());
    assertThat(load(env, "127.0.0.1").security().staticAdminTokenSunset()).isPresent();
    // development keeps the old freedom (loopback only)
    env.remove("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET");
    env.put("SEAT_MANAGER_ENV", "development");
    assertThat(load(env, "127.0.0.1").security().staticAdminToken()).isPresent();
  }

  @Test
  void developmentModeOnlyOnLoopbackAndInsecureCookiesNeverInProduction() {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_ENV", "development");
    for (String host : java.util.List.of("0.0.0.0", "10.0.0.5", "example.org")) {
      assertThat(refused(env, host).getMessage()).as(host).contains("SEAT_MANAGER_ENV=development is only allowed");
    }
    assertThat(load(env, "::1").deployment()).isEqualTo(Config.Deployment.DEVELOPMENT);
    Map<String, String> prod = valid();
    prod.put("SEAT_MANAGER_SECURE_COOKIES", "false");
    assertThat(refused(prod, "127.0.0.1").getMessage()).contains("SEAT_MANAGER_SECURE_COOKIES=false is refused in production");
    // the runbook's 20+ characters for the admin is the production minimum for ADMIN users
    assertThat(load(valid(), "127.0.0.1").security().adminPasswordMinLength()).isEqualTo(20);
    assertThat(load(env, "127.0.0.1").security().adminPasswordMinLength()).isEqualTo(16);
  }

  @Test
  void sessionLockoutAndThrottleSettingsHaveBounds() {
    Map<String, Map.Entry<String, String>> outOfBounds = Map.of(
        "SEAT_MANAGER_SESSION_IDLE_MINUTES", Map.entry("61", "30"),
        "SEAT_MANAGER_SESSION_ABSOLUTE_HOURS", Map.entry("25", "12"),
        "SEAT_MANAGER_LOCKOUT_THRESHOLD", Map.entry("1000", "5"),
        "SEAT_MANAGER_LOCKOUT_MINUTES", Map.entry("100000", "15"),
        "SEAT_MANAGER_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE", Map.entry("100000", "30"),
        "SEAT_MANAGER_LOGIN_ATTEMPTS_PER_USER_PER_MINUTE", Map.entry("5000", "10"));
    for (var e : outOfBounds.entrySet()) {
      Map<String, String> env = valid();
      env.put(e.getKey(), e.getValue().getKey());
      assertThat(refused(env, "127.0.0.1").getMessage()).as(e.getKey()).contains(e.getKey() + " must be between");
      env.put(e.getKey(), e.getValue().getValue());
      load(env, "127.0.0.1");
    }
    Map<String, String> low = valid();
    low.put("SEAT_MANAGER_LOCKOUT_THRESHOLD", "2");
    assertThat(refused(low, "127.0.0.1").getMessage()).contains("between 3 and 10");
  }
}
