package org.centurion.seatmanager.devnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that reads the compiled reference contracts (resources {@code contracts/*.json},
 * built by {@code contracts/compile.mjs}) and the canonical EIP-7002 predeploy code.
 *
 * <p>Signatures are constants in {@link Sig}: the devnet deploys and drives the contracts with
 * them, and a production ABI layer can use the same strings; a test checks each is in the ABI.
 */
public final class ReferenceContracts {
  public static final String DEPOSIT_CONTRACT = "DepositContractCTN";
  public static final String VAULT_FACTORY = "VaultFactory";
  public static final String WITHDRAWAL_VAULT = "WithdrawalVault";
  public static final String TREASURY_ROUTER = "TreasuryRouter";
  public static final List<String> NAMES =
      List.of(DEPOSIT_CONTRACT, VAULT_FACTORY, WITHDRAWAL_VAULT, TREASURY_ROUTER);

  /** Where Ethereum (and Centurion) have the EIP-7002 withdrawal-request predeploy. */
  public static final String EIP7002_PREDEPLOY = "0x00000961Ef480Eb55e80D19ad83579A64c007002";

  /** Function, event and error signatures of the reference contracts (canonical ABI form). */
  public static final class Sig {
    // DepositContractCTN
    public static final String DEPOSIT = "deposit(bytes,bytes,bytes,bytes32)";
    public static final String GET_DEPOSIT_ROOT = "get_deposit_root()";
    public static final String GET_DEPOSIT_COUNT = "get_deposit_count()";
    public static final String SUPPORTS_INTERFACE = "supportsInterface(bytes4)";
    public static final String OWNER = "owner()";
    public static final String ALLOWLIST_ADMIN = "allowlistAdmin()";
    public static final String PENDING_ALLOWLIST_ADMIN = "pendingAllowlistAdmin()";
    public static final String ALLOWLIST_EPOCH = "allowlistEpoch()";
    public static final String TRANSFER_ALLOWLIST_ADMIN = "transferAllowlistAdmin(address)";
    public static final String CANCEL_ALLOWLIST_ADMIN_TRANSFER = "cancelAllowlistAdminTransfer()";
    public static final String ACCEPT_ALLOWLIST_ADMIN = "acceptAllowlistAdmin()";
    public static final String TRANSFER_OWNERSHIP = "transferOwnership(address)";
    public static final String ACCEPT_OWNERSHIP = "acceptOwnership()";
    public static final String ADD_ALLOWED_DEPOSIT = "addAllowedDeposit(bytes,bytes)";
    public static final String ADD_ALLOWED_DEPOSIT_FOR = "addAllowedDepositFor(bytes,bytes,uint64,address)";
    public static final String REMOVE_ALLOWED_DEPOSIT_FOR =
        "removeAllowedDepositFor(bytes,bytes,uint64,address)";
    public static final String IS_ALLOWED_DEPOSIT_INTENT_FOR =
        "isAllowedDepositIntentFor(bytes,bytes,uint64,address)";
    public static final String DEPOSIT_INTENT_HASH =
        "depositIntentHash(bytes,bytes,uint64,address,uint256)";
    public static final String ALLOWED_DEPOSITS = "allowedDeposits(bytes32)";
    public static final String CONSUMED_INTENTS = "consumedIntents(bytes32)";
    public static final String PHASE1_VALIDATOR_ACTIVATED = "phase1ValidatorActivated(bytes32)";
    public static final String EVENT_DEPOSIT = "DepositEvent(bytes,bytes,bytes,bytes,bytes)";
    public static final String EVENT_INTENT_ALLOWED =
        "DepositIntentAllowedFor(bytes32,address,bytes,bytes,uint64,uint256)";
    public static final String EVENT_INTENT_CONSUMED =
        "DepositIntentConsumedFor(bytes32,address,bytes32)";
    public static final String EVENT_INTENT_REMOVED = "DepositIntentRemovedFor(bytes32,address)";

    // VaultFactory
    public static final String DEPLOY_VAULT = "deployVault(bytes,address)";
    public static final String IS_VAULT = "isVault(address)";
    public static final String VAULT_BY_PUBKEY_HASH = "vaultByValidatorPubkeyHash(bytes32)";
    public static final String PREDICT_VAULT = "predictVault(bytes,address)";
    public static final String PREVIEW_WITHDRAWAL_CREDENTIALS =
        "previewWithdrawalCredentials(bytes,address)";
    public static final String EVENT_VAULT_DEPLOYED = "VaultDeployed(bytes32,address,address)";

    // WithdrawalVault
    public static final String VALIDATOR_PUBKEY_HASH = "validatorPubkeyHash()";
    public static final String EXECUTION_WITHDRAWAL_CREDENTIALS = "executionWithdrawalCredentials()";
    public static final String BENEFICIARY = "beneficiary()";
    public static final String PHASE = "phase()";
    public static final String TOTAL_LIFETIME_WEI = "totalLifetimeWei()";
    public static final String PRINCIPAL_CLAIMED_WEI = "principalClaimedWei()";
    public static final String REWARDS_CLAIMED_WEI = "rewardsClaimedWei()";
    public static final String SET_CLAIM_DELAY = "setClaimDelay(uint256)";
    public static final String SET_MAX_CLAIM_PER_PERIOD = "setMaxClaimPerPeriod(uint256)";
    public static final String INITIATE_CLAIM_REWARDS = "initiateClaimRewards(uint256)";
    public static final String CANCEL_CLAIM_REWARDS = "cancelClaimRewards()";
    public static final String FINALIZE_CLAIM_REWARDS = "finalizeClaimRewards()";
    public static final String PROPOSE_SETTLEMENT = "proposeSettlement(uint256)";
    public static final String CANCEL_SETTLEMENT = "cancelSettlement()";
    public static final String FINALIZE_SETTLEMENT = "finalizeSettlement()";
    public static final String DRAIN_REMAINDER = "drainRemainder()";
    public static final String TRIGGER_VALIDATOR_EXIT = "triggerValidatorExit()";
    public static final String CURRENT_EXIT_REQUEST_FEE_WEI = "currentExitRequestFeeWei()";
    public static final String PROPOSE_BENEFICIARY = "proposeBeneficiary(address)";
    public static final String APPROVE_BENEFICIARY_ROTATION = "approveBeneficiaryRotation(address)";
    public static final String CANCEL_BENEFICIARY_ROTATION = "cancelBeneficiaryRotation()";
    public static final String ACCEPT_BENEFICIARY = "acceptBeneficiary()";
    public static final String EVENT_VALIDATOR_EXIT_REQUESTED = "ValidatorExitRequested(bytes,uint256)";

    // TreasuryRouter
    public static final String EXECUTE = "execute(address,uint256,bytes)";
    public static final String ACTIVE_SIGNER = "activeSigner()";
    public static final String PROPOSE_SIGNER_ROTATION = "proposeSignerRotation(address)";
    public static final String CANCEL_SIGNER_ROTATION = "cancelSignerRotation()";
    public static final String ACCEPT_SIGNER_ROTATION = "acceptSignerRotation()";

    private Sig() {}
  }

  /** keccak256 of the DepositEvent signature: the topic0 the execution client parses. */
  public static final String DEPOSIT_EVENT_TOPIC = topic(Sig.EVENT_DEPOSIT);

  private final Map<String, ContractArtifact> artifacts;
  private final Map<String, String> errorsBySelector;
  private final String eip7002RuntimeCode;

  private ReferenceContracts(
      Map<String, ContractArtifact> artifacts, Map<String, String> errors, String eip7002) {
    this.artifacts = Map.copyOf(artifacts);
    this.errorsBySelector = Map.copyOf(errors);
    this.eip7002RuntimeCode = eip7002;
  }

  /** Reads every artifact from the classpath; fails loudly when one is missing or malformed. */
  public static ReferenceContracts load() {
    JsonMapper json = JsonMapper.builder().build();
    Map<String, ContractArtifact> artifacts = new HashMap<>();
    Map<String, String> errors = new HashMap<>();
    for (String name : NAMES) {
      JsonNode root = json.readTree(resource("contracts/" + name + ".json"));
      List<ContractArtifact.AbiEntry> abi = new ArrayList<>();
      for (JsonNode entry : root.get("abi")) {
        String kind = entry.get("type").asString();
        String signature = kind.equals("constructor") || kind.equals("receive") || kind.equals("fallback")
            ? kind + types(entry.get("inputs"))
            : entry.get("name").asString() + types(entry.get("inputs"));
        abi.add(new ContractArtifact.AbiEntry(kind, signature));
        if (kind.equals("error")) {
          errors.put(selector(signature), signature);
        }
      }
      artifacts.put(name, new ContractArtifact(
          name, List.copyOf(abi), root.get("bytecode").asString(),
          root.get("deployedBytecode").asString()));
    }
    // the canonical Error(string) and Panic(uint256) of require/assert
    errors.put(selector("Error(string)"), "Error(string)");
    errors.put(selector("Panic(uint256)"), "Panic(uint256)");
    String predeploy = resource("contracts/eip7002-predeploy.runtime.hex").strip();
    return new ReferenceContracts(artifacts, errors, predeploy);
  }

  public ContractArtifact artifact(String name) {
    ContractArtifact a = artifacts.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no reference contract named " + name);
    }
    return a;
  }

  /** The canonical EIP-7002 predeploy runtime code ({@code 0x}-hex, 504 bytes). */
  public String eip7002RuntimeCode() {
    return eip7002RuntimeCode;
  }

  /** The error signature ({@code Name(types)}) for a 4-byte selector, if any contract declares it. */
  public Optional<String> errorSignature(String selectorHex) {
    return Optional.ofNullable(errorsBySelector.get(selectorHex.toLowerCase()));
  }

  /** {@code 0x} + the first 4 bytes of keccak256(signature). */
  public static String selector(String signature) {
    return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII)), 0, 4, true);
  }

  public static String topic(String eventSignature) {
    return Numeric.toHexString(Hash.sha3(eventSignature.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String types(JsonNode inputs) {
    if (inputs == null) {
      return "()";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < inputs.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(inputs.get(i).get("type").asString());
    }
    return sb.append(')').toString();
  }

  private static String resource(String path) {
    try (InputStream in = ReferenceContracts.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path + " (run node contracts/compile.mjs)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
  }
}
