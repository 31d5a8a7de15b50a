package org.centurion.seatmanager.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.BytesType;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns revert data into a readable message: {@code Error(string)}, {@code Panic(uint256)} and the
 * custom errors whose signatures it is given, e.g. {@code "NotAllowlisted(bytes)"} or {@code
 * "ValueTooHigh(uint256,uint256)"}. Data it cannot decode is still described, never thrown on.
 */
public final class RevertDecoder {
  private static final Pattern SIGNATURE = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)\\(([a-z0-9\\[\\],]*)\\)");
  private static final String ERROR_STRING = "Error(string)";
  private static final String PANIC = "Panic(uint256)";

  private record ErrorAbi(String name, String signature, List<TypeReference<Type>> types) {}

  private final Map<String, ErrorAbi> bySelector = new HashMap<>();

  /** @throws IllegalArgumentException for a malformed or unsupported signature, or a selector clash */
  public RevertDecoder(List<String> errorSignatures) {
    List<String> all = new ArrayList<>(errorSignatures);
    all.add(ERROR_STRING);
    all.add(PANIC);
    for (String sig : all) {
      ErrorAbi abi = parse(sig.replace(" ", ""));
      String selector = selector(abi.signature());
      ErrorAbi clash = bySelector.putIfAbsent(selector, abi);
      if (clash != null && !clash.signature().equals(abi.signature())) {
        throw new IllegalArgumentException("selector " + selector + " of " + sig + " clashes with " + clash.signature());
      }
    }
  }

  public static String selector(String signature) {
    return Numeric.toHexString(Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 10);
  }

  private static ErrorAbi parse(String sig) {
    var m = SIGNATURE.matcher(sig);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an error signature: " + sig);
    }
    List<TypeReference<Type>> types = new ArrayList<>();
    if (!m.group(2).isEmpty()) {
      for (String t : m.group(2).split(",", -1)) {
        try {
          @SuppressWarnings("unchecked")
          TypeReference<Type> ref = (TypeReference<Type>) TypeReference.makeTypeReference(t);
          types.add(ref);
        } catch (ClassNotFoundException | RuntimeException e) {
          throw new IllegalArgumentException("unsupported parameter type '" + t + "' in " + sig);
        }
      }
    }
    return new ErrorAbi(m.group(1), sig, types);
  }

  /**
   * A readable message for {@code revertData} (0x-prefixed hex); never throws on bad data. A
   * {@code bytes} argument that itself holds a known error (the router's {@code CallFailed(bytes)}
   * wrapping the target's revert) is decoded in place.
   */
  public String decode(String revertData) {
    return decode(revertData, 0);
  }

  private String decode(String revertData, int depth) {
    if (revertData == null || !revertData.matches("0x([0-9a-fA-F]{2})*")) {
      return "reverted without readable data";
    }
    String hex = Numeric.cleanHexPrefix(revertData).toLowerCase(java.util.Locale.ROOT);
    if (hex.isEmpty()) {
      return "reverted without data";
    }
    if (hex.length() < 8) {
      return "reverted with malformed data 0x" + hex;
    }
    String selector = "0x" + hex.substring(0, 8);
    ErrorAbi abi = bySelector.get(selector);
    if (abi == null) {
      return "unknown custom error " + selector + " (" + (hex.length() / 2 - 4) + " bytes of arguments)";
    }
    List<Type> values;
    try {
      values = FunctionReturnDecoder.decode("0x" + hex.substring(8), abi.types());
    } catch (RuntimeException e) {
      values = null;
    }
    if (values == null || values.size() != abi.types().size()) {
      return abi.name() + " with undecodable arguments (0x" + hex.substring(8) + ")";
    }
    if (abi.signature().equals(ERROR_STRING)) {
      return "reverted: " + values.get(0).getValue();
    }
    if (abi.signature().equals(PANIC)) {
      return "panic " + Numeric.toHexStringWithPrefix((BigInteger) values.get(0).getValue()) + panicMeaning((BigInteger) values.get(0).getValue());
    }
    List<String> rendered = new ArrayList<>();
    for (Type v : values) {
      rendered.add(v instanceof org.web3j.abi.datatypes.DynamicBytes b && depth < 3 && nestedError(b.getValue())
          ? decode(Numeric.toHexString(b.getValue()), depth + 1)
          : render(v));
    }
    return abi.name() + "(" + String.join(", ", rendered) + ")";
  }

  private boolean nestedError(byte[] bytes) {
    return bytes.length >= 4 && bySelector.containsKey(Numeric.toHexString(bytes, 0, 4, true));
  }

  private static String render(Type<?> v) {
    if (v instanceof Address a) {
      return a.getValue();
    }
    if (v instanceof BytesType b) {
      return Numeric.toHexString(b.getValue());
    }
    if (v instanceof NumericType n) {
      return n.getValue().toString();
    }
    if (v instanceof Bool b) {
      return b.getValue().toString();
    }
    if (v instanceof Utf8String s) {
      return '"' + s.getValue() + '"';
    }
    if (v.getValue() instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(o instanceof Type<?> t ? render(t) : String.valueOf(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v.getValue());
  }

  private static String panicMeaning(BigInteger code) {
    return switch (code.intValue()) {
      case 0x01 -> " (assertion failed)";
      case 0x11 -> " (arithmetic overflow or underflow)";
      case 0x12 -> " (division by zero)";
      case 0x21 -> " (invalid enum value)";
      case 0x32 -> " (array index out of bounds)";
      case 0x41 -> " (out of memory)";
      case 0x51 -> " (call to an uninitialised function)";
      default -> "";
    };
  }
}
