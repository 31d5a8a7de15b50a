package org.centurion.seatmanager.abi;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The one home of ABI encoding and decoding (issue 19; a top-level package, not under {@code chain},
 * because {@code signing} needs it and {@code chain} already depends on {@code signing}): selectors, calldata, and strict readers of
 * ABI words. Readers check every bound and throw {@link AbiException}, never an index error.
 */
public final class Abi {
  private Abi() {}

  /** The 4-byte selector of a canonical signature such as {@code deposit(bytes,bytes,bytes,bytes32)}, 0x-prefixed. */
  public static String selector(String signature) {
    return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII)), 0, 4, true);
  }

  /** topic0 of an event signature, 0x-prefixed. */
  public static String topic(String eventSignature) {
    return Numeric.toHexString(Hash.sha3(eventSignature.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Calldata: selector followed by the standard encoding of {@code args}, 0x-prefixed lowercase hex. */
  public static String encode(String signature, Type<?>... args) {
    String params = args.length == 0 ? "" : FunctionEncoder.encodeConstructor(Arrays.asList(args));
    return selector(signature) + Numeric.cleanHexPrefix(params);
  }

  /** As {@link #encode(String, Type[])}, from a list. */
  public static String encode(String signature, List<Type<?>> args) {
    return encode(signature, args.toArray(new Type<?>[0]));
  }

  /** The n-th 32-byte word of ABI data as an unsigned integer. */
  public static BigInteger word(byte[] data, int n) {
    if (n < 0 || data.length < 32L * (n + 1)) {
      throw new AbiException("ABI data has " + data.length + " bytes, word " + n + " asked");
    }
    return new BigInteger(1, Arrays.copyOfRange(data, 32 * n, 32 * (n + 1)));
  }

  public static byte[] wordBytes(byte[] data, int n) {
    word(data, n);
    return Arrays.copyOfRange(data, 32 * n, 32 * (n + 1));
  }

  /** The n-th word as an address, lower case; the 12 high bytes must be zero. */
  public static String wordAsAddress(byte[] data, int n) {
    BigInteger w = word(data, n);
    if (w.bitLength() > 160) {
      throw new AbiException("word " + n + " is not an address");
    }
    return Numeric.toHexStringWithPrefixZeroPadded(w, 40);
  }

  /** The index-th field, of type {@code bytes}, of ABI data holding a tuple; every bound checked. */
  public static byte[] dynamicBytes(byte[] data, int index) {
    BigInteger offset = word(data, index);
    if (offset.bitLength() > 31 || offset.intValue() % 32 != 0 || offset.intValue() + 32L > data.length) {
      throw new AbiException("field " + index + ": offset " + offset + " outside the data");
    }
    int at = offset.intValue();
    BigInteger length = new BigInteger(1, Arrays.copyOfRange(data, at, at + 32));
    if (length.bitLength() > 31 || at + 32L + length.longValue() > data.length) {
      throw new AbiException("field " + index + ": length " + length + " runs past the data");
    }
    return Arrays.copyOfRange(data, at + 32, at + 32 + length.intValue());
  }

  /** The first four bytes, 0x-prefixed, or {@code 0x} when there are fewer. */
  public static String selectorOf(byte[] calldata) {
    return calldata.length < 4 ? "0x" : Numeric.toHexString(calldata, 0, 4, true);
  }

  /** The bytes after the selector. */
  public static byte[] arguments(byte[] calldata) {
    return calldata.length < 4 ? new byte[0] : Arrays.copyOfRange(calldata, 4, calldata.length);
  }

  /** The n-th word of a call's return data as an address: a short or empty answer is an error, never a zero address. */
  public static String returnedAddress(String returnData) {
    byte[] data = Numeric.hexStringToByteArray(returnData == null ? "0x" : returnData);
    if (data.length < 32) {
      throw new AbiException("call returned no address (got " + data.length + " bytes)");
    }
    return wordAsAddress(data, 0);
  }

  /** Thrown for ABI data that is truncated, out of bounds or not canonically encoded. */
  public static final class AbiException extends IllegalArgumentException {
    public AbiException(String message) {
      super(message);
    }
  }
}
