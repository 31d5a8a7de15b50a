package org.centurion.seatmanager.devnet;

import static org.centurion.seatmanager.devnet.AbiCall.address;

import java.math.BigInteger;
import org.web3j.crypto.Credentials;

/**
 * Puts the reference contract set on a fresh anvil chain: injects the EIP-7002 predeploy, deploys
 * the router (active signer = treasury signer), the factory (router-only, principal back to the
 * router) and the deposit contract (owner and allowlist admin = deployer), and funds the router.
 */
public final class DevnetDeployer {
  private final DevnetTransactor tx;
  private final AnvilControl anvil;
  private final ReferenceContracts contracts;

  public DevnetDeployer(DevnetTransactor tx, AnvilControl anvil, ReferenceContracts contracts) {
    this.tx = tx;
    this.anvil = anvil;
    this.contracts = contracts;
  }

  public DevnetAddresses deploy(
      Credentials deployer, Credentials treasurySigner, Credentials depositor, BigInteger routerFundingWei) {
    anvil.setCode(ReferenceContracts.EIP7002_PREDEPLOY, contracts.eip7002RuntimeCode());
    String router = tx.deploy(deployer, AbiCall.withConstructorArgs(
        contracts.artifact(ReferenceContracts.TREASURY_ROUTER).creationBytecode(),
        address(treasurySigner.getAddress())));
    String factory = tx.deploy(deployer, AbiCall.withConstructorArgs(
        contracts.artifact(ReferenceContracts.VAULT_FACTORY).creationBytecode(),
        address(router), address(router)));
    String deposit = tx.deploy(deployer, AbiCall.withConstructorArgs(
        contracts.artifact(ReferenceContracts.DEPOSIT_CONTRACT).creationBytecode(),
        address(factory)));
    if (routerFundingWei.signum() > 0) {
      tx.send(deployer, router, routerFundingWei, "0x");
    }
    return new DevnetAddresses(
        deposit, factory, router, ReferenceContracts.EIP7002_PREDEPLOY, router,
        deployer.getAddress(), deployer.getAddress(), treasurySigner.getAddress(), depositor.getAddress());
  }
}
