package org.centurion.seatmanager.abi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Where our {@code VaultFactory} deploys the vault of a pubkey, computed offline exactly as the
 * factory does (see {@code contracts/VaultFactory.sol}):
 *
 * <pre>
 * salt     = sha256(pubkey)
 * initCode = WithdrawalVault.creationCode ‖ abi.encode(pubkey, beneficiary, router, principalDestination, 32 ether)
 * vault    = keccak256(0xff ‖ factory ‖ salt ‖ keccak256(initCode))[12:]
 * wc       = 0x01 ‖ 11 zero bytes ‖ vault
 * </pre>
 *
 * The beneficiary is part of the init code, so the same pubkey with another beneficiary names
 * another (never deployable: one vault per pubkey) address.
 *
 * @param creationCode the WithdrawalVault creation bytecode the factory embeds
 */
public record VaultDerivation(String factory, String router, String principalDestination, byte[] creationCode) {
  public VaultDerivation {
    factory = factory.toLowerCase(Locale.ROOT);
    router = router.toLowerCase(Locale.ROOT);
    principalDestination = principalDestination.toLowerCase(Locale.ROOT);
    if (creationCode.length == 0) {
      throw new IllegalArgumentException("the vault creation code is empty");
    }
    creationCode = creationCode.clone();
  }

  /** The vault our factory deploys (or deployed) for {@code pubkey} and {@code beneficiary}, lower case. */
  public String vaultFor(byte[] pubkey, String beneficiary) {
    if (pubkey.length != TreasuryAbi.PUBKEY_BYTES) {
      throw new IllegalArgumentException("a validator pubkey has 48 bytes, not " + pubkey.length);
    }
    String args = FunctionEncoder.encodeConstructor(List.of(new DynamicBytes(pubkey), new Address(beneficiary),
        new Address(router), new Address(principalDestination), new Uint256(TreasuryAbi.SEAT_DEPOSIT_WEI)));
    byte[] encodedArgs = Numeric.hexStringToByteArray(args);
    byte[] initCode = new byte[creationCode.length + encodedArgs.length];
    System.arraycopy(creationCode, 0, initCode, 0, creationCode.length);
    System.arraycopy(encodedArgs, 0, initCode, creationCode.length, encodedArgs.length);
    byte[] preimage = new byte[1 + 20 + 32 + 32];
    preimage[0] = (byte) 0xff;
    System.arraycopy(Numeric.hexStringToByteArray(factory), 0, preimage, 1, 20);
    System.arraycopy(sha256(pubkey), 0, preimage, 21, 32);
    System.arraycopy(Hash.sha3(initCode), 0, preimage, 53, 32);
    byte[] hash = Hash.sha3(preimage);
    return Numeric.toHexString(hash, 12, 20, true);
  }

  /** The 0x01 withdrawal credentials naming {@link #vaultFor}. */
  public byte[] credentialsFor(byte[] pubkey, String beneficiary) {
    return credentialsOf(vaultFor(pubkey, beneficiary));
  }

  /** {@code 0x01 ‖ 11 zero bytes ‖ vault}. */
  public static byte[] credentialsOf(String vault) {
    byte[] wc = new byte[32];
    wc[0] = 0x01;
    System.arraycopy(Numeric.hexStringToByteArray(vault), 0, wc, 12, 20);
    return wc;
  }

  public static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "VaultDerivation[factory=" + factory + ", router=" + router + ", principalDestination=" + principalDestination
        + ", creationCodeHash=" + Numeric.toHexString(Hash.sha3(creationCode)) + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VaultDerivation v && v.factory.equals(factory) && v.router.equals(router)
        && v.principalDestination.equals(principalDestination) && java.util.Arrays.equals(v.creationCode, creationCode);
  }

  @Override
  public int hashCode() {
    return factory.hashCode();
  }

}
