package org.centurion.seatmanager.devnet;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.utils.Numeric;

/** Calldata from a canonical signature and web3j ABI values, plus decoders for simple results. */
public final class AbiCall {
  private AbiCall() {}

  public static String encode(String signature, Type<?>... args) {
    String params = args.length == 0 ? "" : FunctionEncoder.encodeConstructor(Arrays.asList(args));
    return ReferenceContracts.selector(signature) + Numeric.cleanHexPrefix(params);
  }

  /** Constructor arguments appended to creation code. */
  public static String withConstructorArgs(String creationCode, Type<?>... args) {
    if (args.length == 0) {
      return creationCode;
    }
    return creationCode + Numeric.cleanHexPrefix(FunctionEncoder.encodeConstructor(List.of(args)));
  }

  public static Address address(String hex) {
    return new Address(hex);
  }

  public static DynamicBytes bytes(byte[] value) {
    return new DynamicBytes(value);
  }

  public static Bytes32 bytes32(byte[] value) {
    return new Bytes32(value);
  }

  public static Uint256 uint256(BigInteger value) {
    return new Uint256(value);
  }

  public static Uint256 uint256(long value) {
    return new Uint256(BigInteger.valueOf(value));
  }

  public static Uint64 uint64(long value) {
    return new Uint64(BigInteger.valueOf(value));
  }

  /** The n-th 32-byte word of a result as an unsigned integer. */
  public static BigInteger word(String resultHex, int n) {
    byte[] data = Numeric.hexStringToByteArray(resultHex);
    if (data.length < 32 * (n + 1)) {
      throw new IllegalArgumentException("result has " + data.length + " bytes, word " + n + " asked");
    }
    return new BigInteger(1, Arrays.copyOfRange(data, 32 * n, 32 * (n + 1)));
  }

  public static boolean bool(String resultHex) {
    return word(resultHex, 0).signum() != 0;
  }

  public static String addressResult(String resultHex) {
    return Numeric.toHexStringWithPrefixZeroPadded(word(resultHex, 0), 40);
  }

  public static byte[] bytes32Result(String resultHex) {
    return Numeric.toBytesPadded(word(resultHex, 0), 32);
  }

  /** A single ABI-encoded dynamic {@code bytes} value starting at base (4 for error arguments). */
  public static byte[] dynamicBytesResult(byte[] data, int base) {
    return tupleBytes(data, base, 0);
  }

  /** The index-th field, of type {@code bytes}, of an ABI-encoded tuple starting at base. */
  public static byte[] tupleBytes(byte[] data, int base, int index) {
    int head = base + 32 * index;
    int offset = new BigInteger(1, Arrays.copyOfRange(data, head, head + 32)).intValueExact();
    int start = base + offset;
    int length = new BigInteger(1, Arrays.copyOfRange(data, start, start + 32)).intValueExact();
    return Arrays.copyOfRange(data, start + 32, start + 32 + length);
  }
}
