package org.centurion.seatmanager.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.junit.jupiter.api.Test;

class DevnetDeployerTest extends ChainContractTest {
  @Test
  void deploysWiresAndFundsTheContractSet() {
    DevnetAddresses a = chain.addresses;
    assertThat(chain.control.code(a.exitRequestPredeploy()))
        .isEqualToIgnoringCase(chain.contracts.eip7002RuntimeCode());
    // immutables (the factory address) are filled in at deployment, so compare lengths only
    assertThat(chain.control.code(a.depositContract()).length())
        .isEqualTo(chain.contracts.artifact(ReferenceContracts.DEPOSIT_CONTRACT).runtimeBytecode().length());
    assertThat(AbiCall.addressResult(chain.tx.call(a.depositContract(), AbiCall.encode(Sig.OWNER))))
        .isEqualToIgnoringCase(chain.deployer.getAddress());
    assertThat(AbiCall.addressResult(chain.tx.call(a.treasuryRouter(), AbiCall.encode(Sig.ACTIVE_SIGNER))))
        .isEqualToIgnoringCase(chain.treasury.getAddress());
    assertThat(AbiCall.addressResult(chain.tx.call(a.vaultFactory(), AbiCall.encode("router()"))))
        .isEqualToIgnoringCase(a.treasuryRouter());
    assertThat(AbiCall.addressResult(chain.tx.call(a.depositContract(), AbiCall.encode("vaultFactory()"))))
        .isEqualToIgnoringCase(a.vaultFactory());
    assertThat(chain.control.balance(a.treasuryRouter())).isEqualTo(ChainFixture.ether(100));
  }

  @Test
  void predeployAnswersTheFeeQueryWithOneWei() {
    assertThat(new BigInteger(chain.tx.call(chain.addresses.exitRequestPredeploy(), "0x").substring(2), 16))
        .isEqualTo(BigInteger.ONE);
  }

  @Test
  void accountsAreAnvilsDevAccounts() throws Exception {
    assertThat(chain.web3j.ethAccounts().send().getAccounts().subList(0, 4))
        .containsExactly(
            DevnetAccounts.account(0).getAddress(), DevnetAccounts.account(1).getAddress(),
            DevnetAccounts.account(2).getAddress(), DevnetAccounts.account(3).getAddress());
  }

  @Test
  void everySignatureConstantIsInTheAbi() throws Exception {
    ReferenceContracts c = chain.contracts;
    for (var field : Sig.class.getFields()) {
      String sig = (String) field.get(null);
      String kind = field.getName().startsWith("EVENT_") ? "event" : "function";
      boolean declared = ReferenceContracts.NAMES.stream().anyMatch(n -> c.artifact(n).declares(kind, sig));
      assertThat(declared).as(field.getName() + " = " + sig).isTrue();
    }
    assertThat(ReferenceContracts.DEPOSIT_EVENT_TOPIC)
        .isEqualTo("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5");
    assertThat(ReferenceContracts.selector(Sig.DEPOSIT)).isEqualTo("0x22895118");
  }
}
